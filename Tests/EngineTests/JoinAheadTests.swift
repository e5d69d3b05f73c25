import Diagnostics
import Semantics
import Syntax
import Testing

@testable import Engine

/// Joins built ahead of a rule, tuples appended without a lookup when the data
/// prove them distinct, and sorted indexes: the model must not change.
@Suite struct JoinAheadTests {
    static func options(_ policy: JoinAhead) -> EvaluationOptions {
        var options = EvaluationOptions()
        options.joinAhead = policy
        return options
    }

    @Test(arguments: [JoinAhead.always, .never])
    func randomProgramsAgreeWithTheReference(policy: JoinAhead) {
        var joined = 0
        let compared = ReferenceEvaluatorTests.forEachRandomProgram(300, positives: 2...5) { seed, text, program in
            let model = Evaluator.evaluate(program, options: Self.options(policy))
            joined += model.layouts.filter { $0.ahead.contains { $0.kind == .join } }.count
            ReferenceEvaluatorTests.expectReferenceModel(model, program, seed: seed, text: text)
        }
        #expect(compared == 300)
        // The path under test is taken: by many rules with `always`, by none with `never`.
        if policy == .always { #expect(joined > 100) } else { #expect(joined == 0) }
    }

    @Test func proofsThroughABuiltJoinNameTheLiteralsOfTheRule() {
        var checked = 0
        for seed: UInt64 in 1...200 {
            let text = ProgramGenerator.program(seed: seed, positives: 2...5)
            guard let program = ReferenceEvaluatorTests.checked(text) else { continue }
            let model = Evaluator.evaluate(program, options: Self.options(.always))
            checked += ReferenceEvaluatorTests.expectValidProofs(model, program, seed: seed)
        }
        #expect(checked > 1_000)
    }

    /// Two resolutions, each with measures advancing targets, and trade-offs
    /// between targets: the shape of coherence-bench's `tension`.
    static func tradeOffs(scores: [(String, String, Int)], measures: Int = 6) -> String {
        var text = """
            relation measure_of(symbol, symbol)
            relation advance(symbol, symbol)
            relation impact(symbol, symbol, integer)
            relation tension(symbol, symbol, symbol, symbol, symbol)
            tension(R, M, N, T1, T2) :-
              measure_of(M, R), measure_of(N, R), M != N,
              advance(M, T1), advance(N, T2), impact(T1, T2, S), S <= -2.

            """
        for r in 1...2 {
            for m in 1...measures {
                text += "measure_of(m\(r)_\(m), r\(r)).\n"
                text += "advance(m\(r)_\(m), t\(m % 4)).\n"
            }
        }
        for (a, b, score) in scores { text += "impact(\(a), \(b), \(score)).\n" }
        return text
    }

    @Test func aTradeOffRuleReadsAJoinBuiltAheadAndDerivesTheSameTuples() {
        let scores = [("t0", "t1", -3), ("t1", "t2", -2), ("t2", "t3", 2)]
        #expect(rows(evaluate(Self.tradeOffs(scores: scores)), "tension").count == 2 * (1 * 2 + 2 * 2))
        // With forty measures a resolution, pairing every two of them costs more than joining ahead.
        let text = Self.tradeOffs(scores: scores, measures: 40)
        let cheaper = evaluate(text, options: Self.options(.whenEstimatedCheaper(minimumWork: 0)))
        let plain = evaluate(text, options: Self.options(.never))
        #expect(rows(cheaper, "tension") == rows(plain, "tension"))
        #expect(rows(plain, "tension").count == 2 * (10 * 10 + 10 * 10))
        // A measure and what it advances are joined first, indexed on the resolution and the target.
        // The planner's steps, in the rule's plan: the join first, then the filter.
        let ahead = cheaper.layouts[0].ahead
        #expect(ahead.map(\.kind) == [.join, .filter])
        #expect(ahead[0].literals.map { cheaper.describe(literal: $0, of: cheaper.rules[0]) } == ["measure_of(M, R)", "advance(M, T1)"])
        #expect(ahead[0].rows == 80)
        // The scored pairs are read through a copy holding only those with `S <= -2`.
        #expect(ahead[1].literals == [5])
        #expect(ahead[1].comparisons == [6])
        #expect(ahead[1].rows == 2)
        #expect(plain.layouts[0].ahead.isEmpty)
        #expect(cheaper.statistics[0].indexLookups < plain.statistics[0].indexLookups)
        // The proof names the rule's own literals, with the tuples the join joined.
        let proof = cheaper.proof("tension", [.id("r1"), .id("m1_1"), .id("m1_2"), .id("t1"), .id("t2")])
        #expect(proof?.premises.map(\.relation) == ["measure_of", "measure_of", "advance", "advance", "impact"])
        #expect(proof?.premises[0].values == [.id("m1_1"), .id("r1")])
        #expect(proof?.premises[2].values == [.id("m1_1"), .id("t1")])
    }

    @Test func tuplesAreAppendedWithoutALookupOnlyWhenTheDataProveThemDistinct() {
        // Each pair of targets has one score: a trade-off is one match of the body.
        let keyed = evaluate(Self.tradeOffs(scores: [("t0", "t1", -3), ("t1", "t2", -2)]))
        #expect(keyed.layouts[0].derivesDistinctTuples)
        // Two scores for one pair: the same tuple follows twice, and is kept once.
        let twice = evaluate(Self.tradeOffs(scores: [("t0", "t1", -3), ("t0", "t1", -2)]))
        #expect(!twice.layouts[0].derivesDistinctTuples)
        #expect(rows(twice, "tension").count == 2 * 2)
        #expect(rows(twice, "tension") == rows(evaluate(Self.tradeOffs(scores: [("t0", "t1", -3)])), "tension"))
        // A tuple appended without the hash set is still found.
        #expect(keyed.tupleNumber("tension", [.id("r1"), .id("m1_1"), .id("m1_2"), .id("t1"), .id("t2")]) != nil)
    }

    @Test func findingsKeepTheirHashSetForTheLookupsTheirProofsMake() {
        // `idle` derives distinct tuples (one per measure), yet findings are looked up by
        // their values to show their proofs: without the hash set each lookup would scan.
        let model = evaluate(
            """
            goal 13 "Climate" {
              target 13.2 "Policy"
            }
            resolution r "R" {
              measure m1 "One" {
                advances 13.2
              }
              measure m2 "Two"
              measure m3 "Three"
            }
            rule idle warning "{M} advances nothing" when measure(M), not advances(M, _) at M
            """)
        guard let id = model.relationID("rule:idle") else {
            Issue.record("no relation for the rule")
            return
        }
        #expect(rows(model, "rule:idle") == ["r.m2", "r.m3"])
        #expect(model.stores[id].hasSet)
        #expect(model.proof("rule:idle", [.id("r.m3")]) != nil)
    }

    @Test func aNegationOfAnAppendedRelationFindsItsTuples() {
        let model = evaluate(
            """
            relation pair(integer, integer)
            relation link(integer, integer)
            relation copied(integer, integer)
            relation missing(integer, integer)
            link(1, 2). link(2, 3). link(3, 4).
            pair(1, 2). pair(2, 3). pair(3, 5).
            copied(X, Y) :- link(X, Y).
            missing(X, Y) :- pair(X, Y), not copied(X, Y).
            """)
        #expect(rows(model, "missing") == ["3,5"])
    }

    @Test func sortedIndexFindsEveryKeyAndNothingElse() {
        var text = "relation edge(integer, integer, integer)\nrelation hit(integer, integer, integer)\nrelation probe(integer, integer)\n"
        for a in 0..<20 {
            for b in stride(from: 0, to: 30, by: 3) { text += "edge(\(a), \(b), \(a * b)).\n" }
        }
        for a in [0, 7, 19, 20, 45] {
            for b in [0, 1, 3, 27, 28, 30] { text += "probe(\(a), \(b)).\n" }
        }
        text += "hit(A, B, C) :- probe(A, B), edge(A, B, C).\n"
        let model = evaluate(text)
        var expected: [String] = []
        for a in [0, 7, 19] {
            for b in [0, 3, 27] { expected.append("\(a),\(b),\(a * b)") }
        }
        #expect(rows(model, "hit").sorted() == expected.sorted())
    }
}

/// Rules run on both cores must give what one core gives: the same tuples,
/// and the same derivation recorded for each.
@Suite struct ParallelRunTests {
    static func options(parallelFrom minimum: Int, batch: Int = 1 << 18) -> EvaluationOptions {
        var options = EvaluationOptions()
        options.parallelScanMinimum = minimum
        options.batchSize = batch
        return options
    }

    @Test func bothCoresGiveTheReferenceModelAndTheDerivationsOfOneCore() {
        var proofs = 0
        let compared = ReferenceEvaluatorTests.forEachRandomProgram(200, positives: 1...4) { seed, text, program in
            let parallel = Evaluator.evaluate(program, options: Self.options(parallelFrom: 1, batch: 3))
            let single = Evaluator.evaluate(program, options: Self.options(parallelFrom: .max))
            ReferenceEvaluatorTests.expectReferenceModel(parallel, program, seed: seed, text: text)
            for relation in program.relationOrder {
                for tuple in single.tuples(relation) {
                    proofs += 1
                    #expect(
                        parallel.proof(relation, tuple, maxDepth: 10_000) == single.proof(relation, tuple, maxDepth: 10_000),
                        "seed \(seed): \(relation)\(tuple)")
                }
            }
        }
        #expect(compared == 200)
        #expect(proofs > 1_000)
    }

    @Test func aLargeScanSplitIntoPartsKeepsTheOrderOfOneCore() {
        var text = "relation item(integer, integer)\nrelation pair(integer, integer)\nrelation odd(integer)\n"
        for n in 0..<1_000 { text += "item(\(n), \(n % 7)).\n" }
        text += "pair(A, B) :- item(A, K), item(B, K), A < B.\nodd(A) :- item(A, K), K > 3.\n"
        // Batches of 50 tuples: runs pause and go on, on both cores and on one.
        let parallel = evaluate(text, options: Self.options(parallelFrom: 100, batch: 50))
        let single = evaluate(text, options: Self.options(parallelFrom: .max, batch: 50))
        for relation in ["pair", "odd"] {
            #expect(rows(parallel, relation) == rows(single, relation))
            guard let id = parallel.relationID(relation) else { continue }
            // The same tuple numbers: tuples were inserted in the order one core finds them.
            let store = parallel.stores[id]
            let other = single.stores[id]
            #expect(store.count == other.count)
            #expect((0..<store.count).allSatisfy { store.tuple($0) == other.tuple($0) })
        }
        #expect(parallel.statistics[0].scans > 1)
    }

    @Test func theTupleBudgetStopsARunOnBothCoresWhereItStopsOneOnOneCore() {
        var text = "relation item(integer, integer)\nrelation pair(integer, integer)\n"
        for n in 0..<1_000 { text += "item(\(n), \(n % 7)).\n" }
        text += "pair(A, B) :- item(A, K), item(B, K), A < B.\n"
        var parallelOptions = Self.options(parallelFrom: 100, batch: 50)
        parallelOptions.maxDerivedTuples = 5_000
        var singleOptions = Self.options(parallelFrom: .max, batch: 50)
        singleOptions.maxDerivedTuples = 5_000
        let parallel = evaluate(text, options: parallelOptions)
        let single = evaluate(text, options: singleOptions)
        #expect(parallel.limitReached != nil)
        #expect(parallel.limitReached == single.limitReached)
        #expect(parallel.count("pair") == 5_001)
        #expect(rows(parallel, "pair") == rows(single, "pair"))
    }

    /// The search over bits chooses the order, and finds the cost, that a plain
    /// search over sets does, on random estimates (ties included: costs are
    /// whole numbers, so many orders cost the same and the first found must win).
    @Test func theCheapestOrderIsThatOfAPlainSearch() {
        var generator = SeededGenerator(state: 42)
        for _ in 0..<300 {
            let count = Int(generator.next() % 6) + 1
            let literals = (0..<count).map { 10 + $0 * 3 }
            let variables = literals.map { literal in (0..<Int(generator.next() % 3 + 1)).map { _ in Int(generator.next() % 7) } }
            let sizes = literals.map { _ in Double(generator.next() % 5 + 1) }
            let bound: Set<Int> = generator.next() % 2 == 0 ? [] : [Int(generator.next() % 7)]
            func estimate(_ literal: Int, _ bound: Set<Int>) -> (fanOut: Double, binds: [Int]) {
                let index = (literal - 10) / 3
                let free = variables[index].filter { !bound.contains($0) }.count
                return (free == 0 ? 1 : sizes[index] * Double(free), variables[index])
            }
            let fast = JoinPlanner.cheapestOrder(literals, bound: bound, estimate: estimate)
            let plain = JoinPlanner.plainCheapestOrder(literals, bound: bound, estimate: estimate)
            #expect(fast.order == plain.order)
            #expect(fast.cost == plain.cost)
        }
    }
}

