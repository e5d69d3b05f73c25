import Diagnostics
import Engine

extension Diagnostic {
    /// Evaluation stopped at the derived-tuple budget.
    package static func tupleBudgetExceeded(_ limit: LimitReached, model: Model) -> Diagnostic {
        let rule = model.rules[limit.rule]
        let name = rule.reportingRule.map { "rule `\($0)`" } ?? "this rule"
        return Diagnostic(
            .tupleBudgetExceeded,
            "evaluation stopped after deriving \(limit.limit) tuples; `\(limit.relation)` grew most",
            at: rule.span.isNone ? nil : Label(rule.span, "\(name) derived the most tuples"),
            help: "check the rule for an unintended cross product or unbounded recursion, or raise `--max-tuples`")
    }
}
