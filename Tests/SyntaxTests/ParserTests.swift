import Diagnostics
import Testing

@testable import Syntax

/// The codes and 1-based lines of the diagnostics of a text.
private func problems(_ text: String) -> [String] {
    let result = parse(text)
    return result.diagnostics.map { "\($0.code.id)@\(result.file.location(of: $0.primary?.span.start ?? 0).line)" }
}

@Suite struct ParserTests {
    @Test func arithmeticBindsProductsFirstAndReadsNumbersWithTheirUnits() {
        guard case .clause(let clause) = declarations("g(R, A + B * 2 - 0.5) :- v(R, A, B), A > 1.5 kt.").first,
            case .comparison(_, .greater, let limit, _) = clause.body.last
        else {
            Issue.record("not a clause with a comparison")
            return
        }
        // (A + (B * 2)) - 0.5: left to right, `*` first.
        guard case .arithmetic(.minus, let sum, let half, _) = clause.head.arguments[1],
            case .arithmetic(.plus, .variable(let a), .arithmetic(.times, .variable(let b), .integer(let two), _), _) = sum,
            case .quantity(let value, nil) = half
        else {
            Issue.record("unexpected tree: \(clause.head.arguments[1])")
            return
        }
        #expect(a.value == "A" && b.value == "B" && two.value == 2 && value.value == ExactDecimal(units: 5, scale: 1))
        guard case .quantity(let amount, let unit) = limit else {
            Issue.record("not a quantity: \(limit)")
            return
        }
        #expect(amount.value == ExactDecimal(units: 15, scale: 1) && unit?.value == "kt")
    }

    @Test func expressionsAreBoundedInDepthAndSize() {
        let deep = "x(A) :- v(A), A > " + String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40) + ".\n"
        #expect(problems(deep) == ["L0101@1"])
        let long = "x(A) :- v(A), A > " + Array(repeating: "1", count: 300).joined(separator: " + ") + ".\n"
        #expect(problems(long) == ["L0101@1"])
        let fine = "x(A) :- v(A), A > " + String(repeating: "(", count: 32) + "1" + String(repeating: ")", count: 32) + ".\n"
        #expect(problems(fine) == [])
    }

    @Test func useDeclaration() {
        guard case .use(let use) = declarations(#"use "common/goals.lumen""#).first else {
            Issue.record("not a use")
            return
        }
        #expect(use.path.value == "common/goals.lumen")
    }

    @Test func suggestionsNameARelationASubjectAndAWholeScore() {
        let text = """
            resolution r "R" {
              measure m "M" {
                suggested advances 14.6 score 41
                suggested kind fisheries-subsidy
              }
            }
            """
        guard case .resolution(let resolution) = declarations(text).first,
            case .measure(let measure)? = resolution.items.first?.kind
        else {
            Issue.record("not a resolution with a measure")
            return
        }
        #expect(
            measure.items.map(\.kind) == [
                .suggested(relation: Name("advances", .none), subject: Name("14.6", .none), score: Located(41, .none)),
                .suggested(relation: Name("kind", .none), subject: Name("fisheries-subsidy", .none), score: nil),
            ])
        let bad = parse("resolution r \"R\" {\n  measure m \"M\" {\n    suggested undermines 1.1\n  }\n}\n")
        #expect(bad.diagnostics.map(\.message) == ["expected `advances` or `kind` after `suggested`, found `undermines`"])
        #expect(problems("resolution r \"R\" {\n  measure m \"M\" {\n    suggested advances 1.1 score 0.5\n  }\n}\n") == ["L0101@3"])
    }

    @Test func goalWithTargetsAndIndicators() {
        let text = """
            goal 1 "No poverty" {
              target 1.5 "Resilience" {
                indicator 1.5.1 "Deaths from disasters" also 11.5.1, 13.1.1
              }
              target 1.a "Resources"
            }
            """
        guard case .goal(let goal) = declarations(text).first else {
            Issue.record("not a goal")
            return
        }
        #expect(goal.number.value == 1)
        #expect(goal.title?.value == "No poverty")
        #expect(goal.targets.map(\.id.value) == ["1.5", "1.a"])
        #expect(goal.targets[0].indicators.map(\.id.value) == ["1.5.1"])
        #expect(goal.targets[0].indicators[0].aliases.map(\.value) == ["11.5.1", "13.1.1"])
    }

    @Test func indicatorCodesAndRetiredIds() {
        let text = """
            goal 17 {
              target 17.6 {
                indicator 17.6.1 "Broadband" code "C170602"
                retired 17.6.2 "renumbered" by 17.6.1
                retired 17.6.9 "deleted"
              }
            }
            """
        guard case .goal(let goal) = declarations(text).first else {
            Issue.record("not a goal")
            return
        }
        let items = goal.targets[0].indicators
        #expect(items.map(\.id.value) == ["17.6.1", "17.6.2", "17.6.9"])
        #expect(items.map(\.retired) == [false, true, true])
        #expect(items[0].code?.value == "C170602")
        #expect(items[1].title?.value == "renumbered" && items[1].successor?.value == "17.6.1")
        #expect(items[2].successor == nil)
        // A code is `C` and six lower-case letters or digits; a retired id says what became of it.
        #expect(problems("goal 1 { target 1.1 { indicator 1.1.1 \"x\" code \"X01\" } }") == ["L0101@1"])
        #expect(problems("goal 1 { target 1.1 { indicator 1.1.1 \"x\" code \"C01010A\" } }") == ["L0101@1"])
        #expect(problems("goal 1 { target 1.1 { retired 1.1.2 } }") == ["L0101@1"])
    }

    @Test func principleWithDescriptionAndAnchors() {
        let text = """
            principle property "Right to property" {
              description "Ownership and its limits"
              enshrined germany "Art. 14" in "Basic Law"
              enshrined japan "Art. 29" note "partial" checked "the 2017 text"
            }
            """
        guard case .principle(let principle) = declarations(text).first else {
            Issue.record("not a principle")
            return
        }
        #expect(principle.id.value == "property")
        #expect(
            principle.items.map(\.kind) == [
                .description(Located("Ownership and its limits", .none)),
                .enshrined(
                    country: Name("germany", .none), reference: Located("Art. 14", .none),
                    document: Located("Basic Law", .none), note: nil, checked: nil),
                .enshrined(
                    country: Name("japan", .none), reference: Located("Art. 29", .none), document: nil,
                    note: Located("partial", .none), checked: Located("the 2017 text", .none)),
            ])
    }

    @Test func interactionWithSignedScoreAndSource() {
        guard case .interaction(let i) = declarations(#"interaction 2.3 -> 15.5 -2 source "Nilsson et al. (2016)""#).first else {
            Issue.record("not an interaction")
            return
        }
        #expect(i.from.value == "2.3")
        #expect(i.to.value == "15.5")
        #expect(i.score?.value == -2)
        #expect(i.reported == nil)
        #expect(i.source?.value == "Nilsson et al. (2016)")
    }

    @Test func reportedInteractionWithSignEvidenceAndSource() {
        guard case .interaction(let i) = declarations(#"interaction 2.3 -> 3.9 trade-off evidence 4 source "JRC KnowSDGs""#).first else {
            Issue.record("not an interaction")
            return
        }
        #expect(i.score == nil)
        #expect(i.reported?.value == .tradeOff)
        #expect(i.evidence?.value == 4)
        #expect(i.source?.value == "JRC KnowSDGs")
        guard case .interaction(let j) = declarations(#"interaction 2.3 -> 3.9 unspecified source "x""#).first else {
            Issue.record("not an interaction")
            return
        }
        #expect(j.reported?.value == .unspecified && j.evidence == nil)
        // A report names its source; evidence is a count of one or more; a sign is one of three words.
        #expect(problems(#"interaction 2.3 -> 3.9 synergy"#) == ["L0101@1"])
        #expect(problems(#"interaction 2.3 -> 3.9 synergy evidence 0 source "x""#) == ["L0101@1"])
        #expect(problems(#"interaction 2.3 -> 3.9 tradeoff source "x""#) == ["L0101@1"])
    }

    @Test func resolutionWithEveryItem() {
        let text = """
            resolution city-energy "Municipal energy transition" {
              description "A plan"
              level local
              implements national-plan
              scope 7, 13
              measure m1 "Close the coal plant" {
                kind coal-phase-out, plant-closure
                advances 7.2, 13.2
                undermines 8.5
                restricts property justified "compensation fund"
                restricts privacy
                indicator 13.2.2
                tag energy
                description "Details"
              }
            }
            """
        guard case .resolution(let r) = declarations(text).first else {
            Issue.record("not a resolution")
            return
        }
        #expect(r.id.value == "city-energy")
        #expect(r.items.count == 5)
        #expect(r.items[1].kind == .level(Name("local", .none)))
        #expect(r.items[2].kind == .implements([Name("national-plan", .none)]))
        #expect(r.items[3].kind == .scope([Located(7, .none), Located(13, .none)]))
        guard case .measure(let m) = r.items[4].kind else {
            Issue.record("not a measure")
            return
        }
        #expect(m.id.value == "m1")
        #expect(
            m.items.map(\.kind) == [
                .kinds([Name("coal-phase-out", .none), Name("plant-closure", .none)]),
                .advances([Name("7.2", .none), Name("13.2", .none)]),
                .undermines([Name("8.5", .none)]),
                .restricts(principle: Name("property", .none), justification: Located("compensation fund", .none)),
                .restricts(principle: Name("privacy", .none), justification: nil),
                .indicators([Name("13.2.2", .none)]),
                .tags([Name("energy", .none)]),
                .description(Located("Details", .none)),
            ])
    }

    @Test func relationWithNamedAndUnnamedColumns() {
        guard case .relation(let r) = declarations("relation tension(a: measure, measure, t: target)").first else {
            Issue.record("not a relation")
            return
        }
        #expect(r.name.value == "tension")
        #expect(r.columns.map(\.type.value) == ["measure", "measure", "target"])
        #expect(r.columns.map { $0.name?.value } == ["a", nil, "t"])
    }

    @Test func factsAndRulesWithNegationAndComparisons() {
        let decls = declarations(
            """
            fact(city.m1, 13.2, "text", -3, sym).
            empty().
            reach(A, C) :- reach(A, B), interaction(B, C, S), S >= 2, not blocked(A, _), A != C.
            """)
        guard case .clause(let fact) = decls[0], case .clause(let empty) = decls[1], case .clause(let rule) = decls[2] else {
            Issue.record("not clauses")
            return
        }
        #expect(fact.isFact)
        #expect(
            fact.head.arguments == [
                .measure(Name("city.m1", .none)), .sdgID(Name("13.2", .none)), .string(Located("text", .none)),
                .integer(Located(-3, .none)), .symbol(Name("sym", .none)),
            ])
        #expect(empty.head.arguments.isEmpty)
        #expect(rule.body.count == 5)
        #expect(rule.body[2] == .comparison(.variable(Name("S", .none)), .greaterEqual, .integer(Located(2, .none)), span: .none))
        guard case .negative(let negated, _) = rule.body[3] else {
            Issue.record("not negated")
            return
        }
        #expect(negated.arguments.last == .wildcard(.none))
    }

    @Test func reportingRuleWithTemplate() {
        let text = """
            rule undermined-target error "{N} undermines {T}, which {M} advances; {{braces}}"
              description "Longer text"
              when in(M, R), in(N, R), advances(M, T), undermines(N, T), M != N
              at N
            """
        guard case .rule(let rule) = declarations(text).first else {
            Issue.record("not a rule")
            return
        }
        #expect(rule.id.value == "undermined-target")
        #expect(rule.severity.value == .error)
        #expect(rule.message.value.placeholders.map(\.value) == ["N", "T", "M"])
        #expect(
            rule.message.value.parts.last == .text(" advances; {braces}"))
        #expect(rule.description?.value == "Longer text")
        #expect(rule.body.count == 5)
        #expect(rule.anchor.value == "N")
    }

    @Test func placeholderSpansPointIntoTheString() {
        let text = #"rule r warning "a \"q\" {M}" when measure(M) at M"#
        let result = parse(text)
        guard case .rule(let rule) = result.unit.declarations.first else {
            Issue.record("not a rule")
            return
        }
        let span = rule.message.value.placeholders[0].span
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[span.start..<span.end], as: UTF8.self) == "M")
    }

    @Test func spansCoverTheirSource() {
        let text = "resolution r \"T\" {\n  measure m1 \"A\" {\n    advances 7.2\n  }\n}\n"
        let result = parse(text)
        guard case .resolution(let r) = result.unit.declarations.first, case .measure(let m) = r.items[0].kind else {
            Issue.record("no measure")
            return
        }
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[m.span.start..<m.span.end], as: UTF8.self) == "measure m1 \"A\" {\n    advances 7.2\n  }")
        #expect(String(decoding: bytes[r.span.start..<r.span.end], as: UTF8.self) == String(text.dropLast()))
    }
}

@Suite struct RecoveryTests {

    @Test func reportsEveryErrorOfAFile() {
        let text = """
            resolution a "A" {
              scope 7 13
              level 42
              measure m1 "M" {
                advances 7.2 13.2
                bogus 1
                undermines 8.5
              }
            }
            rule r fatal "x" when measure(M) at M
            relation ok(measure)
            """
        #expect(problems(text) == ["L0101@2", "L0101@3", "L0101@5", "L0101@6", "L0103@10"])
        // What follows the errors is still parsed.
        let result = parse(text)
        guard case .resolution(let r) = result.unit.declarations.first, case .measure(let m) = r.items.last?.kind else {
            Issue.record("measure lost")
            return
        }
        #expect(m.items.last?.kind == .undermines([Name("8.5", .none)]))
        #expect(result.unit.declarations.count == 2)
    }

    @Test func missingBraceCostsOneDiagnostic() {
        let text = """
            resolution a "A" {
              level local

            resolution b "B" {
              level national
            }
            """
        #expect(problems(text) == ["L0102@4"])
        #expect(parse(text).unit.declarations.count == 2)
    }

    @Test func aMarkerPointsAtTheOffendingToken() {
        let (text, offset) = marked("resolution a \"A\" {\n  scope 7 ↓13\n}\n")
        let result = parse(text)
        #expect(result.diagnostics.first?.primary?.span.start == offset)
    }

    @Test func deepNestingNeitherRecursesNorHangs() {
        let text = String(repeating: "{", count: 100_000) + String(repeating: "(", count: 100_000)
        let result = parse(text)
        #expect(result.diagnostics.count == 1)
        #expect(result.unit.declarations.isEmpty)
    }

    @Test func errorsAreCappedPerFile() {
        let result = parse(String(repeating: "@\n", count: 150))
        #expect(result.diagnostics.count == 101)
        #expect(result.diagnostics.last?.message == "too many errors; 50 more in this file not shown")
    }
}
