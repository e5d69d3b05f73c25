// The two charts of the audit report, as SVG: the coverage heat map and the
// interaction network. Both are laid out by arithmetic alone (no randomness,
// no measuring of text), so the same audit gives the same bytes; coordinates
// are rounded to tenths.
import Foundation

/// The official colours of the 17 goals, as the UN Department of Global
/// Communications defines them ("Guidelines for the use of the SDG logo
/// including the colour wheel, and 17 icons", May 2020, section "Colour
/// definitions"), as red, green, blue.
package enum GoalColors {
    package static let rgb: [(Int, Int, Int)] = [
        (0xE5, 0x24, 0x3B), (0xDD, 0xA6, 0x3A), (0x4C, 0x9F, 0x38), (0xC5, 0x19, 0x2D), (0xFF, 0x3A, 0x21),
        (0x26, 0xBD, 0xE2), (0xFC, 0xC3, 0x0B), (0xA2, 0x19, 0x42), (0xFD, 0x69, 0x25), (0xDD, 0x13, 0x67),
        (0xFD, 0x9D, 0x24), (0xBF, 0x8B, 0x2E), (0x3F, 0x7E, 0x44), (0x0A, 0x97, 0xD9), (0x56, 0xC0, 0x2B),
        (0x00, 0x68, 0x9D), (0x19, 0x48, 0x6A),
    ]

    /// The colour of a goal: its official colour for goals 1 to 17, a neutral
    /// grey for any other goal a rule pack declares.
    package static func color(of goal: Int) -> (Int, Int, Int) {
        rgb.indices.contains(goal - 1) ? rgb[goal - 1] : (0x80, 0x80, 0x80)
    }

    /// `#RRGGBB` of a goal.
    package static func hex(_ goal: Int) -> String {
        hex(color(of: goal))
    }

    /// The goal's colour mixed with white: `strength` 0 is white, 1 the full colour.
    package static func tint(_ goal: Int, strength: Double) -> (Int, Int, Int) {
        let (r, g, b) = color(of: goal)
        let s = min(max(strength, 0), 1)
        func mix(_ c: Int) -> Int { Int((255 - Double(255 - c) * s).rounded()) }
        return (mix(r), mix(g), mix(b))
    }

    package static func hex(_ color: (Int, Int, Int)) -> String {
        let digits = Array("0123456789ABCDEF")
        var out = "#"
        for c in [color.0, color.1, color.2] {
            out.append(digits[(c >> 4) & 15])
            out.append(digits[c & 15])
        }
        return out
    }

    /// Black or white, whichever contrasts more with the colour (WCAG relative luminance).
    package static func text(on color: (Int, Int, Int)) -> String {
        func channel(_ c: Int) -> Double {
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(color.0) + 0.7152 * channel(color.1) + 0.0722 * channel(color.2)
        // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF"
    }
}

/// SVG charts of an audit.
package enum AuditCharts {
    /// The coverage matrix: the first `rows` resolutions × the 17 goals.
    package static func heatMap(_ audit: Audit, rows: Int) -> String {
        let shown = Array(audit.resolutions.prefix(rows))
        let labelWidth = 260
        let cell = 30
        let rowHeight = 22
        let top = 40
        let width = labelWidth + audit.goals.count * cell + 10
        let height = top + shown.count * rowHeight + 10
        let maximum = max(1, shown.flatMap(\.coverage).max() ?? 1)
        let gaps = shown.reduce(0) { $0 + $1.gaps.count }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" width=\"\(width)\" height=\"\(height)\""
        out += " viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"heatmap-title heatmap-desc\">\n"
        out += "<title id=\"heatmap-title\">Coverage of the \(audit.goals.count) goals by resolution</title>\n"
        out += "<desc id=\"heatmap-desc\">\(shown.count) resolutions by \(audit.goals.count) goals; each cell is the number of measures"
        out += " advancing a target of the goal; \(gaps) goal\(gaps == 1 ? "" : "s") in scope with no measure"
        out += " are hatched. The table in the scorecard section gives the same numbers.</desc>\n"
        out += "<defs><pattern id=\"gap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
        out += " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/>"
        out += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#B00020\" stroke-width=\"2\"/></pattern></defs>\n"
        for (column, goal) in audit.goals.enumerated() {
            let x = labelWidth + column * cell
            let color = GoalColors.color(of: goal)
            out += "<g><title>Goal \(goal): \(escape(audit.goalTitles[column]))</title>"
            out += "<rect x=\"\(x + 1)\" y=\"10\" width=\"\(cell - 2)\" height=\"\(cell - 4)\" fill=\"\(GoalColors.hex(goal))\"/>"
            out += "<text x=\"\(x + cell / 2)\" y=\"28\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\""
            out += " fill=\"\(GoalColors.text(on: color))\">\(goal)</text></g>\n"
        }
        for (index, resolution) in shown.enumerated() {
            let y = top + index * rowHeight
            let label = String(repeating: "  ", count: min(resolution.depth, 6)) + resolution.id
            out += "<text x=\"\(6 + min(resolution.depth, 6) * 12)\" y=\"\(y + 15)\" font-size=\"12\">"
            out += "\(escape(elide(resolution.id, 34 - min(resolution.depth, 6) * 2)))<title>\(escape(label.trimmingSpaces))"
            out += "\(resolution.title.isEmpty ? "" : ": " + escape(resolution.title))</title></text>\n"
            for (column, goal) in audit.goals.enumerated() {
                let count = resolution.coverage[column]
                let x = labelWidth + column * cell
                let inScope = resolution.scope.contains(goal)
                let fill: String
                var textColor = "#000000"
                if count > 0 {
                    let color = GoalColors.tint(goal, strength: 0.25 + 0.75 * Double(count) / Double(maximum))
                    fill = GoalColors.hex(color)
                    textColor = GoalColors.text(on: color)
                } else {
                    fill = inScope ? "url(#gap)" : "#F4F4F4"
                }
                var note = "\(resolution.id), goal \(goal): \(count) measure\(count == 1 ? "" : "s")"
                if inScope { note += count == 0 ? " (in scope: a gap)" : " (in scope)" }
                out += "<g><title>\(escape(note))</title><rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cell - 2)\""
                out += " height=\"\(rowHeight - 2)\" fill=\"\(fill)\""
                out += inScope ? " stroke=\"#333333\" stroke-width=\"1\"/>" : "/>"
                if count > 0 {
                    out += "<text x=\"\(x + cell / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\" font-size=\"11\""
                    out += " fill=\"\(textColor)\">\(count)</text>"
                }
                out += "</g>\n"
            }
        }
        return out + "</svg>\n"
    }

    /// The interaction network: advanced targets around a circle, grouped by goal.
    package static func network(_ audit: Audit) -> String {
        let (width, height) = (760, 720)
        let center = (x: 380.0, y: 330.0)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network\" width=\"\(width)\" height=\"\(height)\""
        out += " viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"network-title network-desc\">\n"
        out += "<title id=\"network-title\">Interaction network of the targets the corpus advances</title>\n"
        let tradeoffs = audit.edges.filter { $0.kind == .tradeoff }.count
        let conflicts = audit.edges.count - tradeoffs
        let goals = Array(Set(audit.nodes.map(\.goal))).sorted()
        out += "<desc id=\"network-desc\">\(audit.nodes.count) targets in \(goals.count) group\(goals.count == 1 ? "" : "s"), one per goal;"
        out += " \(tradeoffs) trade-off\(tradeoffs == 1 ? "" : "s") (dashed brown arrows) and \(conflicts)"
        out += " conflict\(conflicts == 1 ? "" : "s") (solid red arrows), wider when stronger. The legend is below the"
        out += " network; the table below the chart lists every edge.</desc>\n"
        out += "<defs>"
        for (id, colour) in [("arrow-tradeoff", "#7A4A00"), ("arrow-conflict", "#B00020")] {
            out += "<marker id=\"\(id)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\""
            out += " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"\(colour)\"/></marker>"
        }
        out += "</defs>\n"
        // Each goal's targets on a small circle of their own; the goals around a large one, in order.
        var position: [String: (x: Double, y: Double, r: Double)] = [:]
        let ring = goals.count > 1 ? 230.0 : 0
        for (index, goal) in goals.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(max(goals.count, 1)) - Double.pi / 2
            let hub = (x: center.x + ring * cosine(angle), y: center.y + ring * sine(angle))
            let members = audit.nodes.filter { $0.goal == goal }
            let spread = members.count > 1 ? 16.0 + 7.0 * Double(members.count) : 0
            for (number, node) in members.enumerated() {
                let turn = 2 * Double.pi * Double(number) / Double(max(members.count, 1)) - Double.pi / 2
                position[node.target] = (
                    hub.x + spread * cosine(turn), hub.y + spread * sine(turn), Double(4 + min(node.measures, 6))
                )
            }
            // In the middle of its group, or under a group of one.
            let label = (x: hub.x, y: hub.y + (spread > 0 ? 4 : 24))
            out += "<text x=\"\(fixed(label.x))\" y=\"\(fixed(label.y))\" text-anchor=\"middle\" font-size=\"11\""
            out += " font-weight=\"bold\" fill=\"#333333\">Goal \(goal)</text>\n"
        }
        for edge in audit.edges {
            guard let a = position[edge.from], let b = position[edge.to] else { continue }
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = max((dx * dx + dy * dy).squareRoot(), 1)
            // From the rim of one circle to the rim of the other, bent a little to the left so that two ways stay apart.
            let start = (x: a.x + dx / length * (a.r + 2), y: a.y + dy / length * (a.r + 2))
            let end = (x: b.x - dx / length * (b.r + 3), y: b.y - dy / length * (b.r + 3))
            let bend = min(length * 0.12, 24)
            let control = (x: (start.x + end.x) / 2 - dy / length * bend, y: (start.y + end.y) / 2 + dx / length * bend)
            let strength = edge.kind == .tradeoff ? abs(edge.weight) : edge.weight
            let description = edge.kind == .tradeoff
                ? "trade-off: advancing \(edge.from) counteracts \(edge.to) (score \(edge.weight))"
                : "conflict: \(edge.weight) measure\(edge.weight == 1 ? "" : "s") advancing \(edge.from) undermine\(edge.weight == 1 ? "s" : "") \(edge.to)"
            out += "<path d=\"M \(fixed(start.x)) \(fixed(start.y)) Q \(fixed(control.x)) \(fixed(control.y)) \(fixed(end.x)) \(fixed(end.y))\""
            out += " fill=\"none\" stroke-width=\"\(fixed(1.0 + Double(min(strength, 4)) * 0.75))\""
            if edge.kind == .tradeoff {
                out += " stroke=\"#7A4A00\" stroke-dasharray=\"6 3\" marker-end=\"url(#arrow-tradeoff)\""
            } else {
                out += " stroke=\"#B00020\" marker-end=\"url(#arrow-conflict)\""
            }
            out += "><title>\(escape(description))</title></path>\n"
        }
        for node in audit.nodes {
            guard let p = position[node.target] else { continue }
            out += "<g><title>\(escape(node.target)) (goal \(node.goal)): advanced by \(node.measures)"
            out += " measure\(node.measures == 1 ? "" : "s")</title>"
            out += "<circle cx=\"\(fixed(p.x))\" cy=\"\(fixed(p.y))\" r=\"\(Int(p.r))\" fill=\"\(GoalColors.hex(node.goal))\""
            out += " stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>"
            out += "<text x=\"\(fixed(p.x + p.r + 3))\" y=\"\(fixed(p.y - p.r - 1))\" font-size=\"10\">\(escape(node.target))</text></g>\n"
        }
        if audit.nodes.isEmpty {
            out += "<text x=\"\(width / 2)\" y=\"\(height / 2 - 40)\" text-anchor=\"middle\" font-size=\"14\">No measure advances a target.</text>\n"
        }
        out += legend(top: Double(height) - 82)
        return out + "</svg>\n"
    }

    /// What the marks of the network mean, inside the drawing (so that it travels with it).
    private static func legend(top: Double) -> String {
        var out = "<g class=\"legend\" font-size=\"11\">\n"
        out += "<rect x=\"10\" y=\"\(fixed(top))\" width=\"740\" height=\"72\" fill=\"#FFFFFF\" stroke=\"#999999\"/>\n"
        out += "<circle cx=\"30\" cy=\"\(fixed(top + 18))\" r=\"6\" fill=\"\(GoalColors.hex(13))\"/>"
        out += "<circle cx=\"46\" cy=\"\(fixed(top + 18))\" r=\"9\" fill=\"\(GoalColors.hex(7))\"/>"
        out += "<text x=\"62\" y=\"\(fixed(top + 22))\">a target advanced by the corpus: its goal's colour, larger when more measures advance it; grouped by goal</text>\n"
        out += "<path d=\"M 20 \(fixed(top + 40)) L 52 \(fixed(top + 40))\" stroke=\"#7A4A00\" stroke-width=\"2.5\" stroke-dasharray=\"6 3\""
        out += " marker-end=\"url(#arrow-tradeoff)\"/>"
        out += "<text x=\"62\" y=\"\(fixed(top + 44))\">trade-off: advancing the first target counteracts the second (wider: a stronger negative score)</text>\n"
        out += "<path d=\"M 20 \(fixed(top + 60)) L 52 \(fixed(top + 60))\" stroke=\"#B00020\" stroke-width=\"2.5\""
        out += " marker-end=\"url(#arrow-conflict)\"/>"
        out += "<text x=\"62\" y=\"\(fixed(top + 64))\">conflict: a measure advancing the first undermines the second, which another advances (wider: more measures)</text>\n"
        return out + "</g>\n"
    }

    /// One decimal, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// Text cut to `limit` characters with an ellipsis.
    static func elide(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 1))) + "…"
    }

    static func escape(_ text: String) -> String { JUnitReport.escape(text) }

    static func cosine(_ x: Double) -> Double { cos(x) }
    static func sine(_ x: Double) -> Double { sin(x) }
}

extension String {
    fileprivate var trimmingSpaces: String { String(drop { $0 == " " }) }
}
