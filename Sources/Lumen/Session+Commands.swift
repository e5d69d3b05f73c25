// The REPL's `:commands`: one table says each command's name, arguments,
// help and handler, and dispatch, `:help` and completion all read it.
import Diagnostics
import Foundation
import Reports
import Semantics

extension Session {
    /// One `:command`: its name (and shorter names), its arguments, what it
    /// does, and what answers it.
    struct Command: Sendable {
        let name: String
        var aliases: [String] = []
        let arguments: String
        let help: String
        let run: @Sendable (Session, String) -> Reply
    }

    /// The commands, in the order `:help` lists them.
    static let commands: [Command] = [
        Command(name: "help", aliases: ["h", "?"], arguments: "", help: "this list") { session, _ in session.help() },
        Command(name: "findings", arguments: "[RULE]", help: "the findings, numbered (only RULE's if given)") {
            $0.findings(rule: $1)
        },
        Command(
            name: "why", arguments: "N | FACT",
            help: "the proof of finding N, or of a fact (`:why goal-advanced-in(city-energy, 7)`)"
        ) { $0.why($1) },
        Command(name: "whynot", arguments: "FACT", help: "the rules that could derive FACT and the premise each one lacks") {
            $0.whyNot($1)
        },
        Command(name: "load", arguments: "PATH", help: "add a file or directory to the session") { $0.load($1) },
        Command(
            name: "reload", arguments: "", help: "read the files again, evaluate, and say which findings appeared or disappeared"
        ) { session, _ in session.reload() },
        Command(name: "rules", arguments: "", help: "the reporting rules: id, severity, subjects, place") { session, _ in
            session.rules()
        },
        Command(name: "relations", arguments: "", help: "the relations: columns and their types, tuples, where declared") {
            session, _ in session.relations()
        },
        Command(
            name: "catalog", arguments: "ID | WORD",
            help: "a goal, target, indicator, principle or kind of measure, or the entries mentioning WORD"
        ) { $0.catalog($1) },
        Command(
            name: "plan", arguments: "[RULE]",
            help: "the join plans of every rule (or of RULE, a rule id or a relation): order, indexes, estimated and actual sizes"
        ) { $0.plan($1) },
        Command(
            name: "stats", arguments: "", help: "per rule: tuples derived, time, scans and index lookups; load and evaluation time"
        ) { session, _ in session.stats() },
        Command(name: "undo", arguments: "", help: "remove the last rule or fact typed at the prompt") { session, _ in
            session.undo()
        },
        Command(name: "limit", arguments: "N | none", help: "show at most N rows of an answer (50 at the start)") {
            $0.limit($1)
        },
        Command(name: "titles", arguments: "on | off", help: "show goals, targets and indicators with their titles in answers") {
            $0.titles($1)
        },
        Command(name: "quit", aliases: ["q", "exit"], arguments: "", help: "leave the session (Ctrl-D on an empty line too)") {
            _, _ in Reply("", json: nil, quits: true)
        },
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

    func command(_ text: String) -> Reply {
        let body = text.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        if let found = Session.commands.first(where: { $0.name == name || $0.aliases.contains(name) }) {
            return found.run(self, argument)
        }
        let suggestion = EditDistance.suggestion(for: name, among: Session.commands.map(\.name))
        let hint = suggestion.map { "; did you mean `:\($0)`?" } ?? "; `:help` lists the commands"
        return Reply("error: unknown command `:\(name)`\(hint)\n", json: message("unknown command `:\(name)`"), isError: true)
    }

    func help() -> Reply {
        let rows = Session.commands.map { [":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments), $0.help] }
        let text = """
            Type a query, as in a rule body, to see its answers:
              advances(M, T), target-of-goal(T, 13)
            Type a rule, a fact (ended by a period) or a declaration to add it to the session.
            An input continues on the next line until its brackets are closed.

            """ + Table(rows: rows).render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        return Reply(text, json: message(text))
    }

    func usage(_ name: String) -> Reply {
        let entry = Session.commands.first { $0.name == name }
        let text = "usage: :\(name) \(entry?.arguments ?? "")"
        return Reply("error: \(text)\n", json: message(text), isError: true)
    }
}
