// The findings of one evaluated program after the run's policy, step by step
// (see Findings.swift).
import Diagnostics
import Engine
import Semantics
import Syntax

/// What a run does with the findings its rules derive.
package struct FindingPolicy: Sendable {
    /// Rule ids whose findings are not reported (a configuration's `disable`).
    package var disabledRules: Set<String> = []
    /// Severity overrides by rule id (a configuration's `severity`).
    package var severityOverrides: [String: RuleSeverity] = [:]
    /// The configuration the policy came from, named by its diagnostics.
    package var configurationPath: String?
    /// Fingerprints of accepted findings (a baseline, an earlier revision).
    package var knownFingerprints: Set<String>?
    /// Today (YYYY-MM-DD), for the expiry of suppressions.
    package var today: String
    /// Proof levels kept in each finding's trace.
    package var traceDepth = 64

    package init(today: String) {
        self.today = today
    }
}

/// The findings of one evaluated program after the run's policy.
package struct FindingSet: Sendable {
    /// The findings reported.
    package var findings: [Finding] = []
    /// Findings that a `# lumen: allow` comment accepted.
    package var suppressed: [SuppressedFinding] = []
    /// Findings already known (baseline, earlier revision): counted, not reported.
    package var baselined: [Finding] = []
    /// Problems of the policy and of the suppressions.
    package var diagnostics: [Diagnostic] = []

    package init() {}

    /// The findings of `model`, through every step in order, with the
    /// suppressions the comments of `units` declare. Without a model (the
    /// program was invalid, or a limit stopped it) only the comments are read,
    /// so that their problems are still reported.
    package static func of(_ model: Model?, units: [SourceUnit], policy: FindingPolicy, sources: SourceMap) -> FindingSet {
        let (suppressions, problems) = Suppressions.parse(units, sources: sources)
        guard let model else {
            var set = FindingSet()
            set.diagnostics = problems
            return set
        }
        var set = of(model, suppressions: suppressions, policy: policy, sources: sources)
        set.diagnostics = problems + set.diagnostics
        return set
    }

    /// The findings of `model`, through every step after reading the comments.
    package static func of(
        _ model: Model, suppressions: [Suppression], policy: FindingPolicy, sources: SourceMap
    ) -> FindingSet {
        var set = FindingSet()
        let ruleIDs = Set(model.program.rules.map(\.rule.id.value))
        let collected = FindingCollector.findings(in: model, traceDepth: policy.traceDepth)
        let configured = configure(collected, policy: policy, ruleIDs: ruleIDs)
        set.diagnostics += configured.diagnostics
        let applied = Suppressions.apply(suppressions, to: configured.findings, ruleIDs: ruleIDs, today: policy.today, sources: sources)
        set.suppressed = applied.suppressed
        set.diagnostics += applied.diagnostics
        (set.findings, set.baselined) = separate(applied.findings, known: policy.knownFingerprints)
        return set
    }

    /// The policy's step: findings of disabled rules leave, overridden severities
    /// change, and every rule the policy names that does not exist is an error.
    package static func configure(
        _ findings: [Finding], policy: FindingPolicy, ruleIDs: Set<String>
    ) -> (findings: [Finding], diagnostics: [Diagnostic]) {
        let kept = findings.filter { !policy.disabledRules.contains($0.rule) }.map { finding in
            policy.severityOverrides[finding.rule].map { finding.with(severity: $0) } ?? finding
        }
        let named = policy.disabledRules.union(policy.severityOverrides.keys)
        let unknown = named.subtracting(ruleIDs).sorted().map { rule in
            Diagnostic(
                .unknownRule, "unknown rule `\(rule)` in the configuration", at: nil,
                help: EditDistance.suggestion(for: rule, among: ruleIDs).map { "did you mean `\($0)`?" },
                path: policy.configurationPath)
        }
        return (kept, unknown)
    }

    /// The findings whose fingerprints are not known, and those that are.
    package static func separate(_ findings: [Finding], known: Set<String>?) -> (new: [Finding], known: [Finding]) {
        guard let known else { return (findings, []) }
        var fresh: [Finding] = []
        var old: [Finding] = []
        for finding in findings {
            if known.contains(Fingerprint.of(finding)) { old.append(finding) } else { fresh.append(finding) }
        }
        return (fresh, old)
    }

    /// The fingerprints of the findings reported and of those already known.
    package var fingerprints: Set<String> {
        Set((findings + baselined).map(Fingerprint.of))
    }
}
