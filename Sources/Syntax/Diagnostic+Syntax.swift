import Diagnostics

/// The syntax layer's diagnostics, one constructor per code, sorted by code.
extension Diagnostic {
    package static func invalidDataFile(_ message: String, _ span: Span, help: String) -> Diagnostic {
        Diagnostic(.invalidDataFile, message, at: Label(span), help: help)
    }

    package static func unexpectedCharacter(_ character: String, at span: Span) -> Diagnostic {
        let shown = character.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F
                ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined()
        let help =
            character.contains("\u{0}") ? "the file contains a NUL byte; is it a text file?"
            : "remove it, or put it inside a string or a comment"
        let noun = character.count > 1 ? "characters" : "character"
        return Diagnostic(.unexpectedCharacter, "unexpected \(noun) `\(shown)`", at: Label(span), help: help)
    }

    package static func unterminatedString(at span: Span) -> Diagnostic {
        Diagnostic(
            .unterminatedString, "unterminated string", at: Label(span, "string starts here"),
            help: "add the closing `\"`; strings end on the line they start")
    }

    package static func invalidEscape(at span: Span, hint: String?) -> Diagnostic {
        Diagnostic(
            .invalidEscape, "invalid escape sequence", at: Label(span),
            help: hint ?? "valid escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{HEX}`; write `\\\\` for a backslash")
    }

    package static func malformedID(_ text: String, at span: Span) -> Diagnostic {
        Diagnostic(
            .malformedID, "malformed SDG id `\(text)`", at: Label(span),
            help: "targets are written GOAL.NUMBER or GOAL.LETTER (`13.2`, `13.a`), indicators GOAL.TARGET.NUMBER (`13.2.2`)")
    }

    package static func invalidUTF8(at span: Span) -> Diagnostic {
        Diagnostic(
            .invalidUTF8, "invalid UTF-8 in file", at: Label(span, "not UTF-8"),
            help: "save the file as UTF-8")
    }

    package static func numberTooLarge(_ text: String, at span: Span) -> Diagnostic {
        Diagnostic(.numberTooLarge, "integer `\(text)` does not fit in 64 bits", at: Label(span))
    }

    package static func unexpectedToken(expected: String, found: Token, help: String? = nil) -> Diagnostic {
        Diagnostic(
            .unexpectedToken, "expected \(expected), found \(found.description)",
            at: Label(found.span, "expected \(expected)"), help: help)
    }

    package static func unclosedBlock(opened: Span, at span: Span, what: String) -> Diagnostic {
        Diagnostic(
            .unclosedBlock, "unclosed block of \(what)", at: Label(span, "expected `}` before this"),
            secondary: [Label(opened, "block opened here")],
            help: "add `}` to close the block")
    }

    package static func invalidSeverity(_ token: Token) -> Diagnostic {
        Diagnostic(
            .invalidSeverity, "invalid severity \(token.description)", at: Label(token.span, "expected a severity"),
            help: "write `error`, `warning` or `info`")
    }

    package static func invalidPlaceholder(_ text: String, at span: Span, help: String) -> Diagnostic {
        Diagnostic(.invalidPlaceholder, "invalid placeholder `\(text)` in message", at: Label(span), help: help)
    }

    package static func tooManyErrors(_ count: Int, at span: Span) -> Diagnostic {
        Diagnostic(
            .tooManyErrors, "too many errors; \(count) more in this file not shown", at: Label(span))
    }
}
