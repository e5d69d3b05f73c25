// Lumen: the public facade, the one module the CLI talks to.
//
//   Pipeline       the one way from files to findings: load (SourceLoader with
//                  FileWalker and FileReading, inside the project root) ->
//                  check (Semantics) -> evaluate (Engine) -> findings (Findings)
//   Report         what a run gave a command, one type for all: the sources,
//                  the problems found in them, and the command's outcome
//                  (Checked, Evaluated, Answered, Tested, Suggested, Audited);
//                  a CheckReport renders in any format of Reports
//   Session        the REPL's state and its `:commands` (Session+*.swift)
//   KeptUntilExit  what a one-shot command built, kept until the process ends
//                  instead of being freed object by object
//   Catalog, Suggester, Configuration   `lumen catalog`, `lumen suggest` and
//                  lumen.json; readBaseline and check(atRevision:) read
//                  `--baseline` and `--since`
//
// In: paths of drafts (`.lumen`, JSON, CSV) and directories, plus the standard
// library built into the binary. Out: reports, queries, rule tests, the
// catalogue and formatting.
import Diagnostics
import Engine
import Findings
import Foundation
import Reports
import Semantics
import Syntax

/// Entry points of the Lumen library.
public enum Lumen {
    /// The version printed by `lumen --version`.
    public static let version = "0.1.0"

    /// Loads and checks the given files and directories, then, if they are
    /// valid, evaluates the rules and collects their findings.
    public static func check(paths: [String], options: CheckOptions = CheckOptions()) -> CheckReport {
        let run = Pipeline.load(paths: paths, options: options)
        let report = run.report()
        // The caller's copy shares the report's storage: kept here, none of it is freed at the end.
        KeptUntilExit.keep((run, report))
        return report
    }

    /// Today's date in UTC, YYYY-MM-DD, for suppression expiry.
    static func today() -> String {
        // From the C library: Foundation's calendar costs a one-draft check a
        // millisecond of setting up, for one date.
        var now = time(nil)
        var parts = tm()
        guard gmtime_r(&now, &parts) != nil else { return "1970-01-01" }
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
    }

    /// Formats one file's text. Returns nil and the rendered diagnostics when
    /// the text has syntax errors (a file that does not parse is never rewritten).
    public static func format(_ text: String, path: String, colors: Bool = false) -> FormatResult {
        format(bytes: Array(text.utf8), path: path, colors: colors)
    }

    /// Formats the bytes of a file. Invalid UTF-8 is an error, so that formatting
    /// never replaces bytes it cannot read.
    public static func format(bytes raw: [UInt8], path: String, colors: Bool = false) -> FormatResult {
        let (bytes, invalid) = UTF8Repair.repair(raw)
        var sources = SourceMap()
        let file = sources.add(path: path, bytes: bytes)
        let (unit, parsed) = Parser.parse(file)
        var diagnostics = parsed
        for offset in invalid {
            diagnostics.append(.invalidUTF8(at: Span(file: file.id, start: offset, end: offset + 3)))
        }
        if diagnostics.hasErrors {
            let rendered = DiagnosticRenderer(colors: colors).render(diagnostics.sortedForOutput(), sources: sources)
            return FormatResult(formatted: nil, diagnostics: rendered)
        }
        return FormatResult(formatted: Formatter.format(unit, source: file), diagnostics: "")
    }

    /// The long explanation of a diagnostic code (`lumen explain L2003`), or nil.
    public static func explanation(of code: String) -> String? {
        guard let found = DiagnosticCode.named(code) else { return nil }
        return "\(found.id): \(found.summary)\n\n\(found.explanation)\n"
    }

    /// What a rule of the standard library reports: its severity and message,
    /// its description, the comment that opens its file, and where it is; nil
    /// for an id that names no rule.
    public static func ruleExplanation(_ id: String) -> String? {
        let loaded = Pipeline.load(paths: [], options: CheckOptions())
        guard let rule = loaded.program.rules.first(where: { $0.rule.id.value == id })?.rule,
            let file = loaded.sources.file(rule.span.file)
        else { return nil }
        var text = "\(id) (\(rule.severity.value.rawValue)): \(rule.message.value.raw)\n"
        if let description = rule.description { text += "\n\(description.value)\n" }
        // The comment lines that open the rule's file say what it is for.
        let opening = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }.map { $0.dropFirst().drop { $0 == " " } }
        if !opening.isEmpty { text += "\n" + opening.joined(separator: "\n") + "\n" }
        text += "\ndefined at \(file.path):\(file.location(of: rule.span.start))\n"
        return text
    }

    /// Every diagnostic code with its summary, one per line.
    public static var diagnosticCodes: [(code: String, summary: String)] {
        DiagnosticCode.all.map { ($0.id, $0.summary) }
    }

    /// Text safe to print on a terminal: control characters (C0, DEL and C1, ESC
    /// among them) shown as visible symbols, so that no input can send escape
    /// sequences to the reader's terminal.
    public static func printable(_ text: some StringProtocol) -> String {
        DisplayWidth.printable(text)
    }

    /// Lines of text safe to print on a terminal: each line as `printable` makes
    /// it, the line feeds kept.
    public static func printableLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayWidth.printable($0) }.joined(separator: "\n")
    }

    /// The number of terminal columns `text` takes (wide characters count two).
    public static func displayWidth(_ text: some StringProtocol) -> Int {
        DisplayWidth.of(text)
    }

    /// Paths of the standard library files built into this binary.
    public static var standardLibraryFiles: [String] {
        embeddedRuleFiles.map(\.path)
    }
}

/// Options of a check run.
public struct CheckOptions: Sendable {
    /// Load the standard library built into the binary (`--no-stdlib` turns it off).
    public var useStandardLibrary = true
    /// Load the standard library's profiles of targets and kinds (`Rules/suggest/`):
    /// only the commands that show or use them (suggest, catalog, the REPL) do,
    /// so that a check does not read a thousand lines it has no use for.
    package var loadsProfiles = false
    /// Load the influence relations of the systemic view (`Rules/systems/influence.lumen`):
    /// only `lumen systems`, the audit, queries and the REPL do; a check has no use for them
    /// (they cost about 1.3 ms of its 16).
    package var loadsInfluence = false
    /// Extra rule packs (`--rules DIR`), loaded before the checked paths.
    public var rulePacks: [String] = []
    /// The directory `use` paths must stay inside; by default the common
    /// directory of the paths given.
    public var root: String?
    /// Derived tuples allowed before evaluation stops (`--max-tuples`).
    public var maxTuples = 20_000_000
    /// Record how each tuple was derived (`lumen eval --no-provenance` turns it off;
    /// findings and proofs need it).
    public var provenance = true
    /// Seconds evaluation may run before it stops (`--timeout`).
    public var timeout: Double = 600
    /// Proof levels kept in each finding's trace (`--max-proof-depth`).
    public var traceDepth = 64
    /// Bytes one file may have (`--max-file-size`).
    public var maxFileBytes = 64 << 20
    /// Bytes all the files given may have together (`--max-input-size`); the
    /// standard library does not count.
    public var maxInputBytes = 1 << 30
    /// Levels a JSON draft may nest (`--max-nesting`).
    public var maxNesting = 512
    /// Declarations (with the items of blocks) the files given may hold (`--max-declarations`).
    public var maxDeclarations = 1_000_000
    /// Today's date (YYYY-MM-DD) for suppression expiry; nil means the system date.
    public var today: String?
    /// Set from outside to stop evaluation (the REPL's Ctrl-C).
    package var interruption: Interruption?
    /// When the run started (uptime nanoseconds): `--timeout` counts from here,
    /// over reading, checking and evaluating. Set when loading begins.
    public var startedAt: UInt64?
    /// Optional packs of the standard library to load (a configuration's `packs`).
    public var packs: [String] = []
    /// Rule ids whose findings are not reported (a configuration's `disable`).
    public var disabledRules: Set<String> = []
    /// Severity overrides by rule id (a configuration's `severity`).
    public var severityOverrides: [String: String] = [:]
    /// The configuration file these options came from, for diagnostics.
    public var configurationPath: String?
    /// Files of observed values the project file names for the accounts (`data` in `lumen.json`).
    public var dataSources: [DataSource] = []
    /// Fingerprints of accepted findings (from a baseline or an earlier revision):
    /// matching findings are counted but not reported.
    public var knownFingerprints: Set<String>?
    /// Called after each file given is read and parsed, with the files done and in all.
    public var onFileLoaded: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init() {}

    /// These options with the run's start set to now, unless it was set.
    func started() -> CheckOptions {
        var options = self
        if options.startedAt == nil { options.startedAt = DispatchTime.now().uptimeNanoseconds }
        return options
    }

    /// `--timeout` in nanoseconds.
    var timeoutNanoseconds: UInt64 { UInt64(max(0, min(timeout, 1e9)) * 1e9) }

    /// When the whole run must stop, if it has started.
    var deadline: UInt64? { startedAt.map { $0 &+ timeoutNanoseconds } }

    /// What the run does with the findings (configuration, baseline, today).
    var findingPolicy: FindingPolicy {
        var policy = FindingPolicy(today: today ?? Lumen.today())
        policy.disabledRules = disabledRules
        policy.severityOverrides = severityOverrides.compactMapValues(RuleSeverity.init(rawValue:))
        policy.configurationPath = configurationPath
        policy.knownFingerprints = knownFingerprints
        policy.traceDepth = traceDepth
        return policy
    }

    /// The limits of evaluation.
    var evaluation: EvaluationOptions {
        var evaluation = EvaluationOptions()
        evaluation.maxDerivedTuples = maxTuples
        evaluation.timeoutNanoseconds = timeoutNanoseconds
        evaluation.deadline = deadline
        evaluation.interruption = interruption
        evaluation.recordProvenance = provenance
        return evaluation
    }
}

/// The output formats of `lumen check` (`--format`), each a format of the
/// registry in `Reports` (a test keeps the two in agreement).
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown

    /// The format's writer.
    var renderer: any ReportFormat.Type {
        ReportFormats.named(rawValue) ?? TextFormat.self
    }
}

/// The least severe finding that makes `lumen check` fail (`--fail-on`).
public enum FailureThreshold: String, Sendable, CaseIterable {
    case error, warning, info, never

    /// The severities of findings that fail the run.
    var failingSeverities: Set<RuleSeverity> {
        switch self {
        case .error: [.error]
        case .warning: [.error, .warning]
        case .info: [.error, .warning, .info]
        case .never: []
        }
    }
}

/// The outcome of `lumen fmt` on one file.
public struct FormatResult: Sendable {
    /// The canonical text, or nil if the file has syntax errors.
    public let formatted: String?
    /// Rendered diagnostics (empty when formatting succeeded).
    public let diagnostics: String
}

/// Everything a check run found: its findings after the run's policy, and
/// what the files were. Read through its `CheckReport`.
public struct Checked: RunOutcome {
    let program: CheckedProgram
    let model: Model?
    /// The findings, after the run's policy (see `FindingSet`).
    let found: FindingSet
    var findings: [Finding] { found.findings }
    /// Findings that a `# lumen: allow` comment accepted.
    var suppressed: [SuppressedFinding] { found.suppressed }
    /// Findings already in the baseline: counted, not reported.
    var baselined: [Finding] { found.baselined }
    /// The number of files the user gave (directories expanded), not counting
    /// the standard library or files reached through `use`.
    public let fileCount: Int
    /// Paths of the drafts checked (given or reached through `use`).
    let drafts: [String]
    /// `.json` and `.csv` files under the directories given that are not drafts by their shape.
    public let skipped: [String]
    /// True when the run compares with a baseline or an earlier revision.
    var comparing = false
    /// Findings of the earlier revision that this run no longer has.
    var resolved: [ResolvedFinding] = []

    /// A check always has its findings; a stopped evaluation is an error of the report.
    public var isComplete: Bool { true }

    /// The files the run read as drafts (given, found in directories, or used):
    /// a report must not be written over one of them.
    public var inputPaths: [String] { drafts }

    /// A note naming the files a directory walk skipped, or nil if there are none.
    public var skippedNote: String? {
        guard !skipped.isEmpty else { return nil }
        let count = skipped.count == 1 ? "1 file" : "\(skipped.count) files"
        let shown = skipped.prefix(5).map { "`\(DisplayWidth.printable($0))`" }.joined(separator: ", ")
        let more = skipped.count > 5 ? " and \(skipped.count - 5) more" : ""
        return "note: skipped \(count) under the directories given that \(skipped.count == 1 ? "is not a draft" : "are not drafts") "
            + "(\(shown)\(more)); a JSON draft has `resolutions` or `interactions`, a CSV draft the columns "
            + "`resolution` and `measure` or a cross-impact matrix's target ids; name a file to check it anyway"
    }

    /// The number of facts the declarations and fact clauses lowered to.
    public var factCount: Int { program.facts.count }

    /// The number of findings of each severity.
    public var findingCounts: (errors: Int, warnings: Int, infos: Int) {
        (
            findings.filter { $0.severity == .error }.count, findings.filter { $0.severity == .warning }.count,
            findings.filter { $0.severity == .info }.count
        )
    }

    /// The fingerprints of the current findings, for comparing revisions.
    public var fingerprints: Set<String> { found.fingerprints }
}

extension Report where Outcome == Checked {
    /// The exit status: 2 for invalid input, 1 for findings at or above the threshold, else 0.
    public func exitStatus(failOn threshold: FailureThreshold) -> Int32 {
        if hasErrors { return 2 }
        let failing = threshold.failingSeverities
        return outcome.findings.contains { failing.contains($0.severity) } ? 1 : 0
    }

    /// The report in any format, as one string (see `write`).
    public func render(
        _ format: OutputFormat, failOn threshold: FailureThreshold, colors: Bool = false, fullTraces: Bool = false,
        showSuppressed: Bool = false, sarifResultLimit: Int? = nil
    ) -> String {
        var out = ""
        write(
            format, failOn: threshold, colors: colors, fullTraces: fullTraces, showSuppressed: showSuppressed,
            sarifResultLimit: sarifResultLimit
        ) { out += $0 }
        return out
    }

    /// Writes the report in a format piece by piece, so that a report of a whole
    /// corpus is never whole in memory: text and JSON a finding at a time, SARIF
    /// a result at a time (at most `sarifResultLimit` of them).
    public func write(
        _ format: OutputFormat, failOn threshold: FailureThreshold, colors: Bool = false, fullTraces: Bool = false,
        showSuppressed: Bool = false, sarifResultLimit: Int? = nil, to sink: (String) -> Void
    ) {
        var input = reportInput(failOn: threshold)
        input.sarifResultLimit = sarifResultLimit
        input.text.colors = colors
        input.text.fullTraces = fullTraces
        input.text.showSuppressed = showSuppressed
        format.renderer.write(input, to: sink)
    }

    /// What every format reads of this run.
    private func reportInput(failOn threshold: FailureThreshold) -> ReportInput {
        var input = ReportInput(
            version: Lumen.version, sources: sources, diagnostics: diagnostics, findings: outcome.findings,
            proofs: outcome.model.map(ProofReader.init), program: outcome.program, checkedFiles: outcome.drafts,
            failingSeverities: threshold.failingSeverities, suppressed: outcome.suppressed)
        input.comparing = outcome.comparing
        input.unchanged = outcome.baselined
        input.resolved = outcome.resolved
        input.fileCount = outcome.fileCount
        input.skippedNote = outcome.skippedNote
        return input
    }

    /// SARIF results kept when a report is for GitHub code scanning, which shows the first 5,000.
    public static var defaultSARIFResultLimit: Int { 5_000 }

    /// The number of results a SARIF report would leave out under a limit.
    public func sarifResultsLeftOut(limit: Int?) -> Int {
        guard let limit else { return 0 }
        let total = diagnostics.count + outcome.findings.count + outcome.suppressed.count + outcome.baselined.count + outcome.resolved.count
        return max(0, total - max(limit, diagnostics.count))
    }

    /// Marks this run as compared with an earlier revision's (`--since`): the
    /// findings that run had and this one has not are resolved.
    public mutating func compare(with earlier: CheckReport) {
        outcome.comparing = true
        outcome.resolved = ResolvedFinding.resolved(earlier: earlier.outcome.found, now: outcome.fingerprints)
    }

    /// A baseline recording every current finding (`--write-baseline`).
    public var baseline: String {
        Baseline.render(outcome.findings + outcome.baselined, sources: sources)
    }

    /// Per-rule and per-stratum evaluation statistics (`--stats`).
    public var statistics: String {
        outcome.model.map { StatisticsReport.render($0, sources: sources) } ?? ""
    }

    /// One line summing up the run.
    public var summary: String { reportInput(failOn: .error).summary }

    /// Diagnostics and findings as `path:line:col: severity[code] message` lines, for tests and tools.
    public var diagnosticSummaries: [String] {
        func place(_ span: Span?, _ path: String?) -> String {
            if let span, let (file, location) = sources.position(of: span) { return "\(file):\(location)" }
            return path ?? "-"
        }
        return diagnostics.map { "\(place($0.primary?.span, $0.path)): \($0.severity.rawValue)[\($0.code.id)] \($0.message)" }
            + outcome.findings.map { "\(place($0.anchor, nil)): \($0.severity.rawValue)[\($0.rule)] \($0.message)" }
    }
}
