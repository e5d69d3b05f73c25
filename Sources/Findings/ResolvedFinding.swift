import Syntax

/// A finding of an earlier revision that the current one no longer has
/// (`lumen check --since REV`): reported in every format as resolved.
package struct ResolvedFinding: Sendable, Equatable {
    package let rule: String
    package let severity: RuleSeverity
    package let message: String
    package let fingerprint: String

    package init(_ finding: Finding) {
        rule = finding.rule
        severity = finding.severity
        message = finding.message
        fingerprint = Fingerprint.of(finding)
    }
}

extension ResolvedFinding {
    /// The compare step of `--since`: the findings of the earlier revision (those
    /// it reported and those it already knew) whose fingerprints are not among
    /// `now`, by rule and message.
    package static func resolved(earlier: FindingSet, now: Set<String>) -> [ResolvedFinding] {
        (earlier.findings + earlier.baselined).filter { !now.contains(Fingerprint.of($0)) }.map(ResolvedFinding.init)
            .sorted { ($0.rule, $0.message) < ($1.rule, $1.message) }
    }
}
