// One document's analysis for the language server: `lumen check`'s pipeline
// on the editor's text, and its problems and findings as the protocol's
// diagnostics.
import Diagnostics
import Engine
import Findings
import Foundation
import Semantics
import Syntax

/// What every analysis of a session shares: the standard library parsed once,
/// the date, and the library's files written out for editors to open.
final class AnalysisContext {
    let cache = ParseCache()
    let today: String?
    private var library: String?

    init(today: String?) {
        self.today = today
    }

    /// The path an editor can open for a file's display path: the library's
    /// files (`<stdlib>/...`) are written, read-only, into a directory of their own.
    func openablePath(_ display: String) -> String? {
        guard display.hasPrefix("<stdlib>/") else { return display.hasPrefix("/") ? display : nil }
        guard let directory = libraryDirectory() else { return nil }
        return directory + "/" + display.dropFirst("<stdlib>/".count)
    }

    /// A file an editor can open with `lumen explain CODE`'s text, written once.
    func explanation(_ code: String) -> String? {
        guard let directory = libraryDirectory(), let text = Lumen.explanation(of: code) else { return nil }
        let path = directory + "/explain/" + code + ".txt"
        return Self.writeOnce(text, to: path) ? path : nil
    }

    /// Writes a read-only file unless it is there: into a temporary file beside
    /// it, then renamed, so that sessions writing at once never see half a file.
    private static func writeOnce(_ text: String, to path: String) -> Bool {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { return true }
        let folder = (path as NSString).deletingLastPathComponent
        try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.\(UUID().uuidString).tmp"
        guard manager.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o444]) else {
            return manager.fileExists(atPath: path)
        }
        if rename(temporary, path) != 0 { try? manager.removeItem(atPath: temporary) }
        return manager.fileExists(atPath: path)
    }

    private func libraryDirectory() -> String? {
        if let library { return library }
        // Named by the version and the files' contents, so an old copy is never shown for a new library.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in embeddedRuleFiles {
            for byte in Array(file.path.utf8) + Array(file.text.utf8) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lumen-stdlib-\(Lumen.version)-\(String(hash, radix: 16))"
        ).path
        for file in embeddedRuleFiles where !Self.writeOnce(file.text, to: directory + "/" + file.path) {
            return nil
        }
        library = directory
        return directory
    }
}

struct LanguageAnalysis {
    let run: Pipeline
    let report: CheckReport
    /// The document's file among the run's sources.
    let file: SourceFile?
    let context: AnalysisContext
    /// Why the project's lumen.json could not be read (its first line), and where it is.
    private(set) var configurationProblem: (path: String, message: String)?

    init(path: String, text: String, context: AnalysisContext) {
        self.context = context
        var options = CheckOptions()
        options.today = context.today
        let directory = (path as NSString).deletingLastPathComponent
        options.root = directory
        // The project's lumen.json, as `lumen check` would read it from the document's directory.
        if let found = Lumen.findConfiguration(from: directory) {
            switch Lumen.readConfiguration(found) {
            case .success(let configuration):
                options.root = (found as NSString).deletingLastPathComponent
                options.rulePacks = configuration.rules
                options.packs = configuration.packs
                options.disabledRules = Set(configuration.disable)
                options.severityOverrides = configuration.severity
                options.dataSources = configuration.data
                options.configurationPath = found
            case .failure(let problem):
                // The document is still checked, without the project's settings, and says why.
                var first = problem.message.split(separator: "\n").first.map(String.init) ?? problem.message
                if first.hasPrefix("error["), let colon = first.range(of: "]: ") { first = String(first[colon.upperBound...]) }
                configurationProblem = (found, first)
            }
        }
        // The project is the document and the drafts beside it, as `lumen check DIR` reads them;
        // the document as the editor has it, not as it is on disk.
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".lumen") }.sorted().map { directory + "/" + $0 }.filter { $0 != path }
        run = Pipeline.load(paths: siblings, options: options, inputs: [(path, text)], cache: context.cache)
        report = run.report()
        file = report.sources.files.last { $0.path == path }
    }

    var program: CheckedProgram { run.program }
    var sources: SourceMap { report.sources }
    var model: Model? { report.outcome.model }

    /// The parsed document.
    var unit: SourceUnit? {
        guard let file else { return nil }
        return run.loader.units.first { $0.file == file.id }
    }

    /// A location of the protocol for a span of any file the editor can open.
    func location(_ span: Span, encoding: PositionEncoding) -> JSONValue? {
        guard let spanFile = sources.file(span.file), let path = context.openablePath(spanFile.path) else { return nil }
        return .object([
            ("uri", .string(DocumentURI.uri(path))), ("range", LineMap(file: spanFile, encoding: encoding).range(span)),
        ])
    }

    /// The problems of the document and the findings that point into it, as the protocol's diagnostics.
    func diagnostics(encoding: PositionEncoding) -> [JSONValue] {
        guard let file else { return [] }
        let lines = LineMap(file: file, encoding: encoding)
        let start = Span(file: file.id, start: 0, end: 0)
        var out: [JSONValue] = []
        if let (configuration, message) = configurationProblem {
            out.append(
                .object([
                    ("range", lines.range(start)), ("severity", .number(1)), ("code", .string("L0206")), ("source", .string("lumen")),
                    ("message", .string("\(configuration) is not used: \(message)\nhelp: fix it; `lumen check` fails on it too")),
                ]))
        }
        for diagnostic in report.diagnostics {
            var message = diagnostic.message
            var span = start
            if let primary = diagnostic.primary, primary.span.file == file.id {
                span = primary.span
            } else if let primary = diagnostic.primary, let (other, at) = sources.position(of: primary.span) {
                // A problem of a file this one uses: shown at the top, with its place.
                message = "in \(other):\(at): " + message
            } else if let path = diagnostic.path, path != file.path {
                message = "in \(path): " + message
            }
            if let help = diagnostic.help { message += "\nhelp: " + help }
            var members: [(String, JSONValue)] = [
                ("range", lines.range(span)), ("severity", .number(Self.severity(diagnostic.severity))),
                ("code", .string(diagnostic.code.id)),
            ]
            if let explained = context.explanation(diagnostic.code.id) {
                members.append(("codeDescription", .object([("href", .string(DocumentURI.uri(explained)))])))
            }
            members += [("source", .string("lumen")), ("message", .string(message))]
            var data: [(String, JSONValue)] = [("explain", .string("lumen explain \(diagnostic.code.id)"))]
            // A fix can only replace text of this document.
            if diagnostic.primary?.span.file == file.id, let replacement = Self.replacement(diagnostic.help) {
                data.append(("replacement", .string(replacement)))
            }
            members.append(("data", .object(data)))
            out.append(.object(members))
        }
        for finding in report.outcome.findings where finding.anchor.file == file.id {
            var related: [JSONValue] = []
            for premise in finding.trace.premises {
                guard case .declared(let declared) = premise.step, let location = location(declared, encoding: encoding) else { continue }
                related.append(
                    .object([("location", location), ("message", .string(ValueFormatter.fact(premise.relation, premise.values)))]))
            }
            if let rule = location(finding.ruleSpan, encoding: encoding) {
                related.append(.object([("location", rule), ("message", .string("rule `\(finding.rule)`"))]))
            }
            var data: [(String, JSONValue)] = [("explain", .string("lumen explain \(finding.rule)")), ("rule", .string(finding.rule))]
            if !finding.suggestions.isEmpty {
                data.append(("suggestions", .array(finding.suggestions.map { .string($0.target) })))
            }
            let severity: Severity =
                switch finding.severity {
                case .error: .error
                case .warning: .warning
                case .info: .note
                }
            var members: [(String, JSONValue)] = [
                ("range", lines.range(finding.anchor)), ("severity", .number(Self.severity(severity))), ("code", .string(finding.rule)),
            ]
            // The rule's own file, where its description and tests are.
            if case .object(let rule)? = location(finding.ruleSpan, encoding: encoding), let uri = rule.first?.1 {
                members.append(("codeDescription", .object([("href", uri)])))
            }
            members += [
                ("source", .string("lumen")), ("message", .string(finding.messageWithHelp)), ("relatedInformation", .array(related)),
                ("data", .object(data)),
            ]
            out.append(.object(members))
        }
        return out
    }

    private static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }

    /// The `X` of a help saying "did you mean `X`?".
    static func replacement(_ help: String?) -> String? {
        guard let help, help.hasPrefix("did you mean `"), help.hasSuffix("`?") else { return nil }
        let inner = help.dropFirst("did you mean `".count).dropLast(2)
        return inner.contains("`") || inner.isEmpty ? nil : String(inner)
    }
}
