import Diagnostics
import Engine
import Foundation

/// `lumen eval --explain-plan` and the REPL's `:plan`: each rule's join plans
/// as the planner chose them, stratum by stratum, with what it expected of
/// each step (the relation's size when the plan was made, and the tuples
/// expected per binding of the steps before) and what the rule then derived.
///
/// A rule has one plan reading every literal in full and, in a recursive
/// stratum, one more per literal of its own stratum, which reads only the
/// tuples the previous round added (`delta`).
package enum PlanReport {
    package static func render(_ model: Model, sources: SourceMap, only rule: String? = nil) -> String {
        var out = ""
        for (stratum, numbers) in model.strata.enumerated() {
            let shown = numbers.filter { number in rule.map { name(model.rules[number], model) == $0 } ?? true }
            guard !shown.isEmpty else { continue }
            let rounds = stratum < model.iterations.count ? model.iterations[stratum] : 0
            out += "stratum \(stratum + 1) (\(rounds) round\(rounds == 1 ? "" : "s"))\n"
            for number in shown { out += render(model.rules[number], model, sources) }
        }
        return out
    }

    /// The name `:plan` takes: a reporting rule's id, or the relation a rule derives.
    package static func name(_ rule: CompiledRule, _ model: Model) -> String {
        rule.reportingRule ?? model.relationNames[rule.target]
    }

    private static func render(_ rule: CompiledRule, _ model: Model, _ sources: SourceMap) -> String {
        let stats = model.statistics[rule.number]
        let place = sources.position(of: rule.span).map { "\($0.path):\($0.location)" } ?? "-"
        let what = rule.reportingRule.map { "rule `\($0)`" } ?? "a rule for `\(model.relationNames[rule.target])`"
        // Sizes only, no times: the same program gives the same bytes (times are in `--stats`).
        var out = "  \(what) at \(place): derived \(stats.derived)\n"
        if let aggregation = rule.aggregation {
            let tuples = model.count(model.relationNames[aggregation.relation])
            out = "  \(what) (`\(aggregation.kind.rawValue)`) at \(place): \(stats.derived) matches of its body, folded into \(tuples) tuples\n"
        }
        if rule.computation != nil {
            let unresolved = stats.unresolved > 0 ? ", \(stats.unresolved) without a result" : ""
            out = "  \(what) (arithmetic) at \(place): \(stats.derived) matches of its body, computed\(unresolved)\n"
        }
        let layout = model.layouts.indices.contains(rule.number) ? model.layouts[rule.number] : nil
        for step in layout?.ahead ?? [] { out += "    built ahead: \(describe(step, of: rule, model))\n" }
        let plans = layout?.plans ?? []
        for (number, plan) in plans.enumerated() {
            let kind = plan.deltaLiteral.map { "reads the new tuples of `\(model.describe(planLiteral: $0, of: rule))`" } ?? "reads every literal in full"
            out += "    plan \(number + 1) of \(plans.count), \(kind):\n"
            var rows: [[String]] = []
            for (position, step) in plan.steps.enumerated() {
                let estimate = position < plan.estimates.count ? plan.estimates[position] : nil
                rows.append(["      \(position + 1).", describe(step, rule, model)] + numbers(estimate, step))
            }
            out += Table(rows: rows).render()
        }
        return out
    }

    /// A relation built ahead of a rule, in words: "`a(X)` and `b(X, Y)` joined
    /// ahead (80 rows)", "`s(X, S)` filtered ahead by `S <= -2` (2 rows)".
    package static func describe(_ step: AheadStep, of rule: CompiledRule, _ model: Model) -> String {
        let literals = step.literals.map { "`\(model.describe(literal: $0, of: rule))`" }.joined(separator: " and ")
        switch step.kind {
        case .join:
            return "\(literals) joined ahead (\(step.rows) rows)"
        case .filter:
            let tests = step.comparisons.map { "`\(model.describe(literal: $0, of: rule))`" }.joined(separator: " and ")
            return "\(literals) filtered ahead by \(tests) (\(step.rows) rows)"
        }
    }

    /// How a step reads its literal, in words.
    private static func describe(_ step: PlanStep, _ rule: CompiledRule, _ model: Model) -> String {
        switch step {
        case .positive(let literal, _, let index, let key, let actions, let delta):
            let how = delta ? "scan new" : index == nil ? (key.isEmpty ? "scan" : "look up") : "index"
            let tests = actions.filter { if case .test = $0 { true } else { false } }.count
            return "\(how) \(model.describe(planLiteral: literal, of: rule))" + (tests > 0 ? " (and \(tests) comparison\(tests == 1 ? "" : "s"))" : "")
        case .negative(let literal, _, _, _, _):
            return "check \(model.describe(planLiteral: literal, of: rule))"
        case .compare(let op, let a, let b):
            return "test \(operand(a, rule, model)) \(op.rawValue) \(operand(b, rule, model))"
        }
    }

    private static func operand(_ operand: Operand, _ rule: CompiledRule, _ model: Model) -> String {
        switch operand {
        case .constant(let id): model.symbols.value(id).description
        case .register(let r): r < rule.variableNames.count ? rule.variableNames[r] : "#\(r)"
        }
    }

    /// The estimate's two numbers: "~2.5 per binding" and "of 12".
    private static func numbers(_ estimate: StepEstimate?, _ step: PlanStep) -> [String] {
        guard let estimate else { return ["", ""] }
        let per = estimate.perBinding
        let shown = per == per.rounded() ? String(Int(per)) : String(format: "%.1f", per)
        if case .negative = step { return ["", "of \(estimate.relationSize)"] }
        return ["~\(shown) per binding", "of \(estimate.relationSize)"]
    }
}
