import Diagnostics
import Syntax

/// Pass 1: records every declared id (reporting duplicates and misplaced
/// targets and indicators) and every declared relation.
enum CollectDeclarations {
    static func run(_ context: inout CheckContext) {
        var ruleIDs: [String: Span] = [:]
        for unit in context.units {
            var interactions: [InteractionDecl] = []
            for declaration in unit.declarations {
                switch declaration {
                case .use, .test:
                    // Tests are checked one by one by `lumen test`, each with its own declarations.
                    break
                case .goal(let goal):
                    collect(goal, &context)
                case .principle(let principle):
                    context.principles.append(principle)
                    context.declare(.principle, principle.id.value, title: principle.title?.value, span: principle.id.span)
                case .country(let country):
                    context.countries.append(country)
                    context.declare(.country, country.id.value, title: country.title?.value, span: country.id.span)
                case .kind(let kind):
                    context.kinds.append(kind)
                    context.declare(.kind, kind.id.value, title: kind.title?.value, span: kind.id.span)
                case .profile(let profile):
                    context.profiles.append(profile)
                case .level(let level):
                    context.levels.append(level)
                    context.declare(.level, level.id.value, title: level.title?.value, span: level.id.span)
                case .interaction(let interaction):
                    interactions.append(interaction)
                case .resolution(let resolution):
                    collect(resolution, &context)
                case .relation(let relation):
                    collect(relation, &context)
                case .clause(let clause):
                    context.clauses.append(clause)
                case .absent(let absent):
                    context.absentDecls.append(absent)
                case .unit(let unit):
                    context.unitDecls.append(unit)
                case .rule(let rule):
                    if let first = ruleIDs[rule.id.value] {
                        context.report(.duplicate("rule", rule.id.value, at: rule.id.span, first: first))
                    } else {
                        ruleIDs[rule.id.value] = rule.id.span
                    }
                    context.ruleDecls.append(rule)
                }
            }
            // The scanned interactions go among the unit's others, in file order; alone,
            // they are kept as the unit holds them, not copied.
            if unit.scannedInteractions.isEmpty {
                context.interactions.append(file: interactions)
            } else if interactions.isEmpty {
                context.interactions.append(file: unit.scannedInteractions)
            } else {
                context.interactions.append(
                    file: (interactions + unit.scannedInteractions).sorted { $0.span.start < $1.span.start })
            }
        }
    }

    private static func collect(_ goal: GoalDecl, _ context: inout CheckContext) {
        context.goals.append(goal)
        context.declare(.goal, String(goal.number.value), title: goal.title?.value, span: goal.number.span)
        for target in goal.targets {
            if target.id.value.split(separator: ".").first != Substring(String(goal.number.value)) {
                context.report(.misplacedTarget(target.id, goal: goal.number.value))
            }
            context.declare(.target, target.id.value, title: target.title?.value, span: target.id.span)
            for indicator in target.indicators {
                if indicator.id.value.split(separator: ".").prefix(2).joined(separator: ".") != target.id.value {
                    context.report(.misplacedIndicator(indicator.id, target: target.id.value))
                }
                if indicator.retired {
                    if let first = context.program.retiredIndicators[indicator.id.value] {
                        context.report(.duplicate("retired indicator", indicator.id.value, at: indicator.id.span, first: first.span))
                    }
                    context.program.retiredIndicators[indicator.id.value] = RetiredIndicator(
                        id: indicator.id.value, note: indicator.title?.value ?? "", successor: indicator.successor?.value,
                        span: indicator.id.span)
                    continue
                }
                context.declare(.indicator, indicator.id.value, title: indicator.title?.value, span: indicator.id.span)
                for alias in indicator.aliases {
                    context.declare(.indicator, alias.value, title: indicator.title?.value, span: alias.span)
                    context.aliases.append((alias, indicator.id.value))
                }
            }
        }
    }

    /// The ids a JSON or CSV draft declares follow the language's form (a `.lumen`
    /// file's lexer already made sure of it): an id is never a place for a line
    /// break, a formula or markup that a report would carry.
    private static func checkIdentifier(_ name: Name, _ what: String, _ context: inout CheckContext) -> Bool {
        guard !Lexer.isIdentifier(name.value) else { return true }
        context.report(
            Diagnostic(
                .invalidDraftFile, "`\(DisplayWidth.printable(name.value))` is not a valid \(what) id", at: Label(name.span),
                help: "ids are lower-case letters, digits and `_`, with single dashes between them, as in `city-energy`"))
        return false
    }

    private static func collect(_ resolution: ResolutionDecl, _ context: inout CheckContext) {
        guard checkIdentifier(resolution.id, "resolution", &context) else { return }
        for item in resolution.items {
            switch item.kind {
            case .measure(let measure): _ = checkIdentifier(measure.id, "measure", &context)
            default: break
            }
        }
        context.resolutions.append(resolution)
        context.declare(.resolution, resolution.id.value, title: resolution.title?.value, span: resolution.id.span)
        for item in resolution.items {
            guard case .measure(let measure) = item.kind else { continue }
            let id = "\(resolution.id.value).\(measure.id.value)"
            context.declare(.measure, id, title: measure.title?.value, span: measure.id.span, what: "measure")
            context.measures.append((resolution.id.value, measure))
        }
        for item in resolution.items {
            guard case .account(let account) = item.kind else { continue }
            collectIndicator(account, of: resolution.id.value, &context)
        }
    }

    /// A local indicator is declared by the account that gives its title and
    /// targets; other accounts name it. One of the global framework takes both
    /// from the catalogue.
    private static func collectIndicator(_ account: AccountDecl, of resolution: String, _ context: inout CheckContext) {
        let id = account.indicator
        let monitors = account.items.filter { if case .monitors = $0.kind { true } else { false } }
        guard account.isLocal else {
            if let title = account.title {
                context.report(
                    .invalidLocalIndicator(
                        title.span, "\(id.value) is an indicator of the global framework; its title comes from the catalogue",
                        help: "remove the title, or give a local indicator a name of its own, as in `indicator cycling-share \"...\"`"))
            }
            for item in monitors {
                context.report(
                    .invalidLocalIndicator(
                        item.span, "\(id.value) is an indicator of the global framework; the catalogue says which targets it monitors",
                        help: "remove `monitors`; `lumen catalog \(id.value)` shows its targets"))
            }
            return
        }
        guard account.title != nil || !monitors.isEmpty else { return }
        guard checkIdentifier(id, "indicator", &context) else { return }
        if context.program.entity(.indicator, id.value) != nil {
            context.declare(.indicator, id.value, title: nil, span: id.span, what: "local indicator")
            return
        }
        context.declare(.indicator, id.value, title: account.title?.value, span: id.span, what: "local indicator")
        if account.title == nil {
            context.report(
                .invalidLocalIndicator(
                    id.span, "local indicator `\(id.value)` has no title",
                    help: "say what it measures: `indicator \(id.value) \"What it measures\" { ... }`"))
        }
        if monitors.isEmpty {
            context.report(
                .invalidLocalIndicator(
                    id.span, "local indicator `\(id.value)` names no target it monitors",
                    help: "add the target it follows, as in `monitors 11.2`"))
        } else if monitors.count > 1 {
            context.report(
                .invalidLocalIndicator(
                    monitors[1].span, "local indicator `\(id.value)` has two `monitors` items",
                    help: "list its targets in one item: `monitors 11.2, 11.6`"))
        }
        context.localIndicators.append(LocalIndicator(id: id, resolution: resolution, targets: account.monitoredTargets))
    }

    private static func collect(_ relation: RelationDecl, _ context: inout CheckContext) {
        if let existing = context.program.relations[relation.name.value] {
            if let first = existing.declaredAt {
                context.report(.duplicate("relation", relation.name.value, at: relation.name.span, first: first))
            } else {
                context.report(.builtinRedeclared(relation.name, existing))
            }
            return
        }
        var types: [ValueType] = []
        var valid = true
        for column in relation.columns {
            if let type = ValueType(rawValue: column.type.value) {
                types.append(type)
            } else {
                valid = false
                let suggestion = EditDistance.suggestion(
                    for: column.type.value, among: ValueType.allCases.map(\.rawValue))
                context.report(.unknownType(column.type, suggestion: suggestion))
            }
        }
        context.relationDecls.append(relation)
        guard valid else { return }
        context.program.relations[relation.name.value] = RelationSchema(
            name: relation.name.value, columns: types, columnNames: relation.columns.map { $0.name?.value },
            declaredAt: relation.name.span, summary: "")
        context.program.relationOrder.append(relation.name.value)
    }
}

/// An indicator a draft declares for itself, with the resolution that declares
/// it and the targets it monitors.
struct LocalIndicator {
    let id: Name
    let resolution: String
    let targets: [Name]
}

