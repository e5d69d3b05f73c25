import Diagnostics
import Engine
import Semantics
import Syntax

/// What a report reads about a proof beyond its facts: which rule derived a
/// step, the note of a declared fact (an interaction's source), and the words
/// for a fact that had to be absent. A small interface over the model, so that
/// no renderer decodes the engine's rule or relation numbers.
package struct ProofReader: Sendable {
    private let model: Model

    package init(_ model: Model) {
        self.model = model
    }

    /// The id of the reporting rule that derived a step; nil for a declared
    /// fact and for a rule that derives an ordinary relation.
    package func reportingRule(of step: ProofTree.Step) -> String? {
        guard case .derived(let number, _) = step, model.rules.indices.contains(number) else { return nil }
        return model.rules[number].reportingRule
    }

    /// "rule `id`" for a reporting rule, "a rule for `relation`" for another;
    /// nil for a declared fact.
    package func ruleName(of step: ProofTree.Step) -> String? {
        guard case .derived(let number, _) = step, model.rules.indices.contains(number) else { return nil }
        let rule = model.rules[number]
        return rule.reportingRule.map { "rule `\($0)`" } ?? "a rule for `\(model.relationNames[rule.target])`"
    }

    /// The note of the fact declared at `span` (an interaction's source, a
    /// pack's name), or nil.
    package func note(at span: Span) -> String? {
        model.program.factNote(span)
    }

    /// True when the fact declared at `span` is an interaction with a source,
    /// which the compact form of a trace cites.
    package func citesASource(_ span: Span) -> Bool {
        model.program.interactionNotes[span] != nil
    }

    /// The words for an absent fact, with what holds instead (see `AbsenceText`).
    package func words(for absence: Absence) -> (line: String, instead: [String]) {
        AbsenceText.render(absence, model: model)
    }

    /// The absence as trace lines: the wording, then what holds instead, indented.
    package func lines(for absence: Absence) -> [String] {
        AbsenceText.lines(absence, model: model)
    }
}
