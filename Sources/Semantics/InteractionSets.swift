import Diagnostics
import Syntax

/// Where a loaded file's interactions apply: what the loader knows of a file
/// that the checker needs to scope them.
package struct FileScope: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// The standard library, a `--rules` pack, a pack of the project file.
        case everywhere
        /// A pack of the standard library that a draft turned on with `use pack`.
        case pack(String)
        /// A draft (or a file it uses).
        case draft
    }

    package var kind: Kind
    /// The files this file `use`s, by file number.
    package var uses: [Int] = []
    /// The packs this file turns on with `use pack`, with the place it says so.
    package var packs: [Located<String>] = []
    /// The path shown for the file (a set named after the file uses it).
    package var path: String = ""

    package init(kind: Kind, uses: [Int] = [], packs: [Located<String>] = [], path: String = "") {
        self.kind = kind
        self.uses = uses
        self.packs = packs
        self.path = path
    }
}

/// The scored interactions that apply to each resolution.
///
/// Interaction data is specific to a context, so it applies only where it is
/// turned on:
/// - declared in the standard library, a `--rules` pack or a pack the project
///   file names: to every resolution (`interaction(From, To, Score)`);
/// - declared in a pack that a draft turns on with `use pack`: to the resolutions
///   of that draft and of the drafts that `use` it (`pack-interaction`);
/// - declared in a draft: to its own resolutions and those of the drafts that
///   `use` it; a draft that no resolution sees (a file of interactions only, such
///   as a cross-impact matrix) applies everywhere.
///
/// Each resolution gets one named set (`interaction-set(R, Set)`) whose scores
/// (`interaction-in(Set, From, To, Score)`) follow that precedence: a draft's own
/// score for a directed pair replaces its packs', which replaces the default's;
/// within one level the later declaration wins. Resolutions that turn on nothing
/// share the set `default-interactions`. Sets, not resolutions, hold the scores, so a corpus
/// of a thousand drafts using one pack holds its matrix once.
enum InteractionSets {
    static let defaultSet = "default-interactions"

    /// The facts of the interaction relations, and the sources of the pairs that
    /// apply everywhere (for the catalogue).
    static func lower(
        interactions: [InteractionDecl], resolutions: [ResolutionDecl], scopes: [Int: FileScope],
        add: (String, [Value], Span) -> Void
    ) -> [String: String] {
        func scope(_ file: Int) -> FileScope { scopes[file] ?? FileScope(kind: .draft, path: "<file \(file)>") }

        // Every file that sees a file's declarations: itself and, transitively, those that use it.
        var files = Set(interactions.map(\.span.file)).union(resolutions.map(\.id.span.file))
        for (file, entry) in scopes where entry.kind == .draft { files.insert(file) }
        var closure: [Int: [Int]] = [:]
        for file in files.sorted() {
            var seen: Set<Int> = [file]
            var order = [file]
            var next = 0
            while next < order.count {
                for used in scope(order[next]).uses where seen.insert(used).inserted { order.append(used) }
                next += 1
            }
            closure[file] = order
        }
        let filesWithResolutions = Set(resolutions.map(\.id.span.file))
        var seenBy: [Int: Set<Int>] = [:]
        for file in filesWithResolutions {
            for used in closure[file] ?? [file] { seenBy[used, default: []].insert(file) }
        }

        // Each interaction's level; the later declaration of a pair wins within a level.
        var everywhere: [String: InteractionDecl] = [:]
        var everywhereOrder: [String] = []
        var byPack: [String: [String: InteractionDecl]] = [:]
        var byFile: [Int: [String: InteractionDecl]] = [:]
        var sources: [String: String] = [:]
        for interaction in interactions {
            let key = "\(interaction.from.value)->\(interaction.to.value)"
            let file = interaction.span.file
            switch scope(file).kind {
            case .pack(let name):
                byPack[name, default: [:]][key] = interaction
                add("pack-interaction", values(interaction, first: .id(name)), interaction.span)
            case .draft where seenBy[file] != nil:
                byFile[file, default: [:]][key] = interaction
            case .everywhere, .draft:
                if everywhere.updateValue(interaction, forKey: key) == nil { everywhereOrder.append(key) }
            }
        }
        for key in everywhereOrder {
            guard let interaction = everywhere[key] else { continue }
            if let source = interaction.source { sources[key] = source.value }
            add("interaction", values(interaction), interaction.span)
        }

        // One set per distinct combination of packs and own files; its scores once.
        var emitted: Set<String> = []
        for resolution in resolutions {
            let file = resolution.id.span.file
            let seen = closure[file] ?? [file]
            let own = seen.filter { byFile[$0] != nil }
            var packs: [String: Span] = [:]
            for used in seen {
                for pack in scope(used).packs where byPack[pack.value] != nil && packs[pack.value] == nil {
                    packs[pack.value] = pack.span
                }
            }
            let ownPaths = own.map { scope($0).path }.sorted()
            let name = packs.isEmpty && own.isEmpty ? defaultSet : (packs.keys.sorted() + ownPaths).joined(separator: " + ")
            // The set's fact points at what turned it on: the first `use pack`, else the resolution.
            let turnedOn = packs.keys.sorted().first.flatMap { packs[$0] } ?? resolution.id.span
            add("interaction-set", [.id(resolution.id.value), .id(name)], turnedOn)
            guard emitted.insert(name).inserted else { continue }
            var scores = everywhere
            for pack in packs.keys.sorted() { scores.merge(byPack[pack] ?? [:]) { _, new in new } }
            for ownFile in own.sorted() { scores.merge(byFile[ownFile] ?? [:]) { _, new in new } }
            for key in scores.keys.sorted() {
                guard let interaction = scores[key] else { continue }
                add("interaction-in", values(interaction, first: .id(name)), interaction.span)
            }
        }
        return sources
    }

    private static func values(_ interaction: InteractionDecl, first: Value? = nil) -> [Value] {
        [first].compactMap { $0 }
            + [.id(interaction.from.value), .id(interaction.to.value), .integer(interaction.score.value)]
    }
}
