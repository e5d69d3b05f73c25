import Lumen

/// A `lumen` subcommand: its name, its help, and what it does.
protocol Command: Sendable {
    static var name: String { get }
    static var abstract: String { get }
    /// The arguments part of the usage line, e.g. `[<options>] <paths> ...`.
    static var usageArguments: String { get }
    /// Extra help text (arguments, exit status, examples).
    static var discussion: String { get }
    static var options: [ArgumentParser.Option] { get }
    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32
}

extension Command {
    static var usage: String { "lumen \(name) \(usageArguments)" }

    static var helpText: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        text += "\nOPTIONS:\n" + ArgumentParser(options: options).optionsHelp + "\n"
        return text
    }

    /// Parses the arguments, handles `--help` and usage errors, then runs.
    static func main(_ arguments: [String], console: Console) -> Int32 {
        let parser = ArgumentParser(options: options)
        do {
            let parsed = try parser.parse(arguments)
            if parsed.flags.contains("help") {
                console.writeOut(helpText)
                return ExitStatus.success
            }
            return run(parsed, console: console)
        } catch {
            var message = "Error: \(error.message)\n"
            if error.message.hasPrefix("Unknown option") {
                message += "Valid options: \(parser.validOptionNames)\n"
            }
            return usageError(message, console: console)
        }
    }

    static func usageError(_ message: String, console: Console) -> Int32 {
        console.writeError(
            message.hasPrefix("Error: ") ? message : "Error: \(message)\n")
        console.writeError("Usage: \(usage)\n  See 'lumen \(name) --help' for more information.\n")
        return ExitStatus.invalid
    }

    /// The options that choose what is loaded besides the given paths.
    static var loadingOptions: [ArgumentParser.Option] {
        [
            .init(name: "no-stdlib", valueName: nil, help: "Do not load the built-in standard library."),
            .init(name: "rules", valueName: "dir", help: "Load a rule pack (a file or directory); repeatable."),
            .init(name: "root", valueName: "dir", help: "The directory `use` paths must stay inside."),
        ]
    }

    /// Check options from the loading options.
    static func checkOptions(_ arguments: ArgumentParser.Parsed) -> CheckOptions {
        var options = CheckOptions()
        options.useStandardLibrary = !arguments.flags.contains("no-stdlib")
        options.rulePacks = arguments.values["rules"] ?? []
        options.root = arguments.value("root")
        return options
    }

    static var helpOption: ArgumentParser.Option {
        ArgumentParser.Option(name: "help", valueName: nil, help: "Show help information.")
    }

    static var colorOption: ArgumentParser.Option {
        ArgumentParser.Option(
            name: "color", valueName: "when", help: "Colour diagnostics: auto (default), always or never.")
    }

    /// The `--color` choice, or nil after a usage error.
    static func colorChoice(_ arguments: ArgumentParser.Parsed) -> ColorChoice? {
        guard let value = arguments.value("color") else { return .auto }
        return ColorChoice(rawValue: value)
    }
}
