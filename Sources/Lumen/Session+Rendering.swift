// How the REPL's replies show diagnostics, findings and places, as text and JSON.
import Diagnostics
import Engine
import Findings
import Foundation
import Reports
import Semantics

extension Session {
    var noModel: Reply {
        let text = "the files have errors, so nothing was evaluated; fix them and `:reload`"
        return Reply(
            renderedDiagnostics(report.diagnostics.filter { $0.severity == .error }, report.sources) + "error: " + text + "\n",
            json: .object([
                ("kind", .string("error")), ("diagnostics", diagnosticsJSON(report.diagnostics, report.sources)),
            ]), isError: true)
    }

    func problems(_ diagnostics: [Diagnostic], _ sources: SourceMap) -> Reply {
        Reply(
            renderedDiagnostics(diagnostics, sources),
            json: .object([("kind", .string("error")), ("diagnostics", diagnosticsJSON(diagnostics, sources))]),
            isError: diagnostics.hasErrors)
    }

    func message(_ text: String) -> JSONValue {
        .object([("kind", .string("message")), ("text", .string(text))])
    }

    func renderedDiagnostics(_ diagnostics: [Diagnostic], _ sources: SourceMap) -> String {
        DiagnosticRenderer(colors: colors).render(diagnostics.sortedForOutput(), sources: sources)
    }

    func input(_ sources: SourceMap, _ report: CheckReport) -> ReportInput {
        ReportInput(
            version: Lumen.version, sources: sources, diagnostics: [], findings: [], proofs: report.model.map(ProofReader.init),
            program: report.program, checkedFiles: [], failingSeverities: [])
    }

    func diagnosticsJSON(_ diagnostics: [Diagnostic], _ sources: SourceMap) -> JSONValue {
        let input = input(sources, report)
        return .array(diagnostics.sortedForOutput().map { JSONReport.diagnostic($0, input) })
    }

    func findingJSON(_ finding: Finding, _ report: CheckReport) -> JSONValue {
        JSONReport.finding(finding, input(report.sources, report))
    }

    func traceJSON(_ tree: ProofTree, _ sources: SourceMap) -> JSONValue {
        JSONReport.trace(tree, input(sources, report))
    }

    func place(_ span: Span, _ sources: SourceMap) -> String {
        sources.position(of: span).map { "\($0.path):\($0.location)" } ?? "-"
    }

    /// `severity[rule] path:line:col: message`, for lists of changes.
    func line(_ finding: Finding, _ sources: SourceMap) -> String {
        DisplayWidth.printable("\(finding.severity.rawValue)[\(finding.rule)] \(place(finding.anchor, sources)): \(finding.message)")
    }

    func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
