import Diagnostics
import Syntax

/// Something declared with an id: a goal, target, measure, ...
package struct Entity: Sendable, Equatable {
    package let type: ValueType
    package let id: String
    package let title: String?
    /// The id's span in its declaration (what a finding anchored here points at).
    package let span: Span
}

/// A kind of measure: its name, definition, terms and mappings.
package struct KindInfo: Sendable, Equatable {
    package let id: String
    package let name: String
    package var definition = ""
    package var terms: [String] = []
    package var mappings: [KindMapping] = []
}

/// Words and phrases that suggest a target or a kind to `lumen suggest`, by
/// language (`en`, `fr`), from its `profile` declarations and a kind's `terms`.
package struct SuggestionProfile: Sendable, Equatable {
    package var terms: [String: [String]] = [:]

    package init(terms: [String: [String]] = [:]) {
        self.terms = terms
    }

    /// The code of a language the suggester reads, from how a list names it.
    package static func language(_ name: String) -> String? {
        ["en": "en", "fr": "fr"][name]
    }
}

/// `advances 13.2 because "..." source "..."` in a kind: what every measure of
/// the kind is taken to do, and why.
package struct KindMapping: Sendable, Equatable {
    /// `advances`, `undermines`, `restricts` or `offsets`.
    package let relation: String
    /// A target id, or a principle id for `restricts`.
    package let subject: String
    package let rationale: String
    package let source: String?
    package let span: Span
    /// For `offsets`: the kind whose undermining of `subject` this kind offsets.
    package var offsetKind: String? = nil
}

/// Where a country's constitution enshrines a principle.
package struct Anchor: Sendable, Equatable {
    package let principle: String
    package let country: String
    package let reference: String
    package let document: String?
    package let note: String?
    /// What the anchor was checked against (`checked "..."`), if it was.
    package var checked: String? = nil
}

/// A ground fact with the place that declared it.
package struct Fact: Sendable, Equatable {
    package let relation: String
    package let values: [Value]
    package let span: Span
}

/// How a trace says that a fact of a relation does not hold (an `absent`
/// declaration after checking).
package struct AbsenceWording: Sendable, Equatable {
    /// The pattern's variable for each column (nil for `_`).
    package let columns: [String?]
    package let text: MessageTemplate
    /// What holds instead: a text per row of the body, the pattern's values bound.
    package let insteadText: MessageTemplate?
    package let insteadBody: [Literal]
    package let variableTypes: [String: ValueType]
}

/// A Datalog rule (`head :- body.`) after checking, with its variables' types.
package struct CheckedClause: Sendable, Equatable {
    package let clause: Clause
    package let variableTypes: [String: ValueType]
}

/// A reporting rule after checking.
package struct CheckedRule: Sendable, Equatable {
    package let rule: RuleDecl
    package let variableTypes: [String: ValueType]
    /// The variables that identify a finding: those of the message, then the
    /// anchor, each once, in order of appearance.
    package let subjects: [Name]
    /// The relation the engine derives the rule's findings into, one column per
    /// subject. Built here alone; it cannot clash with a declared relation, since
    /// `:` is not a character of names.
    package let findingRelation: String

    package init(rule: RuleDecl, variableTypes: [String: ValueType]) {
        self.rule = rule
        self.variableTypes = variableTypes
        var seen: Set<String> = []
        subjects = (rule.message.value.placeholders + [rule.anchor]).filter { seen.insert($0.value).inserted }
        findingRelation = "rule:" + rule.id.value
    }
}

/// An indicator id that a past edition of the framework used and the current
/// one does not: what became of it, and the id to name now if there is one.
package struct RetiredIndicator: Sendable, Equatable {
    package let id: String
    package let note: String
    package let successor: String?
    package let span: Span
}

/// What an interaction's declaration says about where it comes from.
package struct InteractionNote: Sendable, Equatable {
    /// The sign of a reported effect (`trade-off`), nil for a score.
    package let sign: String?
    package let evidence: Int?
    package let source: String?
}

/// The notes of a program's interactions by the span of each declaration:
/// spans in order beside the number of their note, found by binary search. The
/// default base has thousands of interactions and a few distinct notes (lines
/// of one base share a source): each note is kept once, and a table costs no
/// hashing to build.
package struct InteractionNotes: Sendable {
    private var spans: [Span] = []
    private var numbers: [Int32] = []
    private var notes: [InteractionNote] = []

    package init() {}

    /// Notes added one declaration at a time, in any order.
    package struct Builder {
        private var spans: [Span] = []
        private var numbers: [Int32] = []
        private var notes: [InteractionNote] = []

        package init(capacity: Int) {
            spans.reserveCapacity(capacity)
            numbers.reserveCapacity(capacity)
        }

        /// The note of the declaration at `span`. A note equal to the last one
        /// added is kept once (declarations of one base come in runs).
        package mutating func add(_ note: InteractionNote, at span: Span) {
            if notes.last != note { notes.append(note) }
            spans.append(span)
            numbers.append(Int32(truncatingIfNeeded: notes.count - 1))
        }

        package func build() -> InteractionNotes {
            var built = InteractionNotes()
            built.notes = notes
            var sorted = true
            for index in spans.indices.dropFirst() where !(spans[index - 1] < spans[index]) {
                sorted = false
                break
            }
            if sorted {
                (built.spans, built.numbers) = (spans, numbers)
            } else {
                let order = spans.indices.sorted { spans[$0] < spans[$1] }
                (built.spans, built.numbers) = (order.map { spans[$0] }, order.map { numbers[$0] })
            }
            return built
        }
    }

    package subscript(span: Span) -> InteractionNote? {
        var (low, high) = (0, spans.count)
        while low < high {
            let middle = (low + high) / 2
            if spans[middle] < span { low = middle + 1 } else { high = middle }
        }
        return low < spans.count && spans[low] == span ? notes[Int(numbers[low])] : nil
    }
}

/// The output of semantic analysis: what the engine evaluates.
package struct CheckedProgram: Sendable {
    /// Every relation, built-in and declared, by name.
    package var relations: [String: RelationSchema] = [:]
    /// Declared relations in declaration order, after the built-ins.
    package var relationOrder: [String] = []
    package var entities: [ValueType: [String: Entity]] = [:]
    /// Facts from declarations and from fact clauses, in source order.
    package var facts: [Fact] = []
    /// Datalog rules with a body.
    package var clauses: [CheckedClause] = []
    package var rules: [CheckedRule] = []
    /// Relations grouped into strata, in evaluation order.
    package var strata: [[String]] = []
    /// Descriptions of principles (and, later, other declarations), by id.
    package var descriptions: [String: String] = [:]
    /// The kinds of measure of the vocabulary, by id.
    package var kinds: [String: KindInfo] = [:]
    /// What suggests each target and kind to `lumen suggest`, by its id.
    package var profiles: [String: SuggestionProfile] = [:]
    /// Constitutional anchors with their documents and notes, in declaration order.
    package var anchors: [Anchor] = []
    /// Interactions that hold after overrides, with their sources.
    package var interactionSources: [String: String] = [:]
    /// What a trace shows beside an interaction declared at this span: its sign
    /// and evidence if reported, and its source. Kept as parts and worded when a
    /// trace asks (`factNote`), since the default base has thousands.
    package var interactionNotes = InteractionNotes()
    /// The full references of sources, from `citation` facts.
    package var citations: [String: String] = [:]
    /// The `absent` wordings, by relation.
    package var absenceWordings: [String: AbsenceWording] = [:]
    /// Indicator ids of past editions of the framework, by id.
    package var retiredIndicators: [String: RetiredIndicator] = [:]
    /// The units the program declares, and how they convert.
    package var units = UnitTable()

    package init() {}

    /// What a trace shows beside a fact declared at this span, such as the
    /// source an interaction cites, with its full reference.
    package func factNote(_ span: Span) -> String? {
        guard let note = interactionNotes[span] else { return nil }
        var parts: [String] = []
        if let sign = note.sign {
            let evidence = note.evidence.map { ", \($0) evidence \($0 == 1 ? "entry" : "entries")" } ?? ""
            parts.append("reported in the literature: \(sign)\(evidence)")
        }
        if let source = note.source {
            parts.append("source: " + source + (citations[source].map { " (\($0))" } ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    package func entity(_ type: ValueType, _ id: String) -> Entity? {
        entities[type]?[id]
    }

    /// The declared ids of one type, sorted.
    package func ids(of type: ValueType) -> [String] {
        (entities[type] ?? [:]).keys.sorted()
    }
}
