import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

/// Everything a report format needs about one run.
package struct ReportInput: Sendable {
    package let version: String
    package let sources: SourceMap
    package let diagnostics: [Diagnostic]
    package let findings: [Finding]
    /// What the reports read about proofs (nil when nothing was evaluated).
    package let proofs: ProofReader?
    package let program: CheckedProgram
    /// The files the user asked to check, in load order.
    package let checkedFiles: [String]
    /// The least severe finding that fails the run.
    package let failingSeverities: Set<RuleSeverity>
    /// Findings accepted by suppressions: reported as such, never failing the run.
    package let suppressed: [SuppressedFinding]
    /// True when the run compares with a baseline or an earlier revision: the
    /// findings are then the new ones.
    package var comparing = false
    /// Findings the baseline or earlier revision has too (counted, not reported as new).
    package var unchanged: [Finding] = []
    /// Findings of the earlier revision that this run no longer has (`--since`).
    package var resolved: [ResolvedFinding] = []
    /// At most this many results in a SARIF report (nil: all of them).
    package var sarifResultLimit: Int?
    /// How the text format draws the report.
    package var text = TextOptions()
    /// The number of files the user gave, for the summary line.
    package var fileCount = 0
    /// A note naming the files a directory walk skipped, before the summary line.
    package var skippedNote: String?

    package init(
        version: String, sources: SourceMap, diagnostics: [Diagnostic], findings: [Finding], proofs: ProofReader?,
        program: CheckedProgram, checkedFiles: [String], failingSeverities: Set<RuleSeverity>,
        suppressed: [SuppressedFinding] = []
    ) {
        self.suppressed = suppressed
        self.version = version
        self.sources = sources
        self.diagnostics = diagnostics
        self.findings = findings
        self.proofs = proofs
        self.program = program
        self.checkedFiles = checkedFiles
        self.failingSeverities = failingSeverities
    }

    /// One line summing up the run: "checked 3 files: 1 error, 2 warnings".
    package var summary: String {
        let files = "\(fileCount) file\(fileCount == 1 ? "" : "s")"
        let (errors, warnings, infos) = counts
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if infos > 0 { parts.append("\(infos) info") }
        if !suppressed.isEmpty { parts.append("\(suppressed.count) suppressed") }
        if !unchanged.isEmpty { parts.append("\(unchanged.count) already known") }
        return parts.isEmpty ? "checked \(files): no problems" : "checked \(files): \(parts.joined(separator: ", "))"
    }

    /// Counts by severity, findings and diagnostics together.
    package var counts: (errors: Int, warnings: Int, infos: Int) {
        (
            diagnostics.filter { $0.severity == .error }.count + findings.filter { $0.severity == .error }.count,
            diagnostics.filter { $0.severity == .warning }.count + findings.filter { $0.severity == .warning }.count,
            findings.filter { $0.severity == .info }.count
        )
    }

    /// `path`, 1-based line and column of a span's start and end.
    package func region(_ span: Span) -> (path: String, line: Int, column: Int, endLine: Int, endColumn: Int)? {
        guard let file = sources.file(span.file) else { return nil }
        let start = file.location(of: span.start)
        let end = file.location(of: span.end)
        return (file.path, start.line, start.column, end.line, end.column)
    }

}
