import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the lines of a file that state an interaction in the form `lumen fmt`
/// writes, alone on their line from its first column, reported or scored:
///
///     interaction 1.1 -> 1.2 synergy evidence 2 source "JRC KnowSDGs"
///     interaction 1.3 -> 1.5 +1 source "Weitz et al. (2018), ..."
///
/// The default interaction base is thousands of such lines, read on every run:
/// scanned here byte by byte, each costs a small fraction of what the lexer and
/// the parser spend on its nine tokens. A line in any other shape (a score, an
/// escape in the source, a comment after it, spaces of its own) is left to
/// them, so the scanner only ever agrees with the parser; a test holds it to
/// that over the standard library.
///
/// Only the standard library and its packs are read this way
/// (`Parser.parse(_:scanningInteractions:)`): in a draft, a line in the first
/// column can also end a block left open, which only the parser sees.
enum InteractionLines {
    /// The interactions stated in the scanned form, and the bytes each line
    /// covers (without its line break), in file order.
    static func scan(_ file: SourceFile) -> (ranges: [Range<Int>], declarations: [InteractionDecl]) {
        var (ranges, declarations): ([Range<Int>], [InteractionDecl]) = ([], [])
        // About one line per sixty bytes in the default base.
        ranges.reserveCapacity(file.bytes.count / 60)
        declarations.reserveCapacity(file.bytes.count / 60)
        // Ids and sources repeat from line to line: each text is made once.
        var texts = Texts()
        file.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd =
                    memchr(base + lineStart, Int32(UInt8(ascii: "\n")), bytes.count - lineStart)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                if lineEnd - lineStart > 12, bytes[lineStart] == UInt8(ascii: "i") {
                    var line = Line(bytes: bytes, file: file.id, start: lineStart, end: lineEnd)
                    if let declaration = line.read(&texts) {
                        ranges.append(lineStart..<lineEnd)
                        declarations.append(declaration)
                    }
                }
                lineStart = lineEnd + 1
            }
        }
        return (ranges, declarations)
    }

    /// The texts made so far, by their bytes (ids of up to seven bytes) or as
    /// the last source read.
    private struct Texts {
        var ids: [UInt64: String] = [:]
        var lastSource: (bytes: [UInt8], text: String) = ([], "")

        mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            guard bytes.count <= 7 else { return String(decoding: bytes, as: UTF8.self) }
            let key = bytes.reduce(UInt64(bytes.count) << 56) { $0 << 8 | UInt64($1) }
            if let known = ids[key] { return known }
            let text = String(decoding: bytes, as: UTF8.self)
            ids[key] = text
            return text
        }

        mutating func source(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            if lastSource.bytes.elementsEqual(bytes) { return lastSource.text }
            lastSource = (Array(bytes), String(decoding: bytes, as: UTF8.self))
            return lastSource.text
        }

        /// The last source read, if the line has its bytes from `start` followed
        /// by the closing quote before `end`; with the number of its bytes.
        func repeatedSource(_ line: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> (text: String, count: Int)? {
            let count = lastSource.bytes.count
            guard count > 0, start + count < end, line[start + count] == UInt8(ascii: "\""),
                let base = line.baseAddress
            else { return nil }
            let same = lastSource.bytes.withUnsafeBufferPointer { known in
                known.baseAddress.map { memcmp($0, base + start, count) == 0 } ?? false
            }
            return same ? (lastSource.text, count) : nil
        }
    }

    /// One line being read, left to right.
    private struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        let file: Int
        var position: Int
        let end: Int

        init(bytes: UnsafeBufferPointer<UInt8>, file: Int, start: Int, end: Int) {
            self.bytes = bytes
            self.file = file
            self.position = start
            self.end = end
        }

        mutating func read(_ texts: inout Texts) -> InteractionDecl? {
            let start = position
            guard word("interaction"), space(), let from = targetID(&texts), space(), word("->"), space(),
                let to = targetID(&texts), space()
            else { return nil }
            if let score = score() {
                guard space(), word("source"), space(), let source = string(&texts), position == end else { return nil }
                return InteractionDecl(
                    from: from, to: to, score: score, source: source, span: Span(file: file, start: start, end: source.span.end))
            }
            guard let sign = reportedSign(), space() else { return nil }
            var evidence: Located<Int>?
            if word("evidence") {
                guard space(), let count = count() else { return nil }
                evidence = count
                guard space() else { return nil }
            }
            guard word("source"), space(), let source = string(&texts), position == end else { return nil }
            return InteractionDecl(
                from: from, to: to, score: nil, reported: sign, evidence: evidence, source: source,
                span: Span(file: file, start: start, end: source.span.end))
        }

        /// A score: `0`, or a sign and one digit (`+2`, `-3`), as the formatter writes it.
        private mutating func score() -> Located<Int>? {
            let start = position
            if position + 1 <= end, bytes[position] == UInt8(ascii: "0"), position + 1 == end || bytes[position + 1] == UInt8(ascii: " ") {
                position += 1
                return Located(0, span(start))
            }
            guard position + 2 <= end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"),
                bytes[position + 1] >= UInt8(ascii: "1"), bytes[position + 1] <= UInt8(ascii: "9"),
                position + 2 == end || bytes[position + 2] == UInt8(ascii: " ")
            else { return nil }
            let magnitude = Int(bytes[position + 1] - UInt8(ascii: "0"))
            let value = bytes[position] == UInt8(ascii: "-") ? -magnitude : magnitude
            position += 2
            return Located(value, span(start))
        }

        private func span(_ start: Int) -> Span { Span(file: file, start: start, end: position) }


        /// One space, then the next word.
        private mutating func space() -> Bool {
            guard position < end, bytes[position] == UInt8(ascii: " "), position + 1 < end, bytes[position + 1] != UInt8(ascii: " ")
            else { return false }
            position += 1
            return true
        }

        /// `word` exactly, ending where a word ends.
        private mutating func word(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position + count <= end else { return false }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for offset in 0..<count where bytes[position + offset] != expected[offset] { return false }
            guard position + count == end || bytes[position + count] == UInt8(ascii: " ") else { return false }
            position += count
            return true
        }

        /// A target id: one or two digits, `.`, then one or two digits or one lower-case letter.
        private mutating func targetID(_ texts: inout Texts) -> Name? {
            let start = position
            guard digits(upTo: 2) else { return nil }
            guard position < end, bytes[position] == UInt8(ascii: ".") else { return nil }
            position += 1
            if position < end, bytes[position] >= UInt8(ascii: "a"), bytes[position] <= UInt8(ascii: "z") {
                position += 1
            } else if !digits(upTo: 2) {
                return nil
            }
            guard position == end || bytes[position] == UInt8(ascii: " ") else { return nil }
            return Name(texts.id(UnsafeBufferPointer(rebasing: bytes[start..<position])), span(start))
        }

        private mutating func digits(upTo limit: Int) -> Bool {
            let start = position
            while position < end, position - start < limit, bytes[position] >= UInt8(ascii: "0"),
                bytes[position] <= UInt8(ascii: "9")
            {
                position += 1
            }
            return position > start
        }

        private mutating func reportedSign() -> Located<ReportedSign>? {
            let start = position
            for sign in [ReportedSign.synergy, .tradeOff, .unspecified] {
                let matched: Bool
                switch sign {
                case .synergy: matched = word("synergy")
                case .tradeOff: matched = word("trade-off")
                case .unspecified: matched = word("unspecified")
                }
                if matched { return Located(sign, span(start)) }
            }
            return nil
        }

        /// A count of evidence entries: 1 to 999,999, without a sign or a leading zero.
        private mutating func count() -> Located<Int>? {
            let start = position
            guard position < end, bytes[position] != UInt8(ascii: "0"), digits(upTo: 6) else { return nil }
            guard position == end || bytes[position] == UInt8(ascii: " ") else { return nil }
            var value = 0
            for offset in start..<position { value = value * 10 + Int(bytes[offset] - UInt8(ascii: "0")) }
            return Located(value, span(start))
        }

        /// A string without escapes or control characters, ending the line.
        private mutating func string(_ texts: inout Texts) -> Located<String>? {
            let start = position
            guard position < end, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            // The source of the line before, again (a base cites one source on every line):
            // its bytes were checked when it was read.
            if let known = texts.repeatedSource(bytes, from: position, before: end) {
                position += known.count + 1
                return Located(known.text, span(start))
            }
            while position < end, bytes[position] != UInt8(ascii: "\"") {
                guard bytes[position] != UInt8(ascii: "\\"), bytes[position] >= 0x20, bytes[position] != 0x7F else { return nil }
                position += 1
            }
            guard position < end else { return nil }
            position += 1
            let value = texts.source(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(position - 1)]))
            return Located(value, span(start))
        }
    }
}
