import Diagnostics

/// One lexical token. Keywords are contextual: they are identifiers that the
/// parser recognises where a keyword may stand, so `in` and `advances` remain
/// usable as relation names.
package struct Token: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A lower-case-led name, possibly with inner dashes: `city-energy`.
        case identifier
        /// A name qualified by its resolution: `city-energy.m1`.
        case qualifiedName
        /// An upper-case-led or `_`-led name: `M`, `_`, `_unused`.
        case variable
        case integer(Int)
        /// `13.2`, `13.a` or `13.2.2` (and a decimal number where one is expected: `1240.5`).
        case sdgID
        /// A signed decimal number: `-12.5`, `+0.25` (unsigned ones read as `sdgID`).
        case decimal
        /// A string literal, with its escapes decoded.
        case string(String)
        case leftBrace, rightBrace, leftParen, rightParen, comma, period, colon
        case arrow, turnstile
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        /// The operators of arithmetic: `+`, `-`, `*`, `/` (a sign before a digit belongs to the number).
        case plus, minus, star, slash
        case endOfFile
        /// A token the lexer already reported as malformed.
        case invalid
    }

    package let kind: Kind
    package let span: Span
    /// The source text of the token.
    package let text: String
    /// True when no other token precedes it on its line.
    package let startsLine: Bool
    /// True when it starts at the first column of its line.
    package let atColumnOne: Bool

    package func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text == word
    }

    /// How the token is named in "expected ..., found ..." messages.
    package var description: String {
        switch kind {
        case .endOfFile: "end of file"
        case .string: "string \(text.count > 40 ? String(text.prefix(37)) + "...\"" : text)"
        case .integer: "integer `\(text)`"
        case .sdgID: "id `\(text)`"
        case .decimal: "number `\(text)`"
        case .variable: "variable `\(text)`"
        case .identifier, .qualifiedName: "`\(text)`"
        default: "`\(text)`"
        }
    }
}

/// A comment and where it stands, kept for the formatter (and, later, suppressions).
package struct Comment: Sendable, Equatable {
    package let span: Span
    /// The text after `#`, without the line terminator.
    package let text: String
    /// True when the comment is alone on its line.
    package let ownLine: Bool
}
