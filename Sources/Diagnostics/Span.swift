/// A byte range `start..<end` in one source file.
///
/// Spans never take part in the equality of the syntax trees that carry them:
/// two programs that differ only in layout are equal.
package struct Span: Hashable, Sendable, Comparable {
    // Kept in 32 bits each: a syntax tree holds a span for every name and value
    // it reads (the default base's declarations are a third smaller for it).
    // A file has at most 4 GiB (`--max-file-size`), so its offsets fit.
    private let fileNumber: Int32
    private let startOffset: UInt32
    private let endOffset: UInt32

    /// The number of the file in its `SourceMap` (-1 for none).
    package var file: Int { Int(fileNumber) }
    /// The offset of the first byte.
    package var start: Int { Int(startOffset) }
    /// The offset after the last byte.
    package var end: Int { Int(endOffset) }

    package init(file: Int, start: Int, end: Int) {
        fileNumber = Int32(clamping: file)
        startOffset = UInt32(clamping: start)
        endOffset = UInt32(clamping: max(start, end))
    }

    /// A span that points at nothing in particular (used for generated facts).
    package static let none = Span(file: -1, start: 0, end: 0)

    package var isNone: Bool { file < 0 }

    /// The smallest span covering both.
    package func to(_ other: Span) -> Span {
        guard other.file == file else { return self }
        return Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    package static func < (a: Span, b: Span) -> Bool {
        (a.file, a.start, a.end) < (b.file, b.start, b.end)
    }
}
