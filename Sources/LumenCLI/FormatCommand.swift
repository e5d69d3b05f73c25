import Foundation
import Lumen

/// `lumen fmt PATH...`: print, check or rewrite files in the canonical layout.
enum FormatCommand: Command {
    static let name = "fmt"
    static let abstract = "Format .lumen files in the one canonical layout."
    static let usageArguments = "[<options>] <paths> ..."
    static let discussion = """
        ARGUMENTS:
          <paths>                 .lumen files or directories; `-` reads standard input
                                  and writes the formatted text to standard output.

        Without --check or --write, the formatted text is printed. A file with syntax
        errors is never rewritten: its diagnostics are printed and the status is 2.

        EXIT STATUS:
          0  formatted (or, with --check, already formatted)
          1  with --check: some files would change (they are listed)
          2  syntax errors, unreadable files or usage
        """
    static let options: [ArgumentParser.Option] = [
        .init(name: "check", valueName: nil, help: "List the files whose layout would change; exit 1 if any."),
        .init(name: "write", valueName: nil, help: "Rewrite the files in place (atomically)."),
        colorOption,
        helpOption,
    ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            return usageError("Missing expected argument '<paths> ...'", console: console)
        }
        let check = arguments.flags.contains("check")
        let write = arguments.flags.contains("write")
        if check && write {
            return usageError("'--check' and '--write' cannot be used together", console: console)
        }
        guard let colorChoice = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        let colors = console.useColor(colorChoice)
        var status = ExitStatus.success
        var unformatted: [String] = []

        if arguments.positionals.contains("-") {
            guard arguments.positionals == ["-"] else {
                return usageError("'-' (standard input) cannot be combined with other paths", console: console)
            }
            let limit = CheckOptions().maxFileBytes
            let bytes = console.readInput(limit)
            guard bytes.count <= limit else {
                console.writeError("error: standard input is larger than the limit of \(limit >> 20) MiB for one file\n")
                return ExitStatus.invalid
            }
            let result = Lumen.format(bytes: bytes, path: "<stdin>", colors: colors)
            guard let formatted = result.formatted else {
                console.writeError(result.diagnostics)
                return ExitStatus.invalid
            }
            console.writeOut(formatted)
            return ExitStatus.success
        }

        let (files, problems, _) = Lumen.expandPaths(arguments.positionals)
        for problem in problems {
            console.writeError("error[L0203]: cannot read `\(problem.path)`: \(problem.reason)\n")
            status = ExitStatus.invalid
        }
        for file in files {
            let original: [UInt8]
            switch FileReading.read(file, limit: 64 << 20) {
            case .success(let bytes): original = bytes
            case .failure(.tooLarge):
                console.writeError("error[L0203]: cannot read `\(Lumen.printable(file))`: it is larger than 64 MiB\n")
                status = ExitStatus.invalid
                continue
            case .failure(.unreadable(let reason)):
                console.writeError("error[L0203]: cannot read `\(Lumen.printable(file))`: \(reason)\n")
                status = ExitStatus.invalid
                continue
            }
            let result = Lumen.format(bytes: original, path: file, colors: colors)
            guard let formatted = result.formatted else {
                console.writeError(result.diagnostics)
                status = ExitStatus.invalid
                continue
            }
            let changed = Array(formatted.utf8) != original
            if check {
                if changed { unformatted.append(file) }
            } else if write {
                if changed, case .failure(let error) = OutputFile.write(formatted, to: file, unchangedFrom: original) {
                    console.writeError("error: \(error.message)\n")
                    status = ExitStatus.invalid
                }
            } else {
                console.writeOut(formatted)
            }
        }
        if check && !unformatted.isEmpty {
            console.writeOut(unformatted.map { $0 + "\n" }.joined())
            console.writeError(
                "\(unformatted.count) file\(unformatted.count == 1 ? "" : "s") would be reformatted; run `lumen fmt --write`\n")
            if status == ExitStatus.success { status = ExitStatus.findings }
        }
        return status
    }
}
