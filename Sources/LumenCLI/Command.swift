import Foundation
import Lumen

/// A run that ended before its work, with this exit status.
struct FailedRun: Error {
    let code: Int32
}

/// The common start of a run over a project (see `Command.projectRun`).
struct ProjectRun {
    let configuration: Configuration?
    let paths: [String]
    let color: ColorChoice
    let threshold: FailureThreshold
}

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
            if error.unknownOption {
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

    /// The project file: `--config`, or the nearest `lumen.json`; nil when there is
    /// none. An unreadable or invalid one is reported here and fails the run.
    static func projectFile(_ arguments: ArgumentParser.Parsed, console: Console) -> Result<Configuration?, FailedRun> {
        guard let path = arguments.value("config") ?? Lumen.findConfiguration(from: FileManager.default.currentDirectoryPath)
        else { return .success(nil) }
        switch Lumen.readConfiguration(path, colors: console.useColor(colorChoice(arguments) ?? .auto)) {
        case .success(let read): return .success(read)
        case .failure(let error):
            console.writeOut(error.message)
            return .failure(FailedRun(code: ExitStatus.invalid))
        }
    }

    /// What `check` and `audit` both start from: the project file, the paths (from
    /// the arguments, else the project file's), the colour choice and the failure
    /// threshold (`--fail-on`, else `defaultFailOn`); a usage error ends the run.
    static func projectRun(
        _ arguments: ArgumentParser.Parsed, console: Console, defaultFailOn: (Configuration?) -> String
    ) -> Result<ProjectRun, FailedRun> {
        let configuration: Configuration?
        switch projectFile(arguments, console: console) {
        case .success(let read): configuration = read
        case .failure(let failed): return .failure(failed)
        }
        let paths = arguments.positionals.isEmpty ? (configuration?.paths ?? []) : arguments.positionals
        guard !paths.isEmpty else {
            return .failure(FailedRun(code: usageError("Missing expected argument '<paths> ...'", console: console)))
        }
        guard let color = colorChoice(arguments) else {
            return .failure(
                FailedRun(code: usageError("Invalid value for '--color': expected auto, always or never", console: console)))
        }
        guard let threshold = FailureThreshold(rawValue: arguments.value("fail-on") ?? defaultFailOn(configuration)) else {
            return .failure(
                FailedRun(
                    code: usageError("Invalid value for '--fail-on': expected error, warning, info or never", console: console)))
        }
        return .success(ProjectRun(configuration: configuration, paths: paths, color: color, threshold: threshold))
    }

    /// Check options from the project file and the loading flags (flags win).
    static func projectOptions(_ arguments: ArgumentParser.Parsed, configuration: Configuration?, console: Console) -> CheckOptions {
        var options = CheckOptions()
        options.useStandardLibrary = !arguments.flags.contains("no-stdlib")
        options.rulePacks = (configuration?.rules ?? []) + (arguments.values["rules"] ?? [])
        options.packs = configuration?.packs ?? []
        options.disabledRules = Set(configuration?.disable ?? [])
        options.severityOverrides = configuration?.severity ?? [:]
        options.configurationPath = configuration?.path
        options.dataSources = configuration?.data ?? []
        options.root = arguments.value("root")
        options.today = console.environment["LUMEN_TODAY"]
        return options
    }

    /// The limits of a run, each with its default.
    static var limitOptions: [ArgumentParser.Option] {
        [
            .init(name: "max-tuples", valueName: "n", help: "Stop evaluation after deriving this many tuples (default 20000000)."),
            .init(name: "timeout", valueName: "seconds", help: "Stop evaluation after this many seconds (default 600)."),
            .init(name: "max-proof-depth", valueName: "n", help: "Proof levels kept in each trace (default 64, at most 256)."),
            .init(name: "max-file-size", valueName: "MiB", help: "Refuse files larger than this (default 64, at most 4095)."),
            .init(name: "max-input-size", valueName: "MiB", help: "Stop reading when the files given pass this in all (default 1024)."),
            .init(name: "max-declarations", valueName: "n", help: "Stop reading past this many declarations (default 1000000)."),
            .init(name: "max-nesting", valueName: "n", help: "Levels a JSON draft may nest (default 512, at most 10000)."),
        ]
    }

    /// Sets the limits given as flags; the usage error, if a value is invalid.
    static func applyLimits(_ arguments: ArgumentParser.Parsed, to options: inout CheckOptions) -> String? {
        func integer(_ name: String, maximum: Int = 1 << 40, _ apply: (Int) -> Void) -> String? {
            guard let text = arguments.value(name) else { return nil }
            guard let value = Int(text), value > 0, value <= maximum else {
                return "Invalid value for '--\(name)': expected a positive integer" + (maximum < 1 << 40 ? " of at most \(maximum)" : "")
            }
            apply(value)
            return nil
        }
        if let text = arguments.value("timeout") {
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                return "Invalid value for '--timeout': expected a positive number of seconds"
            }
            options.timeout = seconds
        }
        // Tuples are numbered in 32 bits: a relation holds its facts and at most this many more.
        return integer("max-tuples", maximum: 1_000_000_000) { options.maxTuples = $0 }
            ?? integer("max-proof-depth", maximum: 256) { options.traceDepth = $0 }
            ?? integer("max-file-size", maximum: 4095) { options.maxFileBytes = $0 << 20 }
            ?? integer("max-input-size", maximum: 1 << 20) { options.maxInputBytes = $0 << 20 }
            ?? integer("max-declarations") { options.maxDeclarations = $0 }
            ?? integer("max-nesting", maximum: 10_000) { options.maxNesting = $0 }
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
