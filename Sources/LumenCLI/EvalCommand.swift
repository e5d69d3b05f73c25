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
        --count, one line `relation<TAB>count` per relation that a rule derives;
        with --explain-plan, each rule's join plans instead: stratum by stratum,
        the order its literals are read in, how (a scan, an index), the tuples
        the planner expected per binding of the steps before and the size of
        the relation when it planned, and what the rule derived.
        With --facts DIR, the relations are also filled from DIR/<relation>.facts
        (Soufflé's format: one tuple per line, values separated by tabs).
        Diagnostics go to standard error.

        EXIT STATUS:
          0  evaluated
          2  invalid input, a limit reached, or usage
        """
    static let options: [ArgumentParser.Option] =
        loadingOptions + limitOptions + [
            .init(name: "facts", valueName: "dir", help: "Also read DIR/<relation>.facts (tab-separated, one tuple per line)."),
            .init(name: "count", valueName: nil, help: "Print the number of tuples of each derived relation."),
            .init(name: "explain-plan", valueName: nil, help: "Print each rule's join plans, with estimated and actual sizes."),
            .init(name: "stats", valueName: nil, help: "Print per-rule evaluation statistics on standard error."),
            .init(name: "no-provenance", valueName: nil, help: "Do not record how each tuple was derived (faster, less memory)."),
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
        options.provenance = !arguments.flags.contains("no-provenance")
        let report = Lumen.evaluate(paths: arguments.positionals, facts: arguments.value("facts"), options: options)
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        guard !report.hasErrors else { return ExitStatus.invalid }
        if arguments.flags.contains("explain-plan") {
            console.writeOut(report.plans)
        } else {
            console.writeOut(arguments.flags.contains("count") ? report.counts : report.tuples)
        }
        if arguments.flags.contains("stats") { console.writeError(report.statistics) }
        return ExitStatus.success
    }
}
