// InteractionNetwork: a directed, signed graph of targets, and the two
// analyses of `lumen systems` that are graph arithmetic rather than rules:
// influence sums (first order: a target's row; second order: its two-step
// paths) and feedback loops (directed cycles, each listed once).
//
// Nodes are integers in the catalogue's order; edges are kept per node in
// adjacency lists sorted by target, so every result is deterministic.

/// A directed graph of targets whose edges carry a sign and, when the source
/// scores them, a score on the seven-point scale.
package struct InteractionNetwork: Sendable, Equatable {
    /// One directed edge. `score` is nil for an effect reported without a score
    /// (a sign only): it then counts as +1 or −1 in the sums.
    package struct Edge: Sendable, Equatable {
        package let to: Int
        package let sign: Int
        package let score: Int?

        /// The edge's value in the sums: its score, or its sign when unscored.
        package var weight: Int { score ?? sign }
    }

    /// The nodes' names (target ids), in catalogue order.
    package let nodes: [String]
    /// Edges leaving each node, sorted by target; no self-loops, no zero signs.
    package private(set) var out: [[Edge]]

    /// A network of the given nodes and edges (`from` and `to` index `nodes`).
    /// Zero scores and self-loops are left out: they say "no effect".
    package init(nodes: [String], edges: [(from: Int, to: Int, score: Int?, sign: Int)]) {
        self.nodes = nodes
        var out = [[Edge]](repeating: [], count: nodes.count)
        for edge in edges where edge.from != edge.to && edge.sign != 0 {
            guard out.indices.contains(edge.from), out.indices.contains(edge.to) else { continue }
            out[edge.from].append(Edge(to: edge.to, sign: edge.sign > 0 ? 1 : -1, score: edge.score))
        }
        self.out = out.map { $0.sorted { $0.to < $1.to } }
    }

    package var edgeCount: Int { out.reduce(0) { $0 + $1.count } }
}

// MARK: - Influence

extension InteractionNetwork {
    /// A target's influence on the others: positive and negative parts apart.
    package struct Influence: Sendable, Equatable {
        /// First order: the sums of its row's positive and negative weights.
        package var positive = 0
        package var negative = 0
        /// Second order: over every path `self -> j -> k` to a third target
        /// (k is neither the target nor j), the product of the two weights,
        /// summed by the product's sign.
        package var secondPositive = 0
        package var secondNegative = 0

        package var net: Int { positive + negative }
        package var secondNet: Int { secondPositive + secondNegative }

        package init(positive: Int = 0, negative: Int = 0, secondPositive: Int = 0, secondNegative: Int = 0) {
            self.positive = positive
            self.negative = negative
            self.secondPositive = secondPositive
            self.secondNegative = secondNegative
        }
    }

    /// Every node's influence, in node order: first order as given (the rules of
    /// `Rules/systems/influence.lumen` sum the rows; nil sums them here), second
    /// order from the network's two-step paths.
    package func influence(firstOrder: [(positive: Int, negative: Int)]? = nil) -> [Influence] {
        out.indices.map { i in
            var result = Influence()
            if let firstOrder, firstOrder.indices.contains(i) {
                (result.positive, result.negative) = firstOrder[i]
            }
            for first in out[i] {
                if firstOrder == nil {
                    if first.weight > 0 { result.positive += first.weight } else { result.negative += first.weight }
                }
                for second in out[first.to] where second.to != i {
                    let product = first.weight * second.weight
                    if product > 0 { result.secondPositive += product } else { result.secondNegative += product }
                }
            }
            return result
        }
    }

    /// Nodes by net first-order influence, strongest first; ties by net
    /// second-order influence, then catalogue order.
    package static func ranking(_ influence: [Influence]) -> [Int] {
        influence.indices.sorted { a, b in
            let (x, y) = (influence[a], influence[b])
            if x.net != y.net { return x.net > y.net }
            if x.secondNet != y.secondNet { return x.secondNet > y.secondNet }
            return a < b
        }
    }
}

// MARK: - Feedback loops

extension InteractionNetwork {
    /// A directed cycle, written from its first node in catalogue order.
    package struct Loop: Sendable, Equatable {
        /// Its nodes in order; the last leads back to the first.
        package let nodes: [Int]
        /// The edges' weights, in the same order (the last closes the loop).
        package let weights: [Int]
        /// The edges' scores, nil for a reported (unscored) edge.
        package let scores: [Int?]
        /// Reinforcing when the product of the signs is positive, balancing when negative.
        package let isReinforcing: Bool
        /// A loop is as strong as its weakest scored edge; 0 when an edge has no score.
        package let strength: Int

        package var length: Int { nodes.count }

        package init(nodes: [Int], weights: [Int], scores: [Int?]) {
            self.nodes = nodes
            self.weights = weights
            self.scores = scores
            var negatives = 0
            for weight in weights where weight < 0 { negatives += 1 }
            isReinforcing = negatives % 2 == 0
            var weakest = Int.max
            for score in scores { weakest = Swift.min(weakest, score.map(abs) ?? 0) }
            strength = scores.isEmpty ? 0 : weakest
        }
    }

    /// The loops found, with how many there are in all (the list may be shorter).
    package struct Loops: Sendable, Equatable {
        /// The loops kept, in the order of `Loop.precedes`.
        package var shown: [Loop] = []
        package var reinforcing = 0
        package var balancing = 0
        /// How many loops of each length (index 2 for length 2, and so on).
        package var byLength: [Int] = []

        /// False when the search stopped at its budget of steps: the counts are then lower bounds.
        package var complete = true

        package var total: Int { reinforcing + balancing }
    }

    /// Steps (paths extended by one edge) a search for loops may take: a dense
    /// network and long loops would otherwise take hours.
    package static let loopSearchSteps = 50_000_000

    /// The directed cycles of 2 to `maxLength` nodes through `among` (all nodes
    /// when nil), each once: a cycle is found only from its smallest node,
    /// so its rotations are not listed again. All are counted; at most `keep`
    /// are kept, balancing before reinforcing, then shorter, then stronger.
    package func loops(
        among: Set<Int>? = nil, maxLength: Int = 4, keep: Int = .max, steps: Int = InteractionNetwork.loopSearchSteps
    ) -> Loops {
        var result = Loops()
        result.byLength = [Int](repeating: 0, count: max(maxLength, 2) + 1)
        guard maxLength >= 2, !nodes.isEmpty else { return result }
        // Flat arrays for the search, which reads them on every step: a flag per
        // node, and the edges of all nodes one after the other (`first[n]` ..< `first[n + 1]`).
        var allowed = [Bool](repeating: among == nil, count: nodes.count)
        for node in among ?? [] where allowed.indices.contains(node) { allowed[node] = true }
        var first = [0]
        var to: [Int] = []
        var weight: [Int] = []
        var score: [Int?] = []
        for row in out {
            for edge in row {
                to.append(edge.to)
                weight.append(edge.weight)
                score.append(edge.score)
            }
            first.append(to.count)
        }
        var kept: [Loop] = []
        var threshold: Loop?
        // Trimmed in batches, so that a dense matrix keeps memory bounded without sorting on every loop.
        let batch = keep > 1 << 20 ? Int.max : max(keep * 4, 1_024)
        // The path (nodes), the edge taken from each of its nodes, and where each node's edges were left.
        var path = [Int](repeating: 0, count: maxLength)
        var taken = [Int](repeating: 0, count: maxLength)
        var cursor = [Int](repeating: 0, count: maxLength)
        var onPath = [Bool](repeating: false, count: nodes.count)
        var budget = steps

        for start in nodes.indices where allowed[start] {
            var depth = 0
            path[0] = start
            cursor[0] = first[start]
            onPath[start] = true
            while depth >= 0 {
                let node = path[depth]
                guard cursor[depth] < first[node + 1] else {
                    onPath[node] = false
                    depth -= 1
                    continue
                }
                let edge = cursor[depth]
                cursor[depth] += 1
                let next = to[edge]
                guard next >= start, allowed[next] else { continue }
                budget -= 1
                guard budget > 0 else {
                    result.complete = false
                    break
                }
                if next == start {
                    guard depth >= 1 else { continue }
                    taken[depth] = edge
                    let length = depth + 1
                    var negatives = 0
                    for index in 0..<length where weight[taken[index]] < 0 { negatives += 1 }
                    if negatives % 2 == 0 { result.reinforcing += 1 } else { result.balancing += 1 }
                    result.byLength[length] += 1
                    guard keep > 0 else { continue }
                    // A loop that would come after the last one kept at the last trim is not kept:
                    // on a dense network most are not, and they cost no allocation.
                    if let last = threshold {
                        var strength = Int.max
                        for index in 0..<length { strength = Swift.min(strength, score[taken[index]].map(abs) ?? 0) }
                        let reinforcing = negatives % 2 == 0
                        let later: Bool
                        if reinforcing != last.isReinforcing {
                            later = reinforcing
                        } else if length != last.length {
                            later = length > last.length
                        } else if strength != last.strength {
                            later = strength < last.strength
                        } else {
                            later = !path[0..<length].lexicographicallyPrecedes(last.nodes)
                        }
                        if later { continue }
                    }
                    kept.append(
                        Loop(
                            nodes: Array(path[0..<length]), weights: (0..<length).map { weight[taken[$0]] },
                            scores: (0..<length).map { score[taken[$0]] }))
                    if kept.count >= batch || (kept.count > keep && kept.count.isMultiple(of: 64)) {
                        kept.sort(by: InteractionNetwork.precedes)
                        kept.removeLast(kept.count - keep)
                        // `keep` loops come before this one: no loop after it can be among the first `keep`.
                        threshold = kept.last
                    }
                } else if !onPath[next] && depth + 1 < maxLength {
                    taken[depth] = edge
                    depth += 1
                    path[depth] = next
                    cursor[depth] = first[next]
                    onPath[next] = true
                }
            }
            guard result.complete else {
                for index in onPath.indices { onPath[index] = false }
                break
            }
        }
        kept.sort(by: InteractionNetwork.precedes)
        result.shown = Array(kept.prefix(keep))
        return result
    }

    /// The order loops are listed in: balancing first (they hold a plan back),
    /// then shorter, then stronger, then by their nodes.
    package static func precedes(_ a: Loop, _ b: Loop) -> Bool {
        if a.isReinforcing != b.isReinforcing { return !a.isReinforcing }
        if a.length != b.length { return a.length < b.length }
        if a.strength != b.strength { return a.strength > b.strength }
        return a.nodes.lexicographicallyPrecedes(b.nodes)
    }
}
