import Foundation
import Lumen

/// `lumen repl [PATHS]`: explore drafts interactively.
enum ReplCommand: Command {
    static let name = "repl"
    static let abstract = "Explore drafts interactively: queries, findings, proofs."
    static let usageArguments = "[<options>] [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 .lumen, JSON and CSV drafts, or directories of them.

        Type a query (as in a rule body) to see its answers, a rule or a fact to
        add it to the session, or a command; `:help` lists the commands. On a
        terminal the line can be edited (arrows, Home/End, Ctrl-A/E/K/U/W), Up
        and Down walk the history (~/.lumen_history), Tab completes commands,
        relations, rule ids and catalogue ids, Ctrl-C drops the line and Ctrl-D
        on an empty line quits.

        When standard input is not a terminal, lines are read without prompts
        and answers printed plainly (errors on standard error), so a session can
        be scripted: lumen repl drafts/ < queries.txt

        EXIT STATUS:
          0  the session ended (`:quit` or the end of input)
          2  usage, or, when input is not a terminal, an input was refused
        """
    static let options: [ArgumentParser.Option] =
        loadingOptions + limitOptions + [
            .init(name: "json", valueName: nil, help: "Print each answer as one JSON object per line."),
            colorOption, helpOption,
        ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        let json = arguments.flags.contains("json")
        var options = checkOptions(arguments)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }
        let session = Session(paths: arguments.positionals, options: options)
        if console.inputIsTerminal && console.outputIsTerminal && !json {
            session.colors = console.useColor(color)
            return interactive(session, console: console)
        }
        return scripted(session, json: json, console: console)
    }

    /// Reads inputs line by line (an input continues over lines until it is
    /// complete, or until an empty line) and prints each reply.
    private static func scripted(_ session: Session, json: Bool, console: Console) -> Int32 {
        var refused = false
        func emit(_ reply: Session.Reply) {
            if json {
                if !reply.json.isEmpty { console.writeOut(reply.json + "\n") }
            } else if reply.isError {
                console.writeError(reply.text)
            } else {
                console.writeOut(reply.text)
            }
            refused = refused || reply.isError
        }
        emit(session.greeting)
        var inputs = InputAssembler()
        reading: while let line = console.readLine() {
            for input in inputs.add(line) {
                let reply = session.run(input)
                emit(reply)
                if reply.quits { break reading }
            }
        }
        if let rest = inputs.rest { emit(session.run(rest)) }
        return refused ? ExitStatus.invalid : ExitStatus.success
    }

    /// The prompt loop on a terminal, with the line editor.
    private static func interactive(_ session: Session, console: Console) -> Int32 {
        let home = console.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let history = History(path: home.map { ($0 as NSString).appendingPathComponent(".lumen_history") })
        let editor = LineEditor(
            input: STDIN_FILENO, output: STDOUT_FILENO, history: history, completions: { session.completions })
        console.writeOut(session.greeting.text + Session.hint)
        var inputs = InputAssembler()
        loop: while true {
            switch editor.readLine(prompt: inputs.rest == nil ? "lumen> " : "  ...> ") {
            case .endOfInput:
                break loop
            case .interrupted:
                inputs = InputAssembler()
            case .line(let line):
                editor.history.add(line)
                for input in inputs.add(line) {
                    // While an input is evaluated (the terminal is not in raw mode), Ctrl-C
                    // interrupts the evaluation instead of ending the session.
                    let reply = session.interruptible { session.run(input) }
                    console.writeOut(reply.text)
                    if reply.quits { break loop }
                }
            }
        }
        editor.history.compact()
        return ExitStatus.success
    }
}

/// Joins the lines typed or piped into whole inputs: an input continues over
/// lines until it is complete (`Session.isComplete`) or a blank line ends it,
/// and a `:command` line first ends an unfinished input.
struct InputAssembler {
    private var pending: [String] = []

    /// The unfinished input, if any.
    var rest: String? { pending.isEmpty ? nil : pending.joined(separator: "\n") }

    /// Takes one line; returns the inputs it completes, in order.
    mutating func add(_ line: String) -> [String] {
        var complete: [String] = []
        if let rest, line.hasPrefix(":") {
            complete.append(rest)
            pending = []
        }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        if Session.isComplete(text) || line.trimmingCharacters(in: .whitespaces).isEmpty {
            complete.append(text)
            pending = []
        }
        return complete
    }
}
