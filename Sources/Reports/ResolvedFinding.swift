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
