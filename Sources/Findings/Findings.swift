// Findings: a model -> the findings a run reports, with their traces.
//
// The layer between the engine and the report formats, in named steps:
//
//   read         the `# lumen: allow` comments of the parsed files (`Suppressions.parse`);
//                a malformed one is a diagnostic, even when nothing was evaluated
//   collect      the tuples of each reporting rule -> `Finding`s (FindingCollector),
//                sorted by place, rule and subjects; a proof is built only when
//                a report asks for it (`FindingProof`)
//   configure    the project's policy: disabled rules leave, severity overrides
//                apply, and a rule named in the policy that does not exist is a
//                diagnostic (`FindingPolicy`)
//   suppress     `# lumen: allow RULE "reason"` comments accept the findings they
//                stand beside (`Suppressions`); a malformed or unused one is a diagnostic
//   separate     findings whose fingerprint a baseline or an earlier revision
//                holds are counted, not reported (`Fingerprint`, `Baseline`)
//   compare      `--since`: what the earlier revision had and this one has not
//                (`ResolvedFinding.resolved`)
//
// `FindingSet.of` runs the steps in this order; each is a function of its own,
// tested on its own. Nothing here renders: the formats are in `Reports`.
