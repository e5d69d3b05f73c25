import Foundation
import Lumen

/// `lumen suggest PATH...`: propose kinds and targets for unmapped measures.
enum SuggestCommand: Command {
    static let name = "suggest"
    static let abstract = "Suggest kinds and targets for measures that declare neither, from their titles and descriptions."
    static let usageArguments = "[<options>] <paths> ... | --text <text>"
    static let discussion = """
        ARGUMENTS:
          <paths>                 Drafts (.lumen, .json, .csv), or directories searched
                                  recursively for .lumen files and for the .json and .csv
                                  files that are drafts by their shape (the others are
                                  skipped).

        For each measure with no kind and no mapping, lists the kinds of measure
        and the targets its title and description speak of, best first, each with
        its score and the words that matched: words and phrases of the profiles of
        targets and kinds (Rules/suggest/, `lumen catalog target ID` shows them),
        in the text's language (English or French, told from its words, or
        --language), and the titles of targets and their indicators. A suggestion
        scores at least the threshold (6.00, or --min-score): more than one word
        of a title, or a word of a profile. With --text, the text given (or
        standard input, for `-`) is read instead of drafts. With --apply, the
        suggestions are written into each such measure of a .lumen draft
        (atomically; the rest of the file is kept as it is) as `suggested kind K
        score S` and `suggested advances T score S`, which rules read apart until
        a person confirms them (writes `kind K`, `advances T`) or deletes them.

        EXIT STATUS:
          0  done
          2  invalid input or usage
        """
    static let options: [ArgumentParser.Option] =
        [
            .init(name: "apply", valueName: nil, help: "Write the suggestions into each measure, as `suggested` items (.lumen drafts)."),
            .init(name: "all", valueName: nil, help: "Also suggest for measures that already declare kinds or mappings."),
            .init(name: "text", valueName: "text", help: "Suggest for this text (`-` reads standard input) instead of drafts."),
            .init(name: "format", valueName: "format", help: "Output format: text (default) or json."),
            .init(name: "top", valueName: "n", help: "Suggestions shown per measure, of each sort (default 3)."),
            .init(name: "min-score", valueName: "score", help: "The lowest score suggested (default 6.00)."),
            .init(name: "language", valueName: "lang", help: "Read the texts as en or fr (default: told from each text)."),
        ] + loadingOptions + [colorOption, helpOption]

    struct InvalidValue: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The ranking settings of the arguments, or the usage error.
    static func settings(_ arguments: ArgumentParser.Parsed) -> Result<SuggestSettings, InvalidValue> {
        var settings = SuggestSettings()
        if let text = arguments.value("top") {
            guard let top = Int(text), top > 0, top <= 1_000 else {
                return .failure(InvalidValue("Invalid value for '--top': expected a positive integer of at most 1000"))
            }
            settings.top = top
        }
        if let text = arguments.value("min-score") {
            guard let score = Double(text), score >= 0, score.isFinite else {
                return .failure(InvalidValue("Invalid value for '--min-score': expected a number of at least 0"))
            }
            settings.minimumScore = score
        }
        if let language = arguments.value("language") {
            guard SuggestSettings.languages.contains(language) else {
                return .failure(
                    InvalidValue("Invalid value for '--language': expected " + SuggestSettings.languages.joined(separator: " or ")))
            }
            settings.language = language
        }
        return .success(settings)
    }

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        let text = arguments.value("text")
        guard !arguments.positionals.isEmpty || text != nil else {
            return usageError("Missing expected argument '<paths> ...' or '--text'", console: console)
        }
        guard text == nil || (arguments.positionals.isEmpty && !arguments.flags.contains("apply")) else {
            return usageError("'--text' reads no drafts: give either paths or '--text', and no '--apply'", console: console)
        }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        let format = arguments.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            return usageError("Invalid value for '--format': expected text or json", console: console)
        }
        let settings: SuggestSettings
        switch Self.settings(arguments) {
        case .success(let found): settings = found
        case .failure(let error): return usageError(error.message, console: console)
        }
        let report: SuggestReport
        if let text {
            let options = checkOptions(arguments)
            var given = text
            if text == "-" {
                // Read as a file is: no more than the limit of one file.
                let bytes = console.readInput(options.maxFileBytes)
                guard bytes.count <= options.maxFileBytes else {
                    console.writeError("error: standard input is larger than the limit of \(options.maxFileBytes >> 20) MiB for one file\n")
                    return ExitStatus.invalid
                }
                given = String(decoding: bytes, as: UTF8.self)
            }
            report = Lumen.suggest(text: given, options: options, settings: settings)
        } else {
            report = Lumen.suggest(
                paths: arguments.positionals, options: checkOptions(arguments), includeMapped: arguments.flags.contains("all"),
                settings: settings)
        }
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        guard !report.hasErrors else { return ExitStatus.invalid }
        console.writeOut(format == "json" ? report.json : Lumen.printableLines(report.text))
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
            console.writeError("note: \(id) is in a JSON or CSV draft; add its suggestions there by hand\n")
        }
        return ExitStatus.success
    }
}
