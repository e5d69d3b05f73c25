import Diagnostics
import Semantics
import Testing

@testable import Engine

/// The planner as a stage of its own: rules and statistics in, a plan out,
/// with no evaluator and no data (the statistics are declared).
@Suite struct PlannerTests {
    /// Statistics declared by a test: sizes, distinct values per column, and
    /// for several columns the fewer of their size and the product of their
    /// columns' distinct values.
    struct DeclaredStatistics: RelationStatistics {
        var sizes: [Int: Int]
        var distinct: [Int: [Int: Int]] = [:]
        /// The indexes asked for, by number.
        var indexes: [(relation: Int, columns: [Int])] = []
        var hashSets: Set<Int> = []

        func size(of relation: Int) -> Int { sizes[relation] ?? 0 }

        func distinctValues(of relation: Int, column: Int) -> Int {
            distinct[relation]?[column] ?? size(of: relation)
        }

        mutating func index(of relation: Int, on columns: [Int], frozen: Bool) -> Int {
            if let known = indexes.firstIndex(where: { $0.relation == relation && $0.columns == columns }) { return known }
            indexes.append((relation, columns))
            return indexes.count - 1
        }

        func keyCount(of relation: Int, index: Int) -> Int {
            let product = indexes[index].columns.reduce(1) { $0 * distinctValues(of: relation, column: $1) }
            return min(size(of: relation), product)
        }

        mutating func requireHashSet(of relation: Int) { hashSets.insert(relation) }
    }

    typealias Argument = CompiledRule.Argument

    static func rule(
        _ number: Int, head: Int, _ headArguments: [Argument], _ body: [CompiledRule.BodyLiteral], variables: Int,
        reporting: String? = nil
    ) -> CompiledRule {
        CompiledRule(
            number: number, head: head, headArguments: headArguments, body: body,
            variableNames: (0..<variables).map { "V\($0)" }, span: Span(file: 0, start: 0, end: 0), reportingRule: reporting)
    }

    static func v(_ n: Int) -> Argument { .variable(n) }

    // Relations of the trade-off rule, and its variables.
    static let (measureOf, advance, impact, tension) = (0, 1, 2, 3)
    static let (r, m, n, t1, t2, s) = (0, 1, 2, 3, 4, 5)

    /// `tension(R, M, N, T1, T2) :- measure_of(M, R), measure_of(N, R), M != N,
    /// advance(M, T1), advance(N, T2), impact(T1, T2, S), S <= -2.`
    static let tradeOff = rule(
        0, head: tension, [v(r), v(m), v(n), v(t1), v(t2)],
        [
            .positive(relation: measureOf, arguments: [v(m), v(r)]),
            .positive(relation: measureOf, arguments: [v(n), v(r)]),
            .compare(.notEqual, v(m), v(n)),
            .positive(relation: advance, arguments: [v(m), v(t1)]),
            .positive(relation: advance, arguments: [v(n), v(t2)]),
            .positive(relation: impact, arguments: [v(t1), v(t2), v(s)]),
            .compare(.lessEqual, v(s), .constant(7)),
        ], variables: 6)

    /// A corpus the size of coherence-bench's: 100,000 measures in 1,000
    /// resolutions, two targets each, 5,000 scored pairs of the 169 targets.
    static func corpus(measures: Int, resolutions: Int) -> DeclaredStatistics {
        DeclaredStatistics(
            sizes: [measureOf: measures, advance: 2 * measures, impact: 5_000],
            distinct: [
                measureOf: [0: measures, 1: resolutions], advance: [0: measures, 1: 169],
                impact: [0: 169, 1: 169, 2: 7],
            ])
    }

    @Test func aTradeOffRuleOverALargeCorpusJoinsAMeasureWithWhatItAdvancesAhead() {
        var statistics = Self.corpus(measures: 100_000, resolutions: 1_000)
        let plan = JoinPlanner.plan(
            stratum: [0], rules: [Self.tradeOff], policy: .whenEstimatedCheaper(minimumWork: 1_000_000),
            statistics: &statistics)
        // `measure_of(M, R), advance(M, T1)` joined first, keeping R, M and T1; the
        // scored pairs read through a filter holding those that pass `S <= -2`.
        let expected = StratumPlan.Rule(
            number: 0, recursive: [Self.tension],
            ahead: [
                AheadStep(kind: .join, literals: [0, 3], comparisons: [], keeping: [Self.r, Self.m, Self.t1]),
                AheadStep(kind: .filter, literals: [5], comparisons: [6], keeping: [Self.t1, Self.t2, Self.s]),
            ],
            // A pair of targets has one score (5,000 pairs, 5,000 keys): every
            // variable is fixed by the head, so no two matches give one tuple.
            runsInParallel: true, derivesDistinctTuples: true, headKeepsHashSet: false)
        #expect(plan == StratumPlan(rules: [expected]))
    }

    @Test func theSameRuleOverAFewMeasuresIsRunAsWritten() {
        var statistics = Self.corpus(measures: 12, resolutions: 2)
        statistics.sizes[Self.impact] = 3
        let plan = JoinPlanner.plan(
            stratum: [0], rules: [Self.tradeOff], policy: .whenEstimatedCheaper(minimumWork: 1_000_000),
            statistics: &statistics)
        // Below the work threshold no join is built; the small filter still pays.
        #expect(plan.rules.map(\.ahead) == [[AheadStep(kind: .filter, literals: [5], comparisons: [6], keeping: [3, 4, 5])]])
        // With the policy `never`, nothing at all.
        let never = JoinPlanner.plan(stratum: [0], rules: [Self.tradeOff], policy: .never, statistics: &statistics)
        #expect(never.rules.map(\.ahead) == [[]])
    }

    @Test func aRecursiveRuleRunsOnOneCoreAndItsBaseCaseOnBoth() {
        let (edge, path) = (0, 1)
        let (x, y, z) = (0, 1, 2)
        let base = Self.rule(0, head: path, [Self.v(x), Self.v(y)], [.positive(relation: edge, arguments: [Self.v(x), Self.v(y)])], variables: 2)
        let step = Self.rule(
            1, head: path, [Self.v(x), Self.v(z)],
            [
                .positive(relation: path, arguments: [Self.v(x), Self.v(y)]),
                .positive(relation: edge, arguments: [Self.v(y), Self.v(z)]),
            ], variables: 3)
        var statistics = DeclaredStatistics(sizes: [edge: 1_000])
        let plan = JoinPlanner.plan(stratum: [0, 1], rules: [base, step], policy: .always, statistics: &statistics)
        #expect(
            plan.rules == [
                // Two rules fill `path`: neither may append its tuples without a lookup.
                StratumPlan.Rule(
                    number: 0, recursive: [path], ahead: [], runsInParallel: true, derivesDistinctTuples: false,
                    headKeepsHashSet: false),
                StratumPlan.Rule(
                    number: 1, recursive: [path], ahead: [], runsInParallel: false, derivesDistinctTuples: false,
                    headKeepsHashSet: false),
            ])
        // The recursive rule gets a plan reading everything and a delta variant
        // driven by `path`; the variant looks `edge` up by its first column.
        let plans = JoinPlanner.plans(for: RulePlan(for: step), recursive: plan.rules[1].recursive, statistics: &statistics)
        #expect(plans.map(\.deltaLiteral) == [nil, 0])
        guard case .positive(let literal, let relation, let index, let key, _, let delta)? = plans[1].steps.last else {
            Issue.record("the delta variant ends without a positive step")
            return
        }
        #expect((literal, relation, delta) == (1, edge, false))
        #expect(key == [.register(y)])
        #expect(index.map { statistics.indexes[$0].columns } == [0])
    }

    @Test func tuplesAreKnownDistinctWhenTheHeadDeterminesAKeyOfEveryLiteral() {
        // `owner(M) :- measure_of(M, R)`: one tuple per measure only if a measure is in one resolution.
        let owner = Self.rule(0, head: 9, [Self.v(0)], [.positive(relation: Self.measureOf, arguments: [Self.v(0), Self.v(1)])], variables: 2)
        var unique = DeclaredStatistics(sizes: [Self.measureOf: 100], distinct: [Self.measureOf: [0: 100, 1: 4]])
        var shared = DeclaredStatistics(sizes: [Self.measureOf: 100], distinct: [Self.measureOf: [0: 60, 1: 4]])
        let one = JoinPlanner.plan(stratum: [0], rules: [owner], policy: .never, statistics: &unique)
        let two = JoinPlanner.plan(stratum: [0], rules: [owner], policy: .never, statistics: &shared)
        #expect(one.rules.map(\.derivesDistinctTuples) == [true])
        #expect(two.rules.map(\.derivesDistinctTuples) == [false])
        // A head that already holds tuples is never appended to blindly.
        unique.sizes[9] = 1
        #expect(JoinPlanner.plan(stratum: [0], rules: [owner], policy: .never, statistics: &unique).rules[0].derivesDistinctTuples == false)
    }

    @Test func aReportingRuleReadsOnlyEarlierStrataAndKeepsItsHashSet() {
        let finding = Self.rule(
            0, head: 5, [Self.v(0)], [.positive(relation: 5, arguments: [Self.v(0)]), .positive(relation: 1, arguments: [Self.v(0)])],
            variables: 1, reporting: "R001")
        var statistics = DeclaredStatistics(sizes: [1: 10])
        let plan = JoinPlanner.plan(stratum: [0], rules: [finding], policy: .never, statistics: &statistics)
        #expect(
            plan.rules == [
                StratumPlan.Rule(
                    number: 0, recursive: [], ahead: [], runsInParallel: true, derivesDistinctTuples: false,
                    headKeepsHashSet: true)
            ])
    }

    @Test func aSmallRelationIsReadFirstAndTheLargeOneThroughAnIndex() {
        // `a(X) :- big(X, Y), tiny(Y)`, with a million tuples against one.
        let (big, tiny) = (0, 1)
        let rule = Self.rule(
            0, head: 2, [Self.v(0)],
            [.positive(relation: big, arguments: [Self.v(0), Self.v(1)]), .positive(relation: tiny, arguments: [Self.v(1)])],
            variables: 2)
        var statistics = DeclaredStatistics(sizes: [big: 1_000_000, tiny: 1], distinct: [big: [0: 1_000_000, 1: 1_000]])
        let plans = JoinPlanner.plans(for: RulePlan(for: rule), recursive: [], statistics: &statistics)
        #expect(plans.count == 1)
        let order = plans[0].steps.compactMap { step -> Int? in
            if case .positive(let literal, _, _, _, _, _) = step { literal } else { nil }
        }
        #expect(order == [1, 0])
        #expect(
            plans[0].estimates == [
                StepEstimate(relationSize: 1, perBinding: 1), StepEstimate(relationSize: 1_000_000, perBinding: 1_000),
            ])
        #expect(statistics.indexes.map(\.columns) == [[1]])
    }
}
