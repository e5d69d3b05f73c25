import Diagnostics
import Syntax

/// Pass 6: turns declarations into facts of the built-in relations, collects
/// the checked rules, and warns about declared relations that stay empty.
///
/// Each fact keeps the span of the words that state it (the target id in an
/// `advances` list, the measure's id for `in`), so that a trace points at them.
/// The facts a pass lowers declarations to, in the order they are stated.
private final class FactList {
    var facts: [Fact] = []

    init(capacity: Int) { facts.reserveCapacity(capacity) }

    /// The facts, leaving the list empty.
    func take() -> [Fact] {
        defer { facts = [] }
        return facts
    }

    func add(_ relation: String, _ values: [Value], _ span: Span) {
        facts.append(Fact(relation: relation, values: values, span: span))
    }
}

enum Lower {
    static func run(_ context: inout CheckContext) {
        // Room for every fact at once (an interaction lowers to one to three facts, the
        // catalogue and the anchors to thousands): growing copies what the list holds.
        let list = FactList(capacity: 3 * context.interactions.count + context.clauseFacts.count + 16_384)
        lowerCatalogue(context, list.add)
        lowerKinds(&context, list.add)
        lowerProfiles(&context)
        var enshrinedAt = lowerPrinciples(&context, list.add)
        context.program.interactionSources = InteractionSets.lower(
            interactions: context.interactions, resolutions: context.resolutions, scopes: context.scopes, add: list.add)
        lowerResolutions(context, list.add)
        Accounts.lower(context, list.add)
        // Taken out of the list, not copied: the default base alone lowers to thousands.
        var facts = list.take()
        facts += context.clauseFacts
        noteInteractionSources(facts, &context)
        // A draft may state `enshrined` facts of its own; they count too.
        for fact in context.clauseFacts where fact.relation == "enshrined" {
            guard fact.values.count == 3, case .id(let p) = fact.values[0], case .id(let c) = fact.values[1],
                case .text(let reference) = fact.values[2]
            else { continue }
            enshrinedAt["\(p)\u{0}\(c)", default: []].append((reference, fact.span))
        }
        facts += anchorSummaries(enshrinedAt, context.program)
        // Facts that name something undeclared were reported already; keep the rest.
        // Without errors every name was resolved (an unknown one is an error), and
        // the filter, thousands of lookups for an interaction base, has nothing to remove.
        if context.diagnostics.contains(where: { $0.severity == .error }) {
            let known = KnownIDs(context.program)
            context.program.facts = facts.filter { fact in known.resolves(fact) }
        } else {
            context.program.facts = facts
        }
        collectRules(&context)
        warnAboutEmptyRelations(&context)
    }

    /// Goals, targets and indicators (with their aliases and codes), levels and countries.
    private static func lowerCatalogue(_ context: CheckContext, _ add: (String, [Value], Span) -> Void) {
        for goal in context.goals {
            let g = Value.integer(goal.number.value)
            add("goal", [g], goal.number.span)
            for target in goal.targets {
                let t = Value.id(target.id.value)
                add("target", [t], target.id.span)
                add("target-of-goal", [t, g], target.id.span)
                if target.id.value.split(separator: ".").last?.first?.isLetter == true {
                    add("means-of-implementation", [t], target.id.span)
                }
                for indicator in target.indicators where !indicator.retired {
                    let i = Value.id(indicator.id.value)
                    add("indicator", [i], indicator.id.span)
                    add("indicator-of", [i, t], indicator.id.span)
                    if let code = indicator.code { add("indicator-code", [i, .text(code.value)], code.span) }
                    for alias in indicator.aliases {
                        let a = Value.id(alias.value)
                        let aliasTarget = alias.value.split(separator: ".").prefix(2).joined(separator: ".")
                        add("indicator", [a], alias.span)
                        add("indicator-of", [a, .id(aliasTarget)], alias.span)
                        add("indicator-alias", [a, i], alias.span)
                        if let code = indicator.code { add("indicator-code", [a, .text(code.value)], code.span) }
                    }
                }
            }
        }
        for local in context.localIndicators {
            let i = Value.id(local.id.value)
            add("indicator", [i], local.id.span)
            add("local-indicator", [i, .id(local.resolution)], local.id.span)
            for target in local.targets where context.program.entity(.target, target.value) != nil {
                add("indicator-of", [i, .id(target.value)], target.span)
            }
        }
        for level in context.levels {
            if let below = level.below {
                add("level-below", [.id(level.id.value), .id(below.value)], below.span)
            }
        }
        for country in context.countries {
            add("country", [.id(country.id.value)], country.id.span)
        }
    }

    /// The terms of a list, under its subject's profile.
    private static func addProfile(_ list: TermList, of subject: String, _ context: inout CheckContext) {
        guard let language = SuggestionProfile.language(list.language?.value ?? "en") else { return }
        context.program.profiles[subject, default: SuggestionProfile()].terms[language, default: []] += list.terms.map(\.value)
    }

    /// The profiles that targets and kinds are declared with.
    private static func lowerProfiles(_ context: inout CheckContext) {
        for profile in context.profiles {
            for list in profile.terms { addProfile(list, of: profile.subject.value, &context) }
        }
    }

    /// The kinds' mappings as facts, and what the catalogue shows of each kind.
    private static func lowerKinds(_ context: inout CheckContext, _ add: (String, [Value], Span) -> Void) {
        for kind in context.kinds {
            let k = Value.id(kind.id.value)
            var info = KindInfo(id: kind.id.value, name: kind.title?.value ?? kind.id.value)
            for item in kind.items {
                switch item.kind {
                case .definition(let text): info.definition = text.value
                case .terms(let list):
                    if list.language == nil || list.language?.value == "en" { info.terms += list.terms.map(\.value) }
                    addProfile(list, of: kind.id.value, &context)
                case .maps(let relation, let subjects, let because, let source):
                    for subject in subjects {
                        // The span of the subject: a trace through this mapping points at its line.
                        add("kind-" + relation.value, [k, .id(subject.value)], subject.span)
                        info.mappings.append(
                            KindMapping(
                                relation: relation.value, subject: subject.value, rationale: because.value,
                                source: source?.value, span: subject.span))
                    }
                case .offsets(let other, let targets, let because, let source):
                    for target in targets {
                        add("kind-offsets", [k, .id(other.value), .id(target.value)], target.span)
                        info.mappings.append(
                            KindMapping(
                                relation: "offsets", subject: target.value, rationale: because.value, source: source?.value,
                                span: target.span, offsetKind: other.value))
                    }
                }
            }
            context.program.kinds[kind.id.value] = info
        }
    }

    /// Principles and their anchors; returns where each principle is enshrined, by
    /// principle and country, for the summaries that findings cite.
    private static func lowerPrinciples(
        _ context: inout CheckContext, _ add: (String, [Value], Span) -> Void
    ) -> [String: [(reference: String, span: Span)]] {
        var enshrinedAt: [String: [(reference: String, span: Span)]] = [:]
        for principle in context.principles {
            let p = Value.id(principle.id.value)
            add("principle", [p], principle.id.span)
            for item in principle.items {
                switch item.kind {
                case .enshrined(let country, let reference, let document, let note, let checked):
                    add("enshrined", [p, .id(country.value), .text(reference.value)], item.span)
                    enshrinedAt["\(principle.id.value)\u{0}\(country.value)", default: []].append((reference.value, item.span))
                    context.program.anchors.append(
                        Anchor(
                            principle: principle.id.value, country: country.value, reference: reference.value,
                            document: document?.value, note: note?.value, checked: checked?.value))
                case .description(let text):
                    context.program.descriptions[principle.id.value] = text.value
                }
            }
        }
        return enshrinedAt
    }

    /// Resolutions, their items and their measures.
    private static func lowerResolutions(_ context: CheckContext, _ add: (String, [Value], Span) -> Void) {
        for resolution in context.resolutions {
            let r = Value.id(resolution.id.value)
            add("resolution", [r], resolution.id.span)
            for item in resolution.items {
                switch item.kind {
                case .level(let level): add("level", [r, .id(level.value)], level.span)
                case .jurisdiction(let country): add("jurisdiction", [r, .id(country.value)], country.span)
                case .implements(let parents):
                    for parent in parents { add("implements", [r, .id(parent.value)], parent.span) }
                case .scope(let goals):
                    for goal in goals { add("scope", [r, .integer(goal.value)], goal.span) }
                case .measure(let measure):
                    lower(measure, in: resolution.id.value, add)
                case .adopted(let date): add("adopted", [r, .text(date.value)], date.span)
                case .issuedBy(let body): add("issued-by", [r, .text(body.value)], body.span)
                case .source(let uri): add("published-at", [r, .text(uri.value)], uri.span)
                case .recalls(let others):
                    for other in others { add("recalls", [r, .id(other.value)], other.span) }
                case .description, .account:
                    // Accounts are lowered with the effects on them (Accounts.lower).
                    break
                }
            }
        }
    }

    /// The clauses and reporting rules that passed their checks, and the wordings of absences.
    private static func collectRules(_ context: inout CheckContext) {
        for (index, clause) in context.clauses.enumerated() where !clause.isFact {
            guard let types = context.clauseTypes[index], !context.unsafeClauses.contains(index) else { continue }
            context.program.clauses.append(CheckedClause(clause: clause, variableTypes: types))
        }
        for (index, rule) in context.ruleDecls.enumerated() {
            guard let types = context.ruleTypes[index], !context.unsafeRules.contains(index) else { continue }
            context.program.rules.append(CheckedRule(rule: rule, variableTypes: types))
        }
        for (index, absent) in context.absentDecls.enumerated() {
            guard let types = context.absentTypes[index] else { continue }
            let columns = absent.pattern.arguments.map { argument -> String? in
                if case .variable(let name) = argument { return name.value }
                return nil
            }
            context.program.absenceWordings[absent.pattern.relation.value] = AbsenceWording(
                columns: columns, text: absent.text.value, insteadText: absent.instead?.text.value,
                insteadBody: absent.instead?.body ?? [], variableTypes: types)
        }
    }

    /// What a trace shows beside an interaction (its sign, evidence and source),
    /// and the full references that `citation` facts give sources.
    private static func noteInteractionSources(_ facts: [Fact], _ context: inout CheckContext) {
        for fact in facts where fact.relation == "citation" {
            guard fact.values.count == 2, case .text(let source) = fact.values[0], case .text(let reference) = fact.values[1]
            else { continue }
            if context.program.citations[source] == nil { context.program.citations[source] = reference }
        }
        var notes = InteractionNotes.Builder(capacity: context.interactions.count)
        for interaction in context.interactions where interaction.source != nil || interaction.reported != nil {
            notes.add(
                InteractionNote(
                    sign: interaction.reported?.value.rawValue, evidence: interaction.evidence?.value,
                    source: interaction.source?.value),
                at: interaction.span)
        }
        context.program.interactionNotes = notes.build()
    }

    /// For every principle and every country or union, where its constitution
    /// enshrines the principle, as a finding cites it: "enshrined in Germany by
    /// Art. 10 and Art. 13 (Constitution of German Federal Republic)", or that the
    /// table has no article for it there (`enshrined-in(P, C, Where)`).
    private static func anchorSummaries(
        _ references: [String: [(reference: String, span: Span)]], _ program: CheckedProgram
    ) -> [Fact] {
        var documents: [String: String] = [:]
        var names: [String: String] = [:]
        for anchor in program.anchors {
            guard let document = anchor.document else { continue }
            // The document's name without its edition: "Constitution of Italy (2012 text, ...)" -> "Constitution of Italy".
            // A score of documents serve 458 anchors: each name is made once, searching bytes.
            let name =
                names[document]
                ?? {
                    var name = document
                    if let open = document.utf8.firstIndex(of: UInt8(ascii: "(")), open > document.startIndex {
                        name = String(document[..<open])
                        while name.last == " " { name.removeLast() }
                    }
                    names[document] = name
                    return name
                }()
            documents["\(anchor.principle)\u{0}\(anchor.country)\u{0}\(anchor.reference)"] = name
        }
        var summaries: [Fact] = []
        let countries = program.ids(of: .country).map { ($0, withArticle(program.entity(.country, $0)?.title ?? $0)) }
        for principle in program.ids(of: .principle) {
            guard let declared = program.entity(.principle, principle) else { continue }
            for (country, name) in countries {
                let found = references["\(principle)\u{0}\(country)"] ?? []
                let text: String
                if found.isEmpty {
                    text = "Lumen's table cites no article that enshrines it in \(name)"
                } else {
                    // Articles grouped by document, in declaration order.
                    var order: [String] = []
                    var byDocument: [String: [String]] = [:]
                    for entry in found {
                        let document = documents["\(principle)\u{0}\(country)\u{0}\(entry.reference)"] ?? ""
                        if byDocument[document] == nil { order.append(document) }
                        byDocument[document, default: []].append(entry.reference)
                    }
                    let parts = order.map { document -> String in
                        let articles = listed(byDocument[document] ?? [])
                        return document.isEmpty ? articles : "\(articles) of the \(document)"
                    }
                    text = "enshrined in \(name) by \(listed(parts))"
                }
                summaries.append(
                    Fact(
                        relation: "enshrined-in", values: [.id(principle), .id(country), .text(text)],
                        span: found.first?.span ?? declared.span))
            }
        }
        return summaries
    }

    /// A country's name as it reads after "in": "the European Union", "Germany".
    private static func withArticle(_ name: String) -> String {
        let first = name.split(separator: " ").first.map(String.init) ?? ""
        return ["United", "European", "African", "Republic", "Kingdom", "Federal"].contains(first) ? "the " + name : name
    }

    /// "a", "a and b", "a, b and c".
    private static func listed(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    private static func lower(_ measure: MeasureDecl, in resolution: String, _ add: (String, [Value], Span) -> Void) {
        let m = Value.id("\(resolution).\(measure.id.value)")
        add("measure", [m], measure.id.span)
        add("in", [m, .id(resolution)], measure.id.span)
        for item in measure.items {
            switch item.kind {
            case .advances(let targets):
                for target in targets { add("advances", [m, .id(target.value)], target.span) }
            case .undermines(let targets):
                for target in targets { add("undermines", [m, .id(target.value)], target.span) }
            case .restricts(let principle, let justification):
                add("restricts", [m, .id(principle.value)], item.span)
                if justification != nil { add("justifies", [m, .id(principle.value)], item.span) }
            case .indicators(let indicators):
                for indicator in indicators { add("measured-by", [m, .id(indicator.value)], indicator.span) }
            case .kinds(let kinds):
                for kind in kinds { add("kind", [m, .id(kind.value)], kind.span) }
            case .rejects(let relation, let subject, let reason):
                add("rejects-" + relation.value, [m, .id(subject.value), .text(reason.value)], item.span)
            case .suggested(let relation, let subject, let score):
                add("suggested-" + relation.value, [m, .id(subject.value), .integer(score?.value ?? 0)], item.span)
            case .tags(let tags):
                for tag in tags { add("tag", [m, .id(tag.value)], tag.span) }
            case .paragraph(let reference):
                add("paragraph", [m, .text(reference.value)], reference.span)
            case .effect:
                // With the accounts (Accounts.lower), which convert it to their units.
                break
            case .implements(let other):
                add("measure-implements", [m, .id(other.value)], other.span)
            case .cost:
                // With the accounts (Accounts.lower), which know its unit's symbol.
                break
            case .description:
                break
            }
        }
    }

    /// The declared ids by type, taken out of the program once: the facts of a
    /// large interaction base are checked thousands of times.
    private struct KnownIDs {
        let relations: [String: RelationSchema]
        let tables: [ValueType: [String: Entity]]
        let goals: [String: Entity]

        init(_ program: CheckedProgram) {
            relations = program.relations
            tables = program.entities
            goals = program.entities[.goal] ?? [:]
        }

        /// True when every id of the fact names a declared thing of its column's type.
        func resolves(_ fact: Fact) -> Bool {
            guard let schema = relations[fact.relation], schema.arity == fact.values.count else { return false }
            var table: [String: Entity] = [:]
            var tableType: ValueType?
            for (value, type) in zip(fact.values, schema.columns) {
                switch (value, type) {
                case (.id(let id), .target), (.id(let id), .indicator), (.id(let id), .principle),
                    (.id(let id), .country), (.id(let id), .resolution), (.id(let id), .measure), (.id(let id), .kind),
                    (.id(let id), .level):
                    if tableType != type {
                        table = tables[type] ?? [:]
                        tableType = type
                    }
                    if table[id] == nil { return false }
                case (.integer(let number), .goal):
                    if goals[String(number)] == nil { return false }
                default:
                    break
                }
            }
            return true
        }
    }

    private static func warnAboutEmptyRelations(_ context: inout CheckContext) {
        var populated: Set<String> = []
        // Facts of one relation come in runs: the set is asked once per run.
        var last = ""
        for fact in context.program.facts where fact.relation != last {
            last = fact.relation
            populated.insert(fact.relation)
        }
        for clause in context.clauses { populated.insert(clause.head.relation.value) }
        for relation in context.relationDecls where !populated.contains(relation.name.value) {
            guard context.program.relations[relation.name.value]?.declaredAt == relation.name.span else { continue }
            context.report(.emptyRelation(relation.name))
        }
    }
}
