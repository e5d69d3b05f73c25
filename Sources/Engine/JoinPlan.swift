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
    /// literal with the most bound columns (ties: source order); every negation
    /// and comparison as soon as its variables are bound.
    static func plan(_ rule: CompiledRule, delta: Int?, stores: inout [RelationStore]) -> JoinPlan {
        var bound = Set<Int>()
        var remaining = Array(rule.body.indices)
        var steps: [PlanStep] = []

        func boundColumns(_ arguments: [CompiledRule.Argument]) -> Int {
            arguments.reduce(0) { count, argument in
                switch argument {
                case .constant: count + 1
                case .variable(let v): bound.contains(v) ? count + 1 : count
                case .wildcard: count
                }
            }
        }
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
        while true {
            var best: (position: Int, bound: Int)?
            for (position, literal) in remaining.enumerated() {
                guard case .positive(_, let arguments) = rule.body[literal] else { continue }
                let count = boundColumns(arguments)
                if best == nil || count > (best?.bound ?? 0) { best = (position, count) }
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
