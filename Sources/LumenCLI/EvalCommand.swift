import Lumen

/// `lumen eval FILE...`: print the model of a program.
enum EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Evaluate a program and print its model (every tuple, or counts)."
    static let usageArguments = "[<options>] <paths> ..."
    static let discussion = """
        ARGUMENTS:
          <paths>                 .lumen files or directories.

        Prints every tuple of every relation, one per line, as
        `relation<TAB>value<TAB>...`, sorted by relation and values; with
        --count, one line `relation<TAB>count` per relation that a rule derives.
        Diagnostics go to standard error.

        EXIT STATUS:
          0  evaluated
          2  invalid input, a limit reached, or usage
        """
    static let options: [ArgumentParser.Option] =
        loadingOptions + limitOptions + [
            .init(name: "count", valueName: nil, help: "Print the number of tuples of each derived relation."),
            colorOption, helpOption,
        ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            return usageError("Missing expected argument '<paths> ...'", console: console)
        }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        var options = checkOptions(arguments)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }
        let report = Lumen.evaluate(paths: arguments.positionals, options: options)
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        guard !report.hasErrors else { return ExitStatus.invalid }
        console.writeOut(arguments.flags.contains("count") ? report.counts : report.tuples)
        return ExitStatus.success
    }
}
