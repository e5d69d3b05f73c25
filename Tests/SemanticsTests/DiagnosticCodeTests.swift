import Diagnostics
import Foundation
import Testing

@testable import Semantics

/// One case per semantic diagnostic code: the source, with `↓` where the
/// diagnostic must point, and its exact message.
struct CodeCase: Sendable, CustomTestStringConvertible {
    let code: String
    let source: String
    let message: String
    var testDescription: String { code }
}

let semanticCases: [CodeCase] = [
    CodeCase(code: "L1001", source: "resolution r \"R\" {\n  measure m \"M\" {\n    advances ↓13.9\n  }\n}", message: "unknown target `13.9`"),
    CodeCase(code: "L1002", source: "resolution r \"R\" {\n  measure m \"M\" {\n    indicator ↓13.2.7\n  }\n}", message: "unknown indicator `13.2.7`"),
    CodeCase(code: "L1003", source: "resolution r \"R\" {\n  measure m \"M\" {\n    restricts ↓propery\n  }\n}", message: "unknown principle `propery`"),
    CodeCase(code: "L1004", source: "resolution r \"R\" {\n  implements ↓plann\n}", message: "unknown resolution `plann`"),
    CodeCase(code: "L1005", source: "relation x(measure)\nx(↓plan.m9).", message: "unknown measure `plan.m9`"),
    CodeCase(code: "L1006", source: "relation x(measure)\nx(M) :- ↓advance(M, _).", message: "unknown relation `advance`"),
    CodeCase(code: "L1007", source: "resolution r \"R\" {\n  scope ↓18\n}", message: "unknown goal `18`"),
    CodeCase(code: "L1008", source: "principle p \"P\" {\n  enshrined ↓atlantis \"Art. 1\"\n}", message: "unknown country `atlantis`"),
    CodeCase(code: "L1009", source: "relation x(measure, ↓number)", message: "unknown column type `number`"),
    CodeCase(code: "L1010", source: "country ↓germany \"Again\"", message: "country `germany` is declared twice"),
    CodeCase(code: "L1011", source: "goal 1 \"One\" {\n  target ↓2.1 \"Two\"\n}", message: "target `2.1` is declared inside goal 1"),
    CodeCase(code: "L1012", source: "goal 1 \"One\" {\n  target 1.1 \"One\" {\n    indicator ↓1.2.1 \"X\"\n  }\n}", message: "indicator `1.2.1` is declared inside target 1.1"),
    CodeCase(code: "L1013", source: "resolution a \"A\" {\n  implements b\n}\nresolution b \"B\" {\n  implements ↓a\n}", message: "resolution `a` implements itself"),
    CodeCase(code: "L1014", source: "interaction 7.2 -> 13.2 ↓+5", message: "interaction score 5 is outside -3 ... +3"),
    CodeCase(code: "L1018", source: "level national \"National\"\nresolution r \"R\" {\n  level ↓nationl\n}", message: "unknown level `nationl`"),
    CodeCase(code: "L1019", source: "level county \"County\" below region\nlevel region \"Region\" below ↓county", message: "level `county` is below itself"),
    CodeCase(code: "L1024", source: "resolution r \"R\" {\n  measure m \"M\" {\n    restricts property justified ↓\" \"\n  }\n}", message: "the justification of restricting `property` is blank"),
    CodeCase(code: "L1025", source: "goal 1 \"Poverty\" {\n  target 1.a \"Resources\" {\n    indicator 1.a.1 \"Aid\"\n    retired 1.a.3 \"replaced in 2020\" by 1.a.1\n  }\n}\nresolution r \"R\" {\n  measure m \"M\" {\n    indicator ↓1.a.3\n  }\n}", message: "indicator `1.a.3` is no longer in the global indicator framework"),
    CodeCase(
        code: "L1027", source: "resolution r \"R\" {\n  adopted ↓\"2018-02-30\"\n}", message: "`2018-02-30` is not a date"),
    CodeCase(
        code: "L1028", source: "unit t \"t\"\nresolution r \"R\" {\n  indicator 13.2.2 {\n    unit ↓kt\n  }\n}",
        message: "unknown unit `kt`"),
    CodeCase(
        code: "L1029",
        source: "unit t \"t\"\nunit p \"%\"\nresolution r \"R\" {\n  indicator 13.2.2 {\n    unit t\n  }\n  measure m \"M\" {\n    effect 13.2.2 -5 ↓p by 2030\n  }\n}",
        message: "`p` does not convert to `t`, the unit of the account of 13.2.2"),
    CodeCase(
        code: "L1030",
        source: "unit t \"t\"\nresolution r \"R\" {\n  indicator 13.2.2 {\n    unit t\n    observed 5 in 2018\n    observed 6 in ↓2018\n  }\n}",
        message: "two values of 13.2.2 are observed in 2018"),
    CodeCase(
        code: "L1030", source: "resolution r \"R\" {\n  indicator ↓13.2.2 {\n    baseline 5 in 2015\n  }\n}",
        message: "the account of 13.2.2 names no unit"),
    CodeCase(code: "L1030", source: "unit c \"c\"\nunit ↓c \"c\"", message: "unit `c` is declared twice"),
    CodeCase(
        code: "L1030",
        source: "unit g \"g\"\nunit t \"t\" = 1000000 g\nresolution r \"R\" {\n  indicator 13.2.2 {\n    unit g\n  }\n  measure m \"M\" {\n    advances 13.2\n    effect 13.2.2 ↓90000000000000 t by 2030\n  }\n}",
        message: "90000000000000 t in `g` is past 18 digits"),
    CodeCase(code: "L1030", source: "unit a \"a\"\nunit b \"b\" = ↓-2 a", message: "a unit converts by a positive factor"),
    CodeCase(
        code: "L1031", source: "unit p \"%\"\nresolution r \"R\" {\n  indicator ↓solar-share \"Share of roofs with solar panels\" {\n    unit p\n  }\n}",
        message: "local indicator `solar-share` names no target it monitors"),
    CodeCase(
        code: "L1031", source: "unit t \"t\"\nresolution r \"R\" {\n  indicator 13.2.2 {\n    unit t\n    ↓monitors 13.2\n  }\n}",
        message: "13.2.2 is an indicator of the global framework; the catalogue says which targets it monitors"),
    CodeCase(
        code: "L1031", source: "unit p \"%\"\nresolution r \"R\" {\n  indicator ↓solar-share {\n    monitors 7.2\n    unit p\n  }\n}",
        message: "local indicator `solar-share` has no title"),
    CodeCase(code: "L1026", source: "profile 7.2 {\n  terms ↓es \"energía renovable\"\n}", message: "unknown language `es`"),
    CodeCase(code: "L1015", source: "relation ↓advances(measure, target)", message: "`advances` is a built-in relation"),
    CodeCase(code: "L1020", source: "relation x(measure)\nx(M) :- ↓advances(M).", message: "`advances` takes 2 arguments, but 1 was given"),
    CodeCase(code: "L1021", source: "relation x(measure)\nx(M) :- advances(M, ↓\"13.2\").", message: "expected a target, found the text \"13.2\""),
    CodeCase(code: "L1022", source: "relation x(measure)\nx(M) :- advances(M, T), restricts(M, ↓T).", message: "variable `T` is used as a target and as a principle"),
    CodeCase(code: "L1023", source: "relation x(measure)\nx(M) :- advances(M, T), ↓T < 13.2.", message: "invalid comparison: `<` orders numbers, but these are target values"),
    CodeCase(code: "L2001", source: "relation x(measure, target)\nx(M, ↓T) :- measure(M).", message: "variable `T` in the head is not bound by a positive literal"),
    CodeCase(code: "L2002", source: "relation x(measure)\nx(M) :- measure(M), not advances(M, ↓T).", message: "variable `T` in a negated literal is not bound by a positive literal"),
    CodeCase(code: "L2003", source: "relation win(measure)\nwin(M) :- measure(M), ↓not win(M).", message: "negation of `win` is not stratifiable"),
    CodeCase(code: "L2004", source: "relation x(measure)\nx(M) :- measure(M), ↓S >= 2.", message: "variable `S` in a comparison is not bound by a positive literal"),
    CodeCase(code: "L2005", source: "rule r warning \"{M} and {↓X}\" when measure(M) at M", message: "variable `X` in the message is not bound by a positive literal"),
    CodeCase(code: "L2006", source: "rule r warning \"{M}\" when measure(M) at ↓N", message: "anchor `N` is not bound by the rule's body"),
    CodeCase(
        code: "L2010", source: "rule r warning \"{M}\" when measure(M), in(M, R) at M suggest ↓R",
        message: "`suggest R` names neither the anchor nor a variable of the message"),
    CodeCase(
        code: "L2010", source: "rule r warning \"{M} in {R}\" when measure(M), in(M, R) at M suggest ↓R",
        message: "only a measure gets suggested targets, and `R` is a resolution"),
    CodeCase(
        code: "L2013", source: "relation n(measure, integer)\nn(M, ↓S / 2) :- advances(M, _), interaction(_, _, S).",
        message: "column 2 of `n` holds integers, but this gives a quantity"),
    CodeCase(code: "L2013", source: "relation q(quantity)\nq(↓2 + 3).", message: "a fact's values are constants"),
    CodeCase(
        code: "L2013", source: "relation q(measure)\nq(M) :- advances(M, _), interaction(_, _, ↓M + 1) .",
        message: "arithmetic in an argument of `interaction`"),
    CodeCase(
        code: "L2013", source: "relation q(quantity)\nq(V + 1) :- ↓q(V).",
        message: "the computed value of `q` depends on `q` itself"),
    CodeCase(
        code: "L1029", source: "unit t \"t\"\nunit p \"%\"\nrelation q(quantity)\nq(V) :- q0(V), V > ↓2 t + 1 p.\nrelation q0(quantity)\nq0(3 t).",
        message: "`+` adds `p` to `t`"),
    CodeCase(code: "L2007", source: "relation x(measure)\nx(↓_) :- measure(_).", message: "`_` in a rule head"),
    CodeCase(
        code: "L2011", source: "relation reach(measure, integer)\nreach(M, count) :- measure(M), ↓reach(M, _).",
        message: "the aggregate of `reach` depends on `reach` itself"),
    CodeCase(
        code: "L2012", source: "relation n(measure, target)\nn(M, ↓count) :- advances(M, _).",
        message: "`count` gives an integer, but column 2 of `n` holds a target"),
    CodeCase(
        code: "L2012", source: "relation n(resolution, integer)\nn(R, sum ↓M) :- in(M, R).",
        message: "`sum` reads integers or quantities, but `M` is a measure"),
    CodeCase(
        code: "L2012", source: "relation n(measure, integer, integer)\nn(M, count, ↓count) :- advances(M, _).",
        message: "a head has at most one aggregate"),
    CodeCase(code: "L2012", source: "relation n(integer)\nn(↓count).", message: "a fact has nothing to aggregate"),
    CodeCase(
        code: "L2012", source: "relation n(measure, integer)\nn(M, count) :- advances(M, _).\n↓n(M, 1) :- measure(M).",
        message: "`n` is computed by an aggregate, so it has no other rule or fact"),
    CodeCase(code: "L3001", source: "relation x(measure)\nx(M) :- measure(M), advances(↓Mx, _).", message: "variable `Mx` is used only once"),
    CodeCase(code: "L3002", source: "relation ↓never(measure)", message: "relation `never` has no facts and no rule derives it"),
]

@Suite struct DiagnosticCodeTests {
    @Test(arguments: semanticCases)
    func codeIsReportedAtTheMarker(_ testCase: CodeCase) {
        let (context, offset) = check(testCase.source)
        let matching = context.diagnostics.filter { $0.code.id == testCase.code }
        #expect(matching.count == 1, "diagnostics: \(context.diagnostics.map { "\($0.code.id) \($0.message)" })")
        #expect(matching.first?.message == testCase.message)
        #expect(matching.first?.primary?.span.start == offset)
        // Nothing else is wrong with the case.
        #expect(context.diagnostics.filter { $0.code.id != testCase.code && $0.severity == .error }.isEmpty)
    }

    @Test func theCatalogueAloneIsClean() {
        #expect(check("").context.diagnostics.isEmpty)
    }

    @Test func anchorOfATypeThatHasNoDeclaration() {
        let (context, offset) = check("rule r info \"{L}\" when tag(_, L) at ↓L")
        #expect(context.diagnostics.map(\.message) == ["a finding cannot point at a symbol"])
        #expect(context.diagnostics.first?.primary?.span.start == offset)
    }

    /// An `absent` wording names only the pattern's variables, and its `instead`
    /// text only variables its body binds; a second wording of a relation is a duplicate.
    @Test func absentWordingsAreChecked() {
        let unbound = check("absent advances(M, _) \"{M} advances {↓T}\"")
        #expect(unbound.context.diagnostics.map(\.message) == ["variable `T` in the pattern is not bound by a positive literal"])
        #expect(unbound.context.diagnostics.first?.primary?.span.start == unbound.offset)
        let instead = check("absent advances(M, _) \"{M} advances nothing\"\n  instead \"{M} is in {↓R}\" when measure(M)")
        #expect(instead.context.diagnostics.map(\.message) == ["variable `R` in the `instead` body is not bound by a positive literal"])
        let twice = check("absent advances(M, _) \"a\"\nabsent ↓advances(M, _) \"b\"")
        #expect(twice.context.diagnostics.map(\.code.id) == ["L1010"])
        #expect(twice.context.diagnostics.first?.primary?.span.start == twice.offset)
        let fine = check("absent advances(M, T) \"{M} does not advance {T}\"\n  instead \"{M} advances {U}\" when advances(M, U)")
        #expect(fine.context.diagnostics.isEmpty)
        #expect(fine.context.program.absenceWordings["advances"]?.columns == ["M", "T"])
    }

    /// An anchor repeated in a principle would be listed and cited twice.
    @Test func aRepeatedAnchorIsADuplicate() {
        let (context, offset) = check("principle fair \"Fair\" {\n  enshrined germany \"Art. 3\"\n  ↓enshrined germany \"Art. 3\" note \"again\"\n}")
        #expect(context.diagnostics.map(\.message) == ["anchor of `fair` in `germany` at `Art. 3` is declared twice"])
        #expect(context.diagnostics.first?.primary?.span.start == offset)
    }

    /// `{all V}` names a variable of the body like any placeholder.
    @Test func listedVariablesMustBeBound() {
        let (context, offset) = check("rule r info \"{all ↓X} in {R}\" when resolution(R) at R")
        #expect(context.diagnostics.map(\.message) == ["variable `X` in the message is not bound by a positive literal"])
        #expect(context.diagnostics.first?.primary?.span.start == offset)
    }

    @Test func didYouMeanComesFromNamesInScope() {
        let (context, _) = check("resolution r \"R\" {\n  measure m \"M\" {\n    restricts propery\n  }\n}")
        #expect(context.diagnostics.first?.help == "did you mean `property`?")
    }

    @Test func unknownTargetListsItsGoalsTargets() {
        let (context, _) = check("resolution r \"R\" {\n  measure m \"M\" {\n    advances 13.9\n  }\n}")
        #expect(context.diagnostics.first?.notes == ["goal 13 has 13.1, 13.2"])
    }

    @Test func unqualifiedMeasureSuggestsItsResolution() {
        let (context, _) = check("relation x(measure)\nx(m1).")
        #expect(context.diagnostics.first?.help == "did you mean `plan.m1`?")
    }

    @Test func duplicateNotesTheFirstDeclaration() {
        let (context, _) = check("country germany \"Again\"")
        let secondary = context.diagnostics.first?.secondary.first
        #expect(secondary?.text == "first declared here")
        let first = catalogue.range(of: "country germany").map {
            catalogue.utf8.distance(from: catalogue.startIndex, to: $0.lowerBound) + "country ".count
        }
        #expect(secondary?.span.start == first)
    }

    @Test func cycleNotesNameEveryRelation() {
        let (context, _) = check(
            """
            relation a(measure)
            relation b(measure)
            a(M) :- measure(M), not b(M).
            b(M) :- a(M).
            """)
        let diagnostic = context.diagnostics.first { $0.code == .unstratifiable }
        #expect(diagnostic?.notes.first == "cycle through negation: `a` -> `b` -(not)-> `a`")
    }
}

@Suite struct SuggestionTests {
    @Test func closeTargetIdGetsADidYouMean() {
        let (context, _) = check("resolution r \"R\" {\n  measure m \"M\" {\n    advances 13.22\n  }\n}")
        #expect(context.diagnostics.first?.help == "did you mean `13.2`?")
        #expect(context.diagnostics.first?.notes == ["goal 13 has 13.1, 13.2"])
    }
}
