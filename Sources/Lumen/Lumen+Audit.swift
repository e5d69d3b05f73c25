// `lumen audit`: a check of a whole corpus, summed up as a report for people
// who will never run a command (HTML with charts, Markdown, CSV, JSON).
import Diagnostics
import Foundation
import Reports

extension Lumen {
    /// The stages of an audit, reported as it goes (for a progress bar).
    public enum AuditProgress: Sendable {
        /// `done` of `total` files given have been read and parsed.
        case loading(done: Int, total: Int)
        case evaluating
        case summarizing
    }

    /// Loads, checks and evaluates a corpus, and computes its audit.
    public static func audit(
        paths: [String], options: CheckOptions = CheckOptions(), progress: (@Sendable (AuditProgress) -> Void)? = nil
    ) -> AuditReport {
        var options = options.started()
        options.loadsInfluence = true
        if let progress {
            options.onFileLoaded = { @Sendable done, total in progress(.loading(done: done, total: total)) }
        }
        let run = Pipeline.load(paths: paths, options: options)
        progress?(.evaluating)
        let check = run.report()
        progress?(.summarizing)
        let audit = check.outcome.model.map {
            Audit.make(model: $0, findings: check.outcome.findings, sources: check.sources, files: check.fileCount, version: version)
        }
        return AuditReport(sources: check.sources, diagnostics: check.diagnostics, Audited(checked: check.outcome, audit: audit))
    }
}

/// The outcome of `lumen audit`: the check behind it and, if the corpus is
/// valid, its audit, which renders in every format.
public struct Audited: RunOutcome {
    let checked: Checked
    let audit: Audit?

    /// No report is written for an invalid corpus.
    public var isComplete: Bool { audit != nil }
}

extension Report where Outcome == Audited {
    /// The check behind the audit.
    public var check: CheckReport { CheckReport(sources: sources, diagnostics: diagnostics, outcome.checked) }

    var audit: Audit? { outcome.audit }

    /// The self-contained HTML page. `reportDirectory` is where it will be
    /// written: links to the drafts are made relative to it.
    public func html(reportDirectory: String? = nil, rows: Int = 1000) -> String {
        guard let audit else { return "" }
        var options = AuditHTML.Options()
        options.rows = rows
        options.systems = outcome.checked.model.map { Systems.make(model: $0) }
        if let reportDirectory {
            let base = URL(fileURLWithPath: reportDirectory).standardizedFileURL.pathComponents
            options.link = { path, line in
                AuditReport.relativeLink(to: path, from: base) + (line > 0 ? "#L\(line)" : "")
            }
        }
        return AuditHTML.render(audit, options: options)
    }

    /// The Markdown report, handed to `sink` in pieces.
    public func writeMarkdown(into sink: (String) -> Void) {
        if let audit { AuditMarkdown.render(audit, into: sink) }
    }

    /// The JSON report, handed to `sink` in pieces.
    public func writeJSON(into sink: (String) -> Void) {
        if let audit { AuditJSON.render(audit, into: sink) }
    }

    /// The extra-financial statement as text: each resolution's indicators with
    /// baseline, latest value, target, trend status and the effects claimed.
    public var accountsText: String { audit?.accounts.text() ?? "" }

    /// The names of the CSV files.
    public var csvNames: [String] { AuditCSV.names }

    /// One CSV file, handed to `sink` in pieces.
    public func writeCSV(_ name: String, into sink: (String) -> Void) {
        if let audit { AuditCSV.render(name, of: audit, into: sink) }
    }

    /// One line summing up the corpus.
    public var summary: String {
        guard let audit else { return check.summary }
        var parts = [
            "\(audit.resolutions.count) resolution\(audit.resolutions.count == 1 ? "" : "s")",
            "\(audit.measures) measure\(audit.measures == 1 ? "" : "s")",
            "\(audit.errors) error\(audit.errors == 1 ? "" : "s")",
            "\(audit.warnings) warning\(audit.warnings == 1 ? "" : "s")", "\(audit.infos) info",
        ]
        if let percent = audit.indicatorPercent { parts.append("\(percent)% of measures with an indicator") }
        parts.append("\(audit.goalsCovered.count) of 17 goals covered")
        return "audited \(audit.files) file\(audit.files == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// The exit status: 2 for invalid input, 1 for findings at or above the threshold, else 0.
    public func exitStatus(failOn threshold: FailureThreshold) -> Int32 {
        hasErrors ? 2 : check.exitStatus(failOn: threshold)
    }

    /// A URL path from the report's directory to a draft, percent-encoded where needed.
    static func relativeLink(to path: String, from base: [String]) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let common = zip(base, target).prefix { $0 == $1 }.count
        let components = Array(repeating: "..", count: base.count - common) + target.dropFirst(common)
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "#?"))
        let link = components.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }.joined(separator: "/")
        // Always a relative path: a draft named `javascript:alert(1).lumen` must not make a link with a scheme.
        return link.hasPrefix("../") ? link : "./" + link
    }
}
