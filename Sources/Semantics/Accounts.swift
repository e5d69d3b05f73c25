import Diagnostics
import Syntax

// Accounts: the indicators a resolution keeps books on (baseline, target,
// observed values, in a declared unit), the effects its measures claim on
// them, and what follows: the trend status of each indicator, and whether the
// claimed effects add up to the gap to the target. Numbers are exact decimals
// (`ExactDecimal`); units convert only through `unit` declarations. The
// results are facts (`account-status`, `account-claims`), each with a reading
// that gives the numbers, which the rules of `Rules/accounts/` report on.

enum Accounts {
    /// Checks units, accounts and effects: names, duplicates, units that convert.
    static func check(_ context: inout CheckContext) {
        var problems: [Diagnostic] = []
        let units = UnitTable(context.unitDecls) { problems.append($0) }
        func requireUnit(_ unit: Name) -> Bool {
            guard units.knows(unit.value) else {
                problems.append(.unknownUnit(unit, suggestion: EditDistance.suggestion(for: unit.value, among: units.ids)))
                return false
            }
            return true
        }
        for resolution in context.resolutions {
            var accounts: [String: (unit: Name?, span: Span)] = [:]
            for item in resolution.items {
                guard case .account(let account) = item.kind else { continue }
                if let first = accounts[account.indicator.value] {
                    problems.append(
                        .invalidAccount(
                            account.indicator.span, "\(resolution.id.value) keeps two accounts of \(account.indicator.value)",
                            help: "keep one `indicator \(account.indicator.value)` block", first: first.span))
                    continue
                }
                let unit = checkItems(account, &problems)
                if let unit, !requireUnit(unit) {
                    accounts[account.indicator.value] = (nil, account.indicator.span)
                } else {
                    accounts[account.indicator.value] = (unit, account.indicator.span)
                }
            }
            for item in resolution.items {
                guard case .measure(let measure) = item.kind else { continue }
                for measureItem in measure.items {
                    if case .cost(_, let unit) = measureItem.kind { _ = requireUnit(unit) }
                    guard case .effect(let indicator, let amount, let unit, let year) = measureItem.kind else { continue }
                    if !(1000...9999).contains(year.value) {
                        problems.append(.invalidAccount(year.span, "`\(year.value)` is not a year", help: "write a year such as 2030"))
                    }
                    guard requireUnit(unit), let account = accounts[indicator.value], let accountUnit = account.unit else { continue }
                    if !units.converts(unit.value, to: accountUnit.value) {
                        problems.append(.unitMismatch(unit, indicator: indicator.value, accountUnit: accountUnit.value, at: accountUnit.span))
                    } else if units.convert(amount.value, from: unit.value, to: accountUnit.value) == nil {
                        // The accounts would leave it out: say so rather than count less in silence.
                        problems.append(
                            .invalidAccount(
                                amount.span, "\(amount.value) \(unit.value) in `\(accountUnit.value)` is past 18 digits",
                                help: "write the effect in a unit closer to the account's, or keep the account in a larger unit"))
                    }
                }
            }
        }
        for problem in problems { context.report(problem) }
        context.program.units = units
    }

    /// One unit, one `better`, one baseline and target, one value a year; the unit, if any.
    private static func checkItems(_ account: AccountDecl, _ problems: inout [Diagnostic]) -> Name? {
        var firsts: [String: Span] = [:]
        var years: [Int: Span] = [:]
        var unit: Name?
        for item in account.items {
            let word: String
            switch item.kind {
            case .unit(let name):
                word = "unit"
                if unit == nil { unit = name }
            case .better: word = "better"
            case .data, .monitors: continue
            case .baseline: word = "baseline"
            case .target: word = "target"
            case .observed(let point, _):
                if let first = years[point.year.value] {
                    problems.append(
                        .invalidAccount(
                            point.year.span, "two values of \(account.indicator.value) are observed in \(point.year.value)",
                            help: "keep the one the source gives last", first: first))
                }
                years[point.year.value] = years[point.year.value] ?? point.year.span
                continue
            }
            if let first = firsts[word] {
                problems.append(
                    .invalidAccount(
                        item.span, "the account of \(account.indicator.value) has two `\(word)` items",
                        help: "keep one", first: first))
            }
            firsts[word] = firsts[word] ?? item.span
        }
        if unit == nil {
            problems.append(
                .invalidAccount(
                    account.indicator.span, "the account of \(account.indicator.value) names no unit",
                    help: "say what its values count, as in `unit kt-co2e` (numbers of different kinds are never added)"))
        }
        return unit
    }
}

extension Accounts {
    /// The facts of the accounts and effects: what each account holds, each
    /// indicator's trend status with its reading, each effect, and how the
    /// effects of a resolution's measures compare with the gap to its targets.
    static func lower(_ context: CheckContext, _ add: (String, [Value], Span) -> Void) {
        let units = UnitTable(context.unitDecls) { _ in }
        let chains = Chains(context.resolutions)
        for resolution in context.resolutions {
            let r = Value.id(resolution.id.value)
            var accounts: [String: Account] = [:]
            for item in resolution.items {
                guard case .account(let declaration) = item.kind, accounts[declaration.indicator.value] == nil else { continue }
                let account = Account(declaration)
                accounts[declaration.indicator.value] = account
                // A value in the account's unit, as rules compare and compute with it.
                func quantity(_ value: ExactDecimal) -> Value { .number(value, unit: account.unit ?? "") }
                let i = Value.id(declaration.indicator.value)
                add("account", [r, i], declaration.indicator.span)
                if let unit = account.unit { add("account-unit", [r, i, .text(units.symbol(unit))], declaration.indicator.span) }
                if let lower = account.lowersToTarget {
                    add("account-better", [r, i, .id(lower ? "lower" : "higher")], declaration.indicator.span)
                }
                if let baseline = account.baseline {
                    add("account-baseline", [r, i, .integer(baseline.year.value)], baseline.year.span)
                    add("account-value", [r, i, .id("baseline"), .integer(baseline.year.value), quantity(baseline.value.value)], baseline.value.span)
                }
                if let target = account.target {
                    add("account-target", [r, i, .integer(target.year.value)], target.year.span)
                    add("account-value", [r, i, .id("target"), .integer(target.year.value), quantity(target.value.value)], target.value.span)
                }
                for point in account.observed {
                    add("account-observed", [r, i, .integer(point.year.value)], point.year.span)
                    add("account-value", [r, i, .id("observed"), .integer(point.year.value), quantity(point.value.value)], point.value.span)
                }
                if let (status, reading, span) = account.status(units) {
                    add("account-status", [r, i, .id(status.rawValue), .text(reading)], span)
                }
            }
            for item in resolution.items {
                guard case .measure(let measure) = item.kind else { continue }
                for case .cost(let amount, let unit) in measure.items.map(\.kind) {
                    add("measure-cost", [.id("\(resolution.id.value).\(measure.id.value)"), .text(units.show(amount.value, unit.value))], unit.span)
                }
            }
            for effect in chains.effects[resolution.id.value] ?? [] {
                let shown = "\(units.show(effect.amount, effect.unit)) by \(effect.year)"
                add("effect", [.id(effect.measure), .id(effect.indicator), .text(shown)], effect.span)
            }
            for indicator in accounts.keys.sorted() {
                guard let account = accounts[indicator], let unit = account.unit else { continue }
                // Its own measures' effects, and those of the resolutions that implement it, each once.
                let claimed = chains.counted(indicator, under: resolution.id.value)
                guard !claimed.isEmpty else { continue }
                for effect in claimed {
                    guard let amount = units.convert(effect.amount, from: effect.unit, to: unit) else { continue }
                    add(
                        "account-effect",
                        [r, .id(indicator), .id(effect.measure), .integer(effect.year), .number(amount, unit: unit)], effect.span)
                }
                if let (total, _) = account.claimed(claimed, units) {
                    add("account-claimed", [r, .id(indicator), .number(total, unit: unit)], account.declaration.indicator.span)
                }
                guard let (comparison, reading) = account.compare(claimed, units) else { continue }
                add("account-claims", [r, .id(indicator), .id(comparison), .text(reading)], account.declaration.indicator.span)
            }
        }
    }
}

/// A measure's claimed effect on an indicator.
private struct Effect {
    let measure: String
    let indicator: String
    let amount: ExactDecimal
    let unit: String
    let year: Int
    let span: Span
}

/// The `implements` trees of resolutions and measures, and each resolution's effects.
private struct Chains {
    var children: [String: [String]] = [:]
    var effects: [String: [Effect]] = [:]
    /// The measure each measure carries out, if any.
    var carriesOut: [String: String] = [:]

    init(_ resolutions: [ResolutionDecl]) {
        for resolution in resolutions {
            for item in resolution.items {
                switch item.kind {
                case .implements(let parents):
                    for parent in parents { children[parent.value, default: []].append(resolution.id.value) }
                case .measure(let measure):
                    let m = "\(resolution.id.value).\(measure.id.value)"
                    for measureItem in measure.items {
                        switch measureItem.kind {
                        case .effect(let indicator, let amount, let unit, let year):
                            effects[resolution.id.value, default: []].append(
                                Effect(
                                    measure: m, indicator: indicator.value, amount: amount.value, unit: unit.value, year: year.value,
                                    span: measureItem.span))
                        case .implements(let other):
                            carriesOut[m] = carriesOut[m] ?? other.value
                        default:
                            break
                        }
                    }
                default:
                    break
                }
            }
        }
    }

    /// The effects on an indicator of a resolution's measures and of the measures
    /// of the resolutions under it, leaving out a measure that carries out
    /// (directly or through others) a measure whose effect is already there.
    func counted(_ indicator: String, under root: String) -> [Effect] {
        var seen: Set<String> = [root]
        var stack = [root]
        var candidates: [Effect] = []
        while let resolution = stack.popLast() {
            candidates += (effects[resolution] ?? []).filter { $0.indicator == indicator }
            for child in (children[resolution] ?? []).sorted() where seen.insert(child).inserted { stack.append(child) }
        }
        let claiming = Set(candidates.map(\.measure))
        return candidates.filter { effect in
            var visited: Set<String> = [effect.measure]
            var current = effect.measure
            while let next = carriesOut[current], visited.insert(next).inserted {
                if claiming.contains(next) { return false }
                current = next
            }
            return true
        }.sorted { ($0.measure, $0.year) < ($1.measure, $1.year) }
    }
}

/// One account, its items read.
private struct Account {
    let declaration: AccountDecl
    var unit: String?
    var lowerIsBetter: Bool?
    var baseline: YearValue?
    var target: YearValue?
    var observed: [YearValue] = []

    init(_ declaration: AccountDecl) {
        self.declaration = declaration
        var seenYears: Set<Int> = []
        for item in declaration.items {
            switch item.kind {
            case .unit(let name): unit = unit ?? name.value
            case .better(let direction): lowerIsBetter = lowerIsBetter ?? (direction.value == .lower)
            case .baseline(let point): baseline = baseline ?? point
            case .target(let point): target = target ?? point
            case .observed(let point, _):
                if seenYears.insert(point.year.value).inserted { observed.append(point) }
            case .data, .monitors:
                break
            }
        }
        observed.sort { $0.year.value < $1.year.value }
    }

    /// Lower is better when it says so, or else when its target is below its baseline.
    var lowersToTarget: Bool? {
        if let lowerIsBetter { return lowerIsBetter }
        guard let baseline, let target else { return nil }
        return target.value.value < baseline.value.value
    }

    /// The latest value after the baseline year, or else the baseline.
    var reference: YearValue? {
        observed.last { $0.year.value > (baseline?.year.value ?? Int.min) } ?? baseline
    }

    /// The trend status and its reading, with the place of the latest value.
    func status(_ units: UnitTable) -> (TrendStatus, String, Span)? {
        guard let baseline, let target, let lower = lowersToTarget,
            let latest = observed.last(where: { $0.year.value > baseline.year.value }),
            let reading = TrendStatus.classify(
                base: (baseline.value.value, baseline.year.value), latest: (latest.value.value, latest.year.value),
                target: (target.value.value, target.year.value), lowerIsBetter: lower)
        else { return nil }
        let unit = self.unit ?? ""
        var text = "\(units.show(latest.value.value, unit)) in \(latest.year.value), from \(units.show(baseline.value.value, unit))"
            + " in \(baseline.year.value), target \(units.show(target.value.value, unit)) by \(target.year.value)"
        if let ratio = reading.ratio {
            text += ": \(Self.percent(reading.observed)) a year observed, \(Self.percent(reading.required)) a year needed"
                + " (ratio \(Self.plain(ratio, places: 2)))"
        } else if reading.status == .deterioration {
            text += ": it moved away from a target equal to its baseline"
        }
        return (reading.status, text, latest.year.span)
    }

    /// The claimed effects that count towards the target (those up to its
    /// year; all of them without a target), added in the account's unit, with
    /// each effect as a reading shows it; nil when one does not convert or the
    /// sum passes the range of the type.
    func claimed(_ effects: [Effect], _ units: UnitTable) -> (total: ExactDecimal, parts: [String])? {
        guard let unit else { return nil }
        var total = ExactDecimal(0)
        var parts: [String] = []
        for effect in effects where target.map({ effect.year <= $0.year.value }) ?? true {
            guard let amount = units.convert(effect.amount, from: effect.unit, to: unit), let sum = total + amount else { return nil }
            total = sum
            parts.append("\(effect.measure) \(amount.grouped)")
        }
        return parts.isEmpty ? nil : (total, parts)
    }

    /// How the claimed effects compare with the gap from the latest value to the target.
    func compare(_ effects: [Effect], _ units: UnitTable) -> (String, String)? {
        guard let unit, let target, let reference, let lower = lowersToTarget,
            let (total, parts) = claimed(effects, units), let gap = target.value.value - reference.value.value
        else { return nil }
        // Reached already: nothing is left to claim.
        if gap.isZero || (lower ? gap.signum > 0 : gap.signum < 0) { return nil }
        let comparison: String
        if total.signum == gap.signum && (total.signum > 0 ? total > gap : total < gap) {
            comparison = "over"
        } else if total == gap {
            comparison = "matches"
        } else {
            comparison = "under"
        }
        let reading = "its measures claim \(units.show(total, unit)) by \(target.year.value) (\(parts.joined(separator: ", ")));"
            + " from \(units.show(reference.value.value, unit)) in \(reference.year.value) to the target"
            + " \(units.show(target.value.value, unit)) the gap is \(units.show(gap, unit))"
        return (comparison, reading)
    }

    /// `-1.2%`
    static func percent(_ rate: Double) -> String { plain(rate * 100, places: 1) + "%" }

    /// A rate or ratio rounded for a reader (halves away from zero); a value too
    /// large for that is written as the float it is.
    static func plain(_ value: Double, places: Int) -> String {
        ExactDecimal(approximating: value, places: places).map { $0.normalized.description } ?? "\(value)"
    }
}
