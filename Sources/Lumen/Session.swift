import Diagnostics
import Engine
import Foundation
import Semantics
import Syntax

/// The state behind `lumen repl`: the files of a session, the rules and facts
/// typed at the prompt, and the model they evaluate to.
///
/// Every input gets one `Reply`, both as text for people and as one JSON line
/// for programs; the command line only reads lines and prints replies. Errors
/// (in a query, a typed rule, a command) are replies too: nothing ends the
/// session but `:quit`.
///
/// After a change (`:reload`, `:load`, a typed rule, `:undo`) the files are read
/// again, but only files whose bytes changed are parsed again (`ParseCache`);
/// checking and evaluation are redone over the whole program.
public final class Session {
    /// The answer to one input.
    public struct Reply: Sendable, Equatable {
        /// For people; empty or ending in a newline.
        public let text: String
        /// One JSON object on one line, without the newline; empty for nothing.
        public let json: String
        /// True when the input was refused (a syntax error, an unknown command, ...).
        public let isError: Bool
        /// True after `:quit`.
        public let quits: Bool

        init(_ text: String, json: JSONValue?, isError: Bool = false, quits: Bool = false) {
            self.text = text
            self.json = json?.compact() ?? ""
            self.isError = isError
            self.quits = quits
        }

        static let nothing = Reply("", json: nil)
    }

    let options: CheckOptions
    /// Set by `interrupt` (Ctrl-C) to stop this session's evaluation under way.
    let interruption = Interruption()
    var paths: [String]
    /// Rules and facts typed at the prompt, as drafts named `<input N>`.
    var inputs: [(path: String, text: String)] = []
    private var inputNumber = 0
    let cache = ParseCache()
    var report: CheckReport
    var timings: Timings
    /// At most this many rows of an answer are shown as text (nil: all).
    var rowLimit: Int? = 50
    var showTitles = false
    /// Colour in rendered diagnostics and traces.
    public var colors = false

    struct Timings {
        var load: Duration
        var evaluate: Duration
    }

    /// Loads the files (and, unless the options say otherwise, the standard library) and evaluates them.
    public init(paths: [String], options: CheckOptions = CheckOptions()) {
        var options = options
        options.interruption = interruption
        self.options = options
        self.paths = paths
        (report, timings) = Session.evaluate(paths, inputs: [], options: options, cache: cache)
    }

    static func evaluate(
        _ paths: [String], inputs: [(path: String, text: String)], options: CheckOptions, cache: ParseCache
    ) -> (CheckReport, Timings) {
        let clock = ContinuousClock()
        let start = clock.now
        // The session's `:catalog` shows the profiles of targets and kinds.
        var options = options
        options.loadsProfiles = true
        options.loadsInfluence = true
        let run = Pipeline.load(paths: paths, options: options, inputs: inputs, cache: cache)
        let loaded = clock.now
        let report = run.report()
        return (report, Timings(load: loaded - start, evaluate: clock.now - loaded))
    }

    /// Stops the evaluation or query that `run` is doing now, from another
    /// thread or a signal handler (Ctrl-C): `run` then answers that it was
    /// interrupted, and the session stays as it was before that input.
    public func interrupt() {
        interruption.request()
    }

    /// `interrupt`, as a function another thread may hold.
    public var interrupter: @Sendable () -> Void {
        let interruption = self.interruption
        return { interruption.request() }
    }

    /// Makes SIGINT interrupt this session's evaluation (`interrupt`) while
    /// `body` runs, with no more work in the handler than an atomic store.
    public func interruptible<T>(_ body: () -> T) -> T {
        Interruption.onSignal = Unmanaged.passUnretained(interruption)
        let previous = signal(SIGINT) { _ in Interruption.signalled() }
        defer {
            signal(SIGINT, previous)
            Interruption.onSignal = nil
        }
        return body()
    }

    /// Said on a terminal after the greeting.
    public static let hint = "Type :help for the commands, :quit or Ctrl-D to leave.\n"

    /// What the session says first: problems in the files, and what was found.
    public var greeting: Reply {
        let text = renderedDiagnostics(report.diagnostics, report.sources) + report.summary + "\n"
        return Reply(
            text, json: .object([("kind", .string("loaded"))] + summaryMembers + [("diagnostics", diagnosticsJSON(report.diagnostics, report.sources))]))
    }

    var summaryMembers: [(String, JSONValue)] {
        let counts = report.findingCounts
        return [
            ("files", .number(report.fileCount)), ("findings", .number(report.findings.count)),
            ("errors", .number(counts.errors)), ("warnings", .number(counts.warnings)), ("infos", .number(counts.infos)),
        ]
    }

    // MARK: Input

    /// True when `text` is a whole input: brackets closed, no trailing `,`,
    /// `:-` or `when`, a rule ended by its `at` clause, a clause by its period.
    /// The prompt keeps reading lines until the input is complete.
    public static func isComplete(_ text: String) -> Bool {
        var sources = SourceMap()
        let tokens = Lexer.tokenize(sources.add(path: "<input>", bytes: Array(text.utf8))).tokens.filter {
            $0.kind != .endOfFile
        }
        guard let last = tokens.last else { return true }
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBrace: depth += 1
            case .rightParen, .rightBrace: depth -= 1
            default: break
            }
        }
        if depth > 0 { return false }
        switch last.kind {
        case .comma, .turnstile, .arrow, .colon, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return false
        default: break
        }
        if last.isKeyword("when") || last.isKeyword("not") || last.isKeyword("at") { return false }
        if tokens.contains(where: { $0.kind == .turnstile }) && last.kind != .period { return false }
        if let first = tokens.first, first.isKeyword("rule"), tokens.count > 1, tokens[1].kind != .leftParen {
            return tokens.contains { $0.isKeyword("at") }
        }
        return true
    }

    /// Answers one input: a `:command`, a query, or a rule or fact to add.
    public func run(_ input: String) -> Reply {
        interruption.reset()
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .nothing }
        if text.hasPrefix(":") { return command(text) }
        inputNumber += 1
        let path = "<input \(inputNumber)>"
        return isDeclaration(text) ? add(text, path: path) : query(text, path: path)
    }

    /// A declaration starts with a declaration keyword (not followed by `(`,
    /// which makes it a relation), or is a clause: it has `:-`, or it is one
    /// ground atom ended by a period (a fact).
    private func isDeclaration(_ text: String) -> Bool {
        var sources = SourceMap()
        let tokens = Lexer.tokenize(sources.add(path: "<input>", bytes: Array(text.utf8))).tokens
        guard let first = tokens.first else { return false }
        if first.kind == .identifier, DeclarationKeyword(rawValue: first.text) != nil, tokens.count > 1,
            tokens[1].kind != .leftParen
        {
            return true
        }
        if tokens.contains(where: { $0.kind == .turnstile }) { return true }
        let meaningful = tokens.filter { $0.kind != .endOfFile }
        return meaningful.last?.kind == .period && !meaningful.contains { $0.kind == .variable }
    }
}
