import Foundation
import Lumen

/// `lumen check PATH...`: load the drafts with the standard library and report
/// every problem.
enum CheckCommand: Command {
    static let name = "check"
    static let abstract = "Check policy drafts for coherence with the SDGs and constitutional principles."
    static let usageArguments = "[<options>] [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 Drafts (.lumen, .json, .csv), or directories searched
                                  recursively for .lumen files and for the .json and .csv
                                  files that are drafts by their shape (the others are
                                  skipped, and named in a note). Without paths,
                                  the `paths` of the project file lumen.json are
                                  checked.

        The standard library (the files of Rules/, built into lumen) is
        loaded first, unless --no-stdlib is given. Its optional packs (scored
        interactions for one context, such as interactions-sweden) apply only to
        the resolutions of the drafts that turn them on with `use pack NAME` (and
        of the drafts that use those); `"packs"` in lumen.json turns one on for
        every resolution. A draft's own interactions apply to its resolutions
        and take precedence. Levels (`level national`) are the ordered
        vocabulary of Rules/levels/: `lumen catalog level national`.

        EXIT STATUS:
          0  no problem at or above the failure threshold
          1  findings at or above the failure threshold
          2  invalid input (syntax or semantic errors, unreadable files) or usage
        """
    static let options: [ArgumentParser.Option] = [
        .init(name: "config", valueName: "file", help: "Read this project file instead of the nearest lumen.json."),
        .init(name: "no-stdlib", valueName: nil, help: "Do not load the built-in standard library."),
        .init(name: "rules", valueName: "dir", help: "Load a rule pack (a file or directory); repeatable."),
        .init(name: "root", valueName: "dir", help: "The directory `use` paths must stay inside (default: the common directory of the paths)."),
        .init(name: "format", valueName: "format", help: "Output format: text (default), json, sarif, junit, github or markdown."),
        .init(name: "output", valueName: "file", help: "Write the report to this file (atomically) instead of standard output."),
        .init(name: "fail-on", valueName: "severity", help: "Exit 1 on findings of this severity or worse: error (default), warning, info or never."),
        .init(name: "baseline", valueName: "file", help: "Report only findings that are not in this baseline."),
        .init(name: "write-baseline", valueName: "file", help: "Record every current finding in this baseline file."),
        .init(name: "since", valueName: "rev", help: "Report only the findings added since this git revision, and list those resolved."),
        .init(name: "show-suppressed", valueName: nil, help: "Also show the findings that `# lumen: allow` comments suppress, with their reasons."),
        .init(name: "explain", valueName: nil, help: "Show each finding's full proof tree (default: its direct premises)."),
        .init(name: "stats", valueName: nil, help: "Print per-rule and per-stratum evaluation statistics."),
        .init(
            name: "sarif-results", valueName: "n",
            help: "Results a SARIF report holds at most, input problems first then findings by severity (default 5000, as many as GitHub code scanning shows; `all` for no limit)."),
    ] + limitOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        // The project file gives defaults; flags override them.
        let run: ProjectRun
        switch projectRun(arguments, console: console, defaultFailOn: { $0?.failOn ?? "error" }) {
        case .success(let started): run = started
        case .failure(let failed): return failed.code
        }
        let (configuration, paths, color, threshold) = (run.configuration, run.paths, run.color, run.threshold)
        var options = projectOptions(arguments, configuration: configuration, console: console)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }
        guard let format = OutputFormat(rawValue: arguments.value("format") ?? "text") else {
            let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return usageError("Invalid value for '--format': expected \(formats)", console: console)
        }
        if let path = arguments.value("baseline") ?? configuration?.baseline {
            switch Lumen.readBaseline(path, colors: console.useColor(color)) {
            case .success(let fingerprints): options.knownFingerprints = fingerprints
            case .failure(let error):
                console.writeOut(error.message)
                return ExitStatus.invalid
            }
        }
        var earlier: CheckReport?
        if let revision = arguments.value("since") {
            switch Lumen.check(paths: paths, atRevision: revision, options: options) {
            case .success(let report):
                earlier = report
                options.knownFingerprints = (options.knownFingerprints ?? []).union(report.fingerprints)
            case .failure(let error):
                console.writeError("error: \(error.message)\n")
                return ExitStatus.invalid
            }
        }
        var report = Lumen.check(paths: paths, options: options)
        if let earlier { report.compare(with: earlier) }
        let inputs = Set(report.inputPaths.compactMap(OutputFile.Identity.init))
        if let path = arguments.value("write-baseline") {
            if case .failure(let error) = OutputFile.write(report.baseline, to: path, inputs: inputs) {
                console.writeError("error: \(error.message)\n")
                return ExitStatus.invalid
            }
            console.writeError("wrote the baseline `\(path)`\n")
        }
        var sarifLimit: Int? = CheckReport.defaultSARIFResultLimit
        if let value = arguments.value("sarif-results") {
            guard value == "all" || (Int(value).map { $0 > 0 } ?? false) else {
                return usageError("Invalid value for '--sarif-results': expected a positive number or `all`", console: console)
            }
            sarifLimit = Int(value)
        }
        let output = arguments.value("output")
        let colors = output == nil && format == .text && console.useColor(color)
        let write = { (sink: (String) -> Void) in
            report.write(
                format, failOn: threshold, colors: colors, fullTraces: arguments.flags.contains("explain"),
                showSuppressed: arguments.flags.contains("show-suppressed"), sarifResultLimit: sarifLimit, to: sink)
            // Statistics go to standard error in machine formats, to keep the report parseable.
            if arguments.flags.contains("stats"), format == .text, output == nil { sink(report.statistics) }
        }
        if arguments.flags.contains("stats"), format != .text || output != nil { console.writeError(report.statistics) }
        // Machine formats stay parseable: notes go to standard error.
        if format != .text || output != nil, let note = report.skippedNote { console.writeError(note + "\n") }
        if format == .sarif, case let leftOut = report.sarifResultsLeftOut(limit: sarifLimit), leftOut > 0 {
            console.writeError(
                "note: the SARIF report leaves out \(leftOut) results past the first \(sarifLimit ?? 0) (GitHub code scanning shows "
                    + "at most 5,000); `--sarif-results all` writes them all\n")
        }
        if let output {
            if case .failure(let error) = OutputFile.write(to: output, inputs: inputs, write) {
                console.writeError("error: \(error.message)\n")
                return ExitStatus.invalid
            }
            console.writeError(report.summary + "\n")
        } else {
            write { console.writeOut($0) }
        }
        // Writing a baseline accepts today's findings: only invalid input fails it.
        if arguments.value("write-baseline") != nil { return report.hasErrors ? ExitStatus.invalid : ExitStatus.success }
        return report.exitStatus(failOn: threshold)
    }
}
