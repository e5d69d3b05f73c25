import Diagnostics
import Testing

@testable import Syntax

@Suite struct FormatterTests {
    static let messy = #"""
            # Header comment
            use   "other.lumen"
            goal 13 "Climate action" {   # trailing on open
              target 13.2 "Climate measures" { indicator 13.2.2 "Emissions" also 7.2.9 }


              # before 13.a
              target 13.a "Finance"
            }
            principle property "Right to property" { description "What it protects"
              enshrined germany "Art. 14" in "Basic Law" checked   "the 2012 text" }
            country germany "Germany"
            profile 14.6 { terms "fisheries subsidies","fishing fleet"   terms   fr "subventions à la pêche" }
            interaction 7.2->13.2 2 source "Nilsson"
            interaction 7.2 -> 13.2 -1
            resolution city-energy "Municipal energy transition" {
              level local
              implements national-plan, other
              scope 7,13
              measure m1 "Close the coal plant" { kind coal-phase-out advances 7.2 , 13.2 undermines 8.5 # jobs
                restricts property justified "compensation \"fund\""
                indicator 13.2.2 tag energy,coal description "tab\there" suggested   advances 7.3 score 41 suggested kind coal-phase-out }
            }
            relation tension( a : measure, measure,target )
            tension(M,N,T):-in(M,R),in(N,R),advances(M,T),undermines(N,T),M!=N.
            fact(city-energy.m1, 13.2, "x", -3, 7).
            rule undermined-target error "{N} undermines {T}, which {M} advances {{literal}}" description "long"
              when in(M, R), in(N, R), # inner comment
                advances(M, T), undermines(N, T), M != N, not restricts(M, _), very-long-relation-name(M, N, T), another(M)
              at N
            # trailing file comment
            """# + "\n"

    static let canonical = #"""
            # Header comment
            use "other.lumen"
            goal 13 "Climate action" {
              # trailing on open
              target 13.2 "Climate measures" {
                indicator 13.2.2 "Emissions" also 7.2.9
              }

              # before 13.a
              target 13.a "Finance"
            }
            principle property "Right to property" {
              description "What it protects"
              enshrined germany "Art. 14" in "Basic Law" checked "the 2012 text"
            }
            country germany "Germany"
            profile 14.6 {
              terms "fisheries subsidies", "fishing fleet"
              terms fr "subventions à la pêche"
            }
            interaction 7.2 -> 13.2 +2 source "Nilsson"
            interaction 7.2 -> 13.2 -1
            resolution city-energy "Municipal energy transition" {
              level local
              implements national-plan, other
              scope 7, 13
              measure m1 "Close the coal plant" {
                kind coal-phase-out
                advances 7.2, 13.2
                undermines 8.5  # jobs
                restricts property justified "compensation \"fund\""
                indicator 13.2.2
                tag energy, coal
                description "tab\there"
                suggested advances 7.3 score 41
                suggested kind coal-phase-out
              }
            }
            relation tension(a: measure, measure, target)
            tension(M, N, T) :- in(M, R), in(N, R), advances(M, T), undermines(N, T), M != N.
            fact(city-energy.m1, 13.2, "x", -3, 7).
            # inner comment
            rule undermined-target error "{N} undermines {T}, which {M} advances {{literal}}"
              description "long"
              when
                in(M, R),
                in(N, R),
                advances(M, T),
                undermines(N, T),
                M != N,
                not restricts(M, _),
                very-long-relation-name(M, N, T),
                another(M)
              at N
            # trailing file comment
            """# + "\n"

    private func format(_ text: String) -> String {
        let result = parse(text)
        return Formatter.format(result.unit, source: result.file)
    }

    @Test func layoutIsCanonical() {
        #expect(format(Self.messy) == Self.canonical)
    }

    @Test func formattingIsIdempotent() {
        #expect(format(Self.canonical) == Self.canonical)
    }

    @Test func formattingKeepsTheSyntaxTree() {
        #expect(parse(format(Self.messy)).unit == parse(Self.messy).unit)
    }

    @Test func everyCommentIsKept() {
        let comments = parse(Self.messy).unit.comments.map(\.text)
        #expect(parse(Self.canonical).unit.comments.map(\.text) == comments)
    }

    @Test(arguments: [
        ("goal 1 \"x\" {}", "goal 1 \"x\"\n"),
        ("  r( X ,Y ) :- a(X),b(Y) .", "r(X, Y) :- a(X), b(Y).\n"),
        ("interaction 1.1 -> 1.2 0", "interaction 1.1 -> 1.2 0\n"),
        ("interaction 1.1 -> 1.2 3", "interaction 1.1 -> 1.2 +3\n"),
        ("resolution r {jurisdiction   germany}", "resolution r {\n  jurisdiction germany\n}\n"),
        (
            "interaction  1.1->1.2 trade-off  evidence 3   source \"x\"",
            "interaction 1.1 -> 1.2 trade-off evidence 3 source \"x\"\n"
        ),
        ("country x \"a\\u{1}b\"", "country x \"a\\u{1}b\"\n"),
        ("a().\n\n\n\nb().", "a().\n\nb().\n"),
        ("", ""),
        ("# only a comment   ", "# only a comment\n"),
        ("level   local \"Local\"  below   region", "level local \"Local\" below region\n"),
        (
            "kind k {\n offsets   carbon-tax on 1.2,1.3 because \"x\"   source \"y\" }",
            "kind k {\n  offsets carbon-tax on 1.2, 1.3 because \"x\" source \"y\"\n}\n"
        ),
        (
            "absent  covered( R ,_) \"{R} covers nothing\" instead \"{M}\"  when in(M,R)",
            "absent covered(R, _) \"{R} covers nothing\"\n  instead \"{M}\" when in(M, R)\n"
        ),
        ("rule r info \"{all M} in {R}\" when in(M, R) at R", "rule r info \"{all M} in {R}\"\n  when in(M, R)\n  at R\n"),
        ("t(A,sum   S):-e(A,_,S).", "t(A, sum S) :- e(A, _, S).\n"),
        ("n( count ) :- e(_, _, _) .", "n(count) :- e(_, _, _).\n"),
        ("lo(A, min S, B):-e(A,B,S).", "lo(A, min S, B) :- e(A, B, S).\n"),
        // Arithmetic: `*` and `/` before `+` and `-`, left to right; parentheses only where the tree needs them.
        ("g(R,T-L*2):-v(R,T,L).", "g(R, T - L * 2) :- v(R, T, L).\n"),
        ("g(R,(T-L)*2):-v(R,T,L).", "g(R, (T - L) * 2) :- v(R, T, L).\n"),
        ("g(R,((T)-(L-1))):-v(R,T,L).", "g(R, T - (L - 1)) :- v(R, T, L).\n"),
        // A sign after a term is an operator: `T-1` is `T - 1`, and `T*-1` multiplies by minus one.
        ("g(R,T-1,T*-1):-v(R,T,_).", "g(R, T - 1, T * -1) :- v(R, T, _).\n"),
        // A number with a unit; a bare decimal in an ordering or in arithmetic is a number.
        ("q(V):-v(V),V>=12.50   kt-co2e,V<0.95*W,v(W).", "q(V) :- v(V), V >= 12.50 kt-co2e, V < 0.95 * W, v(W).\n"),
        ("f(a, 5   percent).", "f(a, 5 percent).\n"),
        // Only a head has aggregates: in a body, `count` is a symbol like any other.
        ("x(A) :- tag(A, count).", "x(A) :- tag(A, count).\n"),
        (
            "goal 1 {target 1.a {indicator 1.a.1 \"x\"   code  \"C010a04\" also 2.a.9\n retired 1.a.3  \"gone\"   by 1.a.1}}",
            "goal 1 {\n  target 1.a {\n    indicator 1.a.1 \"x\" code \"C010a04\" also 2.a.9\n    retired 1.a.3 \"gone\" by 1.a.1\n  }\n}\n"
        ),
    ])
    func smallCases(input: String, output: String) {
        #expect(format(input) == output)
        #expect(format(output) == output)
    }

    @Test func aHeadsAggregateIsParsedWithItsColumn() {
        let (unit, diagnostics) = Parser.parse(SourceFile(id: 0, path: "a.lumen", text: "t(A, B, max S) :- e(A, B, S).\ns(count, A) :- e(A, _, _).\nc(count).\n"))
        #expect(diagnostics.isEmpty)
        let clauses = unit.declarations.compactMap { if case .clause(let clause) = $0 { clause } else { nil } }
        #expect(clauses.map { $0.aggregate?.kind } == [.max, .count, .count])
        #expect(clauses.map { $0.aggregate?.column } == [2, 0, 0])
        #expect(clauses.map { $0.aggregate?.variable?.value } == ["S", nil, nil])
        // The head keeps a term in the aggregate's place: its variable, or 0 for `count`.
        #expect(clauses.map { $0.head.arguments.count } == [3, 2, 1])
    }

    @Test func longClausesBreakOneLiteralPerLine() {
        let text = "head(A, B) :- " + (1...8).map { "relation-number-\($0)(A, B)" }.joined(separator: ", ") + "."
        let formatted = format(text)
        #expect(formatted.hasPrefix("head(A, B) :-\n  relation-number-1(A, B),\n  relation-number-2(A, B),\n"))
        #expect(formatted.hasSuffix("  relation-number-8(A, B).\n"))
        #expect(format(formatted) == formatted)
    }
}
