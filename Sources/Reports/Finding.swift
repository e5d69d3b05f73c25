// Reports: a model -> findings with their traces, and their renderings.
//
// Explanations are data (a `Finding` gives its proof tree, built from the model
// when a report asks for it); each format is a separate renderer. Findings come
// out sorted by file, position, rule and message, so the same input always gives
// the same report.
import Diagnostics
import Engine
import Semantics
import Syntax

/// One finding of a reporting rule: one distinct binding of its message's
/// variables and its anchor.
package struct Finding: Sendable, Equatable {
    package let rule: String
    package let severity: RuleSeverity
    /// The message with its placeholders filled in.
    package let message: String
    /// The declaration the finding points at.
    package let anchor: Span
    /// The value of the anchor variable (the id of what the finding points at).
    package let anchorValue: Value?
    /// The variables of the message and anchor, with their values.
    package let subjects: [(name: String, value: Value)]
    /// The rule's declaration.
    package let ruleSpan: Span
    /// Where the proof of the finding is found.
    package let proof: FindingProof

    /// Why the finding holds: its proof tree, built when asked for (a report
    /// that shows no trace builds none, and a corpus's findings do not all
    /// hold their trees at once).
    package var trace: ProofTree { proof.tree }

    /// The same finding with another severity (a configuration's override).
    package func with(severity: RuleSeverity) -> Finding {
        Finding(
            rule: rule, severity: severity, message: message, anchor: anchor, anchorValue: anchorValue, subjects: subjects,
            ruleSpan: ruleSpan, proof: proof)
    }

    package static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.message == b.message && a.anchor == b.anchor
            && a.subjects.map(\.name) == b.subjects.map(\.name) && a.subjects.map(\.value) == b.subjects.map(\.value)
    }
}

/// The model that proves a run's findings, shared by all of them, and how
/// deep their proofs go.
package final class ProofSource: Sendable {
    let model: Model
    let depth: Int

    init(model: Model, depth: Int) {
        self.model = model
        self.depth = depth
    }
}

/// A finding's tuple in its reporting rule's relation, whose proof the model builds.
package struct FindingProof: Sendable {
    let source: ProofSource
    let relation: Int
    let tuple: Int

    package var tree: ProofTree { source.model.proof(relation: relation, tuple: tuple, depth: source.depth) }
}

/// Turns the tuples of reporting rules into findings.
package enum FindingCollector {
    package static func findings(in model: Model, traceDepth: Int = 64) -> [Finding] {
        let program = model.program
        let source = ProofSource(model: model, depth: traceDepth)
        var findings: [Finding] = []
        for checked in program.rules {
            let rule = checked.rule
            let subjects = RuleSubjects.variables(of: rule).map(\.value)
            let relation = "rule:" + rule.id.value
            guard let relationID = model.relationID(relation) else { continue }
            // In the order derived: the findings are sorted below, on every value.
            for (tuple, values) in model.numberedTuples(relation) {
                let bound = Dictionary(zip(subjects, values), uniquingKeysWith: { first, _ in first })
                let anchorValue = bound[rule.anchor.value]
                let anchorType = checked.variableTypes[rule.anchor.value]
                var anchor = rule.span
                if let anchorType, let anchorValue, let entity = program.entity(anchorType, ValueFormatter.key(anchorValue)) {
                    anchor = entity.span
                }
                let message = rule.message.value.parts.map { part -> String in
                    switch part {
                    case .text(let text): text
                    case .placeholder(let name):
                        bound[name.value].map {
                            ValueFormatter.display($0, type: checked.variableTypes[name.value], program: program)
                        } ?? "{\(name.value)}"
                    }
                }.joined()
                findings.append(
                    Finding(
                        rule: rule.id.value, severity: rule.severity.value, message: message, anchor: anchor,
                        anchorValue: anchorValue, subjects: zip(subjects, values).map { ($0, $1) }, ruleSpan: rule.span,
                        proof: FindingProof(source: source, relation: relationID, tuple: tuple)))
            }
        }
        // By place, then rule, then subjects (numbers in numeric order: goal 7 before goal 11).
        // Indices are sorted, not findings: a finding is large, and moving one
        // retains and releases every field.
        let order = findings.indices.sorted { i, j in
            let (a, b) = (findings[i], findings[j])
            if (a.anchor.file, a.anchor.start, a.rule) != (b.anchor.file, b.anchor.start, b.rule) {
                return (a.anchor.file, a.anchor.start, a.rule) < (b.anchor.file, b.anchor.start, b.rule)
            }
            let x = a.subjects.map(\.value)
            let y = b.subjects.map(\.value)
            return x != y ? x.lexicographicallyPrecedes(y) : a.message < b.message
        }
        return order.map { findings[$0] }
    }
}

/// How values appear in messages and traces.
package enum ValueFormatter {
    /// The id under which an entity with this value is declared.
    package static func key(_ value: Value) -> String {
        switch value {
        case .integer(let number): String(number)
        case .text(let text): text
        case .id(let id): id
        }
    }

    /// Targets, goals and indicators with their titles: `13.2 (Climate measures)`.
    package static func display(_ value: Value, type: ValueType?, program: CheckedProgram) -> String {
        let plain = key(value)
        guard let type, [.goal, .target, .indicator].contains(type), let title = program.entity(type, plain)?.title else {
            return plain
        }
        return "\(plain) (\(title))"
    }

    /// A fact as written in the language: `advances(city.m1, 13.2)`.
    package static func fact(_ relation: String, _ values: [Value?]) -> String {
        let shown = values.map { value -> String in
            guard let value else { return "_" }
            switch value {
            case .text(let text): return "\"\(text)\""
            default: return key(value)
            }
        }
        return "\(relation)(\(shown.joined(separator: ", ")))"
    }
}
