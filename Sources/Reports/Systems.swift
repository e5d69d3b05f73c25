// Systems: the systemic view of each resolution (`lumen systems`, and a section
// of the audit): how the targets it advances move the others through the
// interactions that apply to it, the feedback loops among them, its leverage
// targets, its blind spots and its spill-overs.
//
// Method: the cross-impact reading of Weitz, Carlsen, Nilsson and Skånberg
// (2018, Sustainability Science 13:531-548): a target's first-order influence is
// the sum of its row of the matrix, positive and negative parts apart; the rules
// of `Rules/systems/influence.lumen` compute it, and which sign each pair the
// literature reports without a score leans to (counted instead: +1 and −1), and
// this reads them. Second order here is the sum, over every two-step path to a
// third target, of the product of the two scores (the paper's formula could not
// be consulted here, so Lumen says which sum it computes rather than attributing
// it): arithmetic the language does not have, done in Swift with the loops.
import Engine
import Findings
import Semantics

/// The systemic view of every resolution of a model.
package struct Systems: Sendable {
    /// What to compute and how much to keep.
    package struct Options: Sendable {
        /// Longest feedback loop looked for.
        package var maxLoopLength = 4
        /// Loops among every target of the network, not only the resolution's own.
        package var allTargets = false
        /// Loops listed per resolution (all are counted).
        package var loopsShown = 20

        package init() {}
    }

    /// The influence of every target of one network.
    package struct Matrix: Sendable {
        package enum Kind: String, Sendable {
            /// Scores on the seven-point scale: sums of scores.
            case scores
            /// Signs of reported effects: counts.
            case counts
        }

        /// The interaction set it comes from (a pack, a draft, the default).
        package let set: String
        package let kind: Kind
        package let network: InteractionNetwork
        package let influence: [InteractionNetwork.Influence]
        /// Node indices, strongest net influence first.
        package let ranking: [Int]
        /// Each node's place in the ranking (0-based).
        package let rank: [Int]

        init(set: String, kind: Kind, network: InteractionNetwork, firstOrder: [(positive: Int, negative: Int)]) {
            self.set = set
            self.kind = kind
            self.network = network
            influence = network.influence(firstOrder: firstOrder)
            ranking = InteractionNetwork.ranking(influence)
            var rank = [Int](repeating: 0, count: ranking.count)
            for (place, node) in ranking.enumerated() { rank[node] = place }
            self.rank = rank
        }

        /// A target's node index.
        package func node(_ target: String) -> Int? { network.nodes.firstIndex(of: target) }
    }

    /// A strong influence of one of the resolution's targets on a target of a goal outside its scope.
    package struct Spillover: Sendable, Equatable {
        package let from: String
        package let to: String
        /// The score, or nil for a reported effect.
        package let score: Int?
        package let sign: Int
    }

    /// One resolution's systemic view.
    package struct Resolution: Sendable {
        package let id: String
        package let title: String
        /// The targets its measures advance, in catalogue order.
        package let advanced: [String]
        /// The goals it is about: its scope, or else the goals of the targets it advances.
        package let focus: [Int]
        package let scoped: Bool
        /// Influence by score (its set's scores) and by count (the reports that apply to it).
        package let scored: Matrix?
        package let reported: Matrix?
        /// Pairs reported both ways with as many entries each, left out of the counts and loops.
        package let contested: Int
        /// The signed network of both (scores where there are, reports elsewhere): loops are found in it.
        package let network: InteractionNetwork
        /// Loops among its own targets (or every target, with `allTargets`).
        package let loops: InteractionNetwork.Loops
        /// Its targets that rank in the top third of the primary matrix with a positive net influence.
        package let leverage: [String]
        /// Its targets on a strong balancing loop among its own targets (every edge
        /// scored 2 or more either way), each with the first such loop.
        package let blindSpots: [(target: String, loop: InteractionNetwork.Loop)]
        package let spillovers: [Spillover]

        /// The matrix the ranking and leverage are read from: scores when there are, else counts.
        package var primary: Matrix? { scored ?? reported }
    }

    package let options: Options
    package let resolutions: [Resolution]
    /// Target titles, for the reports.
    package let titles: [String: String]
}

extension Systems {
    /// Reads the interactions that apply to each resolution from a model and analyses them.
    package static func make(model: Model, options: Options = Options()) -> Systems {
        let facts = SystemsFacts(model: model)
        // Resolutions share sets: each set's matrices and network are made once.
        var bySet: [String: SetNetworks] = [:]
        var resolutions: [Resolution] = []
        for id in facts.resolutionIDs {
            let set = facts.setOf[id] ?? ""
            let networks = bySet[set] ?? facts.networks(set)
            bySet[set] = networks
            resolutions.append(facts.resolution(id, networks, options: options))
        }
        return Systems(options: options, resolutions: resolutions, titles: facts.titles)
    }
}

/// The matrices of one interaction set and the signed network of both.
private struct SetNetworks {
    let scored: Systems.Matrix?
    let reported: Systems.Matrix?
    let contested: Int
    let combined: InteractionNetwork
    /// Each target's node in `combined`.
    let index: [String: Int]
}

/// What the systemic view reads from a model, once.
private struct SystemsFacts {
    let model: Model
    var resolutionIDs: [String] = []
    var titles: [String: String] = [:]
    var resolutionTitles: [String: String] = [:]
    var setOf: [String: String] = [:]
    var advanced: [String: Set<String>] = [:]
    var scopes: [String: Set<Int>] = [:]
    var goalOf: [String: Int] = [:]
    /// Per interaction set: its scores, the sign each reported pair leans to, the
    /// pairs reported both ways as often (`Rules/systems/influence.lumen`).
    var scoresIn: [String: [(from: String, to: String, score: Int)]] = [:]
    var leansIn: [String: [(from: String, to: String, sign: Int)]] = [:]
    var bothWays: [String: Int] = [:]
    /// Per set and target: first-order sums of scores, and counts of reported effects, by sign.
    var scoreSums: [String: [String: (positive: Int, negative: Int)]] = [:]
    var reportCounts: [String: [String: (positive: Int, negative: Int)]] = [:]

    /// Each target's place in the catalogue's order, worked out once (ids are compared by number).
    var catalogRank: [String: Int] = [:]

    init(model: Model) {
        self.model = model
        let program = model.program
        let targets = program.ids(of: .target).sorted(by: CatalogOrder.precedes)
        catalogRank = Dictionary(targets.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for tuple in model.tuples("resolution") {
            guard let first = tuple.first else { continue }
            let id = key(first)
            resolutionIDs.append(id)
            resolutionTitles[id] = program.entity(.resolution, id)?.title ?? ""
        }
        resolutionIDs.sort(by: NaturalOrder.precedes)
        for id in program.ids(of: .target) { titles[id] = program.entity(.target, id)?.title ?? "" }
        for tuple in model.tuples("target-of-goal") where tuple.count == 2 {
            if let goal = Int(key(tuple[1])) { goalOf[key(tuple[0])] = goal }
        }
        for tuple in model.tuples("interaction-set") where tuple.count == 2 { setOf[key(tuple[0])] = key(tuple[1]) }
        var resolutionOf: [String: String] = [:]
        for tuple in model.tuples("in") where tuple.count == 2 { resolutionOf[key(tuple[0])] = key(tuple[1]) }
        for tuple in model.tuples("advances") where tuple.count == 2 {
            if let resolution = resolutionOf[key(tuple[0])] { advanced[resolution, default: []].insert(key(tuple[1])) }
        }
        for tuple in model.tuples("scope") where tuple.count == 2 {
            if let goal = Int(key(tuple[1])) { scopes[key(tuple[0]), default: []].insert(goal) }
        }
        for tuple in model.tuples("interaction-in") where tuple.count == 4 {
            guard case .integer(let score) = tuple[3] else { continue }
            scoresIn[key(tuple[0]), default: []].append((key(tuple[1]), key(tuple[2]), score))
        }
        for tuple in model.tuples("leans") where tuple.count == 4 {
            let sign = key(tuple[3]) == "synergy" ? 1 : key(tuple[3]) == "trade-off" ? -1 : 0
            if sign != 0 { leansIn[key(tuple[0]), default: []].append((key(tuple[1]), key(tuple[2]), sign)) }
        }
        for tuple in model.tuples("reported-both-ways") where tuple.count == 3 { bothWays[key(tuple[0]), default: 0] += 1 }
        scoreSums = Self.pairs(model, "influence-positive", "influence-negative", negate: false)
        reportCounts = Self.pairs(model, "reported-reinforces", "reported-counteracts", negate: true)
    }

    /// Two relations of (set, target, integer), as per-set, per-target pairs; the
    /// second's numbers negated when they count what works against (`negate`).
    private static func pairs(
        _ model: Model, _ positive: String, _ negative: String, negate: Bool
    ) -> [String: [String: (positive: Int, negative: Int)]] {
        var table: [String: [String: (positive: Int, negative: Int)]] = [:]
        for (relation, isPositive) in [(positive, true), (negative, false)] {
            for tuple in model.tuples(relation) where tuple.count == 3 {
                guard case .integer(let number) = tuple[2] else { continue }
                let (set, target) = (ValueFormatter.key(tuple[0]), ValueFormatter.key(tuple[1]))
                if isPositive {
                    table[set, default: [:]][target, default: (0, 0)].positive = number
                } else {
                    table[set, default: [:]][target, default: (0, 0)].negative = negate ? -number : number
                }
            }
        }
        return table
    }

    func key(_ value: Value) -> String { ValueFormatter.key(value) }

    /// Targets in the catalogue's order (those it does not list after, by `CatalogOrder`).
    func inCatalogOrder(_ targets: Set<String>) -> [String] {
        targets.sorted { a, b in
            switch (catalogRank[a], catalogRank[b]) {
            case (let x?, let y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): CatalogOrder.precedes(a, b)
            }
        }
    }

    /// The targets named, in catalogue order, and their indices.
    func nodes(_ targets: Set<String>) -> ([String], [String: Int]) {
        let nodes = inCatalogOrder(targets)
        return (nodes, Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) }))
    }

    /// The set's scores, or nil when it scores nothing.
    func scoredMatrix(_ set: String) -> Systems.Matrix? {
        matrix(
            set, .scores, (scoresIn[set] ?? []).map { ($0.from, $0.to, $0.score, $0.score.signum()) }, scoreSums[set] ?? [:])
    }

    /// The sign each reported pair leans to in the set (see `leans`), as a network, or nil.
    func reportedMatrix(_ set: String) -> Systems.Matrix? {
        matrix(set, .counts, (leansIn[set] ?? []).map { ($0.from, $0.to, nil, $0.sign) }, reportCounts[set] ?? [:])
    }

    /// A matrix of the targets its edges name, with the first-order sums the rules gave; nil without edges.
    private func matrix(
        _ set: String, _ kind: Systems.Matrix.Kind, _ named: [(from: String, to: String, score: Int?, sign: Int)],
        _ firstOrder: [String: (positive: Int, negative: Int)]
    ) -> Systems.Matrix? {
        guard !named.isEmpty else { return nil }
        let (nodes, index) = self.nodes(Set(named.flatMap { [$0.from, $0.to] }))
        let edges = named.compactMap { edge -> (from: Int, to: Int, score: Int?, sign: Int)? in
            guard let a = index[edge.from], let b = index[edge.to] else { return nil }
            return (a, b, edge.score, edge.sign)
        }
        return Systems.Matrix(
            set: set, kind: kind, network: InteractionNetwork(nodes: nodes, edges: edges),
            firstOrder: nodes.map { firstOrder[$0] ?? (0, 0) })
    }

    func networks(_ set: String) -> SetNetworks {
        let scored = scoredMatrix(set)
        let reported = reportedMatrix(set)
        let network = combined(scored, reported)
        return SetNetworks(
            scored: scored, reported: reported, contested: bothWays[set] ?? 0, combined: network,
            index: Dictionary(uniqueKeysWithValues: network.nodes.enumerated().map { ($1, $0) }))
    }

    /// Scores where the set has them, reports elsewhere: one signed network.
    func combined(_ scored: Systems.Matrix?, _ reported: Systems.Matrix?) -> InteractionNetwork {
        let parts = [scored, reported].compactMap { $0?.network }
        let (nodes, index) = self.nodes(Set(parts.flatMap(\.nodes)))
        var edges: [(from: Int, to: Int, score: Int?, sign: Int)] = []
        var seen: Set<[Int]> = []
        for part in parts {
            for (from, row) in part.out.enumerated() {
                for edge in row {
                    guard let a = index[part.nodes[from]], let b = index[part.nodes[edge.to]],
                        seen.insert([a, b]).inserted
                    else { continue }
                    edges.append((a, b, edge.score, edge.sign))
                }
            }
        }
        return InteractionNetwork(nodes: nodes, edges: edges)
    }

    func resolution(_ id: String, _ networks: SetNetworks, options: Systems.Options) -> Systems.Resolution {
        let (scored, reported, contested, network) = (networks.scored, networks.reported, networks.contested, networks.combined)
        let advanced = inCatalogOrder(advanced[id] ?? [])
        let scope = scopes[id] ?? []
        let focus = scope.isEmpty ? Set(advanced.compactMap { goalOf[$0] }) : scope
        let own = Set(advanced.compactMap { networks.index[$0] })
        // Blind spots are read from the loops among its own targets (balancing ones
        // first), so at least 200 are kept; the list shows `loopsShown`.
        let ownLoops = network.loops(among: own, maxLength: options.maxLoopLength, keep: max(options.loopsShown, 200))
        var loops = options.allTargets
            ? network.loops(among: nil, maxLength: options.maxLoopLength, keep: options.loopsShown) : ownLoops
        loops.shown = Array(loops.shown.prefix(options.loopsShown))
        var blindSpots: [(target: String, loop: InteractionNetwork.Loop)] = []
        for target in advanced {
            guard let node = networks.index[target],
                let loop = ownLoops.shown.first(where: { !$0.isReinforcing && $0.strength >= 2 && $0.nodes.contains(node) })
            else { continue }
            blindSpots.append((target, loop))
        }
        var leverage: [String] = []
        if let primary = scored ?? reported {
            let third = (primary.network.nodes.count + 2) / 3
            leverage = advanced.compactMap { target in
                primary.node(target).flatMap { node in
                    primary.rank[node] < third && primary.influence[node].net > 0 ? target : nil
                }
            }.sorted { a, b in (primary.node(a).map { primary.rank[$0] } ?? 0) < (primary.node(b).map { primary.rank[$0] } ?? 0) }
        }
        // Node numbers follow the catalogue's order: they order the spill-overs without reading ids.
        var found: [(from: Int, edge: InteractionNetwork.Edge)] = []
        for from in own.sorted() {
            for edge in network.out[from] {
                let to = network.nodes[edge.to]
                guard let goal = goalOf[to] ?? Int(to.split(separator: ".").first ?? ""), !focus.contains(goal) else { continue }
                if let score = edge.score, abs(score) < 2 { continue }
                found.append((from, edge))
            }
        }
        found.sort { a, b in
            let (x, y) = (abs(a.edge.score ?? 1), abs(b.edge.score ?? 1))
            if x != y { return x > y }
            if a.edge.sign != b.edge.sign { return a.edge.sign < b.edge.sign }
            return (a.from, a.edge.to) < (b.from, b.edge.to)
        }
        let spillovers = found.map {
            Systems.Spillover(from: network.nodes[$0.from], to: network.nodes[$0.edge.to], score: $0.edge.score, sign: $0.edge.sign)
        }
        return Systems.Resolution(
            id: id, title: resolutionTitles[id] ?? "", advanced: advanced, focus: focus.sorted(), scoped: !scope.isEmpty,
            scored: scored, reported: reported, contested: contested, network: network, loops: loops,
            leverage: leverage, blindSpots: blindSpots, spillovers: spillovers)
    }
}
