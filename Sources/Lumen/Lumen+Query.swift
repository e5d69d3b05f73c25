import Diagnostics
import Engine
import Findings
import Reports
import Semantics
import Syntax

extension Lumen {
    /// Loads the files, evaluates them and answers a query such as
    /// `advances(M, T), target-of-goal(T, 13)`.
    public static func query(_ text: String, paths: [String], options: CheckOptions = CheckOptions()) -> QueryReport {
        // A query may ask for any relation of the standard library, the systemic view's included.
        var options = options
        options.loadsInfluence = true
        let loaded = Pipeline.load(paths: paths, options: options)
        var sources = loaded.sources
        let file = sources.add(path: "<query>", bytes: Array(text.utf8))
        let (literals, syntax) = Parser.parseQuery(file)
        var diagnostics = loaded.diagnostics + syntax
        guard !diagnostics.hasErrors else {
            return QueryReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Answered(result: nil))
        }
        let (problems, _) = QueryChecker.check(literals, program: loaded.program)
        diagnostics += problems
        guard !diagnostics.hasErrors else {
            return QueryReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Answered(result: nil))
        }
        let (model, stopped) = loaded.evaluate()
        if let stopped {
            diagnostics.append(stopped)
            return QueryReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Answered(result: nil))
        }
        diagnostics += Diagnostic.unresolvedArithmetic(model)
        let result = model.query(RuleLowering.literals(literals), timeoutNanoseconds: options.evaluation.timeoutNanoseconds)
        if result.stopped {
            diagnostics.append(.queryTimeout(options.evaluation.timeoutNanoseconds ?? 0))
            return QueryReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Answered(result: nil))
        }
        return QueryReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Answered(result: result))
    }
}

/// The answer to `lumen query`, or none when the files or the query are
/// invalid or the query ran out of time.
public struct Answered: RunOutcome {
    let result: QueryResult?

    public var isComplete: Bool { result != nil }

    /// The number of answers.
    public var rowCount: Int { result?.rows.count ?? 0 }
}

extension Report where Outcome == Answered {

    /// Diagnostics, or the answers as a table followed by their count.
    public func render(colors: Bool) -> String {
        var out = renderDiagnostics(colors: colors)
        guard let result = outcome.result else { return out }
        if result.columns.isEmpty {
            return out + (result.rows.isEmpty ? "no\n" : "yes\n")
        }
        let rows = [result.columns] + result.rows.map { row in row.map { ValueFormatter.key($0) } }
        out += Table(rows: rows).render()
        out += "\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")\n"
        return out
    }
}
