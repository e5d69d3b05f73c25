import Diagnostics
import Syntax
import Testing

@testable import Engine
@testable import Semantics

@Suite struct EvaluationTests {
    @Test func transitiveClosure() {
        let model = evaluate(
            """
            relation edge(integer, integer)
            relation path(integer, integer)
            edge(1, 2).
            edge(2, 3).
            edge(3, 4).
            edge(4, 2).
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            """)
        #expect(
            rows(model, "path") == [
                "1,2", "1,3", "1,4", "2,2", "2,3", "2,4", "3,2", "3,3", "3,4", "4,2", "4,3", "4,4",
            ])
    }

    @Test func mutualRecursion() {
        let model = evaluate(
            """
            relation next(integer, integer)
            relation even(integer)
            relation odd(integer)
            next(0, 1).
            next(1, 2).
            next(2, 3).
            next(3, 4).
            even(0).
            odd(Y) :- even(X), next(X, Y).
            even(Y) :- odd(X), next(X, Y).
            """)
        #expect(rows(model, "even") == ["0", "2", "4"])
        #expect(rows(model, "odd") == ["1", "3"])
    }

    @Test func sameGeneration() {
        let model = evaluate(
            """
            relation parent(symbol, symbol)
            relation person(symbol)
            relation same-generation(symbol, symbol)
            parent(ann, bob).
            parent(ann, cid).
            parent(bob, dan).
            parent(cid, eve).
            person(X) :- parent(X, _).
            person(Y) :- parent(_, Y).
            same-generation(X, X) :- person(X).
            same-generation(X, Y) :- parent(A, X), same-generation(A, B), parent(B, Y).
            """)
        let pairs = rows(model, "same-generation")
        #expect(
            pairs == [
                "ann,ann", "bob,bob", "bob,cid", "cid,bob", "cid,cid", "dan,dan", "dan,eve", "eve,dan", "eve,eve",
            ])
    }

    @Test func negationOverALowerStratum() {
        let model = evaluate(
            """
            relation node(integer)
            relation edge(integer, integer)
            relation reach(integer)
            relation unreachable(integer)
            node(1).
            node(2).
            node(3).
            node(4).
            edge(1, 2).
            edge(2, 3).
            reach(1).
            reach(Y) :- reach(X), edge(X, Y).
            unreachable(X) :- node(X), not reach(X).
            """)
        #expect(rows(model, "unreachable") == ["4"])
        #expect(model.strata.count == 2)
    }

    @Test func comparisons() {
        let model = evaluate(
            """
            relation score(symbol, integer)
            relation strong(symbol)
            relation different(symbol, symbol)
            score(a, -3).
            score(b, 2).
            score(c, 3).
            strong(X) :- score(X, S), S >= 2.
            different(X, Y) :- score(X, 3), score(Y, _), X != Y.
            """)
        #expect(rows(model, "strong") == ["b", "c"])
        #expect(rows(model, "different") == ["c,a", "c,b"])
    }

    @Test func emptyRelationsDeriveNothingAndNegateToTrue() {
        let model = evaluate(
            """
            relation nothing(integer)
            relation some(integer)
            relation from-nothing(integer)
            relation not-nothing(integer)
            some(1).
            from-nothing(X) :- nothing(X).
            not-nothing(X) :- some(X), not nothing(X).
            """)
        #expect(rows(model, "from-nothing") == [])
        #expect(rows(model, "not-nothing") == ["1"])
    }

    @Test(arguments: 0...6)
    func relationsOfEveryArityFromZeroToSix(arity: Int) {
        let columns = Array(repeating: "integer", count: arity).joined(separator: ", ")
        let variables = (0..<arity).map { "X\($0)" }.joined(separator: ", ")
        let values = (0..<arity).map(String.init).joined(separator: ", ")
        let model = evaluate(
            """
            relation base(\(columns))
            relation copy(\(columns))
            relation flag()
            base(\(values)).
            copy(\(variables)) :- base(\(variables)).
            flag() :- copy(\(arity == 0 ? "" : (0..<arity).map { _ in "_" }.joined(separator: ", "))).
            """)
        #expect(rows(model, "copy") == [(0..<arity).map(String.init).joined(separator: ",")])
        #expect(model.count("flag") == 1)
    }

    @Test func duplicateFactsAndDerivationsAreStoredOnce() {
        let model = evaluate(
            """
            relation a(integer)
            relation b(integer)
            a(1).
            a(1).
            b(X) :- a(X).
            b(X) :- a(X), a(X).
            """)
        #expect(model.count("a") == 1)
        #expect(model.count("b") == 1)
    }

    @Test func repeatedVariableInOneLiteralMustAgree() {
        let model = evaluate(
            """
            relation pair(integer, integer)
            relation loop(integer)
            pair(1, 1).
            pair(1, 2).
            loop(X) :- pair(X, X).
            """)
        #expect(rows(model, "loop") == ["1"])
    }

    @Test func reportingRulesProduceOneTuplePerSubjectBinding() {
        let model = evaluate(
            """
            goal 13 "Climate" {
              target 13.2 "Policy"
              target 13.3 "Education"
            }
            resolution r "R" {
              measure m1 "One" {
                advances 13.2, 13.3
              }
              measure m2 "Two"
            }
            rule busy warning "{M} advances something" when advances(M, _) at M
            rule idle warning "{M} advances nothing" when measure(M), not advances(M, _) at M
            """)
        #expect(rows(model, "rule:busy") == ["r.m1"])
        #expect(rows(model, "rule:idle") == ["r.m2"])
    }

    @Test func tupleBudgetStopsARunawayProgram() {
        var options = EvaluationOptions()
        options.maxDerivedTuples = 50
        let model = evaluate(
            """
            relation n(integer)
            relation pair(integer, integer)
            n(1).
            n(2).
            n(3).
            n(4).
            n(5).
            n(6).
            n(7).
            n(8).
            n(9).
            n(10).
            pair(X, Y) :- n(X), n(Y).
            """, options: options)
        #expect(model.limitReached == LimitReached(limit: 50, relation: "pair", rule: 0))
        #expect(model.count("pair") == 51)
    }

    /// Wide tuples use the budget of values (tuples times columns) before the
    /// tuple budget: 64 columns would otherwise let 20 million tuples take 5 GB.
    @Test func theValueBudgetStopsAWideRelation() {
        var options = EvaluationOptions()
        options.maxDerivedValues = 64 * 100
        let columns = (0..<64).map { "X\($0)" }
        let model = evaluate(
            """
            relation n(integer)
            n(1).
            n(2).
            relation wide(\(Array(repeating: "integer", count: 64).joined(separator: ", ")))
            wide(\(columns.joined(separator: ", "))) :- \(columns.map { "n(\($0))" }.joined(separator: ", ")).
            """, options: options)
        #expect(model.limitReached == LimitReached(kind: .values, limit: 6_400, relation: "wide", rule: 0))
        #expect(model.count("wide") == 101)
    }

    /// A proof that doubles at every level (two mutually recursive rules, each
    /// fact proved by one of each at the level below) is cut at the node limit.
    @Test func aProofThatDoublesAtEveryLevelIsCutAtTheNodeLimit() {
        let steps = (0..<40).map { "next(\($0), \($0 + 1))." }.joined(separator: "\n")
        let model = evaluate(
            """
            relation a(integer)
            relation b(integer)
            relation next(integer, integer)
            a(0).
            b(0).
            \(steps)
            a(I) :- a(J), b(J), next(J, I).
            b(I) :- a(J), b(J), next(J, I).
            """)
        let proof = model.proof("a", [.integer(40)], maxDepth: 64)
        func count(_ node: ProofTree) -> Int { 1 + node.premises.reduce(0) { $0 + count($1) } }
        func cut(_ node: ProofTree) -> Bool { node.truncated || node.premises.contains(where: cut) }
        #expect(proof.map(count).map { $0 <= Model.proofNodeLimit + 64 * 3 } == true)
        #expect(proof.map(cut) == true)
    }

    /// A rule of thousands of literals is planned: the greedy order weighs a window of them at each step.
    @Test func aRuleOfManyLiteralsIsPlanned() {
        let body = Array(repeating: "n(X)", count: 5_000).joined(separator: ", ")
        let model = evaluate("relation n(integer)\nrelation m(integer)\nn(1).\nn(2).\nm(X) :- \(body).\n")
        #expect(rows(model, "m") == ["1", "2"])
    }

    @Test func aJoinWithABoundColumnNeverScans() {
        let model = evaluate(
            """
            relation edge(integer, integer)
            relation two-step(integer, integer)
            edge(1, 2).
            edge(2, 3).
            edge(3, 4).
            two-step(X, Z) :- edge(X, Y), edge(Y, Z).
            """)
        // One scan drives the join; the second literal, with Y bound, is an index lookup.
        #expect(model.statistics[0].scans == 1)
        #expect(model.statistics[0].indexLookups == 3)
        #expect(rows(model, "two-step") == ["1,3", "2,4"])
    }

    @Test func planJoinsTheMostBoundLiteralFirst() {
        let model = evaluate(
            """
            relation big(integer, integer)
            relation small(integer)
            relation out(integer, integer)
            out(X, Y) :- big(X, Y), small(X), X = 1.
            """)
        guard case .positive(let first, _, _, _, let actions, _) = model.layouts[0].plans[0].steps[0] else {
            Issue.record("no positive step: \(model.layouts[0].plans[0].steps)")
            return
        }
        // Both literals start unbound; the first in source order drives, and `small` is then a lookup.
        #expect(first == 0)
        // The comparison is tested on each tuple of `big` as soon as X is bound, without a step of its own.
        #expect(actions == [.bind(column: 0, register: 0), .bind(column: 1, register: 1), .test(.equal, .register(0), .constant(0))])
        let steps = model.layouts[0].plans[0].steps
        // Then `small`, with X bound, through an index.
        guard steps.count == 2, case .positive(1, _, let index, _, _, _) = steps[1] else {
            Issue.record("unexpected plan \(steps)")
            return
        }
        #expect(index != nil)
    }
}

@Suite struct RejectionTests {
    @Test func unstratifiableProgramIsRejectedBeforeEvaluation() {
        let file = SourceFile(
            id: 0, path: "t.lumen",
            text: "relation p(integer)\nrelation q(integer)\np(X) :- q(X), not p(X).\nq(X) :- p(X).\n")
        let context = Checker.check([Parser.parse(file).unit])
        #expect(context.diagnostics.map(\.code.id) == ["L2003"])
        #expect(context.program.clauses.count == 2)
    }

    @Test func limitNamesTheRelationAndTheRuleThatGrewMost() {
        var options = EvaluationOptions()
        options.maxDerivedTuples = 10
        let model = evaluate(
            """
            relation n(integer)
            relation small(integer)
            relation big(integer, integer)
            n(1).
            n(2).
            n(3).
            n(4).
            small(X) :- n(X), X < 2.
            big(X, Y) :- n(X), n(Y).
            """, options: options)
        #expect(model.limitReached == LimitReached(limit: 10, relation: "big", rule: 1))
    }
}
