import Diagnostics
import Engine
import Findings
import Foundation
import Reports
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
    private let interruption = Interruption()
    private var paths: [String]
    /// Rules and facts typed at the prompt, as drafts named `<input N>`.
    private var inputs: [(path: String, text: String)] = []
    private var inputNumber = 0
    private let cache = ParseCache()
    var report: CheckReport
    private var timings: Timings
    /// At most this many rows of an answer are shown as text (nil: all).
    private var rowLimit: Int? = 50
    private var showTitles = false
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

    private static func evaluate(
        _ paths: [String], inputs: [(path: String, text: String)], options: CheckOptions, cache: ParseCache
    ) -> (CheckReport, Timings) {
        let clock = ContinuousClock()
        let start = clock.now
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

    private var summaryMembers: [(String, JSONValue)] {
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

    // MARK: Queries

    private func query(_ text: String, path: String) -> Reply {
        guard let model = report.model else { return noModel }
        var sources = report.sources
        let file = sources.add(path: path, bytes: Array(text.utf8))
        let (literals, syntax) = Parser.parseQuery(file)
        if syntax.hasErrors { return problems(syntax, sources) }
        let (typeProblems, types) = QueryChecker.check(literals, program: report.program)
        if typeProblems.hasErrors { return problems(typeProblems, sources) }
        let result = model.query(literals, timeoutNanoseconds: options.evaluation.timeoutNanoseconds, interruption: interruption)
        if result.stopped, interruption.isRequested {
            return Reply("interrupted: the query stopped (Ctrl-C)\n", json: message("interrupted"), isError: true)
        }
        if result.stopped { return problems([.queryTimeout(options.evaluation.timeoutNanoseconds ?? 0)], sources) }
        return answer(result, types: types)
    }

    /// A table of bindings (at most `rowLimit` rows as text, all of them as JSON) and a count.
    private func answer(_ result: QueryResult, types: [String: ValueType]) -> Reply {
        let json: JSONValue = .object([
            ("kind", .string("answer")), ("columns", .array(result.columns.map { .string($0) })),
            ("rows", .array(result.rows.map { row in .array(row.map { .string(ValueFormatter.key($0)) }) })),
            ("count", .number(result.rows.count)),
        ])
        if result.columns.isEmpty { return Reply(result.rows.isEmpty ? "no\n" : "yes\n", json: json) }
        let shown = rowLimit.map { Array(result.rows.prefix($0)) } ?? result.rows
        let cells = shown.map { row in
            zip(result.columns, row).map { column, value in
                showTitles ? ValueFormatter.display(value, type: types[column], program: report.program) : ValueFormatter.key(value)
            }
        }
        var text = Table(rows: [result.columns] + cells).render()
        if shown.count < result.rows.count {
            text += "… \(result.rows.count - shown.count) more (`:limit none` shows every row)\n"
        }
        text += plural(result.rows.count, "row") + "\n"
        return Reply(text, json: json)
    }

    // MARK: Rules and facts typed at the prompt

    private func add(_ text: String, path: String) -> Reply {
        let candidate = inputs + [(path, text)]
        let (next, nextTimings) = Session.evaluate(paths, inputs: candidate, options: options, cache: cache)
        let file = next.sources.files.first { $0.path == path }?.id
        let own = next.diagnostics.filter { $0.primary?.span.file == file }
        let newErrors = next.hasErrors && !report.hasErrors
        if own.hasErrors || newErrors {
            let shown = own.hasErrors ? own : next.diagnostics
            let reply = problems(shown, next.sources)
            return Reply(reply.text + "not added\n", json: .object([("kind", .string("error")), ("diagnostics", diagnosticsJSON(shown, next.sources))]), isError: true)
        }
        inputs = candidate
        let previous = report
        (report, timings) = (next, nextTimings)
        let warnings = renderedDiagnostics(own, next.sources)
        return change("added \(path)", from: previous, kind: "added", extra: [("input", .string(path))], prefix: warnings)
    }

    private func undo() -> Reply {
        guard let last = inputs.last else {
            return Reply("nothing to undo: no rule or fact was typed in this session\n", json: message("nothing to undo"), isError: true)
        }
        inputs.removeLast()
        let previous = report
        (report, timings) = Session.evaluate(paths, inputs: inputs, options: options, cache: cache)
        return change("removed \(last.path): \(firstLine(last.text))", from: previous, kind: "removed", extra: [("input", .string(last.path))])
    }

    private func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }

    // MARK: Files

    private func load(_ path: String) -> Reply {
        guard !path.isEmpty else { return usage("load") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return Reply("error: no such file or directory: \(path)\n", json: message("no such file or directory: \(path)"), isError: true)
        }
        let previous = report
        let candidate = Session.evaluate(paths + [path], inputs: inputs, options: options, cache: cache)
        // A file that cannot be read or checked is refused: the session goes on as it was.
        guard !candidate.0.hasErrors || previous.hasErrors else {
            let problems = renderedDiagnostics(candidate.0.diagnostics.filter { $0.severity == .error }, candidate.0.sources)
            return Reply(
                problems + "not loaded: \(DisplayWidth.printable(path))\n", json: message("not loaded: \(path)"), isError: true)
        }
        paths.append(path)
        (report, timings) = candidate
        let problems = renderedDiagnostics(report.diagnostics, report.sources)
        return change("loaded \(path)", from: previous, kind: "loaded", extra: [("path", .string(path))], prefix: problems)
    }

    private func reload() -> Reply {
        let previous = report
        // Nothing changed: the model stands, and the reload costs only reading the files.
        if filesAreUnchanged() {
            return change("reloaded (no file changed)", from: previous, kind: "reloaded", extra: [("changed", .array([]))])
        }
        (report, timings) = Session.evaluate(paths, inputs: inputs, options: options, cache: cache)
        let changed = changedFiles(from: previous.sources, to: report.sources)
        let what = changed.isEmpty ? "no file changed" : "changed: " + changed.joined(separator: ", ")
        let problems = renderedDiagnostics(report.diagnostics, report.sources)
        return change(
            "reloaded (\(what))", from: previous, kind: "reloaded", extra: [("changed", .array(changed.map { .string($0) }))],
            prefix: problems)
    }

    /// True when every file of the session has the bytes it had when last
    /// loaded, and the paths name no file that was not loaded.
    private func filesAreUnchanged() -> Bool {
        let loaded = report.sources.files.filter { !$0.path.hasPrefix("<") }
        let known = Set(loaded.map(\.path))
        let (files, problems, _) = Lumen.expandPaths(paths, exported: true)
        guard problems.isEmpty, files.allSatisfy(known.contains) else { return false }
        return loaded.allSatisfy { file in
            FileManager.default.contents(atPath: file.path).map { [UInt8]($0) == file.bytes } ?? false
        }
    }

    /// Files (not the standard library, not typed inputs) added, removed or edited.
    private func changedFiles(from old: SourceMap, to new: SourceMap) -> [String] {
        func files(_ map: SourceMap) -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for file in map.files where !file.path.hasPrefix("<") { out[file.path] = file.bytes }
            return out
        }
        let before = files(old)
        let after = files(new)
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// Says what happened and which findings appeared and disappeared.
    private func change(
        _ headline: String, from previous: CheckReport, kind: String, extra: [(String, JSONValue)], prefix: String = ""
    ) -> Reply {
        let before = Set(previous.findings.map(Fingerprint.of))
        let after = Set(report.findings.map(Fingerprint.of))
        let appeared = report.findings.filter { !before.contains(Fingerprint.of($0)) }
        let disappeared = previous.findings.filter { !after.contains(Fingerprint.of($0)) }
        var text = prefix + headline + "\n"
        if report.model == nil {
            text += "the files have errors: nothing was evaluated\n"
        } else if appeared.isEmpty && disappeared.isEmpty {
            text += "findings unchanged (\(report.findings.count))\n"
        } else {
            for finding in appeared { text += "+ " + line(finding, report.sources) + "\n" }
            for finding in disappeared { text += "- " + line(finding, previous.sources) + "\n" }
            text += "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") now (+\(appeared.count) −\(disappeared.count))\n"
        }
        let json: JSONValue = .object(
            [("kind", .string(kind))] + extra + [
                ("appeared", .array(appeared.map { findingJSON($0, report) })),
                ("disappeared", .array(disappeared.map { findingJSON($0, previous) })),
            ] + summaryMembers + [("diagnostics", diagnosticsJSON(report.diagnostics, report.sources))])
        return Reply(text, json: json)
    }

    // MARK: Commands

    /// The commands, their arguments and what they do (`:help`).
    static let commands: [(name: String, arguments: String, help: String)] = [
        ("help", "", "this list"),
        ("findings", "[RULE]", "the findings, numbered (only RULE's if given)"),
        ("why", "N | FACT", "the proof of finding N, or of a fact (`:why goal-advanced-in(city-energy, 7)`)"),
        ("whynot", "FACT", "the rules that could derive FACT and the premise each one lacks"),
        ("load", "PATH", "add a file or directory to the session"),
        ("reload", "", "read the files again, evaluate, and say which findings appeared or disappeared"),
        ("rules", "", "the reporting rules: id, severity, subjects, place"),
        ("relations", "", "the relations: columns and their types, tuples, where declared"),
        ("catalog", "ID | WORD", "a goal, target, indicator, principle or kind of measure, or the entries mentioning WORD"),
        ("stats", "", "per rule: tuples derived, time, scans and index lookups; load and evaluation time"),
        ("undo", "", "remove the last rule or fact typed at the prompt"),
        ("limit", "N | none", "show at most N rows of an answer (50 at the start)"),
        ("titles", "on | off", "show goals, targets and indicators with their titles in answers"),
        ("quit", "", "leave the session (Ctrl-D on an empty line too)"),
    ]

    /// What Tab completes: commands, relations, rule ids and catalogue ids.
    public var completions: [String] {
        var words = Set(Session.commands.map { ":" + $0.name })
        words.formUnion(report.program.relations.keys)
        words.formUnion(report.program.rules.map(\.rule.id.value))
        for type in [ValueType.target, .indicator, .principle, .country, .resolution, .measure, .kind] {
            words.formUnion(report.program.ids(of: type))
        }
        return words.sorted()
    }

    private func command(_ text: String) -> Reply {
        let body = text.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "help", "h", "?": return help()
        case "findings": return findings(rule: argument)
        case "why": return why(argument)
        case "whynot": return whyNot(argument)
        case "load": return load(argument)
        case "reload": return reload()
        case "rules": return rules()
        case "relations": return relations()
        case "catalog": return catalog(argument)
        case "stats": return stats()
        case "undo": return undo()
        case "limit": return limit(argument)
        case "titles": return titles(argument)
        case "quit", "q", "exit": return Reply("", json: nil, quits: true)
        default:
            let suggestion = EditDistance.suggestion(for: name, among: Session.commands.map(\.name))
            let hint = suggestion.map { "; did you mean `:\($0)`?" } ?? "; `:help` lists the commands"
            return Reply("error: unknown command `:\(name)`\(hint)\n", json: message("unknown command `:\(name)`"), isError: true)
        }
    }

    private func help() -> Reply {
        let rows = Session.commands.map { [":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments), $0.help] }
        let text = """
            Type a query, as in a rule body, to see its answers:
              advances(M, T), target-of-goal(T, 13)
            Type a rule, a fact (ended by a period) or a declaration to add it to the session.
            An input continues on the next line until its brackets are closed.

            """ + Table(rows: rows).render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        return Reply(text, json: message(text))
    }

    private func usage(_ name: String) -> Reply {
        let entry = Session.commands.first { $0.name == name }
        let text = "usage: :\(name) \(entry?.arguments ?? "")"
        return Reply("error: \(text)\n", json: message(text), isError: true)
    }

    private func findings(rule: String) -> Reply {
        guard report.model != nil else { return noModel }
        let ids = Set(report.program.rules.map(\.rule.id.value))
        if !rule.isEmpty && !ids.contains(rule) {
            let hint = EditDistance.suggestion(for: rule, among: ids).map { "; did you mean `\($0)`?" } ?? ""
            return Reply("error: no rule `\(rule)`\(hint)\n", json: message("no rule `\(rule)`"), isError: true)
        }
        let numbered = report.findings.enumerated().filter { rule.isEmpty || $0.element.rule == rule }
        let json: JSONValue = .object([
            ("kind", .string("findings")),
            (
                "findings",
                .array(
                    numbered.map { number, finding in
                        guard case .object(let members) = findingJSON(finding, report) else { return .null }
                        return .object([("number", .number(number + 1))] + members)
                    })
            ),
        ])
        guard !numbered.isEmpty else { return Reply(rule.isEmpty ? "no findings\n" : "no findings of `\(rule)`\n", json: json) }
        let rows = numbered.map { number, finding in
            ["\(number + 1)", finding.severity.rawValue, finding.rule, place(finding.anchor, report.sources), finding.message]
        }
        let text = Table(rows: [["#", "severity", "rule", "at", "message"]] + rows, rightAligned: [0]).render()
        return Reply(text + plural(numbered.count, "finding") + " (`:why N` explains one)\n", json: json)
    }

    private func rules() -> Reply {
        let rules = report.program.rules
        let rows = rules.map { checked in
            let rule = checked.rule
            let subjects = checked.subjects.map(\.value).joined(separator: ", ")
            return [rule.id.value + "(" + subjects + ")", rule.severity.value.rawValue, place(rule.span, report.sources)]
        }
        let json: JSONValue = .object([
            ("kind", .string("rules")),
            (
                "rules",
                .array(
                    rules.map { checked in
                        let rule = checked.rule
                        return .object([
                            ("id", .string(rule.id.value)), ("severity", .string(rule.severity.value.rawValue)),
                            ("subjects", .array(checked.subjects.map { .string($0.value) })),
                            ("location", .string(place(rule.span, report.sources))),
                        ])
                    })
            ),
        ])
        let text = Table(rows: [["rule (subjects)", "severity", "declared at"]] + rows).render()
        return Reply(text + plural(rules.count, "rule") + "\n", json: json)
    }

    private func relations() -> Reply {
        let program = report.program
        let schemas = RelationSchema.builtins.compactMap { program.relations[$0.name] }
            + program.relationOrder.compactMap { program.relations[$0] }
        let rows = schemas.map { schema in
            [
                schema.signature, report.model.map { String($0.count(schema.name)) } ?? "-",
                schema.declaredAt.map { place($0, report.sources) } ?? "built in: " + schema.summary,
            ]
        }
        let json: JSONValue = .object([
            ("kind", .string("relations")),
            (
                "relations",
                .array(
                    schemas.map { schema in
                        .object([
                            ("name", .string(schema.name)),
                            (
                                "columns",
                                .array(
                                    zip(schema.columnNames, schema.columns).map { name, type in
                                        .object([("name", name.map { .string($0) } ?? .null), ("type", .string(type.rawValue))])
                                    })
                            ),
                            ("tuples", report.model.map { .number($0.count(schema.name)) } ?? .null),
                        ])
                    })
            ),
        ])
        let text = Table(rows: [["relation", "tuples", "where"]] + rows, rightAligned: [1]).render()
        return Reply(text + plural(schemas.count, "relation") + "\n", json: json)
    }

    private func catalog(_ argument: String) -> Reply {
        guard !argument.isEmpty else { return usage("catalog") }
        let catalog = Catalog(program: report.program, sources: report.sources)
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false).count
        let isNumber = Int(argument) != nil
        let result: (text: String, found: Bool)
        if isNumber {
            result = catalog.goal(argument)
        } else if argument.first?.isNumber == true && parts == 2 {
            result = catalog.target(argument)
        } else if argument.first?.isNumber == true && parts == 3 {
            result = catalog.indicator(argument)
        } else if report.program.entity(.principle, argument) != nil {
            result = catalog.principle(argument)
        } else if report.program.kinds[argument] != nil {
            result = catalog.kind(argument)
        } else {
            result = catalog.search(argument)
        }
        return Reply(result.text, json: message(result.text), isError: !result.found)
    }

    private func stats() -> Reply {
        guard let model = report.model else { return noModel }
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        var text = StatisticsReport.render(model, sources: report.sources)
        let tuples = model.relationNames.reduce(0) { $0 + model.count($1) }
        text += "last evaluation: loaded and checked in \(milliseconds(timings.load)), evaluated in \(milliseconds(timings.evaluate)); "
        text += "\(tuples) tuples in \(model.relationNames.count) relations\n"
        text += "files parsed \(cache.parsed) times, reused \(cache.reused) times since the session started\n"
        return Reply(text, json: message(text))
    }

    private func limit(_ argument: String) -> Reply {
        if argument == "none" {
            rowLimit = nil
        } else if let number = Int(argument), number > 0 {
            rowLimit = number
        } else if argument.isEmpty {
            let text = rowLimit.map { "answers show at most \($0) rows" } ?? "answers show every row"
            return Reply(text + "\n", json: message(text))
        } else {
            return usage("limit")
        }
        let text = rowLimit.map { "answers now show at most \($0) rows" } ?? "answers now show every row"
        return Reply(text + "\n", json: message(text))
    }

    private func titles(_ argument: String) -> Reply {
        switch argument {
        case "on": showTitles = true
        case "off": showTitles = false
        case "": break
        default: return usage("titles")
        }
        let text = "titles " + (showTitles ? "on" : "off")
        return Reply(text + "\n", json: message(text))
    }

    // MARK: Rendering helpers

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

    private func input(_ sources: SourceMap, _ report: CheckReport) -> ReportInput {
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
    private func line(_ finding: Finding, _ sources: SourceMap) -> String {
        DisplayWidth.printable("\(finding.severity.rawValue)[\(finding.rule)] \(place(finding.anchor, sources)): \(finding.message)")
    }

    func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
