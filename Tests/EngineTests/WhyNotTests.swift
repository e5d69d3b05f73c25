import Diagnostics
import Syntax
import Testing

@testable import Engine
@testable import Semantics

/// `Model.whyNot`: the premise at which a rule stops deriving a missing fact.
@Suite struct WhyNotTests {
    static let text = """
        relation edge(integer, integer)
        relation blocked(integer)
        relation reaches(integer)
        edge(1, 2).
        edge(2, 3).
        blocked(3).
        reaches(A) :- edge(A, B), not blocked(B).
        """

    /// The rule for `reaches`, as the engine has it.
    static func rule(_ model: Model) -> (head: [RuleTerm], body: [RuleLiteral])? {
        model.program.loweredRules.first { $0.head == "reaches" }.map { ($0.headTerms, $0.body) }
    }

    static func integer(_ value: Int) -> RuleTerm { .constant(.integer(value)) }

    @Test func theFirstPremiseWithoutAnAnswerIsTheMissingOne() throws {
        let model = evaluate(Self.text)
        let rule = try #require(Self.rule(model))
        // reaches(2): edge(2, B) holds once (B = 3), then blocked(3) makes the negation fail.
        let steps = try #require(model.whyNot([Self.integer(2)], head: rule.head, body: rule.body))
        #expect(steps.map(\.count) == [1, 0])
        #expect(steps[1].example.map(\.0) == ["B"])
        #expect(steps[1].example.map(\.1) == [.integer(3)])
        // reaches(3): no edge from 3 at all; the negation is not reached.
        let missing = try #require(model.whyNot([Self.integer(3)], head: rule.head, body: rule.body))
        #expect(missing.map(\.count) == [0, 0])
    }

    @Test func aHeadOfAnotherShapeDoesNotMatch() throws {
        let model = evaluate(Self.text)
        let rule = try #require(Self.rule(model))
        // A head with the constant 5 derives only reaches(5).
        #expect(model.whyNot([Self.integer(1)], head: [Self.integer(5)], body: rule.body) == nil)
        #expect(model.whyNot([Self.integer(1)], head: rule.head, body: rule.body) != nil)
    }
}
