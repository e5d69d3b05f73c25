import Foundation
import Lumen

/// `lumen audit PATH...`: audit a corpus and write its reports.
enum AuditCommand: Command {
    static let name = "audit"
    static let abstract = "Audit a corpus of resolutions: coverage, conflicts and scorecards as HTML, Markdown, CSV or JSON."
    static let usageArguments = "[<options>] [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 Drafts (.lumen, .json, .csv), or directories searched
                                  recursively for .lumen files and for the .json and .csv
                                  files that are drafts by their shape (the others are
                                  skipped, and named in a note). Without paths,
                                  the `paths` of the project file lumen.json are
                                  audited.

        Prints a one-line summary on standard output and writes the reports that
        the flags ask for (each atomically; `-` writes one to standard output
        instead of the summary). The HTML report is one self-contained file with
        the coverage heat map, the interaction network, the `implements` levels,
        a scorecard and every finding with its trace. Invalid input is reported
        as by `lumen check`, and then no report is written.

        EXIT STATUS:
          0  audited (whatever the findings, unless --fail-on says otherwise)
          1  findings at or above the --fail-on severity
          2  invalid input (syntax or semantic errors, unreadable files) or usage
        """
    static let options: [ArgumentParser.Option] =
        [
            .init(name: "html", valueName: "file", help: "Write the HTML report to this file."),
            .init(name: "markdown", valueName: "file", help: "Write the Markdown report to this file."),
            .init(name: "csv", valueName: "dir", help: "Write findings.csv, coverage.csv and scorecard.csv into this directory."),
            .init(name: "json", valueName: "file", help: "Write the JSON report to this file."),
            .init(name: "accounts", valueName: nil, help: "Print the extra-financial statement: each resolution's indicators, their trend and the effects claimed."),
            .init(name: "html-rows", valueName: "n", help: "Most rows the HTML charts and tables show (default 1000; the others hold all)."),
            .init(name: "fail-on", valueName: "severity", help: "Exit 1 on findings of this severity or worse: error, warning, info or never (default)."),
            .init(name: "config", valueName: "file", help: "Read this project file instead of the nearest lumen.json."),
        ] + loadingOptions + limitOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        // An audit reports and does not gate: it fails on findings only when asked
        // to, whatever the project file says for `lumen check`.
        let run: ProjectRun
        switch projectRun(arguments, console: console, defaultFailOn: { _ in "never" }) {
        case .success(let started): run = started
        case .failure(let failed): return failed.code
        }
        let (configuration, paths, color, threshold) = (run.configuration, run.paths, run.color, run.threshold)
        var rows = 1000
        if let text = arguments.value("html-rows") {
            guard let value = Int(text), value > 0 else {
                return usageError("Invalid value for '--html-rows': expected a positive integer", console: console)
            }
            rows = value
        }
        let outputs = ["html", "markdown", "json"].compactMap { format in arguments.value(format).map { (format, $0) } }
        if outputs.filter({ $0.1 == "-" }).count > 1 {
            return usageError("Only one report can be written to standard output ('-')", console: console)
        }
        var options = projectOptions(arguments, configuration: configuration, console: console)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }

        let bar = ProgressBar(console: console)
        let report = Lumen.audit(paths: paths, options: options, progress: bar.show)
        bar.clear()
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        if let note = report.check.skippedNote { console.writeError(note + "\n") }
        guard !report.hasErrors else {
            console.writeError(report.summary + "\nno report was written: the input is invalid\n")
            return ExitStatus.invalid
        }
        var toStandardOutput = false
        // A report is never written over one of the drafts it audits.
        let inputs = Set(report.check.inputPaths.compactMap(OutputFile.Identity.init))
        for (format, path) in outputs {
            let render: ((String) -> Void) -> Void
            switch format {
            case "html":
                let directory = path == "-" ? FileManager.default.currentDirectoryPath
                    : URL(fileURLWithPath: path).deletingLastPathComponent().path
                let html = report.html(reportDirectory: directory, rows: rows)
                render = { $0(html) }
            case "markdown": render = report.writeMarkdown
            default: render = report.writeJSON
            }
            if path == "-" {
                render(console.writeOut)
                toStandardOutput = true
            } else if !write(to: path, render, inputs: inputs, console: console) {
                return ExitStatus.invalid
            }
        }
        if let directory = arguments.value("csv") {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                console.writeError("error: cannot create the directory `\(directory)`\n")
                return ExitStatus.invalid
            }
            for name in report.csvNames {
                let path = (directory as NSString).appendingPathComponent(name)
                if !write(to: path, { report.writeCSV(name, into: $0) }, inputs: inputs, console: console) {
                    return ExitStatus.invalid
                }
            }
        }
        if arguments.flags.contains("accounts") {
            console.writeOut(Lumen.printableLines(report.accountsText))
            toStandardOutput = true
        }
        if toStandardOutput {
            console.writeError(report.summary + "\n")
        } else {
            console.writeOut(report.summary + "\n")
        }
        return report.exitStatus(failOn: threshold)
    }

    private static func write(
        to path: String, _ render: ((String) -> Void) -> Void, inputs: Set<OutputFile.Identity>, console: Console
    ) -> Bool {
        if case .failure(let error) = OutputFile.write(to: path, inputs: inputs, render) {
            console.writeError("error: \(error.message)\n")
            return false
        }
        console.writeError("wrote `\(Lumen.printable(path))`\n")
        return true
    }
}

/// A one-line progress display on standard error, drawn only when standard
/// error is a terminal that understands escape codes (not `TERM=dumb`);
/// nothing at all otherwise.
final class ProgressBar: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private var lastPercent = -1
    private var drawn = false

    init(console: Console) {
        self.console = console
    }

    @Sendable func show(_ progress: Lumen.AuditProgress) {
        guard console.errorIsTerminal, console.environment["TERM"] != "dumb" else { return }
        lock.withLock {
            let line: String
            switch progress {
            case .loading(let done, let total):
                let percent = total == 0 ? 100 : done * 100 / total
                // Redraw only when the bar moves: a million files must not mean a million writes.
                guard percent != lastPercent || done == total else { return }
                lastPercent = percent
                let filled = percent * 30 / 100
                line = "loading  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                    + "] \(done)/\(total) files"
            case .evaluating: line = "evaluating the rules…"
            case .summarizing: line = "writing the reports…"
            }
            console.writeError("\r\u{1B}[2K" + line)
            drawn = true
        }
    }

    func clear() {
        lock.withLock {
            if drawn { console.writeError("\r\u{1B}[2K") }
            drawn = false
        }
    }
}
