import Foundation
import Lumen

/// The `lumen` command: dispatches to a subcommand.
public enum LumenCommand {
    /// A subcommand, erased to plain values (no existential metatypes).
    struct Subcommand: Sendable {
        let name: String
        let abstract: String
        let helpText: String
        let options: [ArgumentParser.Option]
        let main: @Sendable ([String], Console) -> Int32

        init<C: Command>(_ command: C.Type) {
            name = C.name
            abstract = C.abstract
            helpText = C.helpText
            options = C.options
            main = { C.main($0, console: $1) }
        }
    }

    static let subcommands: [Subcommand] = [
        Subcommand(CheckCommand.self), Subcommand(QueryCommand.self), Subcommand(ReplCommand.self), Subcommand(EvalCommand.self),
        Subcommand(AuditCommand.self), Subcommand(SystemsCommand.self), Subcommand(SuggestCommand.self), Subcommand(TestCommand.self),
        Subcommand(ImportCommand.self), Subcommand(CatalogCommand.self), Subcommand(FormatCommand.self), Subcommand(LSPCommand.self),
        Subcommand(CompletionsCommand.self),
        Subcommand(ExplainCommand.self),
    ]

    static var helpText: String {
        let width = (subcommands.map(\.name.count).max() ?? 0) + 2
        let list = subcommands.map { command in
            "  " + command.name + String(repeating: " ", count: width - command.name.count) + command.abstract
        }
        return """
            OVERVIEW: Lumen checks policy drafts for coherence with the UN Sustainable
            Development Goals and with constitutional principles.

            USAGE: lumen <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
            \(list.joined(separator: "\n"))

              See 'lumen help <subcommand>' for detailed help.

            """
    }

    /// Runs `lumen` with the arguments that follow the program name.
    /// Runs a command, then says whether standard output could be written: a
    /// closed pipe gives `ExitStatus.closedPipe` (the executable then ends by
    /// SIGPIPE), any other failure (a full disk) an error message and status 2.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        let status = main(arguments, console: console)
        guard let failure = console.outputFailure() else { return status }
        if failure == EPIPE { return ExitStatus.closedPipe }
        console.writeError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
        return ExitStatus.invalid
    }

    public static func main(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.writeError(helpText)
            return ExitStatus.invalid
        }
        switch first {
        case "--help", "-h":
            console.writeOut(helpText)
            return ExitStatus.success
        case "--version":
            console.writeOut(Lumen.version + "\n")
            return ExitStatus.success
        case "help":
            guard let name = arguments.dropFirst().first else {
                console.writeOut(helpText)
                return ExitStatus.success
            }
            guard let command = subcommands.first(where: { $0.name == name }) else {
                return unknownSubcommand(name, console: console)
            }
            console.writeOut(command.helpText)
            return ExitStatus.success
        default:
            guard let command = subcommands.first(where: { $0.name == first }) else {
                return unknownSubcommand(first, console: console)
            }
            return command.main(Array(arguments.dropFirst()), console)
        }
    }

    private static func unknownSubcommand(_ name: String, console: Console) -> Int32 {
        let known = subcommands.map(\.name)
        var message = name.hasPrefix("-") ? "Error: Unknown option '\(name)'\n" : "Error: Unknown subcommand '\(name)'\n"
        if let close = known.min(by: { distance($0, name) < distance($1, name) }), distance(close, name) <= 2 {
            message += "Did you mean '\(close)'?\n"
        }
        message += "Usage: lumen <subcommand>\n  See 'lumen --help' for more information.\n"
        console.writeError(message)
        return ExitStatus.invalid
    }

    /// Edit distance for subcommand suggestions (a handful of short names).
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return row[b.count]
    }
}
