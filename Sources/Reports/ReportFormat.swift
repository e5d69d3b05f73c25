import Diagnostics
import Findings

/// One output format of a check run (`--format NAME`): writes the report piece
/// by piece, so that a large report need not be whole in memory (a format
/// whose layout cannot stream writes it in one piece).
package protocol ReportFormat {
    /// The name `--format` takes.
    static var name: String { get }
    /// Writes the report of `input` to `sink`.
    static func write(_ input: ReportInput, to sink: (String) -> Void)
}

/// Every format, by name: the one registry `--format` is read against.
package enum ReportFormats {
    package static var all: [any ReportFormat.Type] {
        [TextFormat.self, JSONReport.self, SARIFReport.self, JUnitReport.self, GitHubReport.self, MarkdownReport.self]
    }

    /// The format with this name, or nil.
    package static func named(_ name: String) -> (any ReportFormat.Type)? {
        all.first { $0.name == name }
    }
}

/// How the text format draws a report.
package struct TextOptions: Sendable {
    /// ANSI colors, for a terminal.
    package var colors = false
    /// Each finding's whole proof tree (`--explain`), not only its direct premises.
    package var fullTraces = false
    /// Also the findings that suppressions accepted, with their reasons.
    package var showSuppressed = false

    package init() {}
}

/// The report as a reader of a terminal wants it: the input's problems as
/// compiler diagnostics, then the findings (errors first) with their traces,
/// what a change resolved, and one summary line.
package enum TextFormat: ReportFormat {
    package static let name = "text"

    package static func write(_ input: ReportInput, to sink: (String) -> Void) {
        let options = input.text
        sink(DiagnosticRenderer(colors: options.colors).render(input.diagnostics, sources: input.sources))
        if let proofs = input.proofs {
            let report = TextReport(colors: options.colors, fullTraces: options.fullTraces)
            for finding in TextReport.bySeverity(input.findings) {
                sink(report.render(finding, proofs: proofs, sources: input.sources) + "\n")
            }
            if options.showSuppressed { sink(report.render(input.suppressed, proofs: proofs, sources: input.sources)) }
        }
        // Before the summary line: what the change fixed.
        if !input.resolved.isEmpty { sink(input.resolved.map { "resolved[\($0.rule)]: \($0.message)\n" }.joined() + "\n") }
        sink((input.skippedNote.map { $0 + "\n" } ?? "") + input.summary + "\n")
    }
}

extension JSONReport: ReportFormat {
    package static let name = "json"
}

extension SARIFReport: ReportFormat {
    package static let name = "sarif"
}

extension JUnitReport: ReportFormat {
    package static let name = "junit"

    package static func write(_ input: ReportInput, to sink: (String) -> Void) { sink(render(input)) }
}

extension GitHubReport: ReportFormat {
    package static let name = "github"

    package static func write(_ input: ReportInput, to sink: (String) -> Void) { sink(render(input)) }
}

extension MarkdownReport: ReportFormat {
    package static let name = "markdown"

    package static func write(_ input: ReportInput, to sink: (String) -> Void) { sink(render(input)) }
}
