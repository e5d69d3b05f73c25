// Semantics: syntax trees of all loaded files -> one checked program.
//
//   Checker        runs the passes (CheckPass: CollectDeclarations,
//                  ResolveNames, CheckTypes, CheckSafety, Stratify, Lower) in
//                  order over a shared CheckContext; a test can stop after any
//   RelationSchema the built-in relations that declarations lower to, and the
//                  declared ones, with column types (ValueType)
//   InteractionSets which interactions apply to which resolution (packs, the
//                  default base, a draft's own); the standard library's are
//                  trusted (FileScope.isStandardLibrary): its tests check them,
//                  a run does not check them again
//   CheckedProgram the output: facts as Values, clauses, reporting rules
//                  (CheckedRule, with the relation its findings go to), strata,
//                  entities with their places and titles; `loweredRules` gives
//                  the clauses and rules as the engine reads them (RuleIR.swift:
//                  relations by name, constants as Values, no syntax tree)
//
// Every pass goes on after errors, skipping only what an earlier error made
// meaningless, so one run reports every problem. Invariant of the output:
// every fact and rule refers to declared relations with the right arity and
// types, every rule is range-restricted, and the strata order every negation
// after the relation it negates is complete.
