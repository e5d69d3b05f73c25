/// A loaded source file: its display path, its text and where its lines start.
package struct SourceFile: Sendable {
    package let id: Int
    package let path: String
    /// The text as UTF-8 bytes (invalid sequences already replaced by U+FFFD).
    package let bytes: [UInt8]
    /// Byte offset of the start of each line.
    package let lineStarts: [Int]
    /// False for a file that is not a draft's text (binary, not UTF-8, of another
    /// kind): diagnostics give its place but never print its lines, which could be
    /// anything a link or a `use` led to.
    package var showsExcerpts = true

    package init(id: Int, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for offset in 0..<buffer.count where buffer[offset] == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            }
        }
        self.lineStarts = starts
    }

    package init(id: Int, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    /// The zero-based line holding `offset`.
    package func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The bytes of line `index` without its line terminator (`\n` or `\r\n`).
    package func lineBytes(_ index: Int) -> ArraySlice<UInt8> {
        guard index >= 0, index < lineStarts.count else { return [] }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// 1-based line and column of a byte offset; the column counts Unicode
    /// scalars (as rustc does), so a tab or a wide character counts as one.
    package func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineIndex(of: clamped)
        var column = 1
        bytes.withUnsafeBufferPointer { buffer in
            for offset in lineStarts[line]..<clamped where buffer[offset] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line + 1, column: column)
    }
}

/// A human-facing position: 1-based line and column, the column in characters.
package struct SourceLocation: Equatable, Comparable, Sendable, CustomStringConvertible {
    package let line: Int
    package let column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    package var description: String { "\(line):\(column)" }
}
