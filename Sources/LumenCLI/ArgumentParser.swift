/// A small command-line parser following the usual conventions: `--flag`,
/// `--option value`, `--option=value`, `-h`, and `--` to end options.
struct ArgumentParser {
    struct Option {
        let name: String
        let valueName: String?
        let help: String
        var takesValue: Bool { valueName != nil }
    }

    struct Parsed {
        var flags: Set<String> = []
        var values: [String: [String]] = [:]
        var positionals: [String] = []

        func value(_ name: String) -> String? { values[name]?.last }
    }

    struct UsageError: Error {
        let message: String
        /// True when the option itself is unknown, so that the valid ones are listed.
        var unknownOption = false
    }

    let options: [Option]

    func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
        var parsed = Parsed()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "-h" { name = "--help" }
            guard let option = options.first(where: { "--" + $0.name == name }) else {
                throw UsageError(message: "Unknown option '\(name)'", unknownOption: true)
            }
            if option.takesValue {
                if let inlineValue {
                    parsed.values[option.name, default: []].append(inlineValue)
                } else if index < arguments.count {
                    parsed.values[option.name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw UsageError(message: "Missing value for '--\(option.name) <\(option.valueName ?? "value")>'")
                }
            } else {
                if inlineValue != nil {
                    throw UsageError(message: "The option '--\(option.name)' takes no value")
                }
                parsed.flags.insert(option.name)
            }
        }
        return parsed
    }

    /// The options section of a help text.
    var optionsHelp: String {
        let rows = options.map { option -> (String, String) in
            let flag = "--" + option.name + (option.valueName.map { " <\($0)>" } ?? "")
            return (option.name == "help" ? "-h, --help" : flag, option.help)
        }
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        return rows.map { flag, help in
            "  " + flag + String(repeating: " ", count: width - flag.count) + help
        }.joined(separator: "\n")
    }

    var validOptionNames: String {
        options.map { "--" + $0.name }.joined(separator: ", ")
    }
}
