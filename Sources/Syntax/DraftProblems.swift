import Diagnostics

/// The problems of one exported draft (JSON or CSV): like the parser, the first
/// ones of a file are kept and the rest counted, so a file with a million bad
/// columns gives a readable report.
struct DraftProblems {
    private(set) var diagnostics: [Diagnostic] = []
    private var suppressed = 0
    private var lastSpan = Span.none

    /// True once the cap is reached: further problems are only counted.
    var isFull: Bool { diagnostics.count >= Lexer.errorLimit }

    mutating func report(_ message: String, _ span: Span, help: String? = nil) {
        guard !isFull else {
            suppressed += 1
            lastSpan = span
            return
        }
        diagnostics.append(Diagnostic(.invalidDraftFile, message, at: Label(span), help: help))
    }

    /// The kept diagnostics, and a note counting the others.
    var all: [Diagnostic] {
        suppressed == 0 ? diagnostics : diagnostics + [.tooManyErrors(suppressed, at: lastSpan)]
    }
}
