// The REPL's queries, and the rules and facts typed at its prompt.
import Diagnostics
import Engine
import Findings
import Foundation
import Reports
import Semantics
import Syntax

extension Session {
    func query(_ text: String, path: String) -> Reply {
        guard let model = report.model else { return noModel }
        var sources = report.sources
        let file = sources.add(path: path, bytes: Array(text.utf8))
        let (literals, syntax) = Parser.parseQuery(file)
        if syntax.hasErrors { return problems(syntax, sources) }
        let (typeProblems, types) = QueryChecker.check(literals, program: report.program)
        if typeProblems.hasErrors { return problems(typeProblems, sources) }
        let result = model.query(RuleLowering.literals(literals), timeoutNanoseconds: options.evaluation.timeoutNanoseconds, interruption: interruption)
        if result.stopped, interruption.isRequested {
            return Reply("interrupted: the query stopped (Ctrl-C)\n", json: message("interrupted"), isError: true)
        }
        if result.stopped { return problems([.queryTimeout(options.evaluation.timeoutNanoseconds ?? 0)], sources) }
        return answer(result, types: types)
    }

    /// A table of bindings (at most `rowLimit` rows as text, all of them as JSON) and a count.
    func answer(_ result: QueryResult, types: [String: ValueType]) -> Reply {
        let json: JSONValue = .object([
            ("kind", .string("answer")), ("columns", .array(result.columns.map { .string($0) })),
            ("rows", .array(result.rows.map { row in .array(row.map { .string(ValueFormatter.key($0)) }) })),
            ("count", .number(result.rows.count)),
        ])
        if result.columns.isEmpty { return Reply(result.rows.isEmpty ? "no\n" : "yes\n", json: json) }
        let shown = rowLimit.map { Array(result.rows.prefix($0)) } ?? result.rows
        let cells = shown.map { row in
            zip(result.columns, row).map { column, value in
                showTitles ? ValueFormatter.display(value, type: types[column], program: report.program) : ValueFormatter.key(value)
            }
        }
        var text = Table(rows: [result.columns] + cells).render()
        if shown.count < result.rows.count {
            text += "… \(result.rows.count - shown.count) more (`:limit none` shows every row)\n"
        }
        text += plural(result.rows.count, "row") + "\n"
        return Reply(text, json: json)
    }

    // MARK: Rules and facts typed at the prompt

    func add(_ text: String, path: String) -> Reply {
        let candidate = inputs + [(path, text)]
        let (next, nextTimings) = Session.evaluate(paths, inputs: candidate, options: options, cache: cache)
        let file = next.sources.files.first { $0.path == path }?.id
        let own = next.diagnostics.filter { $0.primary?.span.file == file }
        let newErrors = next.hasErrors && !report.hasErrors
        if own.hasErrors || newErrors {
            let shown = own.hasErrors ? own : next.diagnostics
            let reply = problems(shown, next.sources)
            return Reply(reply.text + "not added\n", json: .object([("kind", .string("error")), ("diagnostics", diagnosticsJSON(shown, next.sources))]), isError: true)
        }
        inputs = candidate
        let previous = report
        (report, timings) = (next, nextTimings)
        let warnings = renderedDiagnostics(own, next.sources)
        return change("added \(path)", from: previous, kind: "added", extra: [("input", .string(path))], prefix: warnings)
    }

    func undo() -> Reply {
        guard let last = inputs.last else {
            return Reply("nothing to undo: no rule or fact was typed in this session\n", json: message("nothing to undo"), isError: true)
        }
        inputs.removeLast()
        let previous = report
        (report, timings) = Session.evaluate(paths, inputs: inputs, options: options, cache: cache)
        return change("removed \(last.path): \(firstLine(last.text))", from: previous, kind: "removed", extra: [("input", .string(last.path))])
    }

    func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }
}
