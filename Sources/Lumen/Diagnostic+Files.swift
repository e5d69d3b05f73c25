import Diagnostics
import Syntax

/// Diagnostics about files and `use`, one constructor per code.
extension Diagnostic {
    static func useEscapesRoot(_ path: Located<String>, root: String) -> Diagnostic {
        Diagnostic(
            .useEscapesRoot, "`use \"\(path.value)\"` leaves the project root", at: Label(path.span, "outside the root"),
            notes: ["the project root is `\(root)`"],
            help: "move the file inside the project, or set the root with `--root DIR`")
    }

    static func useCycle(_ path: Located<String>, chain: [String]) -> Diagnostic {
        Diagnostic(
            .useCycle, "`use \"\(path.value)\"` closes a cycle", at: Label(path.span, "already being loaded"),
            notes: ["cycle: " + chain.map { "`\($0)`" }.joined(separator: " uses ")],
            help: "move what the files share into a third file that both use")
    }

    static func unknownPack(_ name: Located<String>, suggestion: String?, known: String) -> Diagnostic {
        Diagnostic(
            .unknownPack, "unknown pack `\(name.value)`", at: Label(name.span, "not a pack of the standard library"),
            notes: [known.isEmpty ? "the standard library has no optional packs" : "the packs are \(known)"],
            help: suggestion.map { "did you mean `\($0)`?" })
    }

    static func inputLimit(_ message: String, flag: String, at span: Span?, path: String) -> Diagnostic {
        Diagnostic(
            .inputLimit, message, at: span.map { Label($0) },
            help: "split the input, or raise the limit with `\(flag)`", path: span == nil ? path : nil)
    }

    static func unreadable(_ path: String, reason: String, at span: Span? = nil) -> Diagnostic {
        Diagnostic(
            .unreadableFile, "cannot read `\(path)`: \(reason)", at: span.map { Label($0) }, path: span == nil ? path : nil)
    }

    /// The run passed `--timeout` before it was done with loading or checking.
    static func runTimeout(_ what: String, path: String? = nil) -> Diagnostic {
        Diagnostic(
            .evaluationTimeout, "the run stopped (`--timeout`) while \(what)", at: nil,
            help: "raise `--timeout`, or check fewer files at once", path: path)
    }
}
