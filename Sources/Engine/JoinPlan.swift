import Diagnostics
import Semantics
import Syntax

/// A value a plan step reads: a constant id or a register holding a variable's value.
package enum Operand: Sendable, Equatable {
    case constant(Int32)
    case register(Int)
}

/// What a step does with one column of a candidate tuple that is not part of its key.
package enum ColumnAction: Sendable, Equatable {
    /// The column must equal this operand.
    case check(column: Int, Operand)
    /// The column's value goes into a register (first occurrence of a variable).
    case bind(column: Int, register: Int)
    /// A comparison of the rule, tested once the columns before it are read.
    case test(Comparison, Operand, Operand)
}

/// One step of a join plan.
package enum PlanStep: Sendable, Equatable {
    /// Candidate tuples of a positive literal: from an index on the key columns,
    /// or a scan when nothing is bound (or the delta range, for the driving literal).
    /// Index numbers from 0 are hash indexes, from -2 down sorted ones (see `RelationStore.indexNumber`).
    case positive(literal: Int, relation: Int, index: Int?, key: [Operand], actions: [ColumnAction], delta: Bool)
    /// Succeeds when no tuple matches the bound columns.
    case negative(literal: Int, relation: Int, index: Int?, key: [Operand], wholeTuple: Bool)
    case compare(Comparison, Operand, Operand)
}

/// The order in which a rule's literals are joined, compiled before any tuple is touched.
package struct JoinPlan: Sendable, Equatable {
    package let steps: [PlanStep]
    /// The body literal read from the previous iteration's new tuples, if any.
    package let deltaLiteral: Int?
    /// What the planner expected of each step, in the order of `steps` (nil
    /// for a comparison); `lumen eval --explain-plan` prints it.
    package var estimates: [StepEstimate?] = []
}

/// What the planner knew and expected of one step when it chose the order.
package struct StepEstimate: Sendable, Equatable {
    /// Tuples of the relation the step reads, when the plan was made.
    package let relationSize: Int
    /// Tuples expected per binding of the steps before (the relation's size
    /// over the distinct values of the bound columns; 1 when all are bound).
    package let perBinding: Double
}

/// A rule compiled for evaluation: relations and constants are numbers,
/// variables are registers. It never changes once compiled; what planning
/// decides for it (the relations built ahead of it, its plans, how it runs)
/// is its `RulePlan`.
package struct CompiledRule: Sendable {
    package enum Argument: Sendable, Equatable {
        case constant(Int32)
        case variable(Int)
        case wildcard
    }

    package enum BodyLiteral: Sendable, Equatable {
        case positive(relation: Int, arguments: [Argument])
        case negative(relation: Int, arguments: [Argument])
        case compare(Comparison, Argument, Argument)
    }

    /// What a rule with an aggregate computes from the bindings it collects.
    package struct Aggregation: Sendable, Equatable {
        /// The relation of the rule's head as written (`head` is where the bindings go).
        package let relation: Int
        /// The head's arguments as written; the aggregate's column is a placeholder.
        package let arguments: [Argument]
        package let column: Int
        package let kind: AggregateKind
        /// The register of the aggregated variable (nil for `count`).
        package let value: Int?
    }

    /// Arithmetic over the values of registers and constants.
    package indirect enum Expression: Sendable, Equatable {
        case argument(Argument)
        case arithmetic(ArithmeticOperator, Expression, Expression)
    }

    /// What a rule with arithmetic does with the bindings it collects (as an
    /// aggregate does): keeps those that pass its comparisons of computed
    /// values, and computes its head from each.
    package struct Computation: Sendable, Equatable {
        /// The relation of the rule's head as written (`head` is where the bindings go).
        package let relation: Int
        package let arguments: [Expression]
        package let comparisons: [(Comparison, Expression, Expression)]

        package static func == (a: Computation, b: Computation) -> Bool {
            a.relation == b.relation && a.arguments == b.arguments && a.comparisons.count == b.comparisons.count
                && zip(a.comparisons, b.comparisons).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
        }
    }

    package let number: Int
    package let head: Int
    package let headArguments: [Argument]
    package let body: [BodyLiteral]
    package let variableNames: [String]
    package let span: Span
    /// The reporting rule's id, for rules that report findings.
    package let reportingRule: String?
    /// For a rule with an aggregate: its head collects every distinct binding of
    /// the body's variables (one column per register), and this folds them into
    /// the relation written in the head once the stratum's first round is done.
    package let aggregation: Aggregation?
    /// For a rule with arithmetic: its head collects the bindings, as for an aggregate, and this computes from them.
    package var computation: Computation? = nil
    init(
        number: Int, head: Int, headArguments: [Argument], body: [BodyLiteral], variableNames: [String], span: Span,
        reportingRule: String?, aggregation: Aggregation? = nil
    ) {
        self.number = number
        self.head = head
        self.headArguments = headArguments
        self.body = body
        self.variableNames = variableNames
        self.span = span
        self.reportingRule = reportingRule
        self.aggregation = aggregation
    }

    /// The relation the rule fills in the end: its head, or the aggregate's relation.
    package var target: Int { aggregation?.relation ?? computation?.relation ?? head }

    /// Positions in `body` of the positive literals, in order (the premises of a derivation).
    package var positiveLiterals: [Int] {
        body.indices.filter { if case .positive = body[$0] { true } else { false } }
    }
}

/// A relation built before a rule runs, which the rule's plans read in place of
/// some of its literals: the join of two of them (`JoinPlanner.pairToJoinAhead`),
/// or one literal's tuples that pass some of the rule's comparisons (a filter,
/// `JoinPlanner.filtersAhead`). The relation holds the kept variables, then the
/// number of the tuple each literal matched; it is emptied when the stratum ends.
package struct AheadStep: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case join
        case filter
    }

    package let kind: Kind
    /// The positive literals it reads (positions in the rule's body).
    package let literals: [Int]
    /// The comparisons it applies (positions in the body).
    package let comparisons: [Int]
    /// The variables it keeps.
    package let keeping: [Int]
    /// Its size once built.
    package var rows = 0
}

/// What planning decided for a compiled rule (which never changes): the
/// relations built ahead of it, the literals its plans join, the registers
/// they use, the plans themselves, and how the rule runs. The evaluator keeps
/// one per rule (`Evaluator.layouts`).
package struct RulePlan: Sendable {
    /// The relations built before the rule runs, in the order they are built.
    package var ahead: [AheadStep] = []
    /// A plan reading every literal in full, then one per recursive literal.
    package var plans: [JoinPlan] = []
    /// The literals the plans join: `body`, then one literal per relation built
    /// ahead of the rule (`ahead`), which the plans read instead.
    package var planBody: [CompiledRule.BodyLiteral]
    /// Literals of `body` the plans do not read (they are in a relation built ahead).
    package var skipped: Set<Int> = []
    /// For a literal read through a relation built ahead: the register holding
    /// the number of the literal's tuple (that relation keeps it in a column of its own).
    package var premiseRegisters: [Int: Int] = [:]
    /// Registers the plans use: the variables, then the tuple numbers above.
    package var registerCount: Int
    /// True when no two matches of the body give the same head tuple (see
    /// `JoinPlanner.derivesDistinctTuples`) and the rule alone fills its head:
    /// its tuples are then appended without looking them up.
    package var derivesDistinctTuples = false
    /// True when the rule reads no relation of its own stratum: nothing it
    /// reads changes while it runs, so it may run on both cores.
    package var runsInParallel = false
    /// True for the rule that builds a relation ahead of another (a join or a
    /// filter): its head is an internal relation, whose last columns take the
    /// numbers of the tuples each literal matched.
    package var buildsAhead = false
    /// False when the premises of the rule's derivations are not kept (its head
    /// is no premise of a finding): a proof of one of its tuples finds them
    /// again when asked (see `Model.rebuiltPremises`).
    package var keepsPremises = true

    /// Nothing decided yet: the plans will join the rule's body as written.
    init(for rule: CompiledRule) {
        planBody = rule.body
        registerCount = rule.variableNames.count
    }
}

/// Chooses join orders and the indexes they need.
package enum JoinPlanner {
    /// The relations to build ahead of a rule that reads no relation of its own
    /// stratum: the join of two of its literals where the estimates say it pays
    /// (`pairToJoinAhead`), then the filters of the literals left
    /// (`filtersAhead`). Decided from the sizes of the relations it reads, before
    /// any is built.
    package static func aheadSteps(_ rule: CompiledRule, policy: JoinAhead, statistics: inout some RelationStatistics) -> [AheadStep] {
        var steps: [AheadStep] = []
        if let pair = pairToJoinAhead(rule, policy: policy, statistics: &statistics) {
            steps.append(AheadStep(kind: .join, literals: [pair.first, pair.second], comparisons: [], keeping: pair.variables))
        }
        if policy != .never {
            steps += filtersAhead(rule, skipping: Set(steps.flatMap(\.literals)), statistics: statistics)
        }
        return steps
    }

    /// Comparisons of a rule whose variables all come from one small positive
    /// literal are applied to that literal's relation before the rule runs: the
    /// rule then reads only the tuples that pass (as with `S <= -2` on a table
    /// of scored pairs, read once per binding of the rest of the rule).
    static func filtersAhead(_ rule: CompiledRule, skipping skipped: Set<Int>, statistics: some RelationStatistics) -> [AheadStep] {
        // The comparisons, once: a rule of many literals and few comparisons then costs its length.
        let comparisons = rule.body.indices.compactMap { literal -> (literal: Int, used: [Int])? in
            guard !skipped.contains(literal), case .compare(_, let a, let b) = rule.body[literal] else { return nil }
            let used = variables([a, b])
            return used.isEmpty ? nil : (literal, used)
        }
        guard !comparisons.isEmpty else { return [] }
        var steps: [AheadStep] = []
        for position in rule.body.indices where !skipped.contains(position) {
            guard case .positive(let relation, let arguments) = rule.body[position],
                statistics.size(of: relation) > 0 && statistics.size(of: relation) <= filterAheadLimit
            else { continue }
            let own = Set(variables(arguments))
            let filters = comparisons.filter { $0.used.allSatisfy(own.contains) }.map(\.literal)
            guard !filters.isEmpty else { continue }
            steps.append(AheadStep(kind: .filter, literals: [position], comparisons: filters, keeping: own.sorted()))
        }
        return steps
    }

    /// Relations of at most this many tuples are filtered ahead (see `filtersAhead`).
    static let filterAheadLimit = 65_536

    /// Plans for a rule. `recursive` holds the relations of the rule's own
    /// stratum: each positive literal on one of them drives a delta variant.
    package static func plans(for rule: RulePlan, recursive: Set<Int>, statistics: inout some RelationStatistics) -> [JoinPlan] {
        var plans = [plan(rule, delta: nil, recursive: recursive, statistics: &statistics)]
        for (position, literal) in rule.planBody.enumerated() where !rule.skipped.contains(position) {
            if case .positive(let relation, _) = literal, recursive.contains(relation) {
                plans.append(plan(rule, delta: position, recursive: recursive, statistics: &statistics))
            }
        }
        return plans
    }

    /// The order of a rule's literals: the delta literal first; then the positive
    /// literals in the order of least estimated work (`cheapestOrder`, for two to
    /// six of them) or, with more, greedily the one expected to yield the fewest
    /// tuples per binding so far (its size divided by the number of distinct
    /// values of its bound columns, read from their index); every negation and
    /// comparison as soon as its variables are bound (a comparison right after a
    /// positive literal is tested inside it). Plans are made when a stratum
    /// starts, so the sizes of the relations it reads are known; the indexes of
    /// relations outside `recursive` are sorted ones where possible.
    /// Positive literals the greedy order weighs at each step: a rule of
    /// thousands of literals is then planned in time linear in its length (it
    /// took 20 s for 24,000), and any rule a person writes is planned whole.
    static let greedyWindow = 64

    static func plan(_ rule: RulePlan, delta: Int?, recursive: Set<Int>, statistics: inout some RelationStatistics) -> JoinPlan {
        var bound = Set<Int>()
        let available = rule.planBody.indices.filter { !rule.skipped.contains($0) }
        // Positive literals in the order written; negations and comparisons apart, placed
        // as soon as their variables are bound (so each step looks at the few of them).
        var remaining = available.filter { if case .positive = rule.planBody[$0] { true } else { false } }
        var filters = available.filter { if case .positive = rule.planBody[$0] { false } else { true } }
        var steps: [PlanStep] = []

        func isReady(_ literal: CompiledRule.BodyLiteral) -> Bool {
            switch literal {
            case .positive: false
            case .negative(_, let arguments):
                arguments.allSatisfy { if case .variable(let v) = $0 { bound.contains(v) } else { true } }
            case .compare(_, let a, let b):
                [a, b].allSatisfy { if case .variable(let v) = $0 { bound.contains(v) } else { true } }
            }
        }
        func emitReadyFilters() {
            while let next = filters.firstIndex(where: { isReady(rule.planBody[$0]) }) {
                let literal = filters.remove(at: next)
                // A comparison right after a positive literal is tested on each of its
                // candidate tuples, without a step of its own.
                if case .compare(let op, let a, let b) = rule.planBody[literal],
                    case .positive(let position, let relation, let index, let key, let actions, let delta)? = steps.last
                {
                    steps[steps.count - 1] = .positive(
                        literal: position, relation: relation, index: index, key: key,
                        actions: actions + [.test(op, operand(a), operand(b))], delta: delta)
                    continue
                }
                steps.append(step(rule, literal: literal, bound: &bound, delta: false, recursive: recursive, statistics: &statistics))
            }
        }

        if let delta, let position = remaining.firstIndex(of: delta) {
            remaining.remove(at: position)
            steps.append(step(rule, literal: delta, bound: &bound, delta: true, recursive: recursive, statistics: &statistics))
        }
        emitReadyFilters()
        func fanOut(_ relation: Int, _ arguments: [CompiledRule.Argument], _ bound: Set<Int>) -> Double {
            JoinPlanner.fanOut(relation, arguments, bound: bound, frozen: !recursive.contains(relation), statistics: &statistics)
        }
        // With few positive literals, the order of least estimated work (the sum, over
        // the steps, of the bindings they produce); otherwise, greedily, the literal
        // with the fewest expected tuples next, among the first `greedyWindow` left.
        var order: [Int] = []
        if remaining.count >= 2 && remaining.count <= 6 {
            order = cheapestOrder(remaining, bound: bound) { literal, bound in
                guard case .positive(let relation, let arguments) = rule.planBody[literal] else { return (0, []) }
                return (fanOut(relation, arguments, bound), variables(arguments))
            }.order
        }
        while !remaining.isEmpty {
            var best: (position: Int, cost: Double)?
            if let next = order.first(where: { remaining.contains($0) }), let position = remaining.firstIndex(of: next) {
                best = (position, 0)
            } else {
                for (position, literal) in remaining.prefix(greedyWindow).enumerated() {
                    guard case .positive(let relation, let arguments) = rule.planBody[literal] else { continue }
                    let cost = fanOut(relation, arguments, bound)
                    if best == nil || cost < (best?.cost ?? 0) { best = (position, cost) }
                }
            }
            guard let chosen = best else { break }
            steps.append(
                step(
                    rule, literal: remaining.remove(at: chosen.position), bound: &bound, delta: false, recursive: recursive,
                    statistics: &statistics))
            emitReadyFilters()
        }
        // Anything left (unsafe rules never get here) is placed last.
        for literal in remaining + filters {
            steps.append(step(rule, literal: literal, bound: &bound, delta: false, recursive: recursive, statistics: &statistics))
        }
        var plan = JoinPlan(steps: steps, deltaLiteral: delta)
        plan.estimates = estimates(of: steps, rule, recursive: recursive, statistics: &statistics)
        return plan
    }

    /// What the planner expects of each step, replayed in the plan's order:
    /// the fan-out of a positive literal given the variables bound before it.
    static func estimates(
        of steps: [PlanStep], _ rule: RulePlan, recursive: Set<Int>, statistics: inout some RelationStatistics
    ) -> [StepEstimate?] {
        var bound = Set<Int>()
        return steps.map { step -> StepEstimate? in
            switch step {
            case .positive(let literal, let relation, _, _, _, _), .negative(let literal, let relation, _, _, _):
                guard literal < rule.planBody.count else { return nil }
                let arguments: [CompiledRule.Argument]
                switch rule.planBody[literal] {
                case .positive(_, let found), .negative(_, let found): arguments = found
                case .compare: return nil
                }
                let perBinding = fanOut(relation, arguments, bound: bound, frozen: !recursive.contains(relation), statistics: &statistics)
                if case .positive = step { bound.formUnion(variables(arguments)) }
                return StepEstimate(relationSize: statistics.size(of: relation), perBinding: perBinding)
            case .compare:
                return nil
            }
        }
    }

    /// Expected tuples per binding of a positive literal, given the variables
    /// bound before it: the relation's size divided by the number of distinct
    /// keys of its bound columns (read from their index, created if needed).
    static func fanOut(
        _ relation: Int, _ arguments: [CompiledRule.Argument], bound: Set<Int>, frozen: Bool, statistics: inout some RelationStatistics
    ) -> Double {
        let keyColumns = boundColumns(arguments, bound)
        let count = statistics.size(of: relation)
        if count == 0 { return 0 }
        if keyColumns.count == arguments.count { return 1 }
        if keyColumns.isEmpty { return Double(count) }
        if keyColumns.count == 1 { return Double(count) / Double(max(1, statistics.distinctValues(of: relation, column: keyColumns[0]))) }
        let index = statistics.index(of: relation, on: keyColumns, frozen: frozen)
        return Double(count) / Double(max(1, statistics.keyCount(of: relation, index: index)))
    }

    /// The columns of a literal whose values are known: constants and bound variables.
    static func boundColumns(_ arguments: [CompiledRule.Argument], _ bound: Set<Int>) -> [Int] {
        arguments.indices.filter { column in
            switch arguments[column] {
            case .constant: true
            case .variable(let v): bound.contains(v)
            case .wildcard: false
            }
        }
    }

    static func variables(_ arguments: [CompiledRule.Argument]) -> [Int] {
        arguments.compactMap { if case .variable(let v) = $0 { v } else { nil } }
    }

    /// The order of `literals` with the least estimated work: the sum, over the
    /// steps, of the bindings they produce. `estimate` gives a literal's expected
    /// tuples per binding of the variables bound before it, and the variables it binds.
    static func cheapestOrder(
        _ literals: [Int], bound: Set<Int>, estimate: (Int, Set<Int>) -> (fanOut: Double, binds: [Int])
    ) -> (order: [Int], cost: Double) {
        // The search visits thousands of partial orders (six literals: 1,956), and is
        // run again for every pair of literals a join ahead might build: bound
        // variables are kept as bits, each estimate is asked once per literal and set
        // of bound variables, and the partial order is one array grown and shrunk.
        // The orders tried, and so the order chosen, are those of a plain search.
        let first = literals.map { estimate($0, bound) }
        var bits: [Int: Int] = [:]
        for variable in bound.sorted() + first.flatMap(\.binds) where bits[variable] == nil {
            bits[variable] = bits.count
        }
        guard bits.count <= 64 else { return plainCheapestOrder(literals, bound: bound, estimate: estimate) }
        var variableOf = [Int](repeating: 0, count: bits.count)
        for (variable, bit) in bits { variableOf[bit] = variable }
        func mask(_ variables: some Sequence<Int>) -> UInt64 {
            variables.reduce(0) { $0 | (1 << UInt64(bits[$1] ?? 0)) }
        }
        let start = mask(bound)
        let binds = first.map { mask($0.binds) }
        var fanOuts: [[UInt64: Double]] = first.map { [start: $0.fanOut] }
        func fanOut(_ index: Int, _ bound: UInt64) -> Double {
            if let known = fanOuts[index][bound] { return known }
            let variables = Set((0..<variableOf.count).filter { bound & (1 << UInt64($0)) != 0 }.map { variableOf[$0] })
            let value = estimate(literals[index], variables).fanOut
            fanOuts[index][bound] = value
            return value
        }
        var order: [Int] = []
        var bestCost = Double.infinity
        var chosen: [Int] = []
        chosen.reserveCapacity(literals.count)
        var used = [Bool](repeating: false, count: literals.count)
        func search(_ bound: UInt64, _ rows: Double, _ cost: Double) {
            guard cost < bestCost else { return }
            guard chosen.count < literals.count else {
                bestCost = cost
                order = chosen
                return
            }
            for index in literals.indices where !used[index] {
                let produced = rows * fanOut(index, bound)
                used[index] = true
                chosen.append(literals[index])
                search(bound | binds[index], produced, cost + produced)
                chosen.removeLast()
                used[index] = false
            }
        }
        search(start, 1, 0)
        return (order, bestCost)
    }

    /// The same search over sets, for a rule with more than 64 variables.
    static func plainCheapestOrder(
        _ literals: [Int], bound: Set<Int>, estimate: (Int, Set<Int>) -> (fanOut: Double, binds: [Int])
    ) -> (order: [Int], cost: Double) {
        var order: [Int] = []
        var bestCost = Double.infinity
        func search(_ chosen: [Int], _ left: [Int], _ bound: Set<Int>, _ rows: Double, _ cost: Double) {
            guard cost < bestCost else { return }
            guard !left.isEmpty else {
                bestCost = cost
                order = chosen
                return
            }
            for (position, literal) in left.enumerated() {
                let (fanOut, binds) = estimate(literal, bound)
                let produced = rows * fanOut
                var rest = left
                rest.remove(at: position)
                search(chosen + [literal], rest, bound.union(binds), produced, cost + produced)
            }
        }
        search([], literals, bound, 1, 0)
        return (order, bestCost)
    }

    /// True when, as the data stand, no two matches of the rule's body give the
    /// same head tuple: starting from the head's variables, every column of
    /// every positive literal is determined, a literal's columns being
    /// determined once those already determined form a key of its relation
    /// (an index on them has as many keys as the relation has tuples). Then
    /// two matches with one head tuple bind every variable alike and read the
    /// same tuples: they are one match. For rules reading no relation of
    /// their own stratum (the relations read no longer change).
    static func derivesDistinctTuples(_ rule: CompiledRule, statistics: inout some RelationStatistics) -> Bool {
        var determined = Set(rule.headArguments.compactMap { if case .variable(let v) = $0 { v } else { nil } })
        var pending = rule.body.indices.filter { if case .positive = rule.body[$0] { true } else { false } }
        var progress = true
        while progress && !pending.isEmpty {
            progress = false
            for (n, position) in pending.enumerated().reversed() {
                guard case .positive(let relation, let arguments) = rule.body[position] else { continue }
                let keyColumns = boundColumns(arguments, determined)
                let count = statistics.size(of: relation)
                let resolved: Bool
                if keyColumns.count == arguments.count || count <= 1 {
                    resolved = true
                } else if keyColumns.isEmpty {
                    resolved = false
                } else if keyColumns.count == 1 {
                    resolved = statistics.distinctValues(of: relation, column: keyColumns[0]) == count
                } else {
                    let index = statistics.index(of: relation, on: keyColumns, frozen: true)
                    resolved = statistics.keyCount(of: relation, index: index) == count
                }
                guard resolved else { continue }
                determined.formUnion(variables(arguments))
                pending.remove(at: n)
                progress = true
            }
        }
        return pending.isEmpty
    }

    /// Two positive literals worth joining ahead of the rest of a rule, and the
    /// variables the built join keeps, or nil.
    ///
    /// A rule such as `tension` (two measures of one resolution, each advancing a
    /// target, the targets in a trade-off) has no good nested-loop order: every
    /// order either pairs all measures of a resolution, or meets a target's
    /// advancers across all resolutions. Joining `measure_of(N, R), advance(N, T2)`
    /// first, into a relation indexed on `(R, T2)`, lets the rest look up just
    /// the advancers of one target within one resolution. The pair is chosen by
    /// the same estimates as join orders: the build (its reads and its size)
    /// plus the cheapest order reading the built join must cost at most half of
    /// the cheapest order without it. Only for rules of four to six positive
    /// literals, none of them recursive.
    static func pairToJoinAhead(_ rule: CompiledRule, policy: JoinAhead, statistics: inout some RelationStatistics) -> (
        first: Int, second: Int, variables: [Int]
    )? {
        let positives = rule.body.indices.filter { if case .positive = rule.body[$0] { true } else { false } }
        let always = policy == .always
        guard policy != .never, positives.count >= (always ? 2 : 4), positives.count <= 6 else { return nil }
        var minimumWork = 0.0
        if case .whenEstimatedCheaper(let work) = policy { minimumWork = work }
        func literal(_ position: Int) -> (relation: Int, arguments: [CompiledRule.Argument]) {
            guard case .positive(let relation, let arguments) = rule.body[position] else { return (0, []) }
            return (relation, arguments)
        }
        func real(_ position: Int, _ bound: Set<Int>) -> (fanOut: Double, binds: [Int]) {
            let (relation, arguments) = literal(position)
            return (fanOut(relation, arguments, bound: bound, frozen: true, statistics: &statistics), variables(arguments))
        }
        if !always {
            // The order as written bounds the cheapest from above: when even it stays
            // under the threshold (a run on small data), the search is not needed.
            var (bound, rows, written) = (Set<Int>(), 1.0, 0.0)
            for position in positives {
                let (fanOut, binds) = real(position, bound)
                rows *= fanOut
                written += rows
                bound.formUnion(binds)
            }
            if written <= minimumWork { return nil }
        }
        let plain = cheapestOrder(positives, bound: [], estimate: real).cost
        guard always || (plain.isFinite && plain > minimumWork) else { return nil }
        // Distinct values of each variable: the fewest of any column it appears in.
        var distinct: [Int: Double] = [:]
        for position in positives {
            let (relation, arguments) = literal(position)
            for (column, argument) in arguments.enumerated() {
                guard case .variable(let v) = argument, statistics.size(of: relation) > 0 else { continue }
                distinct[v] = min(distinct[v] ?? .infinity, Double(statistics.distinctValues(of: relation, column: column)))
            }
        }
        var best: (first: Int, second: Int, variables: [Int], cost: Double)?
        for (n, first) in positives.enumerated() {
            for second in positives[(n + 1)...] {
                let a = Set(variables(literal(first).arguments))
                let b = Set(variables(literal(second).arguments))
                guard !a.isDisjoint(with: b) else { continue }
                let size = min(
                    real(first, []).fanOut * real(second, a).fanOut, real(second, []).fanOut * real(first, b).fanOut)
                let kept = a.union(b).sorted()
                let build = min(real(first, []).fanOut, real(second, []).fanOut) + 2 * size
                guard always || build < plain / 2 else { continue }
                let others = positives.filter { $0 != first && $0 != second }
                let joined = -1
                let cost = cheapestOrder(others + [joined], bound: []) { position, bound in
                    guard position == joined else { return real(position, bound) }
                    let keys = kept.filter { bound.contains($0) }
                    var keyDistinct = 1.0
                    for v in keys { keyDistinct *= distinct[v] ?? 1 }
                    return (keys.count == kept.count ? 1 : size / max(1, min(size, keyDistinct)), kept)
                }.cost
                if (always || build + cost < plain / 2) && build + cost < (best?.cost ?? .infinity) {
                    best = (first, second, kept, build + cost)
                }
            }
        }
        return best.map { ($0.first, $0.second, $0.variables) }
    }

    private static func step(
        _ rule: RulePlan, literal position: Int, bound: inout Set<Int>, delta: Bool, recursive: Set<Int>,
        statistics: inout some RelationStatistics
    ) -> PlanStep {
        switch rule.planBody[position] {
        case .positive(let relation, let arguments):
            var keyColumns: [Int] = []
            var key: [Operand] = []
            var actions: [ColumnAction] = []
            var bindsHere: [Int: Int] = [:]
            for (column, argument) in arguments.enumerated() {
                switch argument {
                case .constant(let id):
                    if delta { actions.append(.check(column: column, .constant(id))) } else {
                        keyColumns.append(column)
                        key.append(.constant(id))
                    }
                case .variable(let v) where bound.contains(v):
                    if delta { actions.append(.check(column: column, .register(v))) } else {
                        keyColumns.append(column)
                        key.append(.register(v))
                    }
                case .variable(let v):
                    if bindsHere[v] != nil {
                        actions.append(.check(column: column, .register(v)))
                    } else {
                        bindsHere[v] = column
                        actions.append(.bind(column: column, register: v))
                    }
                case .wildcard:
                    break
                }
            }
            bound.formUnion(bindsHere.keys)
            let frozen = !recursive.contains(relation)
            let index = keyColumns.isEmpty ? nil : statistics.index(of: relation, on: keyColumns, frozen: frozen)
            return .positive(literal: position, relation: relation, index: index, key: key, actions: actions, delta: delta)
        case .negative(let relation, let arguments):
            var keyColumns: [Int] = []
            var key: [Operand] = []
            for (column, argument) in arguments.enumerated() {
                switch argument {
                case .constant(let id):
                    keyColumns.append(column)
                    key.append(.constant(id))
                case .variable(let v):
                    keyColumns.append(column)
                    key.append(.register(v))
                case .wildcard:
                    break
                }
            }
            let frozen = !recursive.contains(relation)
            // A whole tuple is looked up in the hash set, unless the relation no longer
            // grows and a sorted index on all its columns can be had: lookups made in
            // the order of their first value then read the index side by side.
            if keyColumns.count == arguments.count && !keyColumns.isEmpty && frozen {
                let index = statistics.index(of: relation, on: keyColumns, frozen: true)
                if index <= -2 {
                    return .negative(literal: position, relation: relation, index: index, key: key, wholeTuple: false)
                }
            }
            let whole = keyColumns.count == arguments.count
            if whole { statistics.requireHashSet(of: relation) }
            let index = whole || keyColumns.isEmpty ? nil : statistics.index(of: relation, on: keyColumns, frozen: frozen)
            return .negative(literal: position, relation: relation, index: index, key: key, wholeTuple: whole)
        case .compare(let op, let a, let b):
            return .compare(op, operand(a), operand(b))
        }
    }

    private static func operand(_ argument: CompiledRule.Argument) -> Operand {
        switch argument {
        case .constant(let id): .constant(id)
        case .variable(let v): .register(v)
        case .wildcard: .constant(-1)
        }
    }
}
