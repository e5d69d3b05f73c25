import Foundation
import Diagnostics
import Semantics

/// The answer to a query: one row per distinct binding of its named variables.
package struct QueryResult: Sendable, Equatable {
    /// The query's variables, in order of first appearance (`_`-prefixed ones left out).
    package let columns: [String]
    /// The bindings, sorted.
    package let rows: [[Value]]
    /// True when the time limit stopped the query: `rows` are only some of the answers.
    package var stopped = false
}

extension Model {
    /// Evaluates a conjunctive query (positive literals, `not`, comparisons)
    /// against the model. The query must have been checked (`QueryChecker`).
    package func query(_ body: [RuleLiteral], timeoutNanoseconds: UInt64? = nil, interruption: Interruption? = nil) -> QueryResult {
        var seen: Set<String> = []
        var columns: [String] = []
        for literal in body {
            let terms: [RuleTerm]
            switch literal {
            case .positive(_, let found), .negative(_, let found): terms = found
            case .compare(_, let left, let right): terms = [left, right]
            }
            for case .variable(let name) in terms where !name.hasPrefix("_") && seen.insert(name).inserted {
                columns.append(name)
            }
        }
        var scratch = Evaluator(resuming: self)
        // The evaluation's deadline has passed long ago; a query has its own.
        scratch.deadline = timeoutNanoseconds.map { DispatchTime.now().uptimeNanoseconds &+ $0 }
        scratch.options.interruption = interruption
        scratch.limitReached = nil
        let relation = scratch.addRelation("query:result#\(scratch.evaluation.relationNames.count)", arity: columns.count)
        let before = scratch.evaluation.rules.count
        scratch.compile(
            LoweredRule(
                head: scratch.evaluation.relationNames[relation], headTerms: columns.map { .variable($0) }, body: body, span: .none,
                reportingRule: nil))
        guard scratch.evaluation.rules.count > before else { return QueryResult(columns: columns, rows: []) }
        scratch.evaluation.layouts[before].plans = JoinPlanner.plans(for: scratch.evaluation.layouts[before], recursive: [], statistics: &scratch.evaluation.stores)
        scratch.evaluation.statistics.append(RuleStatistics())
        scratch.execute(rule: before, plan: 0, limits: scratch.evaluation.stores.map(\.count), delta: 0..<0)
        // A query with arithmetic compares computed values on its bindings (see `Evaluator.compute`).
        if scratch.evaluation.rules[before].computation != nil { scratch.compute(rule: before) }
        let store = scratch.evaluation.stores[relation]
        let rows = (0..<store.count).map { tuple in store.tuple(tuple).map { scratch.evaluation.symbols.value($0) } }
        return QueryResult(
            columns: columns, rows: rows.sorted { $0.lexicographicallyPrecedes($1) }, stopped: scratch.limitReached != nil)
    }
}
