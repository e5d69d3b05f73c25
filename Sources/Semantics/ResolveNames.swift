import Diagnostics
import Syntax

/// Pass 2: every reference inside a declaration names something declared.
enum ResolveNames {
    static func run(_ context: inout CheckContext) {
        resolveCatalogue(&context)
        resolveAnchors(&context)
        resolveInteractions(&context)
        resolveResolutions(&context)
        resolveKinds(&context)
        resolveProfiles(&context)
        resolveMeasures(&context)
        checkImplementsCycles(&context)
        checkLevelCycles(&context)
        Accounts.check(&context)
    }

    /// Indicator aliases' targets, retired ids and what replaced them, and levels.
    private static func resolveCatalogue(_ context: inout CheckContext) {
        for (alias, _) in context.aliases {
            let target = Name(alias.value.split(separator: ".").prefix(2).joined(separator: "."), alias.span)
            context.resolve(.target, target)
        }
        // A retired id is not also a current one, and what replaces it is.
        for retired in context.program.retiredIndicators.values.sorted(by: { $0.span.start < $1.span.start }) {
            if let current = context.program.entity(.indicator, retired.id) {
                context.report(
                    .duplicate("indicator", retired.id, at: retired.span, first: current.span))
            }
            if let successor = context.goals.lazy.flatMap(\.targets).flatMap(\.indicators)
                .first(where: { $0.retired && $0.id.value == retired.id })?.successor
            {
                context.resolve(.indicator, successor)
            }
        }
        for level in context.levels {
            if let below = level.below { context.resolve(.level, below) }
        }
    }

    /// The countries of anchors; one anchor per principle, country and article.
    private static func resolveAnchors(_ context: inout CheckContext) {
        // One anchor per principle, country and article: a repeated one would be listed twice.
        var anchors: [String: Span] = [:]
        for principle in context.principles {
            for item in principle.items {
                guard case .enshrined(let country, let reference, _, _, _) = item.kind else { continue }
                context.resolve(.country, country)
                let key = "\(principle.id.value)\u{0}\(country.value)\u{0}\(reference.value)"
                if let first = anchors[key] {
                    context.report(
                        .duplicate(
                            "anchor of `\(principle.id.value)` in", "\(country.value)` at `\(reference.value)", at: item.span,
                            first: first))
                } else {
                    anchors[key] = item.span
                }
            }
        }
    }

    /// The targets of interactions, their scores, and one statement of each pair per file.
    private static func resolveInteractions(_ context: inout CheckContext) {
        // One file states each directed pair once; a later file may override it.
        var stated: [StatedPair: Span] = [:]
        stated.reserveCapacity(context.interactions.count)
        // A reported pair may be stated once per sign (a synergy and a trade-off), beside a score.
        // The targets once, not per name: an interaction base names thousands.
        let targets = context.program.entities[.target] ?? [:]
        let trusted = context.checksStandardLibrary ? [] : Set(context.scopes.filter(\.value.isStandardLibrary).keys)
        for interaction in context.interactions where !trusted.contains(interaction.span.file) {
            let key = StatedPair(
                file: interaction.span.file, from: interaction.from.value, to: interaction.to.value,
                sign: interaction.reported?.value)
            if let first = stated[key] {
                let sign = interaction.reported.map { " " + $0.value.rawValue } ?? ""
                context.report(
                    .duplicate(
                        sign.isEmpty ? "interaction" : "reported interaction",
                        "\(interaction.from.value) -> \(interaction.to.value)\(sign)", at: interaction.span, first: first))
            } else {
                stated[key] = interaction.span
            }
            if targets[interaction.from.value] == nil { context.resolve(.target, interaction.from) }
            if targets[interaction.to.value] == nil { context.resolve(.target, interaction.to) }
            if let score = interaction.score, !(-3...3).contains(score.value) {
                context.report(.scoreOutOfRange(score))
            }
        }
    }

    /// What resolutions' items name: levels, jurisdictions, parents, goals in scope.
    private static func resolveResolutions(_ context: inout CheckContext) {
        for resolution in context.resolutions {
            for item in resolution.items {
                switch item.kind {
                case .level(let level):
                    context.resolve(.level, level)
                case .jurisdiction(let country):
                    context.resolve(.country, country)
                case .implements(let parents), .recalls(let parents):
                    for parent in parents { context.resolve(.resolution, parent) }
                case .adopted(let date):
                    if !CalendarDate.isValid(date.value) { context.report(.invalidDate(date)) }
                case .account(let account):
                    context.resolve(.indicator, account.indicator)
                    for target in account.monitoredTargets { context.resolve(.target, target) }
                case .scope(let goals):
                    for goal in goals { context.resolve(.goal, Name(String(goal.value), goal.span)) }
                default:
                    break
                }
            }
        }
    }

    /// What kinds map to and offset, and their rationales.
    private static func resolveKinds(_ context: inout CheckContext) {
        for kind in context.kinds {
            for item in kind.items {
                switch item.kind {
                case .maps(let relation, let subjects, let because, _):
                    for subject in subjects { context.resolve(relation.value == "restricts" ? .principle : .target, subject) }
                    if isBlank(because.value) {
                        context.report(.blankText(because, what: "the rationale of a mapping", help: "say why a measure of the kind has this effect"))
                    }
                case .offsets(let other, let targets, let because, _):
                    context.resolve(.kind, other)
                    for target in targets { context.resolve(.target, target) }
                    if isBlank(because.value) {
                        context.report(.blankText(because, what: "the rationale of an offset", help: "say how this kind makes good the other's effect"))
                    }
                case .terms(let list):
                    resolveLanguage(list, &context)
                case .definition:
                    break
                }
            }
        }
    }

    /// A profile's subject is a target or a kind; its terms are in a language `lumen suggest` reads.
    private static func resolveProfiles(_ context: inout CheckContext) {
        for profile in context.profiles {
            let isTarget = profile.subject.value.first?.isNumber ?? false
            context.resolve(isTarget ? .target : .kind, profile.subject)
            for list in profile.terms { resolveLanguage(list, &context) }
        }
    }

    private static func resolveLanguage(_ list: TermList, _ context: inout CheckContext) {
        guard let language = list.language, SuggestionProfile.language(language.value) == nil else { return }
        context.report(.unknownLanguage(language))
    }

    /// What measures advance, undermine, restrict, name and reject, with their reasons.
    private static func resolveMeasures(_ context: inout CheckContext) {
        for (_, measure) in context.measures {
            for item in measure.items {
                switch item.kind {
                case .advances(let targets), .undermines(let targets):
                    for target in targets { context.resolve(.target, target) }
                case .restricts(let principle, let justification):
                    context.resolve(.principle, principle)
                    if let justification, isBlank(justification.value) {
                        context.report(
                            .blankText(
                                justification, what: "the justification of restricting `\(principle.value)`",
                                help: "say why the restriction is needed, or remove `justified` to have it reported as unjustified"))
                    }
                case .indicators(let indicators):
                    for indicator in indicators { context.resolve(.indicator, indicator) }
                case .kinds(let kinds):
                    for kind in kinds { context.resolve(.kind, kind) }
                case .rejects(let relation, let subject, let reason):
                    context.resolve(relation.value == "restricts" ? .principle : .target, subject)
                    if isBlank(reason.value) {
                        context.report(
                            .blankText(
                                reason, what: "the reason for rejecting `\(relation.value) \(subject.value)`",
                                help: "say why the mapping does not hold for this measure"))
                    }
                case .suggested(let relation, let subject, _):
                    context.resolve(relation.value == "kind" ? .kind : .target, subject)
                case .effect(let indicator, _, _, _):
                    context.resolve(.indicator, indicator)
                case .implements(let other):
                    context.resolve(.measure, other)
                case .cost:
                    break
                case .description, .tags, .paragraph:
                    break
                }
            }
        }
    }

    /// True for a text with nothing but white space (or nothing at all).
    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// Reports a cycle of `below` between levels once, at the level declared last in it.
    private static func checkLevelCycles(_ context: inout CheckContext) {
        var above: [String: Name] = [:]
        for level in context.levels {
            if let below = level.below { above[level.id.value] = below }
        }
        var reported: Set<String> = []
        for level in context.levels {
            // Each level has at most one level above it: follow the chain until it ends or repeats.
            var chain = [level.id.value]
            var seen: Set<String> = [level.id.value]
            var next = above[level.id.value]
            while let step = next, !seen.contains(step.value) {
                chain.append(step.value)
                seen.insert(step.value)
                next = above[step.value]
            }
            guard let closing = next, closing.value == level.id.value, reported.isDisjoint(with: chain) else { continue }
            reported.formUnion(chain)
            context.report(.levelCycle(closing, cycle: chain + [level.id.value]))
        }
    }

    /// Reports each cycle of `implements` once, at the edge that closes it.
    private static func checkImplementsCycles(_ context: inout CheckContext) {
        var parents: [String: [Name]] = [:]
        var order: [String] = []
        for resolution in context.resolutions {
            order.append(resolution.id.value)
            for item in resolution.items {
                if case .implements(let ids) = item.kind { parents[resolution.id.value, default: []] += ids }
            }
        }
        let known = Set(order)
        // Iterative depth-first search with colours: 0 new, 1 on the stack, 2 done.
        var colour: [String: Int] = [:]
        for root in order where colour[root] == nil {
            var stack: [(node: String, next: Int)] = [(root, 0)]
            var path: [String] = [root]
            colour[root] = 1
            while let top = stack.last {
                let edges = parents[top.node] ?? []
                if top.next >= edges.count {
                    colour[top.node] = 2
                    stack.removeLast()
                    path.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let parent = edges[top.next]
                switch colour[parent.value] ?? 0 {
                case 0 where known.contains(parent.value):
                    colour[parent.value] = 1
                    stack.append((parent.value, 0))
                    path.append(parent.value)
                case 1:
                    let start = path.firstIndex(of: parent.value) ?? 0
                    context.report(.implementsCycle(parent, cycle: Array(path[start...]) + [parent.value]))
                default:
                    break
                }
            }
        }
    }
}

/// A directed pair as one file states it: once scored, once per reported sign.
private struct StatedPair: Hashable {
    let file: Int
    let from: String
    let to: String
    let sign: ReportedSign?
}
