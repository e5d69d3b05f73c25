import Diagnostics
import Syntax

/// Pass 5: orders relations into strata so that every negated relation is
/// complete before it is used; rejects negation inside a recursive cycle.
///
/// Strongly connected components of the dependency graph (body relation ->
/// head relation) are found with an iterative Tarjan search, so deep rule
/// chains cannot overflow the stack. Strata come out in dependency order, ties
/// broken by relation name, so the order is deterministic.
enum Stratify {
    private struct Edge {
        let to: Int
        let negative: Bool
        /// From the body of a rule with an aggregate: as strict as a negation.
        var aggregate = false
        /// From the body of a rule that computes a value in its head: as strict.
        var computed = false
        /// The negated literal, for the diagnostic.
        let span: Span
    }

    static func run(_ context: inout CheckContext) {
        let names = context.program.relations.keys.sorted()
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        var edges = [[Edge]](repeating: [], count: names.count)
        for (clauseIndex, clause) in context.clauses.enumerated() where !clause.isFact {
            guard context.clauseTypes[clauseIndex] != nil, !context.unsafeClauses.contains(clauseIndex),
                let head = index[clause.head.relation.value]
            else { continue }
            let aggregate = clause.aggregate != nil
            let computed = clause.computes
            for literal in clause.body {
                switch literal {
                case .positive(let atom):
                    if let from = index[atom.relation.value] {
                        edges[from].append(Edge(to: head, negative: false, aggregate: aggregate, computed: computed, span: atom.span))
                    }
                case .negative(let atom, let span):
                    if let from = index[atom.relation.value] {
                        edges[from].append(Edge(to: head, negative: true, aggregate: aggregate, computed: computed, span: span))
                    }
                case .comparison:
                    break
                }
            }
        }
        let components = stronglyConnectedComponents(count: names.count, edges: edges)
        var componentOf = [Int](repeating: 0, count: names.count)
        for (c, members) in components.enumerated() {
            for member in members { componentOf[member] = c }
        }
        // Negation inside a component: report each negated literal once.
        var reported: Set<Span> = []
        for from in 0..<names.count {
            for edge in edges[from] where (edge.negative || edge.aggregate || edge.computed) && componentOf[from] == componentOf[edge.to] {
                guard reported.insert(edge.span).inserted else { continue }
                let path = shortestPath(from: edge.to, to: from, edges: edges, within: componentOf, component: componentOf[from])
                if edge.aggregate || edge.computed {
                    context.report(
                        .evaluatedOnceInRecursion(at: edge.span, head: names[edge.to], path: path.map { names[$0] }, computed: edge.computed))
                } else {
                    context.report(
                        .unstratifiable(
                            at: edge.span, negated: names[from], head: names[edge.to], path: path.map { names[$0] }))
                }
            }
        }
        // Tarjan yields components in reverse topological order of the edges.
        context.program.strata = components.reversed().map { members in members.map { names[$0] }.sorted() }
    }

    private static func stronglyConnectedComponents(count: Int, edges: [[Edge]]) -> [[Int]] {
        var indexOf = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex = 0
        for root in 0..<count where indexOf[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            indexOf[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge].to
                    if indexOf[next] < 0 {
                        indexOf[next] = nextIndex
                        lowLink[next] = nextIndex
                        nextIndex += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], indexOf[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last {
                    lowLink[parent.node] = min(lowLink[parent.node], lowLink[node])
                }
                if lowLink[node] == indexOf[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        return components
    }

    /// The relations on a shortest dependency path `from` ... `to` inside one component.
    private static func shortestPath(from: Int, to: Int, edges: [[Edge]], within componentOf: [Int], component: Int) -> [Int] {
        var previous: [Int: Int] = [from: from]
        var queue = [from]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == to { break }
            for edge in edges[node] where componentOf[edge.to] == component && previous[edge.to] == nil {
                previous[edge.to] = node
                queue.append(edge.to)
            }
        }
        var path = [to]
        var node = to
        while node != from, let before = previous[node] {
            path.append(before)
            node = before
        }
        return path.reversed()
    }
}
