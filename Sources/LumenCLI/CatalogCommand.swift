import Lumen

/// `lumen catalog KIND ID`: browse the catalogue of the standard library.
enum CatalogCommand: Command {
    static let name = "catalog"
    static let abstract = "Browse the catalogue: goals, targets, indicators, principles, kinds of measure, levels, packs."
    static let usageArguments = "<kind> <id>"
    static let discussion = """
        ARGUMENTS:
          <kind>                  goal, target, indicator, principle, kind, level, pack or
                                  search.
          <id>                    The id (13, 13.2, 13.2.2, property, carbon-tax, national,
                                  interactions-sweden), or a word to search for.

        EXAMPLES:
          lumen catalog target 13.2
          lumen catalog principle property
          lumen catalog kind carbon-tax
          lumen catalog pack interactions-sweden
          lumen catalog search water

        EXIT STATUS:
          0  found
          2  unknown id (with a suggestion), nothing found, or usage
        """
    static let options: [ArgumentParser.Option] = [
        .init(name: "rules", valueName: "dir", help: "Load a rule pack (a file or directory) into the catalogue; repeatable."),
        helpOption,
    ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard arguments.positionals.count == 2 else {
            return usageError("Expected a kind and an id, as in 'lumen catalog target 13.2'", console: console)
        }
        guard let kind = Lumen.CatalogKind(rawValue: arguments.positionals[0]) else {
            let kinds = Lumen.CatalogKind.allCases.map(\.rawValue).joined(separator: ", ")
            return usageError("Unknown kind '\(arguments.positionals[0])'; expected \(kinds)", console: console)
        }
        var options = CheckOptions()
        options.rulePacks = arguments.values["rules"] ?? []
        let (text, found) = Lumen.catalog(kind, arguments.positionals[1], options: options)
        if found {
            // A rule pack's titles and descriptions are input too: no control character reaches the terminal.
            console.writeOut(Lumen.printableLines(text))
            return ExitStatus.success
        }
        console.writeError(Lumen.printableLines(text))
        return ExitStatus.invalid
    }
}
