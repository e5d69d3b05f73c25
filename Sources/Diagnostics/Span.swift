/// A byte range `start..<end` in one source file.
///
/// Spans never take part in the equality of the syntax trees that carry them:
/// two programs that differ only in layout are equal.
package struct Span: Hashable, Sendable, Comparable {
    package let file: Int
    package let start: Int
    package let end: Int

    package init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
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
