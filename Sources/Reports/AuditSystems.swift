// AuditSystems: the "Systems view" section of the audit page: the influence
// ranking of each interaction set, a row per resolution (loops, leverage,
// blind spots, spill-overs), and each resolution's feedback loops drawn on the
// network of its targets. Reinforcing and balancing loops differ by a letter
// (R, B), a word in the title and the line (solid, dashed), not by colour alone.
import Foundation

enum AuditSystems {
    /// Resolutions whose loops are drawn, and loops drawn for each.
    static let drawnResolutions = 12
    static let drawnLoops = 6

    static func section(_ systems: Systems, rows: Int) -> String {
        var out = "<section id=\"systems\" aria-labelledby=\"systems-h\">\n<h2 id=\"systems-h\">Systems view</h2>\n"
        out += "<p>How the targets each resolution advances move the others, through the interactions that apply to it."
        out += " A target's <em>first-order influence</em> is the sum of its row of scores, positive and negative apart (the"
        out += " cross-impact reading of Weitz, Carlsen, Nilsson and Skånberg, 2018, <cite>Sustainability Science</cite> 13:531–548);"
        out += " its <em>second-order influence</em> sums, over every two-step path to a third target, the product of the two scores."
        out += " Effects the literature reports more than once, without a score, are counted instead (+1 or −1)."
        out += " A <em>feedback loop</em> is reinforcing (R) when the product of its signs is positive and balancing (B) when it is"
        out += " negative: a balancing loop holds the targets on it back. <code>lumen systems</code> prints the same numbers.</p>\n"
        var seen: Set<String> = []
        for resolution in systems.resolutions {
            guard let matrix = resolution.primary, seen.insert(matrix.set + "/" + matrix.kind.rawValue).inserted else { continue }
            out += ranking(matrix, systems.titles)
        }
        out += overview(systems, rows: rows)
        // Those with balancing loops first: they are what a reader has to look at.
        let withBalancing = systems.resolutions.filter { $0.loops.balancing > 0 }
        let drawn = (withBalancing + systems.resolutions.filter { $0.loops.balancing == 0 && $0.loops.total > 0 })
            .prefix(drawnResolutions)
        for resolution in drawn { out += loops(resolution) }
        let withLoops = systems.resolutions.filter { $0.loops.total > 0 }.count
        if withLoops > drawn.count {
            out += "<p class=\"note\">The loops of the first \(drawn.count) of \(withLoops) resolutions with loops are drawn; <code>lumen systems --format json</code> lists them all.</p>\n"
        }
        return out + "</section>\n"
    }

    /// The ten strongest targets of a set, with bars for their net influence.
    private static func ranking(_ m: Systems.Matrix, _ titles: [String: String]) -> String {
        let by = m.kind == .scores ? "score" : "count of repeated reports"
        var out = "<h3>Influence ranking: <code>\(escape(m.set))</code>, by \(by)</h3>\n"
        let top = m.ranking.prefix(10)
        let widest = max(top.map { abs(m.influence[$0].net) }.max() ?? 1, 1)
        out += "<table><caption>The ten targets of \(m.network.nodes.count) with the most net first-order influence</caption>\n"
        out += "<thead><tr><th scope=\"col\" class=\"n\">Rank</th><th scope=\"col\">Target</th><th scope=\"col\" class=\"n\">First order (+ / −)</th>"
        out += "<th scope=\"col\">Net</th><th scope=\"col\" class=\"n\">Second order (+ / −)</th></tr></thead><tbody>\n"
        for (place, node) in top.enumerated() {
            let i = m.influence[node]
            let target = m.network.nodes[node]
            let width = Double(abs(i.net)) / Double(widest) * 120
            out += "<tr><td class=\"n\">\(place + 1)</td><td>\(escape(target)) <span class=\"muted\">\(escape(titles[target] ?? ""))</span></td>"
            out += "<td class=\"n\">\(signed(i.net)) (\(signed(i.positive)) / \(signed(i.negative)))</td>"
            out += "<td><svg width=\"124\" height=\"12\" role=\"img\" aria-label=\"net \(signed(i.net))\"><rect x=\"0\" y=\"1\" width=\"\(AuditCharts.fixed(width))\""
            out += " height=\"10\" fill=\"\(i.net >= 0 ? "#3F7E44" : "#7A4A00")\"/></svg></td>"
            out += "<td class=\"n\">\(signed(i.secondNet)) (\(signed(i.secondPositive)) / \(signed(i.secondNegative)))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    /// One row per resolution: its loops, leverage, blind spots and spill-overs.
    private static func overview(_ systems: Systems, rows: Int) -> String {
        var out = "<table><caption>Feedback loops among each resolution's targets (length 2 to \(systems.options.maxLoopLength)),"
        out += " leverage targets (top third of the ranking), blind spots (on a strong balancing loop) and spill-overs (onto goals outside its scope)</caption>\n"
        out += "<thead><tr><th scope=\"col\">Resolution</th><th scope=\"col\" class=\"n\">Reinforcing</th><th scope=\"col\" class=\"n\">Balancing</th>"
        out += "<th scope=\"col\">Leverage</th><th scope=\"col\">Blind spots</th><th scope=\"col\" class=\"n\">Spill-overs</th></tr></thead><tbody>\n"
        for r in systems.resolutions.prefix(rows) {
            out += "<tr><td>\(escape(r.id))</td><td class=\"n\">\(r.loops.reinforcing)</td><td class=\"n\">\(r.loops.balancing)</td>"
            out += "<td>\(escape(r.leverage.joined(separator: ", ")))</td><td>\(escape(r.blindSpots.map(\.target).joined(separator: ", ")))</td>"
            out += "<td class=\"n\">\(r.spillovers.count)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if systems.resolutions.count > rows {
            out += "<p class=\"note\">The first \(rows) of \(systems.resolutions.count) resolutions are shown here; <code>lumen systems</code> covers them all.</p>\n"
        }
        return out
    }

    /// A resolution's strongest loops, each drawn on the network of its targets.
    private static func loops(_ r: Systems.Resolution) -> String {
        var out = "<h3>Feedback loops of \(escape(r.id))</h3>\n<div class=\"loops\">\n"
        let own = r.advanced.compactMap { r.network.nodes.firstIndex(of: $0) }
        for (index, loop) in r.loops.shown.prefix(drawnLoops).enumerated() {
            out += "<figure class=\"chart\">" + drawing(r, own: own, loop: loop, number: index + 1)
            out += "<figcaption>\(loop.isReinforcing ? "R" : "B")\(index + 1): \(escape(arrows(loop, r.network)))</figcaption></figure>\n"
        }
        out += "</div>\n"
        if r.loops.total > drawnLoops {
            out += "<p class=\"note\">\(r.loops.total) loops in all (\(r.loops.reinforcing) reinforcing, \(r.loops.balancing) balancing); the \(drawnLoops) listed first are drawn.</p>\n"
        }
        return out
    }

    /// The resolution's targets on a circle, every edge among them faint, the
    /// loop's edges bold with their sign, and R or B in the middle.
    private static func drawing(_ r: Systems.Resolution, own: [Int], loop: InteractionNetwork.Loop, number: Int) -> String {
        let size = 220.0
        let centre = size / 2
        let radius = own.count > 1 ? 78.0 : 0
        var position: [Int: (x: Double, y: Double)] = [:]
        for (index, node) in own.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(max(own.count, 1)) - Double.pi / 2
            position[node] = (centre + radius * cos(angle), centre + radius * sin(angle))
        }
        let kind = loop.isReinforcing ? "reinforcing" : "balancing"
        let id = "loop-\(escape(r.id))-\(number)"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size))\" height=\"\(Int(size))\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-labelledby=\"\(id)\">"
        out += "<title id=\"\(id)\">A \(kind) loop: \(escape(arrows(loop, r.network)))</title>"
        out += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\">"
        out += "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#1A1A1A\"/></marker></defs>\n"
        let onLoop = Set(loop.nodes.indices.map { [loop.nodes[$0], loop.nodes[($0 + 1) % loop.nodes.count]] })
        for from in own {
            for edge in r.network.out[from] where position[edge.to] != nil && !onLoop.contains([from, edge.to]) {
                out += line(position[from], position[edge.to], width: 0.8, dashed: edge.sign < 0, colour: "#BBBBBB", marker: nil)
            }
        }
        for index in loop.nodes.indices {
            let (a, b) = (loop.nodes[index], loop.nodes[(index + 1) % loop.nodes.count])
            let weight = loop.weights[index]
            let score = loop.scores[index]
            out += line(position[a], position[b], width: 1.2 + Double(min(abs(score ?? 1), 3)) * 0.6, dashed: weight < 0, colour: "#1A1A1A", marker: "\(id)-arrow")
            if let p = position[a], let q = position[b] {
                let mid = (x: (p.x + q.x) / 2, y: (p.y + q.y) / 2)
                out += "<text x=\"\(AuditCharts.fixed(mid.x))\" y=\"\(AuditCharts.fixed(mid.y - 4))\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\">"
                out += "\(SystemsFormats.weight(score, weight).replacingOccurrences(of: "-", with: "−"))</text>"
            }
        }
        out += "\n"
        for node in own {
            guard let p = position[node] else { continue }
            let bold = loop.nodes.contains(node)
            out += "<circle cx=\"\(AuditCharts.fixed(p.x))\" cy=\"\(AuditCharts.fixed(p.y))\" r=\"\(bold ? 6 : 4)\" fill=\"\(GoalColors.hex(goal(r.network.nodes[node])))\"/>"
            out += "<text x=\"\(AuditCharts.fixed(p.x + 8))\" y=\"\(AuditCharts.fixed(p.y - 6))\" font-size=\"10\"\(bold ? " font-weight=\"bold\"" : "")>\(escape(r.network.nodes[node]))</text>"
        }
        out += "<text x=\"\(Int(centre))\" y=\"\(Int(centre) + 9)\" font-size=\"26\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#555555\">\(loop.isReinforcing ? "R" : "B")</text>"
        out += "<text x=\"\(Int(centre))\" y=\"\(Int(size) - 6)\" font-size=\"10\" text-anchor=\"middle\">\(kind), length \(loop.length)</text>"
        return out + "</svg>\n"
    }

    private static func line(
        _ from: (x: Double, y: Double)?, _ to: (x: Double, y: Double)?, width: Double, dashed: Bool, colour: String, marker: String?
    ) -> String {
        guard let a = from, let b = to else { return "" }
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let length = max((dx * dx + dy * dy).squareRoot(), 1)
        // Bent a little to the left, so that the two directions between a pair stay apart; stopping short of the circles.
        let start = (x: a.x + dx / length * 7, y: a.y + dy / length * 7)
        let end = (x: b.x - dx / length * 8, y: b.y - dy / length * 8)
        let control = (x: (start.x + end.x) / 2 - dy / length * 14, y: (start.y + end.y) / 2 + dx / length * 14)
        var out = "<path d=\"M \(AuditCharts.fixed(start.x)) \(AuditCharts.fixed(start.y)) Q \(AuditCharts.fixed(control.x)) \(AuditCharts.fixed(control.y)) \(AuditCharts.fixed(end.x)) \(AuditCharts.fixed(end.y))\""
        out += " fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(AuditCharts.fixed(width))\""
        if dashed { out += " stroke-dasharray=\"5 3\"" }
        if let marker { out += " marker-end=\"url(#\(marker))\"" }
        return out + "/>"
    }

    private static func arrows(_ loop: InteractionNetwork.Loop, _ network: InteractionNetwork) -> String {
        SystemsFormats.path(loop, network).replacingOccurrences(of: " -> ", with: " → ")
    }

    private static func goal(_ target: String) -> Int { Int(target.split(separator: ".").first ?? "") ?? 0 }
    private static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0" }
    private static func escape(_ text: String) -> String { JUnitReport.escape(text) }
}
