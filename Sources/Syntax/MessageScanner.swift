import Diagnostics

/// Splits the raw text of a message string into text and `{Var}` placeholders.
///
/// Works on the source bytes between the quotes, so that each placeholder keeps
/// its exact span even when the string contains escapes.
struct MessageScanner {
    let bytes: [UInt8]
    let span: Span
    private(set) var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], span: Span) {
        self.bytes = bytes
        self.span = span
    }

    mutating func scan() -> [MessageTemplate.Part] {
        var parts: [MessageTemplate.Part] = []
        var text: [UInt8] = []
        var position = span.start + 1
        let end = max(position, span.end - 1)
        func flush() {
            if !text.isEmpty {
                parts.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\"), position + 1 < end {
                position = decodeEscape(at: position, end: end, into: &text)
                continue
            }
            if byte == UInt8(ascii: "{"), position + 1 < end, bytes[position + 1] == UInt8(ascii: "{") {
                text.append(byte)
                position += 2
                continue
            }
            if byte == UInt8(ascii: "}"), position + 1 < end, bytes[position + 1] == UInt8(ascii: "}") {
                text.append(byte)
                position += 2
                continue
            }
            if byte == UInt8(ascii: "{") {
                let start = position
                var close = position + 1
                while close < end, bytes[close] != UInt8(ascii: "}"), bytes[close] != UInt8(ascii: "{") { close += 1 }
                guard close < end, bytes[close] == UInt8(ascii: "}") else {
                    diagnostics.append(
                        .invalidPlaceholder(
                            "{", at: Span(file: span.file, start: start, end: start + 1),
                            help: "close the placeholder with `}`, or write `{{` for a literal brace"))
                    text.append(byte)
                    position += 1
                    continue
                }
                let name = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
                let nameSpan = Span(file: span.file, start: start + 1, end: close)
                let listed = name.hasPrefix("all ") ? String(name.dropFirst(4)) : nil
                if let listed, isVariableName(listed) {
                    flush()
                    parts.append(.listing(Name(listed, Span(file: span.file, start: start + 5, end: close))))
                } else if isVariableName(name) {
                    flush()
                    parts.append(.placeholder(Name(name, nameSpan)))
                } else {
                    diagnostics.append(
                        .invalidPlaceholder(
                            "{\(name)}", at: Span(file: span.file, start: start, end: close + 1),
                            help: name.isEmpty
                                ? "name a variable of the rule, as in `{M}`"
                                : "placeholders name variables, which start with an upper-case letter: `{\(name.prefix(1).uppercased() + name.dropFirst())}`"
                        ))
                }
                position = close + 1
                continue
            }
            text.append(byte)
            position += 1
        }
        flush()
        return parts
    }

    /// Decodes one escape the lexer already validated; returns the next position.
    private func decodeEscape(at position: Int, end: Int, into text: inout [UInt8]) -> Int {
        let next = bytes[position + 1]
        switch next {
        case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "u"):
            var close = position + 2
            while close < end, bytes[close] != UInt8(ascii: "}") { close += 1 }
            let digits = String(decoding: bytes[min(position + 3, close)..<close], as: UTF8.self)
            if let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) {
                text.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            return min(close + 1, end)
        default: text.append(next)
        }
        return position + 2
    }

    private func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
