// The collect step: the tuples of reporting rules -> findings.
//
// Explanations are data (a `Finding` gives its proof tree, built from the model
// when a report asks for it). Findings come out sorted by file, position, rule
// and message, so the same input always gives the same report.
import Diagnostics
import Foundation
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
    /// The measure whose suggested targets the finding lists (its rule's `suggest M`).
    package var suggestionSubject: Value? = nil
    /// The targets `lumen suggest` finds for that measure, best first (filled
    /// after the findings are collected, by the pipeline that has the profiles).
    package var suggestions: [TargetSuggestion] = []

    /// Why the finding holds: its proof tree, built when asked for (a report
    /// that shows no trace builds none, and a corpus's findings do not all
    /// hold their trees at once).
    package var trace: ProofTree { proof.tree }

    /// The suggested targets in one line, for formats that have only a message
    /// (`its words suggest 12.c (score 42.01), 14.6 (score 41.33)`); nil without any.
    package var suggestionHelp: String? {
        guard !suggestions.isEmpty else { return nil }
        return "its words suggest " + suggestions.map { "\($0.target) (score \($0.score))" }.joined(separator: ", ")
    }

    /// The message, then the suggested targets on a line of their own (`help: ...`).
    package var messageWithHelp: String {
        message + (suggestionHelp.map { "\nhelp: \($0)" } ?? "")
    }

    /// The same finding with another severity (a configuration's override).
    package func with(severity: RuleSeverity) -> Finding {
        Finding(
            rule: rule, severity: severity, message: message, anchor: anchor, anchorValue: anchorValue, subjects: subjects,
            ruleSpan: ruleSpan, proof: proof, suggestionSubject: suggestionSubject, suggestions: suggestions)
    }

    package static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.message == b.message && a.anchor == b.anchor
            && a.subjects.map(\.name) == b.subjects.map(\.name) && a.subjects.map(\.value) == b.subjects.map(\.value)
    }
}

/// A target suggested for the measure of a finding (`suggest M`): its id and
/// title, its score in hundredths, and the words of the measure that matched.
package struct TargetSuggestion: Sendable, Equatable {
    package let target: String
    package let title: String
    package let hundredths: Int
    package let words: [String]

    package init(target: String, title: String, hundredths: Int, words: [String]) {
        self.target = target
        self.title = title
        self.hundredths = hundredths
        self.words = words
    }

    /// The score with two decimals, as reports print it.
    package var score: String { hundredths.hundredthsText }
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
            let columns = checked.subjects.map(\.value)
            let relation = checked.findingRelation
            guard let relationID = model.relationID(relation) else { continue }
            // `{all V}` variables are listed, not subjects: a finding is one binding of the others.
            var named: Set<String> = [rule.anchor.value]
            for case .placeholder(let name) in rule.message.value.parts { named.insert(name.value) }
            let listed = Set(rule.message.value.listed.map(\.value)).subtracting(named)
            let subjectColumns = columns.indices.filter { !listed.contains(columns[$0]) }
            let listedColumns = columns.indices.filter { listed.contains(columns[$0]) }
            var groups: [[Value]: FindingGroup] = [:]
            var order: [[Value]] = []
            // In the order derived: the findings are sorted below, on every value.
            for (tuple, values) in model.numberedTuples(relation) {
                let key = subjectColumns.map { values[$0] }
                // Without `{all V}`, each tuple is its own finding: no grouping (and no hashing of its values).
                guard !listedColumns.isEmpty else {
                    order.append(key)
                    groups[[.integer(order.count - 1)]] = FindingGroup(proofTuple: tuple, proofValues: [], listed: [])
                    continue
                }
                let extra = listedColumns.map { values[$0] }
                if var group = groups[key] {
                    if extra.lexicographicallyPrecedes(group.proofValues) { (group.proofTuple, group.proofValues) = (tuple, extra) }
                    for (offset, value) in extra.enumerated() { group.listed[offset].insert(value) }
                    groups[key] = group
                } else {
                    order.append(key)
                    groups[key] = FindingGroup(proofTuple: tuple, proofValues: extra, listed: extra.map { [$0] })
                }
            }
            for (position, key) in order.enumerated() {
                guard let group = listedColumns.isEmpty ? groups[[.integer(position)]] : groups[key] else { continue }
                let bound = Dictionary(zip(subjectColumns.map { columns[$0] }, key), uniquingKeysWith: { first, _ in first })
                let lists = Dictionary(
                    zip(listedColumns.map { columns[$0] }, group.listed.map { $0.sorted() }), uniquingKeysWith: { first, _ in first })
                let anchorValue = bound[rule.anchor.value]
                let anchorType = checked.variableTypes[rule.anchor.value]
                var anchor = rule.span
                if let anchorType, let anchorValue, let entity = program.entity(anchorType, ValueFormatter.key(anchorValue)) {
                    anchor = entity.span
                }
                let message = rule.message.value.parts.map { part -> String in
                    switch part {
                    case .text(let text): text
                    case .placeholder(let name), .listing(let name):
                        if let value = bound[name.value] {
                            ValueFormatter.display(value, type: checked.variableTypes[name.value], program: program)
                        } else if let values = lists[name.value] {
                            ValueFormatter.list(values.map { ValueFormatter.key($0) })
                        } else {
                            "{\(name.value)}"
                        }
                    }
                }.joined()
                findings.append(
                    Finding(
                        rule: rule.id.value, severity: rule.severity.value, message: message, anchor: anchor,
                        anchorValue: anchorValue, subjects: zip(subjectColumns.map { columns[$0] }, key).map { ($0, $1) },
                        ruleSpan: rule.span, proof: FindingProof(source: source, relation: relationID, tuple: group.proofTuple),
                        suggestionSubject: rule.suggest.flatMap { bound[$0.value] }))
            }
        }
        return inOutputOrder(findings)
    }

    /// By place, then rule, then subjects (numbers in numeric order: goal 7
    /// before goal 11). Indices are sorted, not findings: a finding is large,
    /// and moving one retains and releases every field.
    private static func inOutputOrder(_ findings: [Finding]) -> [Finding] {
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

/// The tuples of a reporting rule that make one finding: the one whose proof
/// is shown (the least listed values, so the choice does not depend on the
/// order of derivation) and the values of each listed variable.
private struct FindingGroup {
    var proofTuple: Int
    var proofValues: [Value]
    var listed: [Set<Value>]
}

/// How values appear in messages and traces.
package enum ValueFormatter {
    /// At most this many values of an `{all V}` list are named; the rest are counted.
    package static let listLimit = 5

    /// Rows of values in the order a reader expects: numbers by value, and the
    /// numbered parts of ids too (`7.2` before `13.2`, `16.7` before `16.10`).
    package static func naturalOrder(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            guard case .id(let p) = x, case .id(let q) = y else { return x < y }
            return p.compare(q, options: .numeric) == .orderedAscending
        }
        return a.count < b.count
    }

    /// "a, b and c"; "a, b, c, d, e and 3 more" past the limit.
    package static func list(_ items: [String]) -> String {
        let shown = items.prefix(listLimit)
        let rest = items.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        guard let last = shown.last else { return "" }
        return shown.count == 1 ? last : shown.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The id under which an entity with this value is declared.
    package static func key(_ value: Value) -> String {
        switch value {
        case .integer(let number): String(number)
        case .text(let text): text
        case .id(let id): id
        case .quantity: value.description
        }
    }

    /// Characters of a text value a message shows: a finding's message is its
    /// own string, so a 4 MB text named in a thousand findings' messages would
    /// be 4 GB; the value itself is shared, and shown whole in JSON.
    package static let messageTextLimit = 200

    /// Targets, goals and indicators with their titles: `13.2 (Climate measures)`;
    /// a long text cut to its start and its length.
    package static func display(_ value: Value, type: ValueType?, program: CheckedProgram) -> String {
        if case .text(let text) = value, text.utf8.count > messageTextLimit {
            return String(text.prefix(messageTextLimit - 40)) + "… (\(text.utf8.count) bytes)"
        }
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
            case .text: return "\"\(traced(value))\""
            default: return key(value)
            }
        }
        return "\(relation)(\(shown.joined(separator: ", ")))"
    }

    /// Characters of a text value a trace shows: a trace repeats its premises'
    /// values in every finding that reads them, so a 4 MB text read by a
    /// thousand findings is cut here; the declaration holds it whole.
    package static let traceTextLimit = 1_000

    /// A value as a trace shows it: its key, a long text cut to its start and its length.
    package static func traced(_ value: Value) -> String {
        guard case .text(let text) = value, text.utf8.count > traceTextLimit else { return key(value) }
        return String(text.prefix(traceTextLimit - 40)) + "… (\(text.utf8.count) bytes)"
    }
}
