// The REPL's listings: findings, rules, relations, catalogue entries,
// statistics, and the settings of how answers are shown.
import Diagnostics
import Engine
import Foundation
import Reports
import Semantics

extension Session {
    func findings(rule: String) -> Reply {
        guard report.model != nil else { return noModel }
        let ids = Set(report.program.rules.map(\.rule.id.value))
        if !rule.isEmpty && !ids.contains(rule) {
            let hint = EditDistance.suggestion(for: rule, among: ids).map { "; did you mean `\($0)`?" } ?? ""
            return Reply("error: no rule `\(rule)`\(hint)\n", json: message("no rule `\(rule)`"), isError: true)
        }
        let numbered = report.findings.enumerated().filter { rule.isEmpty || $0.element.rule == rule }
        let json: JSONValue = .object([
            ("kind", .string("findings")),
            (
                "findings",
                .array(
                    numbered.map { number, finding in
                        guard case .object(let members) = findingJSON(finding, report) else { return .null }
                        return .object([("number", .number(number + 1))] + members)
                    })
            ),
        ])
        guard !numbered.isEmpty else { return Reply(rule.isEmpty ? "no findings\n" : "no findings of `\(rule)`\n", json: json) }
        let rows = numbered.map { number, finding in
            ["\(number + 1)", finding.severity.rawValue, finding.rule, place(finding.anchor, report.sources), finding.message]
        }
        let text = Table(rows: [["#", "severity", "rule", "at", "message"]] + rows, rightAligned: [0]).render()
        return Reply(text + plural(numbered.count, "finding") + " (`:why N` explains one)\n", json: json)
    }

    func rules() -> Reply {
        let rules = report.program.rules
        let rows = rules.map { checked in
            let rule = checked.rule
            let subjects = checked.subjects.map(\.value).joined(separator: ", ")
            return [rule.id.value + "(" + subjects + ")", rule.severity.value.rawValue, place(rule.span, report.sources)]
        }
        let json: JSONValue = .object([
            ("kind", .string("rules")),
            (
                "rules",
                .array(
                    rules.map { checked in
                        let rule = checked.rule
                        return .object([
                            ("id", .string(rule.id.value)), ("severity", .string(rule.severity.value.rawValue)),
                            ("subjects", .array(checked.subjects.map { .string($0.value) })),
                            ("location", .string(place(rule.span, report.sources))),
                        ])
                    })
            ),
        ])
        let text = Table(rows: [["rule (subjects)", "severity", "declared at"]] + rows).render()
        return Reply(text + plural(rules.count, "rule") + "\n", json: json)
    }

    func relations() -> Reply {
        let program = report.program
        let schemas = RelationSchema.builtins.compactMap { program.relations[$0.name] }
            + program.relationOrder.compactMap { program.relations[$0] }
        let rows = schemas.map { schema in
            [
                schema.signature, report.model.map { String($0.count(schema.name)) } ?? "-",
                schema.declaredAt.map { place($0, report.sources) } ?? "built in: " + schema.summary,
            ]
        }
        let json: JSONValue = .object([
            ("kind", .string("relations")),
            (
                "relations",
                .array(
                    schemas.map { schema in
                        .object([
                            ("name", .string(schema.name)),
                            (
                                "columns",
                                .array(
                                    zip(schema.columnNames, schema.columns).map { name, type in
                                        .object([("name", name.map { .string($0) } ?? .null), ("type", .string(type.rawValue))])
                                    })
                            ),
                            ("tuples", report.model.map { .number($0.count(schema.name)) } ?? .null),
                        ])
                    })
            ),
        ])
        let text = Table(rows: [["relation", "tuples", "where"]] + rows, rightAligned: [1]).render()
        return Reply(text + plural(schemas.count, "relation") + "\n", json: json)
    }

    func catalog(_ argument: String) -> Reply {
        guard !argument.isEmpty else { return usage("catalog") }
        let catalog = Catalog(program: report.program, sources: report.sources)
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false).count
        let isNumber = Int(argument) != nil
        let result: (text: String, found: Bool)
        if isNumber {
            result = catalog.goal(argument)
        } else if argument.first?.isNumber == true && parts == 2 {
            result = catalog.target(argument)
        } else if argument.first?.isNumber == true && parts == 3 {
            result = catalog.indicator(argument)
        } else if report.program.entity(.principle, argument) != nil {
            result = catalog.principle(argument)
        } else if report.program.kinds[argument] != nil {
            result = catalog.kind(argument)
        } else {
            result = catalog.search(argument)
        }
        return Reply(result.text, json: message(result.text), isError: !result.found)
    }

    func stats() -> Reply {
        guard let model = report.model else { return noModel }
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        var text = StatisticsReport.render(model, sources: report.sources)
        let tuples = model.relationNames.reduce(0) { $0 + model.count($1) }
        text += "last evaluation: loaded and checked in \(milliseconds(timings.load)), evaluated in \(milliseconds(timings.evaluate)); "
        text += "\(tuples) tuples in \(model.relationNames.count) relations\n"
        text += "files parsed \(cache.parsed) times, reused \(cache.reused) times since the session started\n"
        return Reply(text, json: message(text))
    }

    func limit(_ argument: String) -> Reply {
        if argument == "none" {
            rowLimit = nil
        } else if let number = Int(argument), number > 0 {
            rowLimit = number
        } else if argument.isEmpty {
            let text = rowLimit.map { "answers show at most \($0) rows" } ?? "answers show every row"
            return Reply(text + "\n", json: message(text))
        } else {
            return usage("limit")
        }
        let text = rowLimit.map { "answers now show at most \($0) rows" } ?? "answers now show every row"
        return Reply(text + "\n", json: message(text))
    }

    func titles(_ argument: String) -> Reply {
        switch argument {
        case "on": showTitles = true
        case "off": showTitles = false
        case "": break
        default: return usage("titles")
        }
        let text = "titles " + (showTitles ? "on" : "off")
        return Reply(text + "\n", json: message(text))
    }

    /// The join plans the engine chose, with the planner's estimates and what each rule derived.
    func plan(_ argument: String) -> Reply {
        guard let model = report.model else { return noModel }
        let names = Set(model.rules.map { PlanReport.name($0, model) })
        guard argument.isEmpty || names.contains(argument) else {
            let hint = EditDistance.suggestion(for: argument, among: names).map { "; did you mean `\($0)`?" } ?? ""
            let text = "no rule `\(argument)` and no rule derives `\(argument)`"
            return Reply("error: \(text)\(hint)\n", json: message(text), isError: true)
        }
        let text = PlanReport.render(model, sources: report.sources, only: argument.isEmpty ? nil : argument)
        return Reply(text, json: .object([("kind", .string("plan")), ("text", .string(text))]))
    }
}
