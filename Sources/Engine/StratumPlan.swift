// Planning as a stage of its own: what the planner reads (RelationStatistics)
// and what it decides for a stratum before any of its rules runs (StratumPlan).
//
//   JoinPlanner.plan(stratum:)   the stratum's rules + statistics -> StratumPlan:
//                                for each rule, the relations to build ahead of
//                                it, whether it runs on both cores, whether its
//                                tuples need no lookup
//   JoinPlanner.plans(for:)      a rule's RulePlan + statistics -> its join
//                                orders, once what is built ahead exists
//
// The evaluator applies a StratumPlan (`Evaluator.plan`): it builds the
// relations ahead, then asks for the join orders, which read their sizes.
// Tests give the planner statistics of their own (`PlannerTests`).
import Semantics

/// What the planner reads of the relations: their sizes and the numbers of
/// distinct keys of their columns.
///
/// A plan names the indexes it reads by number, so asking for an index on
/// some columns registers it (the evaluator's stores then build it); a plan
/// that looks whole tuples up in a relation asks for its hash set.
package protocol RelationStatistics {
    /// The relation's tuples now.
    func size(of relation: Int) -> Int
    /// The distinct values of one column of the relation.
    mutating func distinctValues(of relation: Int, column: Int) -> Int
    /// The number of the index that looks the relation's tuples up by these
    /// columns (a sorted one where the relation is frozen and one can be had).
    mutating func index(of relation: Int, on columns: [Int], frozen: Bool) -> Int
    /// The distinct keys of an index `index(of:on:frozen:)` gave.
    func keyCount(of relation: Int, index: Int) -> Int
    /// Whole tuples of the relation will be looked up in its hash set.
    mutating func requireHashSet(of relation: Int)
}

/// The evaluator's stores answer from their data and indexes.
extension Array: RelationStatistics where Element == RelationStore {
    package func size(of relation: Int) -> Int { self[relation].count }

    package mutating func distinctValues(of relation: Int, column: Int) -> Int {
        self[relation].distinctValues(ofColumn: column)
    }

    package mutating func index(of relation: Int, on columns: [Int], frozen: Bool) -> Int {
        self[relation].indexNumber(for: columns, frozen: frozen)
    }

    package func keyCount(of relation: Int, index: Int) -> Int { self[relation].keyCount(ofIndex: index) }

    package mutating func requireHashSet(of relation: Int) { self[relation].ensureSet() }
}

/// What the planner decides for one stratum before any of its rules runs,
/// from the sizes of the relations the stratum reads. A value: printed by
/// `--explain-plan` (through each rule's `RulePlan`) and compared in tests.
package struct StratumPlan: Sendable, Equatable {
    /// The decisions for one rule of the stratum.
    package struct Rule: Sendable, Equatable {
        package let number: Int
        /// The relations of the stratum the rule's recursive literals may read
        /// (none for a reporting rule, which reads only earlier strata): each
        /// positive literal on one of them drives a semi-naive variant.
        package let recursive: Set<Int>
        /// The relations to build ahead of the rule, in order (only for a rule
        /// that reads nothing of its own stratum).
        package let ahead: [AheadStep]
        /// The rule reads no relation of its own stratum: it may run on both cores.
        package let runsInParallel: Bool
        /// No two matches of its body give one head tuple, and it alone fills
        /// its head: its tuples are appended without a lookup.
        package let derivesDistinctTuples: Bool
        /// Its head's tuples are looked up whole later (findings, to show their
        /// proofs), so the head keeps a hash set.
        package let headKeepsHashSet: Bool
    }

    /// The stratum's rules, in the order given.
    package let rules: [Rule]
}

extension JoinPlanner {
    /// Decides, for each rule of a stratum, what is built ahead of it and how
    /// it runs (see `StratumPlan.Rule`), from the statistics of the relations
    /// as they stand when the stratum starts.
    package static func plan(
        stratum group: [Int], rules: [CompiledRule], policy: JoinAhead, statistics: inout some RelationStatistics
    ) -> StratumPlan {
        let heads = Set(group.map { rules[$0].head })
        let decided = group.map { number -> StratumPlan.Rule in
            let rule = rules[number]
            let recursive = rule.reportingRule == nil ? heads : []
            let readsOwnStratum = rule.body.contains { literal in
                if case .positive(let relation, _) = literal { recursive.contains(relation) } else { false }
            }
            let ahead = readsOwnStratum ? [] : aheadSteps(rule, policy: policy, statistics: &statistics)
            let distinct =
                rule.reportingRule == nil && !readsOwnStratum && statistics.size(of: rule.head) == 0
                && group.filter({ rules[$0].head == rule.head }).count == 1
                && derivesDistinctTuples(rule, statistics: &statistics)
            return StratumPlan.Rule(
                number: number, recursive: recursive, ahead: ahead, runsInParallel: !readsOwnStratum,
                derivesDistinctTuples: distinct, headKeepsHashSet: rule.reportingRule != nil)
        }
        return StratumPlan(rules: decided)
    }
}
