import Diagnostics
import Engine

extension Diagnostic {
    /// Evaluation stopped at the derived-tuple budget.
    /// Evaluation stopped at a limit: the tuple budget or the time limit.
    package static func evaluationStopped(_ limit: LimitReached, model: Model) -> Diagnostic {
        let rule = model.rules[limit.rule]
        let name = rule.reportingRule.map { "rule `\($0)`" } ?? "this rule"
        if limit.kind == .time {
            let shown = seconds(UInt64(limit.limit))
            return Diagnostic(
                .evaluationTimeout,
                "evaluation stopped after \(shown) s (`--timeout`) while deriving `\(limit.relation)`",
                at: rule.span.isNone ? nil : Label(rule.span, "\(name) was running"),
                help: "check the rule for an unintended cross product (`--stats` shows its scans), or raise `--timeout`")
        }
        if limit.kind == .interrupted {
            return Diagnostic(
                .evaluationTimeout, "evaluation interrupted (Ctrl-C) while deriving `\(limit.relation)`",
                at: rule.span.isNone ? nil : Label(rule.span, "\(name) was running"),
                help: "nothing was changed; `--stats` shows which rules take long")
        }
        if limit.kind == .values {
            return Diagnostic(
                .tupleBudgetExceeded,
                "evaluation stopped: the derived tuples hold \(limit.limit) values (tuples times columns); `\(limit.relation)` grew most",
                at: rule.span.isNone ? nil : Label(rule.span, "\(name) derived the most tuples"),
                help: "check the rule for an unintended cross product; wide relations use this budget faster than `--max-tuples` counts")
        }
        return Diagnostic(
            .tupleBudgetExceeded,
            "evaluation stopped after deriving \(limit.limit) tuples; `\(limit.relation)` grew most",
            at: rule.span.isNone ? nil : Label(rule.span, "\(name) derived the most tuples"),
            help: "check the rule for an unintended cross product or unbounded recursion, or raise `--max-tuples`")
    }

    /// Rules whose arithmetic or comparisons of quantities had no result for
    /// some bindings (units that do not convert, a division by zero, a value
    /// past the range): those bindings derived nothing, so say so.
    package static func unresolvedArithmetic(_ model: Model) -> [Diagnostic] {
        model.statistics.enumerated().compactMap { number, statistics -> Diagnostic? in
            guard statistics.unresolved > 0, let first = statistics.firstUnresolved, model.rules.indices.contains(number) else { return nil }
            let rule = model.rules[number]
            let name = rule.reportingRule.map { "rule `\($0)`" } ?? "a rule of `\(model.relationNames[rule.target])`"
            let times = statistics.unresolved == 1 ? "once" : "\(statistics.unresolved) times"
            return Diagnostic(
                .arithmeticWithoutResult, "\(name) met \(first.reason) \(times), first with \(first.values)",
                at: rule.span.isNone ? nil : Label(rule.span, "these bindings derived nothing"),
                help: "make the values comparable (units that convert, a divisor other than zero), or leave them out in the rule's body")
        }
    }

    /// A query stopped at the time limit.
    package static func queryTimeout(_ nanoseconds: UInt64) -> Diagnostic {
        Diagnostic(
            .evaluationTimeout, "the query stopped after \(seconds(nanoseconds)) s (`--timeout`)", at: nil,
            help: "bind a variable early with a more selective literal, or raise `--timeout`")
    }

    /// `600`, or `0.05` for a fraction of a second.
    private static func seconds(_ nanoseconds: UInt64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.3g", seconds)
    }
}
