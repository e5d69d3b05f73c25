import Lumen

/// `lumen explain CODE`: the long explanation of a diagnostic code, or of a
/// rule of the standard library (what its findings mean).
enum ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Explain a diagnostic code, with an example, or a rule of the standard library."
    static let usageArguments = "[<code> | <rule>]"
    static let discussion = """
        ARGUMENTS:
          <code>                  A code such as L2003. Without one, every code is listed.
          <rule>                  A rule of the standard library, such as
                                  unmapped-measure: its severity, message and
                                  description, the notes that open its file, and
                                  where it is defined (`lumen check` names the rule
                                  of each finding).
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
        guard let text = Lumen.explanation(of: code) ?? Lumen.ruleExplanation(code) else {
            console.writeError("Error: unknown diagnostic code or rule '\(code)'; run 'lumen explain' to list the codes\n")
            return ExitStatus.invalid
        }
        console.writeOut(text)
        return ExitStatus.success
    }
}
