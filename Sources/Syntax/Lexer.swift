import Diagnostics

/// Splits a source file into tokens and comments, reporting malformed input.
///
/// Works on bytes in one forward pass (linear in the file size, also for a
/// single 10 MB line). Never stops early: a bad character becomes an `invalid`
/// token and lexing goes on.
package struct Lexer {
    private let bytes: [UInt8]
    private let file: Int
    private var position = 0
    private var lineStart = 0
    private var tokenOnLine = false
    package private(set) var tokens: [Token] = []
    package private(set) var comments: [Comment] = []
    package private(set) var diagnostics: [Diagnostic] = []
    /// Error reports kept per file; the rest are counted.
    package static let errorLimit = 100
    package private(set) var suppressedErrors = 0

    package init(file: SourceFile) {
        self.bytes = file.bytes
        self.file = file.id
    }

    /// Lexes a whole file, but for the ranges in `skipping` (whole lines, in
    /// order, read by another reader: see `InteractionLines`).
    package static func tokenize(_ file: SourceFile, skipping: [Range<Int>] = []) -> Lexer {
        var lexer = Lexer(file: file)
        lexer.run(skipping: skipping)
        return lexer
    }

    private mutating func run(skipping: [Range<Int>]) {
        // A byte order mark is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        // About one token per six bytes in the standard library: grow the array once, not twenty times.
        let skipped = skipping.reduce(0) { $0 + $1.count }
        tokens.reserveCapacity((bytes.count - skipped) / 6 + 16)
        var nextSkip = 0
        while true {
            skipWhitespace()
            while nextSkip < skipping.count, skipping[nextSkip].lowerBound <= position {
                position = max(position, skipping[nextSkip].upperBound)
                nextSkip += 1
                skipWhitespace()
            }
            guard position < bytes.count else { break }
            let start = position
            let byte = bytes[position]
            if byte == UInt8(ascii: "#") {
                lexComment()
            } else if isLetter(byte) || byte == UInt8(ascii: "_") {
                lexName(start)
            } else if isDigit(byte) {
                lexNumber(start)
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && isDigit(peek(1)) {
                lexNumber(start)
            } else if byte == UInt8(ascii: "\"") {
                lexString(start)
            } else {
                lexPunctuation(start)
            }
        }
        // The end of file is shown just after the last non-blank character.
        var end = bytes.count
        while end > 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(bytes[end - 1]) {
            end -= 1
        }
        lineStart = end
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        tokenOnLine = true
        tokens.append(makeToken(.endOfFile, start: end, end: end))
    }

    // MARK: Scanning

    private func peek(_ ahead: Int) -> UInt8 {
        position + ahead < bytes.count ? bytes[position + ahead] : 0
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                lineStart = position
                tokenOnLine = false
            default:
                return
            }
        }
    }

    private mutating func makeToken(_ kind: Token.Kind, start: Int, end: Int) -> Token {
        let token = Token(
            kind: kind,
            span: Span(file: file, start: start, end: end),
            text: String(decoding: bytes[start..<end], as: UTF8.self),
            startsLine: !tokenOnLine,
            atColumnOne: start == lineStart
        )
        tokenOnLine = true
        return token
    }

    private mutating func emit(_ kind: Token.Kind, _ start: Int) {
        tokens.append(makeToken(kind, start: start, end: position))
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        if diagnostics.count < Lexer.errorLimit {
            diagnostics.append(diagnostic)
        } else {
            suppressedErrors += 1
        }
    }

    private func span(_ start: Int, _ end: Int) -> Span { Span(file: file, start: start, end: end) }

    // MARK: Token kinds

    private mutating func lexComment() {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        var end = position
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let text = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        comments.append(Comment(span: span(start, end), text: text, ownLine: !tokenOnLine))
    }

    private mutating func lexName(_ start: Int) {
        let isVariable = bytes[position] == UInt8(ascii: "_") || isUpper(bytes[position])
        // A variable takes no dash, so that `T-L` is a subtraction.
        scanIdentifier(dashes: !isVariable)
        // `resolution.measure`: a qualified measure name, written without spaces.
        if !isVariable, peek(0) == UInt8(ascii: "."), isLetter(peek(1)) {
            position += 1
            scanIdentifier()
            emit(.qualifiedName, start)
            return
        }
        emit(isVariable ? .variable : .identifier, start)
    }

    /// Letters, digits and `_`, with single inner dashes: `a-b-c`, never `a-` or `a--b`.
    private mutating func scanIdentifier(dashes: Bool = true) {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") {
                position += 1
            } else if dashes, byte == UInt8(ascii: "-"), isLetter(peek(1)) || isDigit(peek(1)) {
                position += 1
            } else {
                return
            }
        }
    }

    /// An integer, or an SDG id of two or three segments (`13.2`, `13.a`, `13.2.2`).
    /// Hot in the standard library (thousands of ids), so it allocates nothing
    /// unless the token is malformed.
    private mutating func lexNumber(_ start: Int) {
        var negative = false
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        let signed = position > start
        let digitsStart = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        let digitsEnd = position
        var segments = 1
        // The first segment is digits; the second digits or one lower-case letter; the third digits.
        var wellFormed = !signed && digitsEnd > digitsStart
        // Further segments: `.` followed by a letter or digit belongs to the id; a
        // `.` followed by anything else ends a clause.
        while peek(0) == UInt8(ascii: "."), isDigit(peek(1)) || isLower(peek(1)) {
            position += 1
            let segmentStart = position
            var digitsOnly = true
            while position < bytes.count, isDigit(bytes[position]) || isLetter(bytes[position]) {
                if !isDigit(bytes[position]) { digitsOnly = false }
                position += 1
            }
            segments += 1
            let oneLetter = position - segmentStart == 1 && isLower(bytes[segmentStart])
            switch segments {
            case 2: wellFormed = wellFormed && (digitsOnly || oneLetter)
            case 3: wellFormed = wellFormed && digitsOnly
            default: wellFormed = false
            }
        }
        if segments == 1 {
            var magnitude = 0
            var valid = digitsEnd > digitsStart
            for index in digitsStart..<digitsEnd where valid {
                let (times, overflowTimes) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                valid = !overflowTimes && !overflowSum
                magnitude = sum
            }
            if valid {
                emit(.integer(negative ? -magnitude : magnitude), start)
            } else {
                report(.numberTooLarge(String(decoding: bytes[start..<position], as: UTF8.self), at: span(start, position)))
                emit(.invalid, start)
            }
            return
        }
        if wellFormed {
            emit(.sdgID, start)
        } else if signed, segments == 2, digitsEnd > digitsStart, ExactDecimal(String(decoding: bytes[start..<position], as: UTF8.self)) != nil {
            emit(.decimal, start)
        } else {
            report(.malformedID(String(decoding: bytes[start..<position], as: UTF8.self), at: span(start, position)))
            emit(.invalid, start)
        }
    }

    private mutating func lexString(_ start: Int) {
        position += 1
        // Fast path: a string without escapes is a slice of the source.
        let stop = bytes.withUnsafeBufferPointer { buffer -> Int in
            var end = position
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") { break }
                end += 1
            }
            return end
        }
        if stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") {
            let end = stop
            let value = String(decoding: bytes[position..<end], as: UTF8.self)
            position = end + 1
            emit(.string(value), start)
            return
        }
        var value: [UInt8] = []
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                var end = position
                if end > start, end <= bytes.count, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                report(.unterminatedString(at: span(start, max(start + 1, end))))
                emit(.invalid, start)
                return
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                emit(.string(String(decoding: value, as: UTF8.self)), start)
                return
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape(into: &value)
                continue
            }
            value.append(byte)
            position += 1
        }
    }

    private mutating func lexEscape(into value: inout [UInt8]) {
        let start = position
        position += 1
        let next = peek(0)
        switch next {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            value.append(next)
            position += 1
        case UInt8(ascii: "n"):
            value.append(UInt8(ascii: "\n"))
            position += 1
        case UInt8(ascii: "t"):
            value.append(UInt8(ascii: "\t"))
            position += 1
        case UInt8(ascii: "u") where peek(1) == UInt8(ascii: "{"):
            position += 2
            let digitsStart = position
            while position < bytes.count, isHexDigit(bytes[position]), position - digitsStart < 8 {
                position += 1
            }
            let digits = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
            if peek(0) == UInt8(ascii: "}"), let code = UInt32(digits, radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                position += 1
                value.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else {
                report(.invalidEscape(at: span(start, position), hint: "`\\u{...}` takes 1 to 8 hex digits of a Unicode scalar value"))
            }
        default:
            // Keep the character so that the string still ends where it should.
            if position < bytes.count, next != UInt8(ascii: "\n") { position += 1 }
            report(.invalidEscape(at: span(start, position), hint: nil))
        }
    }

    private mutating func lexPunctuation(_ start: Int) {
        let byte = bytes[position]
        let next = peek(1)
        position += 1
        let kind: Token.Kind?
        switch byte {
        case UInt8(ascii: "{"): kind = .leftBrace
        case UInt8(ascii: "}"): kind = .rightBrace
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "."): kind = .period
        case UInt8(ascii: "="): kind = .equal
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: "-") {
                position += 1
                kind = .turnstile
            } else {
                kind = .colon
            }
        case UInt8(ascii: "-") where next == UInt8(ascii: ">"):
            position += 1
            kind = .arrow
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            position += 1
            kind = .notEqual
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { position += 1 }
            kind = next == UInt8(ascii: "=") ? .lessEqual : .less
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { position += 1 }
            kind = next == UInt8(ascii: "=") ? .greaterEqual : .greater
        default:
            kind = nil
        }
        if let kind {
            emit(kind, start)
            return
        }
        // One diagnostic for a run of stray characters, whole UTF-8 sequences each.
        while true {
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            guard position < bytes.count, !startsToken(bytes[position]), position - start < 64 else { break }
            position += 1
        }
        report(.unexpectedCharacter(String(decoding: bytes[start..<position], as: UTF8.self), at: span(start, position)))
        emit(.invalid, start)
    }
}

/// True for a byte that begins a token, whitespace or a comment: the end of a
/// run of stray characters.
private func startsToken(_ byte: UInt8) -> Bool {
    if isLetter(byte) || isDigit(byte) { return true }
    return Array("{}(),.:=<>!-+\"#_ \t\r\n".utf8).contains(byte)
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
private func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
private func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
private func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }
private func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
}

extension Lexer {
    /// Whether `text` is an id as the language writes one: an ASCII lower-case
    /// letter, then letters, digits and `_`, with single dashes between them.
    /// A JSON or CSV draft's ids are checked against it, so that an id cannot
    /// carry a line break or a formula into a report.
    package static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLower(first) else { return false }
        for (index, byte) in bytes.enumerated().dropFirst() {
            if isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") { continue }
            guard byte == UInt8(ascii: "-"), index + 1 < bytes.count, isLetter(bytes[index + 1]) || isDigit(bytes[index + 1]) else {
                return false
            }
        }
        return true
    }
}
