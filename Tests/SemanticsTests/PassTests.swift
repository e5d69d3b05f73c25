import Diagnostics
import Testing

@testable import Semantics

@Suite struct PassTests {
    @Test func passesRunInTheDocumentedOrder() {
        #expect(CheckPass.allCases.map(\.rawValue) == ["CollectDeclarations", "ResolveNames", "CheckTypes", "CheckSafety", "Stratify", "Lower"])
    }

    @Test func checkingCanStopAfterAnyPass() {
        let text = "relation x(measure)\nx(M) :- measure(M), not advances(M, T)."
        // Names are fine, so stopping before safety reports nothing ...
        #expect(check(text, through: .checkTypes).context.diagnostics.isEmpty)
        // ... and the safety pass finds the unbound variable.
        #expect(check(text, through: .checkSafety).context.diagnostics.map(\.code.id) == ["L2002"])
        // Facts exist only after lowering.
        #expect(check("", through: .stratify).context.program.facts.isEmpty)
        #expect(!check("").context.program.facts.isEmpty)
    }

    @Test func declarationsLowerToBuiltInFacts() {
        let (context, _) = check(
            """
            interaction 7.2 -> 13.2 +2 source "test"
            level national "National"
            level local "Local" below national
            kind coal-phase-out "Coal phase-out" {
              definition "Closing coal plants."
              advances 13.2 because "test"
            }
            resolution city "City" {
              level local
              implements plan
              scope 13
              measure m "M" {
                kind coal-phase-out
                advances 13.2
                undermines 13.1
                restricts property justified "fund"
                indicator 13.2.2
                tag energy
                not advances 13.1 because "no reason"
              }
            }
            """)
        let facts = Set(context.program.facts.map { "\($0.relation)(\($0.values.map(\.description).joined(separator: ", ")))" })
        let expected: Set<String> = [
            "goal(13)", "target(13.2)", "target-of-goal(13.2, 13)", "means-of-implementation(7.a)",
            "indicator(13.2.2)", "indicator-of(13.2.2, 13.2)", "indicator(7.2.9)", "indicator-of(7.2.9, 7.2)",
            "indicator-alias(7.2.9, 13.2.2)", "country(germany)", "principle(property)",
            "enshrined(property, germany, \"Art. 14\")", "level-below(local, national)",
            // The file's own interaction applies to its resolutions: a set named after the file.
            // (A file the loader did not describe is a draft named by its number.)
            "interaction-set(city, <file 0>)", "interaction-in(<file 0>, 7.2, 13.2, 2)",
            "resolution(city)", "level(city, local)", "implements(city, plan)", "scope(city, 13)",
            "measure(city.m)", "in(city.m, city)", "kind(city.m, coal-phase-out)", "advances(city.m, 13.2)",
            "undermines(city.m, 13.1)", "restricts(city.m, property)", "justifies(city.m, property)",
            "measured-by(city.m, 13.2.2)", "tag(city.m, energy)", "advances(plan.m1, 7.2)",
            "kind-advances(coal-phase-out, 13.2)", "rejects-advances(city.m, 13.1, \"no reason\")",
        ]
        #expect(expected.subtracting(facts).isEmpty, "missing: \(expected.subtracting(facts).sorted())")
        #expect(!facts.contains("means-of-implementation(7.2)"))
        #expect(!facts.contains("interaction(7.2, 13.2, 2)"))
        #expect(!facts.contains("justifies(plan.m1, property)"))
    }

    @Test func factsPointAtTheWordsThatStateThem() {
        let (context, _) = check("resolution city \"City\" {\n  measure m \"M\" {\n    advances 7.2, 13.2\n  }\n}")
        let advance = context.program.facts.first { $0.relation == "advances" && $0.values.last == .id("13.2") }
        let text = catalogue + "resolution city \"City\" {\n  measure m \"M\" {\n    advances 7.2, 13.2\n  }\n}"
        let bytes = Array(text.utf8)
        guard let span = advance?.span else {
            Issue.record("no fact")
            return
        }
        #expect(String(decoding: bytes[span.start..<span.end], as: UTF8.self) == "13.2")
    }

    @Test func strataOrderNegatedRelationsFirst() {
        let (context, _) = check(
            """
            relation covered(resolution, target)
            relation gap(resolution, target)
            relation reach(target, target)
            covered(R, T) :- in(M, R), advances(M, T).
            gap(R, T) :- resolution(R), target(T), not covered(R, T).
            reach(A, B) :- interaction(A, B, _).
            reach(A, C) :- reach(A, B), interaction(B, C, _).
            """)
        #expect(context.diagnostics.isEmpty)
        let strata = context.program.strata
        func stratum(_ name: String) -> Int? { strata.firstIndex { $0.contains(name) } }
        #expect((stratum("advances") ?? 99) < (stratum("covered") ?? -1))
        #expect((stratum("covered") ?? 99) < (stratum("gap") ?? -1))
        #expect(strata.contains(["reach"]))
        #expect(context.program.clauses.count == 4)
    }

    @Test func mutualRecursionWithoutNegationIsAccepted() {
        let (context, _) = check(
            """
            relation even(integer)
            relation odd(integer)
            relation number(integer)
            number(0).
            even(0).
            odd(N) :- even(M), number(N), N > M.
            even(N) :- odd(M), number(N), N > M.
            """)
        #expect(context.diagnostics.isEmpty)
        #expect(context.program.strata.contains(["even", "odd"]))
    }

    @Test func rulesAddingToBuiltInRelationsAreAllowed() {
        let (context, _) = check("kind coal-phase-out \"Coal\"\nadvances(M, 13.2) :- kind(M, coal-phase-out).")
        #expect(context.diagnostics.isEmpty)
        #expect(context.program.clauses.count == 1)
    }

    @Test func goalColumnsAcceptIntegersAndOrderComparisons() {
        let (context, _) = check(
            """
            relation late-goal(goal)
            late-goal(G) :- goal(G), G >= 10.
            late-goal(13).
            """)
        #expect(context.diagnostics.isEmpty)
    }

    @Test func reportingRulesKeepTheirVariableTypes() {
        let (context, _) = check("rule r warning \"{M} advances {T}\" when advances(M, T) at M")
        #expect(context.program.rules.first?.variableTypes == ["M": .measure, "T": .target])
    }
}

/// Profiles: what suggests a target or a kind, by language, from every
/// declaration that states it.
@Suite struct ProfileTests {
    @Test func profilesAndKindTermsAddUpByLanguage() {
        let (context, _) = check(
            """
            kind levy "Levy" {
              terms "fuel levy"
              terms fr "taxe sur les carburants"
            }
            profile 7.2 {
              terms "renewable energy", "solar"
              terms fr "énergie renouvelable"
            }
            profile 7.2 {
              terms en "wind power"
            }
            profile levy {
              terms fr "redevance"
            }

            """)
        #expect(context.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        #expect(context.program.profiles["7.2"]?.terms == ["en": ["renewable energy", "solar", "wind power"], "fr": ["énergie renouvelable"]])
        #expect(context.program.profiles["levy"]?.terms == ["en": ["fuel levy"], "fr": ["taxe sur les carburants", "redevance"]])
        #expect(context.program.kinds["levy"]?.terms == ["fuel levy"])
    }

    @Test func aProfileOfAnUnknownTargetOrKindIsAnError() {
        let (context, _) = check("profile 7.9 {\n  terms \"x\"\n}\nprofile levvy {\n  terms \"y\"\n}\n")
        #expect(context.diagnostics.map(\.message) == ["unknown target `7.9`", "unknown kind `levvy`"])
    }
}
