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

    /// The rule for `reaches`, as written.
    static func rule(_ model: Model) -> (head: [Term], body: [Literal])? {
        model.program.clauses.first { $0.clause.head.relation.value == "reaches" }.map { ($0.clause.head.arguments, $0.clause.body) }
    }

    static func integer(_ value: Int) -> Term { .integer(Located(value, .none)) }

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
