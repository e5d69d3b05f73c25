// Audit: the numbers of a corpus, computed once from a model and its findings,
// and shared by every audit format (HTML, Markdown, CSV, JSON), so that the
// formats cannot disagree.
import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

/// What `lumen audit` reports about a set of resolutions.
package struct Audit: Sendable {
    /// One resolution of the corpus, with its row of the coverage matrix and its scorecard.
    package struct Resolution: Sendable, Equatable {
        package let id: String
        package let title: String
        package let level: String
        /// The resolution this one implements, if any.
        package let parent: String?
        /// Levels below the root of its `implements` tree (0 for a root).
        package let depth: Int
        /// `path:line:col` of its declaration.
        package let location: String
        package let measures: Int
        package let measuresWithIndicator: Int
        /// Measures that advance no target.
        package let unmappedMeasures: Int
        /// `advances`, `undermines` and `restricts` facts of its measures that a
        /// mapping rule inferred from their kinds (the others were declared).
        package let inferredMappings: Int
        /// Per goal of the catalogue (in the order of `Audit.goals`): measures
        /// advancing a target of that goal.
        package let coverage: [Int]
        /// Goals in its scope, ascending.
        package let scope: [Int]
        /// Goals in scope that no measure of the resolution advances.
        package let gaps: [Int]
        /// Findings anchored in this resolution, by severity.
        package let errors: Int
        package let warnings: Int
        package let infos: Int
        /// The resolutions its text cites (`recalls`), sorted.
        package var recalls: [String] = []

        /// Goals at least one measure advances.
        package var goalsCovered: Int { coverage.filter { $0 > 0 }.count }
    }

    /// One finding, flattened for the reports.
    package struct Item: Sendable {
        package let rule: String
        package let severity: RuleSeverity
        package let message: String
        /// `path:line:col` of the anchor.
        package let location: String
        package let path: String
        package let line: Int
        /// The resolution the finding is anchored in (nil when it points at no resolution or measure).
        package let resolution: String?
        /// Every resolution its subjects belong to, sorted (more than one: it crosses resolutions).
        package let resolutions: [String]
        /// Why the finding holds (rendered on demand: most formats of a large
        /// corpus show only some traces, or none).
        package let proof: FindingProof
    }

    /// A target the corpus advances: a node of the interaction network.
    package struct Node: Sendable, Equatable {
        package let target: String
        package let goal: Int
        /// Measures advancing it.
        package let measures: Int
    }

    /// A trade-off (a negative interaction between two advanced targets) or a
    /// conflict (a measure advancing `from` undermines `to`, which another measure advances).
    package struct Edge: Sendable, Equatable {
        package enum Kind: String, Sendable { case tradeoff = "trade-off", conflict }
        package let from: String
        package let to: String
        package let kind: Kind
        /// The interaction score for a trade-off (−3 … −1); measures involved for a conflict.
        package let weight: Int
    }

    package let version: String
    package let files: Int
    package let resolutions: [Resolution]
    package let items: [Item]
    package let nodes: [Node]
    package let edges: [Edge]
    /// Rules with their severity and number of findings, most findings first.
    package let rules: [(rule: String, severity: RuleSeverity, count: Int)]
    /// The goals of the catalogue, ascending: the columns of the coverage matrix.
    package let goals: [Int]
    /// Their titles, in the same order.
    package let goalTitles: [String]
    /// The extra-financial statement: each resolution's indicators with their numbers.
    package let accounts: AccountStatement
    /// What traces are rendered against.
    let proofs: ProofReader
    let sources: SourceMap

    /// A finding's proof, one line per fact, indented by depth.
    package func trace(_ item: Item) -> [String] {
        TextReport().traceLines(item.proof.tree, proofs: proofs, sources: sources)
    }

    package var measures: Int { resolutions.reduce(0) { $0 + $1.measures } }
    package var measuresWithIndicator: Int { resolutions.reduce(0) { $0 + $1.measuresWithIndicator } }
    package var inferredMappings: Int { resolutions.reduce(0) { $0 + $1.inferredMappings } }
    /// Goals that at least one measure of the corpus advances, ascending.
    package var goalsCovered: [Int] {
        goals.indices.filter { index in resolutions.contains { $0.coverage[index] > 0 } }.map { goals[$0] }
    }
    package var errors: Int { counts.errors }
    package var warnings: Int { counts.warnings }
    package var infos: Int { counts.infos }
    /// Findings by severity, counted once.
    let counts: (errors: Int, warnings: Int, infos: Int)
    /// Findings whose subjects belong to more than one resolution.
    package var crossing: [Item] { items.filter { $0.resolutions.count > 1 } }

    /// The share of measures with an indicator, in whole percent (rounded down), or nil without measures.
    package var indicatorPercent: Int? {
        measures == 0 ? nil : measuresWithIndicator * 100 / measures
    }
}

extension Audit {
    /// Computes the audit of an evaluated model and its findings.
    package static func make(
        model: Model, findings: [Finding], sources: SourceMap, files: Int, version: String
    ) -> Audit {
        let facts = CorpusFacts(model: model, sources: sources)
        let (items, byRule) = facts.items(findings)
        let resolutions = facts.resolutions(counts: facts.countsByResolution(items))
        let (nodes, edges) = facts.network()
        let rules = byRule.map { (rule: $0.key, severity: $0.value.severity, count: $0.value.count) }
            .sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
        return Audit(
            version: version, files: files, resolutions: resolutions, items: items, nodes: nodes, edges: edges,
            rules: rules, goals: facts.goals, goalTitles: facts.goalTitles, accounts: AccountStatement.make(model: model),
            proofs: ProofReader(model), sources: sources,
            counts: (
                items.filter { $0.severity == .error }.count, items.filter { $0.severity == .warning }.count,
                items.filter { $0.severity == .info }.count
            ))
    }
}

/// What an audit reads from a model, read once: the catalogue's goals, the
/// measures of each resolution and what they advance, levels and the
/// `implements` tree. Each part of the audit is computed from it in a step.
private struct CorpusFacts {
    let model: Model
    let sources: SourceMap
    var program: CheckedProgram { model.program }
    /// The catalogue's goals, ascending (SDG knowledge is in Rules/, not here),
    /// their titles, their column in the coverage matrix, and each target's goal.
    let goals: [Int]
    let goalTitles: [String]
    let column: [Int: Int]
    var goalOfTarget: [String: Int] = [:]
    var resolutionOf: [String: String] = [:]
    var measuresOf: [String: [String]] = [:]
    var advanced: [String: [String]] = [:]
    var advancers: [String: Int] = [:]
    var measured: Set<String> = []
    /// Mappings a rule inferred (from a kind) rather than a drafter declared, per measure.
    var inferred: [String: Int] = [:]
    var scopes: [String: [Int]] = [:]
    var levels: [String: String] = [:]
    var parents: [String: String] = [:]
    var recalls: [String: [String]] = [:]

    init(model: Model, sources: SourceMap) {
        self.model = model
        self.sources = sources
        let program = model.program
        goals = program.ids(of: .goal).compactMap { Int($0) }.sorted()
        column = Dictionary(goals.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        goalTitles = goals.map { program.entity(.goal, String($0))?.title ?? "Goal \($0)" }
        readMeasures()
        readResolutions()
    }

    func key(_ value: Value) -> String { ValueFormatter.key(value) }

    func place(_ span: Span) -> (path: String, line: Int, column: Int) {
        guard let (path, location) = sources.position(of: span) else { return ("-", 0, 0) }
        return (path, location.line, location.column)
    }

    /// Targets' goals; measures, their resolutions, what they advance and whether they are measured.
    private mutating func readMeasures() {
        for tuple in model.tuples("target-of-goal") where tuple.count == 2 {
            if let goal = Int(key(tuple[1])), column[goal] != nil { goalOfTarget[key(tuple[0])] = goal }
        }
        for tuple in model.tuples("in") where tuple.count == 2 {
            resolutionOf[key(tuple[0])] = key(tuple[1])
            measuresOf[key(tuple[1]), default: []].append(key(tuple[0]))
        }
        for tuple in model.tuples("advances") where tuple.count == 2 {
            advanced[key(tuple[0]), default: []].append(key(tuple[1]))
            advancers[key(tuple[1]), default: 0] += 1
        }
        measured = Set(model.tuples("measured-by").compactMap { $0.first.map(key) })
        guard model.count("kind") > 0 else { return }
        for relation in ["advances", "undermines", "restricts"] {
            for tuple in model.tuples(relation) where tuple.count == 2 {
                if case .derived = model.proof(relation, tuple, maxDepth: 0)?.step {
                    inferred[key(tuple[0]), default: 0] += 1
                }
            }
        }
    }

    /// Scopes, levels, and one parent for each resolution.
    private mutating func readResolutions() {
        for tuple in model.tuples("scope") where tuple.count == 2 {
            if let goal = Int(key(tuple[1])) { scopes[key(tuple[0]), default: []].append(goal) }
        }
        for tuple in model.tuples("level") where tuple.count == 2 { levels[key(tuple[0])] = key(tuple[1]) }
        for tuple in model.tuples("recalls") where tuple.count == 2 { recalls[key(tuple[0]), default: []].append(key(tuple[1])) }
        for tuple in model.tuples("implements") where tuple.count == 2 {
            let (child, parent) = (key(tuple[0]), key(tuple[1]))
            // One parent each: the first in sorted order, so the tree is deterministic.
            if parents[child].map({ parent < $0 }) ?? true { parents[child] = parent }
        }
    }

    /// The findings as items, with the resolutions their subjects belong to,
    /// and their number by rule.
    func items(_ findings: [Finding]) -> ([Audit.Item], [String: (severity: RuleSeverity, count: Int)]) {
        let variableTypes = Dictionary(
            program.rules.map { ($0.rule.id.value, $0.variableTypes) }, uniquingKeysWith: { first, _ in first })
        var items: [Audit.Item] = []
        var byRule: [String: (severity: RuleSeverity, count: Int)] = [:]
        for finding in findings {
            let types = variableTypes[finding.rule] ?? [:]
            func owner(_ name: String, _ value: Value) -> String? {
                switch types[name] {
                case .measure: resolutionOf[key(value)]
                case .resolution: key(value)
                default: nil
                }
            }
            let touched = Set(finding.subjects.compactMap { owner($0.name, $0.value) }).sorted()
            let anchorName = finding.subjects.first { $0.value == finding.anchorValue }?.name
            let anchored = finding.anchorValue.flatMap { value in anchorName.flatMap { owner($0, value) } } ?? touched.first
            let (path, line, column) = place(finding.anchor)
            items.append(
                Audit.Item(
                    rule: finding.rule, severity: finding.severity, message: finding.message,
                    location: "\(path):\(line):\(column)", path: path, line: line, resolution: anchored,
                    resolutions: touched, proof: finding.proof))
            byRule[finding.rule, default: (finding.severity, 0)].count += 1
        }
        return (items, byRule)
    }

    /// Findings anchored in each resolution, by severity.
    func countsByResolution(_ items: [Audit.Item]) -> [String: (errors: Int, warnings: Int, infos: Int)] {
        var counts: [String: (errors: Int, warnings: Int, infos: Int)] = [:]
        for item in items {
            guard let anchored = item.resolution else { continue }
            switch item.severity {
            case .error: counts[anchored, default: (0, 0, 0)].errors += 1
            case .warning: counts[anchored, default: (0, 0, 0)].warnings += 1
            case .info: counts[anchored, default: (0, 0, 0)].infos += 1
            }
        }
        return counts
    }

    /// Resolutions in the order of their `implements` trees: each parent before
    /// its children; those on a cycle of `implements`, reached from no root, at the end.
    func treeOrder() -> [(id: String, depth: Int)] {
        let ids = model.tuples("resolution").compactMap { $0.first.map(key) }
        let known = Set(ids)
        var children: [String: [String]] = [:]
        var roots: [String] = []
        for id in ids.sorted(by: NaturalOrder.precedes) {
            if let parent = parents[id], known.contains(parent), parent != id {
                children[parent, default: []].append(id)
            } else {
                roots.append(id)
            }
        }
        var ordered: [(id: String, depth: Int)] = []
        var visited: Set<String> = []
        var stack = roots.reversed().map { ($0, 0) }
        while let (id, depth) = stack.popLast() {
            guard visited.insert(id).inserted else { continue }
            ordered.append((id, depth))
            for child in (children[id] ?? []).reversed() { stack.append((child, depth + 1)) }
        }
        for id in ids.sorted(by: NaturalOrder.precedes) where !visited.contains(id) { ordered.append((id, 0)) }
        return ordered
    }

    /// Each resolution's row of the coverage matrix and its scorecard.
    func resolutions(counts: [String: (errors: Int, warnings: Int, infos: Int)]) -> [Audit.Resolution] {
        treeOrder().map { id, depth -> Audit.Resolution in
            let entity = program.entity(.resolution, id)
            let measures = (measuresOf[id] ?? []).sorted()
            var coverage = [Int](repeating: 0, count: goals.count)
            for measure in measures {
                let advancedGoals = Set((advanced[measure] ?? []).compactMap { goalOfTarget[$0] })
                for goal in advancedGoals { if let index = column[goal] { coverage[index] += 1 } }
            }
            let scope = Set(scopes[id] ?? []).filter { column[$0] != nil }.sorted()
            let where_ = entity.map { place($0.span) }.map { "\($0.path):\($0.line):\($0.column)" } ?? "-"
            let found = counts[id] ?? (0, 0, 0)
            var resolution = Audit.Resolution(
                id: id, title: entity?.title ?? "", level: levels[id] ?? "", parent: parents[id], depth: depth,
                location: where_, measures: measures.count,
                measuresWithIndicator: measures.filter { measured.contains($0) }.count,
                unmappedMeasures: measures.filter { (advanced[$0] ?? []).isEmpty }.count,
                inferredMappings: measures.reduce(0) { $0 + (inferred[$1] ?? 0) }, coverage: coverage,
                scope: scope, gaps: scope.filter { goal in column[goal].map { coverage[$0] == 0 } ?? false },
                errors: found.errors, warnings: found.warnings, infos: found.infos)
            resolution.recalls = (recalls[id] ?? []).sorted()
            return resolution
        }
    }

    /// The interaction network of the advanced targets: trade-offs and conflicts between them.
    func network() -> ([Audit.Node], [Audit.Edge]) {
        let nodes = advancers.keys.compactMap { target in
            goalOfTarget[target].map { Audit.Node(target: target, goal: $0, measures: advancers[target] ?? 0) }
        }.sorted { CatalogOrder.precedes($0.target, $1.target) }
        var edges = tradeoffs() + conflicts(among: Set(nodes.map(\.target)))
        edges.sort { a, b in
            if a.from != b.from { return CatalogOrder.precedes(a.from, b.from) }
            if a.to != b.to { return CatalogOrder.precedes(a.to, b.to) }
            return a.kind.rawValue < b.kind.rawValue
        }
        return (nodes, edges)
    }

    /// A trade-off is a negative score, in the set of interactions that applies to a
    /// resolution, between two targets that resolution advances; the strongest across resolutions.
    private func tradeoffs() -> [Audit.Edge] {
        var negative: [String: [(from: String, to: String, score: Int)]] = [:]
        for tuple in model.tuples("interaction-in") where tuple.count == 4 {
            guard case .integer(let score) = tuple[3], score < 0 else { continue }
            negative[key(tuple[0]), default: []].append((key(tuple[1]), key(tuple[2]), score))
        }
        var strongest: [[String]: Int] = [:]
        for tuple in model.tuples("interaction-set") where tuple.count == 2 {
            guard let scores = negative[key(tuple[1])] else { continue }
            let here = Set((measuresOf[key(tuple[0])] ?? []).flatMap { advanced[$0] ?? [] })
            for (from, to, score) in scores where from != to && here.contains(from) && here.contains(to) {
                strongest[[from, to]] = min(score, strongest[[from, to]] ?? 0)
            }
        }
        return strongest.map { Audit.Edge(from: $0.key[0], to: $0.key[1], kind: .tradeoff, weight: $0.value) }
    }

    /// Measures advancing `from` and undermining `to`, by pair of advanced targets.
    private func conflicts(among advancedTargets: Set<String>) -> [Audit.Edge] {
        var conflicts: [[String]: Int] = [:]
        for tuple in model.tuples("undermines") where tuple.count == 2 {
            let (measure, target) = (key(tuple[0]), key(tuple[1]))
            guard advancedTargets.contains(target) else { continue }
            for from in Set(advanced[measure] ?? []) where from != target {
                conflicts[[from, target], default: 0] += 1
            }
        }
        return conflicts.map { Audit.Edge(from: $0.key[0], to: $0.key[1], kind: .conflict, weight: $0.value) }
    }
}

/// Ids in the order a person expects: runs of digits compare as numbers
/// (`r2` < `r10`), the rest character by character; ties by plain order.
package enum NaturalOrder {
    package static func precedes(_ a: String, _ b: String) -> Bool {
        var x = Array(a.unicodeScalars)[...]
        var y = Array(b.unicodeScalars)[...]
        while let p = x.first, let q = y.first {
            if p.properties.numericType == .decimal && q.properties.numericType == .decimal, p.isASCII, q.isASCII {
                let m = x.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                let n = y.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                // Without leading zeros, a longer run of digits is a larger number.
                let u = m.drop { $0 == "0" }
                let v = n.drop { $0 == "0" }
                if u.count != v.count { return u.count < v.count }
                if !u.elementsEqual(v) { return u.lexicographicallyPrecedes(v) { $0.value < $1.value } }
                x = x.dropFirst(m.count)
                y = y.dropFirst(n.count)
            } else {
                if p != q { return p.value < q.value }
                x = x.dropFirst()
                y = y.dropFirst()
            }
        }
        if x.isEmpty != y.isEmpty { return x.isEmpty }
        return a < b
    }
}

/// The catalogue's order of target ids: by goal, then numbered targets in
/// numeric order, then lettered ones (`1.2` < `1.10` < `1.a`).
package enum CatalogOrder {
    package static func precedes(_ a: String, _ b: String) -> Bool {
        let x = parts(a)
        let y = parts(b)
        if x.goal != y.goal { return x.goal < y.goal }
        if x.number != y.number { return x.number < y.number }
        return a < b
    }

    private static func parts(_ id: String) -> (goal: Int, number: Int) {
        let pieces = id.split(separator: ".", maxSplits: 1)
        let goal = pieces.first.flatMap { Int($0) } ?? Int.max
        // Letters after every number: `a` is 1,000,000 + its position.
        let rest = pieces.count > 1 ? pieces[1] : ""
        let number = Int(rest) ?? (1_000_000 + Int(rest.unicodeScalars.first?.value ?? 0))
        return (goal, number)
    }
}
