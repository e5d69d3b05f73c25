import Lumen

/// `lumen query 'QUERY' PATH...`: answer a query over the drafts.
enum QueryCommand: Command {
    static let name = "query"
    static let abstract = "Answer a Datalog query over the drafts and the standard library."
    static let usageArguments = "[<options>] <query> [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <query>                 Literals separated by commas, as in a rule body:
                                  'advances(M, T), target-of-goal(T, 13)'. Variables start
                                  with an upper-case letter; `_` matches anything; `not`
                                  and comparisons (=, !=, <, <=, >, >=) are allowed.
          <paths>                 .lumen files or directories.

        The answer is a table with a column per variable, one row per distinct
        binding, sorted. A query without variables answers yes or no.

        EXIT STATUS:
          0  the query was answered (even with no rows)
          2  invalid input or query, or usage
        """
    static let options: [ArgumentParser.Option] = loadingOptions + limitOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard let query = arguments.positionals.first else {
            return usageError("Missing expected argument '<query>'", console: console)
        }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        var options = checkOptions(arguments)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }
        let report = Lumen.query(query, paths: Array(arguments.positionals.dropFirst()), options: options)
        console.writeOut(report.render(colors: console.useColor(color)))
        return report.hasErrors ? ExitStatus.invalid : ExitStatus.success
    }
}
