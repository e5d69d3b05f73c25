import Testing

@testable import Engine

/// Aggregates in rule heads, on small programs worked out by hand.
@Suite struct AggregateTests {
    static let edges = """
        relation edge(integer, integer, integer)
        edge(1, 2, 5).
        edge(1, 3, 5).
        edge(1, 4, -2).
        edge(2, 3, 7).

        """

    @Test func everyMatchCountsOnceWhateverItsWildcards() {
        let model = evaluate(
            Self.edges + """
                relation fan(integer, integer)
                fan(A, count) :- edge(A, _, _).
                relation total(integer, integer)
                total(A, sum S) :- edge(A, _, S).
                relation lowest(integer, integer)
                lowest(A, min S) :- edge(A, _, S).
                relation widest(integer)
                widest(max N) :- fan(_, N).
                """)
        // Node 1 has three edges (5, 5 and -2: the two 5s are two matches), node 2 one.
        #expect(rows(model, "fan") == ["1,3", "2,1"])
        #expect(rows(model, "total") == ["1,8", "2,7"])
        #expect(rows(model, "lowest") == ["1,-2", "2,7"])
        #expect(rows(model, "widest") == ["3"])
    }

    @Test func aGroupWithoutAMatchHasNoTuple() {
        let model = evaluate(Self.edges + "relation big(integer, integer)\nbig(A, count) :- edge(A, _, S), S > 6.\n")
        #expect(rows(model, "big") == ["2,1"])
    }

    @Test func aSumPastTheRangeStaysAtItsEnd() {
        let model = evaluate(
            """
            relation v(integer, integer)
            v(1, 9223372036854775807).
            v(2, 9223372036854775807).
            relation s(integer)
            s(sum X) :- v(_, X).
            """)
        #expect(rows(model, "s") == ["9223372036854775807"])
    }
}
