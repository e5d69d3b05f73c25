import Testing

@testable import Diagnostics

/// Spans are kept in 32 bits: what fits reads back as given; what does not
/// (a file is refused past 4 GiB, so only a bug could make one) is clamped,
/// never a trap.
@Suite struct SpanTests {
    @Test func offsetsAndFileReadBackAsGiven() {
        let span = Span(file: 7, start: 4_000_000_000, end: 4_000_000_012)
        #expect((span.file, span.start, span.end) == (7, 4_000_000_000, 4_000_000_012))
        #expect(Span.none.isNone)
        #expect(Span(file: 0, start: 9, end: 3).end == 9)
    }

    @Test func offsetsPastFourGibibytesAreClampedNotTrapped() {
        let span = Span(file: 1, start: 1 << 33, end: (1 << 33) + 5)
        #expect((span.start, span.end) == (Int(UInt32.max), Int(UInt32.max)))
        #expect(Span(file: 1, start: -5, end: 2).start == 0)
    }

    @Test func orderIsByFileThenStartThenEnd() {
        let spans = [Span(file: 1, start: 0, end: 4), Span(file: 0, start: 9, end: 10), Span(file: 0, start: 9, end: 9)]
        #expect(spans.sorted() == [Span(file: 0, start: 9, end: 9), Span(file: 0, start: 9, end: 10), Span(file: 1, start: 0, end: 4)])
    }
}
