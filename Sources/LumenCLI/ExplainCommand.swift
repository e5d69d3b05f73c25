import Lumen

/// `lumen explain CODE`: the long explanation of a diagnostic code.
enum ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Explain a diagnostic code, with an example."
    static let usageArguments = "[<code>]"
    static let discussion = """
        ARGUMENTS:
          <code>                  A code such as L2003. Without one, every code is listed.
        """
    static let options: [ArgumentParser.Option] = [helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard let code = arguments.positionals.first else {
            let lines = Lumen.diagnosticCodes.map { "\($0.code)  \($0.summary)" }
            console.writeOut(lines.joined(separator: "\n") + "\n")
            return ExitStatus.success
        }
        guard arguments.positionals.count == 1 else {
            return usageError("Expected one code, got \(arguments.positionals.count)", console: console)
        }
        guard let text = Lumen.explanation(of: code) else {
            console.writeError("Error: unknown diagnostic code '\(code)'; run 'lumen explain' to list them\n")
            return ExitStatus.invalid
        }
        console.writeOut(text)
        return ExitStatus.success
    }
}
