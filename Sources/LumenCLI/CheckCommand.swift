import Lumen

/// `lumen check PATH...`: load the drafts with the standard library and report
/// every problem.
enum CheckCommand: Command {
    static let name = "check"
    static let abstract = "Check policy drafts for coherence with the SDGs and constitutional principles."
    static let usageArguments = "[<options>] <paths> ..."
    static let discussion = """
        ARGUMENTS:
          <paths>                 .lumen files, or directories searched recursively for them.

        The standard library (the files of Rules/, built into lumen) is
        loaded first, unless --no-stdlib is given.

        EXIT STATUS:
          0  no problem at or above the failure threshold
          1  findings at or above the failure threshold
          2  invalid input (syntax or semantic errors, unreadable files) or usage
        """
    static let options: [ArgumentParser.Option] = [
        .init(name: "no-stdlib", valueName: nil, help: "Do not load the built-in standard library."),
        .init(name: "rules", valueName: "dir", help: "Load a rule pack (a file or directory); repeatable."),
        .init(name: "root", valueName: "dir", help: "The directory `use` paths must stay inside (default: the common directory of the paths)."),
        colorOption,
        helpOption,
    ]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            return usageError("Missing expected argument '<paths> ...'", console: console)
        }
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        var options = CheckOptions()
        options.useStandardLibrary = !arguments.flags.contains("no-stdlib")
        options.rulePacks = arguments.values["rules"] ?? []
        options.root = arguments.value("root")
        let report = Lumen.check(paths: arguments.positionals, options: options)
        console.writeOut(report.renderDiagnostics(colors: console.useColor(color)))
        console.writeOut(report.summary + "\n")
        return report.hasErrors ? ExitStatus.invalid : ExitStatus.success
    }
}
