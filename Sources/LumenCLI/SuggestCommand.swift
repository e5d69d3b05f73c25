import Lumen

/// `lumen suggest PATH...`: propose kinds and targets for unmapped measures.
enum SuggestCommand: Command {
    static let name = "suggest"
    static let abstract = "Suggest kinds and targets for measures that declare neither, from their titles and descriptions."
    static let usageArguments = "[<options>] <paths> ..."
    static let discussion = """
        ARGUMENTS:
          <paths>                 Drafts (.lumen, .json, .csv), or directories searched
                                  recursively for .lumen files and for the .json and .csv
                                  files that are drafts by their shape (the others are
                                  skipped).

        For each measure with no kind and no mapping, lists the kinds of measure
        whose terms occur in its title or description (best first, with the words
        that matched), then the targets whose titles share words with it. With
        --apply, the best kind is written into each such measure of a .lumen
        draft (atomically; the rest of the file is kept as it is).

        EXIT STATUS:
          0  done
          2  invalid input or usage
        """
    static let options: [ArgumentParser.Option] =
        [
            .init(name: "apply", valueName: nil, help: "Write the best kind into each measure (in .lumen drafts)."),
            .init(name: "all", valueName: nil, help: "Also suggest for measures that already declare kinds or mappings."),
        ] + loadingOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            return usageError("Missing expected argument '<paths> ...'", console: console)
        }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        let report = Lumen.suggest(
            paths: arguments.positionals, options: checkOptions(arguments), includeMapped: arguments.flags.contains("all"))
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        guard !report.hasErrors else { return ExitStatus.invalid }
        console.writeOut(Lumen.printableLines(report.text))
        guard arguments.flags.contains("apply") else { return ExitStatus.success }
        let (files, skipped) = report.applied
        for file in files {
            if case .failure(let error) = OutputFile.write(file.text, to: file.path, unchangedFrom: file.original) {
                console.writeError("error: \(error.message)\n")
                return ExitStatus.invalid
            }
            console.writeError("wrote `\(Lumen.printable(file.path))`\n")
        }
        for id in skipped {
            console.writeError("note: \(id) is in a JSON or CSV draft; add its kind there by hand\n")
        }
        return ExitStatus.success
    }
}
