// Engine: a checked program -> a model (every fact that follows), with the
// proof of each derived fact. It knows nothing of SDGs, and nothing of the
// syntax: it reads the rules Semantics lowered (`LoweredRule`, `RuleLiteral`).
//
//   SymbolTable    values interned to dense 32-bit ids, so joins compare integers;
//                  Numbers keeps each id's number (an integer, or an exact decimal
//                  and its unit) and how units convert, for comparisons
//   RelationStore  a relation as a flat array of ids, with a hash set for set
//                  semantics and hash indexes (HashIndex, SortedIndex) on the
//                  column sets the join plans bind
//   JoinPlanner    planning, a stage of its own (StratumPlan.swift): a
//                  stratum's rules and the relations' statistics
//                  (RelationStatistics: sizes, distinct keys) -> a StratumPlan
//                  (per rule: the relations to build ahead of it, AheadSteps,
//                  and how it runs); then each rule's JoinPlans (orders of
//                  scans and index lookups, with the planner's estimates),
//                  once what is built ahead exists; a CompiledRule never
//                  changes, and what planning decided for it is its RulePlan,
//                  which `--explain-plan` prints
//   JoinProgram    a plan run over the stores (JoinRun.swift): a short loop
//                  over the steps, whose handlers (JoinSteps) are the one place
//                  the engine follows raw pointers;
//                  PartPipeline runs one rule's join on two cores, part by part
//   Evaluator      loads the facts, applies each stratum's plan (builds what
//                  goes ahead, asks for the join orders), and evaluates it bottom
//                  up, semi-naive within a recursive stratum (a rule with an
//                  aggregate or arithmetic folds or computes from its body's
//                  bindings once they are complete: Arithmetic), within the limits
//                  (tuples, time, interruption) of EvaluationOptions, into an
//                  EvaluationState (values, relations, rules and their plans,
//                  derivations, counters)
//   Model          the EvaluationState the evaluator left, unchanged (a query
//                  resumes from a copy), read as the result: tuples by relation, queries (Model+Query), the
//                  proof of a fact (ProofTree), why a fact does not hold
//                  (Model+WhyNot), and the statistics of the run
