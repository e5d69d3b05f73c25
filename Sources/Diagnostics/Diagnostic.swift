/// How serious a diagnostic is. Errors make a run fail with exit status 2.
package enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    package static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A span with the short text shown next to its carets.
package struct Label: Sendable, Equatable {
    package let span: Span
    package let text: String

    package init(_ span: Span, _ text: String = "") {
        self.span = span
        self.text = text
    }
}

/// A problem found in the input, as data: rendering is separate.
package struct Diagnostic: Sendable, Equatable {
    package let code: DiagnosticCode
    package let severity: Severity
    package let message: String
    /// Where the problem is; nil for problems with no place (an unreadable path).
    package let primary: Label?
    package var secondary: [Label]
    package var notes: [String]
    package var help: String?
    /// The path a place-less diagnostic is about.
    package var path: String?

    package init(
        _ code: DiagnosticCode,
        _ message: String,
        at primary: Label?,
        severity: Severity? = nil,
        secondary: [Label] = [],
        notes: [String] = [],
        help: String? = nil,
        path: String? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.primary = primary
        self.secondary = secondary
        self.notes = notes
        self.help = help
        self.path = path
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in the order they are printed: file, line, column, severity, message.
    package func sortedForOutput() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let spanA = a.element.primary?.span ?? .none
            let spanB = b.element.primary?.span ?? .none
            if spanA.file != spanB.file { return spanA.file < spanB.file }
            if spanA.start != spanB.start { return spanA.start < spanB.start }
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            if a.element.message != b.element.message { return a.element.message < b.element.message }
            return a.offset < b.offset
        }.map(\.element)
    }

    package var hasErrors: Bool { contains { $0.severity == .error } }
}

/// A diagnostic can be thrown or returned as the failure of a `Result`.
extension Diagnostic: Error {}
