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
    /// A file of the standard library built into the binary (a pack's too). Its
    /// interactions are checked by its tests (`lumen test`, the suite), not on
    /// every run: the default base states thousands.
    package var isStandardLibrary = false

    package init(kind: Kind, uses: [Int] = [], packs: [Located<String>] = [], path: String = "") {
        self.kind = kind
        self.uses = uses
        self.packs = packs
        self.path = path
    }
}

/// The interactions that apply to each resolution.
///
/// Interaction data is specific to a context, so it applies only where it is
/// turned on:
/// - declared in the standard library, a `--rules` pack or a pack the project
///   file names: to every resolution (`interaction(From, To, Score)`, and for
///   effects reported without a score `reported(From, To, Sign, Evidence, Cite)`);
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
///
/// Reported effects follow the same levels, and any score outranks them: in a
/// set that scores a pair, or reports it at a higher level, the default's reports
/// of that pair do not apply (`overridden-in(Set, From, To)`). The default's
/// reports are stated once (`reported`), a pack's or a draft's in the sets that
/// hold them (`reported-in`), so a large literature base is never copied per set.
enum InteractionSets {
    static let defaultSet = "default-interactions"

    /// The facts of the interaction relations, and the sources of the scored
    /// pairs that apply everywhere (for the catalogue).
    static func lower(
        interactions: InteractionList, resolutions: [ResolutionDecl], scopes: [Int: FileScope],
        add: (String, [Value], Span) -> Void
    ) -> [String: String] {
        // Each declaration is read once, into the few fields the sets need: the
        // default base has thousands, and a declaration is a large value to copy.
        var rows: [Row] = []
        rows.reserveCapacity(interactions.count)
        for interaction in interactions { rows.append(Row(interaction)) }
        let interactions = rows
        let visibility = Visibility(interactions: interactions, resolutions: resolutions, scopes: scopes)
        let levels = Levels(interactions: interactions, visibility: visibility, add: add)
        var cites = CiteCache()
        let sources = levels.addEverywhere(interactions, &cites, add)
        // One set per distinct combination of packs and own files; its scores once.
        var emitted: Set<String> = []
        for resolution in resolutions {
            addSet(of: resolution, interactions, levels, visibility, &emitted, &cites, add)
        }
        return sources
    }

    /// Names the set of interactions that applies to a resolution and, the
    /// first time a set appears, states its scores, its own reports, and the
    /// default reports it overrides.
    private static func addSet(
        of resolution: ResolutionDecl, _ interactions: [Row], _ levels: Levels, _ visibility: Visibility,
        _ emitted: inout Set<String>, _ cites: inout CiteCache, _ add: (String, [Value], Span) -> Void
    ) {
        let (everywhere, byPack, byFile) = (levels.everywhere, levels.byPack, levels.byFile)
        func scope(_ file: Int) -> FileScope { visibility.scope(file) }
        let closure = visibility.closure
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
        guard emitted.insert(name).inserted else { return }
        var scores = everywhere.scored
        var reports: [Pair: [Int]] = [:]
        let levels = packs.keys.sorted().compactMap { byPack[$0] } + own.sorted().compactMap { byFile[$0] }
        for level in levels {
            scores.merge(level.scored) { _, new in new }
            reports.merge(level.reportTable(interactions)) { _, new in new }
        }
        for key in scores.keys.sorted() {
            guard let index = scores[key] else { continue }
            add("interaction-in", scoredValues(interactions[index], first: .id(name)), interactions[index].span)
        }
        for key in reports.keys.sorted() where scores[key] == nil {
            for index in reports[key] ?? [] {
                add("reported-in", [.id(name)] + reportedValues(interactions[index], &cites), interactions[index].span)
            }
        }
        // The default's reports of a pair this set scores or reports itself.
        var overriding = scores
        for (key, rows) in reports where overriding[key] == nil { overriding[key] = rows.first }
        let defaultReports = everywhere.firstReports(of: Set(overriding.keys), interactions)
        for key in overriding.keys.sorted() {
            guard let first = defaultReports[key], let by = overriding[key] else { continue }
            let interaction = interactions[first]
            add("overridden-in", [.id(name), .id(interaction.from), .id(interaction.to)], interactions[by].span)
        }
    }

    /// Which files see which: each file with those it uses, transitively, and
    /// for each file the files with resolutions that see it.
    private struct Visibility {
        let scopes: [Int: FileScope]
        var closure: [Int: [Int]] = [:]
        var seenBy: [Int: Set<Int>] = [:]

        func scope(_ file: Int) -> FileScope { scopes[file] ?? FileScope(kind: .draft, path: "<file \(file)>") }

        init(interactions: [Row], resolutions: [ResolutionDecl], scopes: [Int: FileScope]) {
            self.scopes = scopes
            // Every file that sees a file's declarations: itself and, transitively, those that use it.
            var files = Set(interactions.map(\.file)).union(resolutions.map(\.id.span.file))
            for (file, entry) in scopes where entry.kind == .draft { files.insert(file) }
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
            for file in filesWithResolutions {
                for used in closure[file] ?? [file] { seenBy[used, default: []].insert(file) }
            }
        }
    }

    /// The interactions by level: everywhere, each pack's, each draft's own.
    private struct Levels {
        var everywhere = Level()
        var byPack: [String: Level] = [:]
        var byFile: [Int: Level] = [:]

        init(interactions: [Row], visibility: Visibility, add: (String, [Value], Span) -> Void) {
            func scope(_ file: Int) -> FileScope { visibility.scope(file) }
            let seenBy = visibility.seenBy
            // Each interaction's level; the later declaration of a pair wins within a level.
            everywhere.run.reserveCapacity(interactions.count)
            // Each file's scope once: a base of thousands of interactions sits in one file.
            var kinds: [Int: (kind: FileScope.Kind, trusted: Bool)] = [:]
            for index in interactions.indices {
                let file = interactions[index].file
                let kind: FileScope.Kind
                let trusted: Bool
                if let known = kinds[file] {
                    (kind, trusted) = known
                } else {
                    (kind, trusted) = (scope(file).kind, scope(file).isStandardLibrary)
                    kinds[file] = (kind, trusted)
                }
                switch kind {
                case .pack(let name):
                    byPack[name, default: Level()].insert(index, of: interactions)
                    if interactions[index].score != nil {
                        add("pack-interaction", scoredValues(interactions[index], first: .id(name)), interactions[index].span)
                    }
                case .draft where seenBy[file] != nil:
                    byFile[file, default: Level()].insert(index, of: interactions)
                case .everywhere, .draft:
                    everywhere.insert(index, of: interactions, trusted: trusted)
                }
            }
        }

        /// The facts of what applies everywhere (the default base and the
        /// standard library's); returns the sources of its scored pairs.
        func addEverywhere(
            _ interactions: [Row], _ cites: inout CiteCache, _ add: (String, [Value], Span) -> Void
        ) -> [String: String] {
            var sources: [String: String] = [:]
            for key in everywhere.scoredOrder {
                guard let index = everywhere.scored[key] else { continue }
                let interaction = interactions[index]
                if let source = interaction.source { sources["\(key.from)->\(key.to)"] = source }
                add("interaction", scoredValues(interaction), interaction.span)
            }
            for index in everywhere.reportedRows {
                add("reported", reportedValues(interactions[index], &cites), interactions[index].span)
            }
            return sources
        }
    }

    /// The interactions of one level, as indices into the declarations: scored
    /// ones by directed pair, reported ones by pair and sign, each in the order
    /// first declared. The last file that states a pair decides it: its score,
    /// or all its reports of the pair.
    ///
    /// Reported rows of the standard library are first kept as a run, while
    /// they come from one file: its tests hold each pair's reports together and
    /// their signs apart (`theDefaultBaseListsEachPairsReportsTogether`), so in
    /// file order the run is what the table by pair would give, without a lookup
    /// per row (the default base has thousands). Any other row moves the run
    /// into the table.
    private struct Level {
        var scored: [Pair: Int] = [:]
        var scoredOrder: [Pair] = []
        var reported: [Pair: [Int]] = [:]
        var reportedOrder: [Pair] = []
        var run: [Int] = []

        mutating func insert(_ index: Int, of interactions: [Row], trusted: Bool = false) {
            if interactions[index].score != nil {
                let key = Pair(interactions[index])
                if scored.updateValue(index, forKey: key) == nil { scoredOrder.append(key) }
                return
            }
            if reported.isEmpty && extendsRun(index, interactions, trusted: trusted) {
                run.append(index)
                return
            }
            for row in run { insertIntoTable(row, of: interactions) }
            run = []
            insertIntoTable(index, of: interactions)
        }

        /// True when the row can follow the run: a row of the standard library,
        /// from the run's file.
        private func extendsRun(_ index: Int, _ interactions: [Row], trusted: Bool) -> Bool {
            guard trusted else { return false }
            guard let last = run.last else { return true }
            return interactions[index].file == interactions[last].file
        }

        private mutating func insertIntoTable(_ index: Int, of interactions: [Row]) {
            let key = Pair(interactions[index])
            guard var rows = reported.removeValue(forKey: key) else {
                // The usual case: the first report of the pair.
                reportedOrder.append(key)
                reported[key] = [index]
                return
            }
            // A later file's reports of a pair replace an earlier file's, as a later score does.
            let file = interactions[index].file
            if rows.contains(where: { interactions[$0].file != file }) { rows = [] }
            let sign = interactions[index].sign
            rows.removeAll { interactions[$0].sign == sign }
            rows.append(index)
            reported[key] = rows
        }

        /// The reported rows, pair by pair in the order first declared.
        var reportedRows: [Int] {
            run.isEmpty ? reportedOrder.flatMap { reported[$0] ?? [] } : run
        }

        /// The reported rows by pair.
        func reportTable(_ interactions: [Row]) -> [Pair: [Int]] {
            guard !run.isEmpty else { return reported }
            var table: [Pair: [Int]] = [:]
            for index in run { table[Pair(interactions[index]), default: []].append(index) }
            return table
        }

        /// The first reported row of each of these pairs that has one: what a
        /// set that overrides them points at. Rows are first told apart by the
        /// target they start from, a cheap test, since a set overrides few of
        /// the default base's thousands.
        func firstReports(of pairs: Set<Pair>, _ interactions: [Row]) -> [Pair: Int] {
            guard !pairs.isEmpty else { return [:] }
            let starts = StartFilter(pairs.map(\.from))
            var first: [Pair: Int] = [:]
            for index in reportedRows where starts.mayContain(interactions[index].from) {
                let pair = Pair(interactions[index])
                if pairs.contains(pair) && first[pair] == nil { first[pair] = index }
            }
            return first
        }
    }

    /// Target ids as bits of a small table, for telling at a glance most rows
    /// that start from none of them: a row may pass that starts elsewhere (two
    /// ids can share a bit), none is turned away that starts from one.
    struct StartFilter {
        private var bits = [UInt64](repeating: 0, count: 16)

        init(_ ids: some Sequence<String>) {
            for id in ids {
                let bit = Self.bit(id)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }

        func mayContain(_ id: String) -> Bool {
            let bit = Self.bit(id)
            return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// One of 1,024 bits, from the id's bytes (FNV-1a).
        private static func bit(_ id: String) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: hash >> 54)
        }
    }

    /// A directed pair of targets, ordered by its ids.
    struct Pair: Hashable, Comparable {
        let from: String
        let to: String

        init(_ interaction: Row) {
            from = interaction.from
            to = interaction.to
        }

        static func < (a: Pair, b: Pair) -> Bool { (a.from, a.to) < (b.from, b.to) }
    }

    private static func scoredValues(_ interaction: Row, first: Value? = nil) -> [Value] {
        let (from, to, score) = (Value.id(interaction.from), Value.id(interaction.to), Value.integer(interaction.score ?? 0))
        guard let first else { return [from, to, score] }
        return [first, from, to, score]
    }

    /// What a message cites, made once per source and count: thousands of reports share a few.
    private struct CiteCache {
        var texts: [String: [Int: Value]] = [:]
        /// The last cite asked for: rows of one base cite one source in turn.
        var last: (source: String, evidence: Int, cite: Value)?

        mutating func cite(_ source: String, _ evidence: Int) -> Value {
            if let last, last.evidence == evidence, last.source == source { return last.cite }
            let cite: Value
            if let known = texts[source]?[evidence] {
                cite = known
            } else {
                cite = .text(evidence == 0 ? source : "\(source), \(evidence) \(evidence == 1 ? "entry" : "entries")")
                texts[source, default: [:]][evidence] = cite
            }
            last = (source, evidence, cite)
            return cite
        }
    }

    /// From, to, sign, the number of evidence entries (0 where not counted), and
    /// what a message cites: "JRC KnowSDGs, 4 entries".
    private static func reportedValues(_ interaction: Row, _ cites: inout CiteCache) -> [Value] {
        [
            .id(interaction.from), .id(interaction.to), .id(interaction.sign?.rawValue ?? ""), .integer(interaction.evidence),
            cites.cite(interaction.source ?? "", interaction.evidence),
        ]
    }

    /// What the sets read of an interaction's declaration.
    struct Row {
        let from: String
        let to: String
        let score: Int?
        /// The sign of a reported interaction; nil for a scored one.
        let sign: ReportedSign?
        /// The number of evidence entries, 0 where not counted.
        let evidence: Int
        let source: String?
        let span: Span
        var file: Int { span.file }

        init(_ declaration: InteractionDecl) {
            from = declaration.from.value
            to = declaration.to.value
            score = declaration.score?.value
            sign = declaration.reported?.value
            evidence = declaration.evidence?.value ?? 0
            source = declaration.source?.value
            span = declaration.span
        }
    }
}
