import Foundation
import Lumen

/// `lumen import PATH... --output DIR`: published resolutions -> drafts.
enum ImportCommand: Command {
    static let name = "import"
    static let abstract = "Turn published resolutions (Akoma Ntoso, numbered text) into drafts, one per resolution."
    static let usageArguments = "<paths> ... --output <dir> [<options>]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 Akoma Ntoso files (.xml, .akn: one document, or a
                                  documentCollection of many) and text resolutions
                                  (.txt, .md), or directories searched for them.

        Writes DIR/<resolution>.lumen for each resolution, laid out as `lumen fmt`
        would, atomically. The resolution's id comes from its FRBR work (author,
        year and number: `itu-pp-2018-res-2`) or, for text, from the file's name;
        its adoption date, body and address become `adopted`, `issued-by` and
        `source`; its preamble its description. Each operative paragraph (a
        <paragraph> of the main body, its points included; or a line numbered
        `1.` in text) becomes a measure that keeps the paragraph's eId
        (`paragraph "para_1"`), titled by its first words, with the whole text as
        description when the title is shortened. A resolution cited by another of
        the same import ("Resolution 71 (Rev. Dubai, 2018)") is recorded as
        `recalls`. Unless --no-suggest, each measure gets the kind and the targets
        its words suggest, as `suggested kind K score S` and `suggested advances T
        score S`, which rules read apart until a person confirms them.

        A draft already there is left as it is when it is what the import would
        write (importing twice changes nothing); when it differs (a person may
        have edited it), it is kept and reported, unless --force replaces it.
        A file that cannot be read as a resolution gets a diagnostic and nothing
        is written for it; the others are still imported.

        EXIT STATUS:
          0  every resolution imported
          2  invalid input or usage, or a draft kept because it differs
        """
    static let options: [ArgumentParser.Option] = [
        .init(name: "output", valueName: "dir", help: "The directory the drafts are written into (created if needed)."),
        .init(name: "level", valueName: "level", help: "The level of a resolution its document does not make international (default national)."),
        .init(name: "no-suggest", valueName: nil, help: "Write no suggested kinds or targets."),
        .init(name: "force", valueName: nil, help: "Replace a draft that differs from what the import writes."),
        colorOption, helpOption,
    ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else { return usageError("Missing expected argument '<paths> ...'", console: console) }
        guard let output = arguments.value("output") else { return usageError("Missing expected option '--output <dir>'", console: console) }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        var settings = ImportSettings()
        if let level = arguments.value("level") {
            let levels = Lumen.standardLevels
            guard levels.contains(level) else {
                return usageError("Invalid value for '--level': expected " + levels.joined(separator: ", "), console: console)
            }
            settings.level = level
        }
        settings.suggests = !arguments.flags.contains("no-suggest")
        settings.force = arguments.flags.contains("force")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                console.writeError("error: `\(Lumen.printable(output))` is not a directory\n")
                return ExitStatus.invalid
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                console.writeError("error: cannot create `\(Lumen.printable(output))`\n")
                return ExitStatus.invalid
            }
        }
        let report = Lumen.importResolutions(paths: arguments.positionals, output: output, settings: settings)
        console.writeError(report.renderDiagnostics(colors: console.useColor(color)))
        var failed = report.hasErrors
        for draft in report.drafts where draft.status == .new || draft.status == .replaced {
            if case .failure(let error) = OutputFile.write(draft.text, to: draft.path) {
                console.writeError("error: \(error.message)\n")
                failed = true
            }
        }
        console.writeOut(Lumen.printableLines(report.text))
        return failed ? ExitStatus.invalid : ExitStatus.success
    }
}
