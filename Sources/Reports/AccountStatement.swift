// AccountStatement: the extra-financial statement of a corpus, per resolution
// and indicator: baseline, latest observed value, target, trend status, and
// the effects its measures claim. Read from the facts the accounts lower to,
// so that it cannot disagree with the findings; every format of the audit
// renders the same rows.
import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

package struct AccountStatement: Sendable {
    /// A value of an indicator in a year.
    package struct Point: Sendable, Equatable {
        package let value: ExactDecimal
        package let year: Int
    }

    /// One indicator of one resolution.
    package struct Row: Sendable {
        package let resolution: String
        package let indicator: String
        package let title: String
        /// For an indicator a draft declares (not of the global framework), the targets it monitors; else nil.
        package let localTargets: [String]?
        package let unit: String
        /// "lower" or "higher" is better; "" when neither is said nor follows from a target.
        package let better: String
        package let baseline: Point?
        package let target: Point?
        /// Every observed value, by year.
        package let observed: [Point]
        /// The trend status and its reading ("" when it cannot be computed).
        package let status: String
        package let reading: String
        /// Each claimed effect, in the indicator's unit, with what its measure costs (if it says).
        package let effects: [(measure: String, year: Int, value: ExactDecimal, cost: String?)]
        /// The effects up to the target's year, added (`account-claimed`); and how they compare with the gap (over, under, matches).
        package let claimed: ExactDecimal?
        package let comparison: String

        package var latest: Point? { observed.last }
    }

    package let rows: [Row]

    package var isEmpty: Bool { rows.isEmpty }
}

extension AccountStatement {
    /// The statement of an evaluated model.
    package static func make(model: Model) -> AccountStatement {
        func key(_ value: Value) -> String { ValueFormatter.key(value) }
        func pair(_ tuple: [Value]) -> [String] { [key(tuple[0]), key(tuple[1])] }
        var units: [[String]: String] = [:]
        var better: [[String]: String] = [:]
        var values: [[String]: [(kind: String, point: Point)]] = [:]
        var statuses: [[String]: (String, String)] = [:]
        var comparisons: [[String]: String] = [:]
        var effects: [[String]: [(measure: String, year: Int, value: ExactDecimal, cost: String?)]] = [:]
        var costs: [String: String] = [:]
        let locals = Set(model.tuples("local-indicator").compactMap { $0.first.map(key) })
        var monitored: [String: [String]] = [:]
        for tuple in model.tuples("indicator-of") where tuple.count == 2 && locals.contains(key(tuple[0])) {
            monitored[key(tuple[0]), default: []].append(key(tuple[1]))
        }
        for tuple in model.tuples("measure-cost") where tuple.count == 2 { costs[key(tuple[0])] = key(tuple[1]) }
        for tuple in model.tuples("account-unit") where tuple.count == 3 { units[pair(tuple)] = key(tuple[2]) }
        for tuple in model.tuples("account-better") where tuple.count == 3 { better[pair(tuple)] = key(tuple[2]) }
        for tuple in model.tuples("account-value") where tuple.count == 5 {
            guard case .integer(let year) = tuple[3], case .quantity(let value, _) = tuple[4] else { continue }
            values[pair(tuple), default: []].append((key(tuple[2]), Point(value: value, year: year)))
        }
        for tuple in model.tuples("account-status") where tuple.count == 4 { statuses[pair(tuple)] = (key(tuple[2]), key(tuple[3])) }
        for tuple in model.tuples("account-claims") where tuple.count == 4 { comparisons[pair(tuple)] = key(tuple[2]) }
        var totals: [[String]: ExactDecimal] = [:]
        for tuple in model.tuples("account-claimed") where tuple.count == 3 {
            if case .quantity(let total, _) = tuple[2] { totals[pair(tuple)] = total }
        }
        for tuple in model.tuples("account-effect") where tuple.count == 5 {
            guard case .integer(let year) = tuple[3], case .quantity(let value, _) = tuple[4] else { continue }
            effects[pair(tuple), default: []].append((key(tuple[2]), year, value, costs[key(tuple[2])]))
        }
        let program = model.program
        let accounts = model.tuples("account").filter { $0.count == 2 }.map(pair).sorted { a, b in
            a[0] != b[0] ? NaturalOrder.precedes(a[0], b[0]) : NaturalOrder.precedes(a[1], b[1])
        }
        let rows = accounts.map { account -> Row in
            let points = values[account] ?? []
            let target = points.first { $0.kind == "target" }?.point
            let claimedEffects = (effects[account] ?? []).sorted { ($0.year, $0.measure) < ($1.year, $1.measure) }
            return Row(
                resolution: account[0], indicator: account[1],
                title: program.entity(.indicator, account[1])?.title ?? "",
                localTargets: locals.contains(account[1]) ? (monitored[account[1]] ?? []).sorted(by: NaturalOrder.precedes) : nil,
                unit: units[account] ?? "",
                better: better[account] ?? "", baseline: points.first { $0.kind == "baseline" }?.point, target: target,
                observed: points.filter { $0.kind == "observed" }.map(\.point).sorted { $0.year < $1.year },
                status: statuses[account]?.0 ?? "", reading: statuses[account]?.1 ?? "", effects: claimedEffects,
                claimed: totals[account], comparison: comparisons[account] ?? "")
        }
        return AccountStatement(rows: rows)
    }

    /// The statement as text: one block per resolution, a line per indicator and per claimed effect.
    package func text() -> String {
        guard !rows.isEmpty else { return "no resolution keeps an account of an indicator\n" }
        var out = ""
        var current = ""
        for row in rows {
            if row.resolution != current {
                out += (current.isEmpty ? "" : "\n") + "\(row.resolution)\n"
                current = row.resolution
            }
            let local = row.localTargets.map { "local, monitors \($0.joined(separator: ", ")); " } ?? ""
            out += "  \(row.indicator) \(row.title) (\(local)\(row.unit)\(row.better.isEmpty ? "" : ", \(row.better) is better"))\n"
            out += "    baseline \(Self.show(row.baseline))   latest \(Self.show(row.latest))   target \(Self.show(row.target))\n"
            out += "    status   \(row.status.isEmpty ? "not computed (a baseline, a target and a later value are needed)" : row.status)\n"
            for effect in row.effects {
                out += "    claimed  \(effect.measure) \(Self.signed(effect.value)) by \(effect.year)"
                out += effect.cost.map { ", cost \($0)\n" } ?? "\n"
            }
            if let claimed = row.claimed {
                out += "    claimed  in all \(Self.signed(claimed))"
                out += row.comparison.isEmpty ? "\n" : ", \(Self.comparisonWords(row.comparison)) the gap to the target\n"
            }
        }
        return out
    }

    static func show(_ point: Point?) -> String {
        point.map { "\($0.value.grouped) (\($0.year))" } ?? "-"
    }

    static func signed(_ value: ExactDecimal) -> String {
        value.signum > 0 ? "+" + value.grouped : value.grouped
    }

    static func comparisonWords(_ comparison: String) -> String {
        switch comparison {
        case "over": "more than"
        case "under": "less than"
        default: "exactly"
        }
    }
}

extension AccountStatement {
    /// The columns of `accounts.csv`: a row per indicator, then a row per claimed effect.
    package static let csvHeader = [[
        "resolution", "indicator", "unit", "better", "baseline", "baseline year", "latest", "latest year", "target",
        "target year", "status", "claimed", "claims against the gap", "measure", "effect", "effect year", "measure cost",
    ]]

    package func csvRows() -> [[String]] {
        var out: [[String]] = []
        for row in rows {
            let head = [row.resolution, row.indicator, row.unit, row.better]
            func point(_ point: Point?) -> [String] { [point?.value.description ?? "", point.map { String($0.year) } ?? ""] }
            out.append(
                head + point(row.baseline) + point(row.latest) + point(row.target)
                    + [row.status, row.claimed?.description ?? "", row.comparison, "", "", "", ""])
            for effect in row.effects {
                out.append(
                    head + Array(repeating: "", count: 9) + [effect.measure, effect.value.description, String(effect.year), effect.cost ?? ""])
            }
        }
        return out
    }

    /// The same numbers as JSON; values are strings of exact decimals, as written.
    package func json() -> JSONValue {
        .array(rows.map { row in
            func point(_ point: Point?) -> JSONValue {
                point.map { .object([("value", .string($0.value.description)), ("year", .number($0.year))]) } ?? .null
            }
            return .object([
                ("resolution", .string(row.resolution)), ("indicator", .string(row.indicator)), ("title", .string(row.title)),
                ("monitors", row.localTargets.map { .array($0.map(JSONValue.string)) } ?? .null),
                ("unit", .string(row.unit)), ("better", .string(row.better)), ("baseline", point(row.baseline)),
                ("target", point(row.target)), ("observed", .array(row.observed.map { point($0) })),
                ("status", row.status.isEmpty ? .null : .string(row.status)), ("reading", .string(row.reading)),
                ("effects", .array(row.effects.map { effect in
                    .object([
                        ("measure", .string(effect.measure)), ("value", .string(effect.value.description)),
                        ("year", .number(effect.year)), ("cost", effect.cost.map(JSONValue.string) ?? .null),
                    ])
                })),
                ("claimed", row.claimed.map { .string($0.description) } ?? .null),
                ("claimsAgainstGap", row.comparison.isEmpty ? .null : .string(row.comparison)),
            ])
        })
    }
}
