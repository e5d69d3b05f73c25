import Diagnostics
import Syntax

/// Pass 6: turns declarations into facts of the built-in relations, collects
/// the checked rules, and warns about declared relations that stay empty.
///
/// Each fact keeps the span of the words that state it (the target id in an
/// `advances` list, the measure's id for `in`), so that a trace points at them.
enum Lower {
    static func run(_ context: inout CheckContext) {
        var facts: [Fact] = []
        func add(_ relation: String, _ values: [Value], _ span: Span) {
            facts.append(Fact(relation: relation, values: values, span: span))
        }
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
        for level in context.levels {
            if let below = level.below {
                add("level-below", [.id(level.id.value), .id(below.value)], below.span)
            }
        }
        for country in context.countries {
            add("country", [.id(country.id.value)], country.id.span)
        }
        for kind in context.kinds {
            let k = Value.id(kind.id.value)
            var info = KindInfo(id: kind.id.value, name: kind.title?.value ?? kind.id.value)
            for item in kind.items {
                switch item.kind {
                case .definition(let text): info.definition = text.value
                case .terms(let terms): info.terms += terms.map(\.value)
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
        for principle in context.principles {
            let p = Value.id(principle.id.value)
            add("principle", [p], principle.id.span)
            for item in principle.items {
                switch item.kind {
                case .enshrined(let country, let reference, let document, let note):
                    add("enshrined", [p, .id(country.value), .text(reference.value)], item.span)
                    context.program.anchors.append(
                        Anchor(
                            principle: principle.id.value, country: country.value, reference: reference.value,
                            document: document?.value, note: note?.value))
                case .description(let text):
                    context.program.descriptions[principle.id.value] = text.value
                }
            }
        }
        for interaction in context.interactions {
            if let source = interaction.source { context.program.factNotes[interaction.span] = "source: \(source.value)" }
        }
        context.program.interactionSources = InteractionSets.lower(
            interactions: context.interactions, resolutions: context.resolutions, scopes: context.scopes, add: add)
        var measuresByResolution: [String: [MeasureDecl]] = [:]
        for (resolution, measure) in context.measures { measuresByResolution[resolution, default: []].append(measure) }
        for resolution in context.resolutions {
            let r = Value.id(resolution.id.value)
            add("resolution", [r], resolution.id.span)
            for item in resolution.items {
                switch item.kind {
                case .level(let level): add("level", [r, .id(level.value)], level.span)
                case .implements(let parents):
                    for parent in parents { add("implements", [r, .id(parent.value)], parent.span) }
                case .scope(let goals):
                    for goal in goals { add("scope", [r, .integer(goal.value)], goal.span) }
                case .measure(let measure):
                    lower(measure, in: resolution.id.value, add)
                case .description:
                    break
                }
            }
        }
        facts += context.clauseFacts
        // Facts that name something undeclared were reported already; keep the rest.
        context.program.facts = facts.filter { fact in isResolved(fact, context.program) }
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
        warnAboutEmptyRelations(&context)
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
            case .tags(let tags):
                for tag in tags { add("tag", [m, .id(tag.value)], tag.span) }
            case .description:
                break
            }
        }
    }

    /// True when every id of the fact names a declared thing of its column's type.
    private static func isResolved(_ fact: Fact, _ program: CheckedProgram) -> Bool {
        guard let schema = program.relations[fact.relation], schema.arity == fact.values.count else { return false }
        for (value, type) in zip(fact.values, schema.columns) {
            switch (value, type) {
            case (.id(let id), .target), (.id(let id), .indicator), (.id(let id), .principle),
                (.id(let id), .country), (.id(let id), .resolution), (.id(let id), .measure), (.id(let id), .kind),
                (.id(let id), .level):
                if program.entity(type, id) == nil { return false }
            case (.integer(let number), .goal):
                if program.entity(.goal, String(number)) == nil { return false }
            default:
                break
            }
        }
        return true
    }

    private static func warnAboutEmptyRelations(_ context: inout CheckContext) {
        var populated: Set<String> = []
        for fact in context.program.facts { populated.insert(fact.relation) }
        for clause in context.clauses { populated.insert(clause.head.relation.value) }
        for relation in context.relationDecls where !populated.contains(relation.name.value) {
            guard context.program.relations[relation.name.value]?.declaredAt == relation.name.span else { continue }
            context.report(.emptyRelation(relation.name))
        }
    }
}
