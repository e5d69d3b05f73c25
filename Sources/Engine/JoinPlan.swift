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
}

/// One step of a join plan.
package enum PlanStep: Sendable, Equatable {
    /// Candidate tuples of a positive literal: from an index on the key columns,
    /// or a scan when nothing is bound (or the delta range, for the driving literal).
    case positive(literal: Int, relation: Int, index: Int?, key: [Operand], actions: [ColumnAction], delta: Bool)
    /// Succeeds when no tuple matches the bound columns.
    case negative(literal: Int, relation: Int, index: Int?, key: [Operand], wholeTuple: Bool)
    case compare(ComparisonOperator, Operand, Operand)
}

/// The order in which a rule's literals are joined, compiled before any tuple is touched.
package struct JoinPlan: Sendable, Equatable {
    package let steps: [PlanStep]
    /// The body literal read from the previous iteration's new tuples, if any.
    package let deltaLiteral: Int?
}

/// A rule compiled for evaluation: relations and constants are numbers,
/// variables are registers.
package struct CompiledRule: Sendable {
    package enum Argument: Sendable, Equatable {
        case constant(Int32)
        case variable(Int)
        case wildcard
    }

    package enum BodyLiteral: Sendable, Equatable {
        case positive(relation: Int, arguments: [Argument])
        case negative(relation: Int, arguments: [Argument])
        case compare(ComparisonOperator, Argument, Argument)
    }

    package let number: Int
    package let head: Int
    package let headArguments: [Argument]
    package let body: [BodyLiteral]
    package let variableNames: [String]
    package let span: Span
    /// The reporting rule's id, for rules that report findings.
    package let reportingRule: String?
    /// A plan reading every literal in full, then one per recursive literal.
    package var plans: [JoinPlan] = []

    /// Positions in `body` of the positive literals, in order (the premises of a derivation).
    package var positiveLiterals: [Int] {
        body.indices.filter { if case .positive = body[$0] { true } else { false } }
    }
}

/// Chooses join orders and the indexes they need.
package enum JoinPlanner {
    /// Plans for a rule. `recursive` holds the relations of the rule's own
    /// stratum: each positive literal on one of them drives a delta variant.
    package static func plans(for rule: CompiledRule, recursive: Set<Int>, stores: inout [RelationStore]) -> [JoinPlan] {
        var plans = [plan(rule, delta: nil, stores: &stores)]
        for (position, literal) in rule.body.enumerated() {
            if case .positive(let relation, _) = literal, recursive.contains(relation) {
                plans.append(plan(rule, delta: position, stores: &stores))
            }
        }
        return plans
    }

    /// Greedy order: the delta literal first; then, repeatedly, the positive
    /// literal expected to yield the fewest tuples per binding so far (its size
    /// divided by the number of distinct values of its bound columns, read from
    /// their index; fully bound literals are checks and go first; ties: source
    /// order); every negation and comparison as soon as its variables are bound.
    /// Plans are made when a stratum starts, so the sizes of the relations it
    /// reads are known.
    static func plan(_ rule: CompiledRule, delta: Int?, stores: inout [RelationStore]) -> JoinPlan {
        var bound = Set<Int>()
        var remaining = Array(rule.body.indices)
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
            while let next = remaining.firstIndex(where: { isReady(rule.body[$0]) }) {
                steps.append(step(rule, literal: remaining.remove(at: next), bound: &bound, delta: false, stores: &stores))
            }
        }

        if let delta, let position = remaining.firstIndex(of: delta) {
            remaining.remove(at: position)
            steps.append(step(rule, literal: delta, bound: &bound, delta: true, stores: &stores))
        }
        emitReadyFilters()
        // Expected tuples per binding of a positive literal, given the variables bound before it.
        var estimates: [String: Double] = [:]
        func fanOut(_ relation: Int, _ arguments: [CompiledRule.Argument], _ bound: Set<Int>) -> Double {
            var keyColumns: [Int] = []
            for (column, argument) in arguments.enumerated() {
                switch argument {
                case .constant: keyColumns.append(column)
                case .variable(let v) where bound.contains(v): keyColumns.append(column)
                default: break
                }
            }
            let count = stores[relation].count
            if count == 0 { return 0 }
            if keyColumns.count == arguments.count { return 1 }
            if keyColumns.isEmpty { return Double(count) }
            let memo = "\(relation):\(keyColumns)"
            if let known = estimates[memo] { return known }
            let index = stores[relation].indexNumber(for: keyColumns)
            let estimate = Double(count) / Double(max(1, stores[relation].indexes[index].keyCount))
            estimates[memo] = estimate
            return estimate
        }
        func variables(_ arguments: [CompiledRule.Argument]) -> [Int] {
            arguments.compactMap { if case .variable(let v) = $0 { v } else { nil } }
        }
        // With few positive literals, the order of least estimated work (the sum, over
        // the steps, of the bindings they produce); otherwise, greedily, the literal
        // with the fewest expected tuples next.
        let positives = remaining.filter { if case .positive = rule.body[$0] { true } else { false } }
        var order: [Int] = []
        if positives.count >= 2 && positives.count <= 6 {
            var bestCost = Double.infinity
            func search(_ chosen: [Int], _ left: [Int], _ bound: Set<Int>, _ rows: Double, _ cost: Double) {
                guard cost < bestCost else { return }
                guard !left.isEmpty else {
                    bestCost = cost
                    order = chosen
                    return
                }
                for (position, literal) in left.enumerated() {
                    guard case .positive(let relation, let arguments) = rule.body[literal] else { continue }
                    let produced = rows * fanOut(relation, arguments, bound)
                    var rest = left
                    rest.remove(at: position)
                    search(chosen + [literal], rest, bound.union(variables(arguments)), produced, cost + produced)
                }
            }
            search([], positives, bound, 1, 0)
        }
        while true {
            var best: (position: Int, cost: Double)?
            if let next = order.first(where: { remaining.contains($0) }), let position = remaining.firstIndex(of: next) {
                best = (position, 0)
            } else {
                for (position, literal) in remaining.enumerated() {
                    guard case .positive(let relation, let arguments) = rule.body[literal] else { continue }
                    let cost = fanOut(relation, arguments, bound)
                    if best == nil || cost < (best?.cost ?? 0) { best = (position, cost) }
                }
            }
            guard let chosen = best else { break }
            steps.append(step(rule, literal: remaining.remove(at: chosen.position), bound: &bound, delta: false, stores: &stores))
            emitReadyFilters()
        }
        // Anything left (unsafe rules never get here) is placed last.
        for literal in remaining {
            steps.append(step(rule, literal: literal, bound: &bound, delta: false, stores: &stores))
        }
        return JoinPlan(steps: steps, deltaLiteral: delta)
    }

    private static func step(
        _ rule: CompiledRule, literal position: Int, bound: inout Set<Int>, delta: Bool, stores: inout [RelationStore]
    ) -> PlanStep {
        switch rule.body[position] {
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
            let index = keyColumns.isEmpty ? nil : stores[relation].indexNumber(for: keyColumns)
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
            let whole = keyColumns.count == arguments.count
            let index = whole || keyColumns.isEmpty ? nil : stores[relation].indexNumber(for: keyColumns)
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
