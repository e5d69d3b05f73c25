// Lumen: the public facade over the checking pipeline.
//
// In: paths of `.lumen` files and directories (plus the standard library built
// into the binary). Out: a `CheckReport` holding every diagnostic, rendered on
// request. The CLI talks only to this module.
import Diagnostics
import Foundation
import Semantics
import Syntax

/// Entry points of the Lumen library.
public enum Lumen {
    /// The version printed by `lumen --version`.
    public static let version = "0.1.0"

    /// Loads and checks the given files and directories.
    public static func check(paths: [String], options: CheckOptions = CheckOptions()) -> CheckReport {
        let root = options.root.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
            ?? SourceLoader.commonRoot(of: paths + options.rulePacks)
        var loader = SourceLoader(root: root)
        if options.useStandardLibrary { loader.loadStandardLibrary(embeddedRuleFiles) }
        loader.load(paths: options.rulePacks, countAsChecked: false)
        loader.load(paths: paths)
        let context = Checker.check(loader.units)
        let diagnostics = (loader.diagnostics + context.diagnostics).sortedForOutput()
        return CheckReport(
            sources: loader.sources, diagnostics: diagnostics, program: context.program,
            fileCount: loader.userFileCount)
    }

    /// Formats one file's text. Returns nil and the rendered diagnostics when
    /// the text has syntax errors (a file that does not parse is never rewritten).
    public static func format(_ text: String, path: String, colors: Bool = false) -> FormatResult {
        let (bytes, invalid) = UTF8Repair.repair(Array(text.utf8))
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

    /// Formats the bytes of a file (which may not be valid UTF-8).
    public static func format(bytes: [UInt8], path: String, colors: Bool = false) -> FormatResult {
        format(String(decoding: bytes, as: UTF8.self), path: path, colors: colors)
    }

    /// The long explanation of a diagnostic code (`lumen explain L2003`), or nil.
    public static func explanation(of code: String) -> String? {
        guard let found = DiagnosticCode.named(code) else { return nil }
        return "\(found.id): \(found.summary)\n\n\(found.explanation)\n"
    }

    /// Every diagnostic code with its summary, one per line.
    public static var diagnosticCodes: [(code: String, summary: String)] {
        DiagnosticCode.all.map { ($0.id, $0.summary) }
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
    /// Extra rule packs (`--rules DIR`), loaded before the checked paths.
    public var rulePacks: [String] = []
    /// The directory `use` paths must stay inside; by default the common
    /// directory of the paths given.
    public var root: String?

    public init() {}
}

/// The outcome of `lumen fmt` on one file.
public struct FormatResult: Sendable {
    /// The canonical text, or nil if the file has syntax errors.
    public let formatted: String?
    /// Rendered diagnostics (empty when formatting succeeded).
    public let diagnostics: String
}

/// Everything a check run found.
public struct CheckReport: Sendable {
    let sources: SourceMap
    let diagnostics: [Diagnostic]
    let program: CheckedProgram
    /// The number of files the user gave (directories expanded), not counting
    /// the standard library or files reached through `use`.
    public let fileCount: Int

    /// The number of diagnostics of severity error.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    /// The number of diagnostics of severity warning.
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// True when the input is invalid (exit status 2).
    public var hasErrors: Bool { errorCount > 0 }

    /// The number of facts the declarations and fact clauses lowered to.
    public var factCount: Int { program.facts.count }

    /// Diagnostics rendered as text, in the order file, line, column, severity.
    public func renderDiagnostics(colors: Bool) -> String {
        DiagnosticRenderer(colors: colors).render(diagnostics, sources: sources)
    }

    /// One line summing up the run.
    public var summary: String {
        let files = "\(fileCount) file\(fileCount == 1 ? "" : "s")"
        var parts: [String] = []
        if errorCount > 0 { parts.append("\(errorCount) error\(errorCount == 1 ? "" : "s")") }
        if warningCount > 0 { parts.append("\(warningCount) warning\(warningCount == 1 ? "" : "s")") }
        return parts.isEmpty ? "checked \(files): no problems" : "checked \(files): \(parts.joined(separator: ", "))"
    }

    /// Diagnostics as (code, severity, path:line:col) triples, for tests and tools.
    public var diagnosticSummaries: [String] {
        diagnostics.map { diagnostic in
            var place = diagnostic.path ?? "-"
            if let span = diagnostic.primary?.span, let (path, location) = sources.position(of: span) {
                place = "\(path):\(location)"
            }
            return "\(place): \(diagnostic.severity.rawValue)[\(diagnostic.code.id)] \(diagnostic.message)"
        }
    }
}
