// SystemsFormats: `lumen systems` as text, JSON and CSV. The numbers come from
// `Systems`; each format only lays them out, so they cannot disagree.
import Diagnostics

package enum SystemsFormats {
    /// What the text shows of each ranking: the strongest `top` targets, and the resolution's own wherever they rank.
    package struct Options: Sendable {
        package var top = 10
        package var spillovers = 10

        package init() {}
    }

    // MARK: Text

    package static func text(_ systems: Systems, options: Options = Options()) -> String {
        var out = ""
        for (index, resolution) in systems.resolutions.enumerated() {
            if index > 0 { out += "\n" }
            out += text(resolution, systems.options, options, titles: systems.titles)
        }
        if systems.resolutions.isEmpty { out += "no resolution\n" }
        return out
    }

    private static func text(
        _ r: Systems.Resolution, _ analysis: Systems.Options, _ options: Options, titles: [String: String]
    ) -> String {
        var out = r.title.isEmpty ? "\(r.id)\n" : "\(r.id): \(r.title)\n"
        out += "  advances \(count(r.advanced.count, "target"))" + (r.advanced.isEmpty ? "\n" : ": \(r.advanced.joined(separator: ", "))\n")
        out += "  \(r.scoped ? "scope" : "goals advanced"): \(goals(r.focus))\n"
        for matrix in [r.scored, r.reported].compactMap({ $0 }) {
            out += "\n" + ranking(matrix, r, top: options.top)
        }
        if r.primary == nil { out += "\n  no interaction applies to it: nothing to rank\n" }
        out += "\n" + loops(r, analysis)
        out += "\n  leverage: "
        if let primary = r.primary, !r.leverage.isEmpty {
            out += r.leverage.compactMap { target in
                primary.node(target).map { node in
                    "\(target) (rank \(primary.rank[node] + 1) of \(primary.network.nodes.count) by \(primary.kind == .scores ? "score" : "count"), net \(signed(primary.influence[node].net)))"
                }
            }.joined(separator: ", ") + "\n"
        } else {
            out += "none of its targets ranks in the top third with a positive net influence\n"
        }
        out += "  blind spots: "
        if r.blindSpots.isEmpty {
            out += "none of its targets sits on a strong balancing loop (every score 2 or more either way)\n"
        } else {
            out += "on a strong balancing loop (every score 2 or more either way)\n" + r.blindSpots.map { "    \($0.target) on \(path($0.loop, r.network))\n" }.joined()
        }
        out += "  spill-overs onto goals outside its \(r.scoped ? "scope" : "goals"): "
        if r.spillovers.isEmpty {
            out += "none\n"
        } else {
            out += "\(r.spillovers.count)\n"
            for spill in r.spillovers.prefix(options.spillovers) {
                out += "    \(spill.from) -> \(spill.to)  \(weight(spill.score, spill.sign))  \(titles[spill.to] ?? "")\n"
            }
            if r.spillovers.count > options.spillovers {
                out += "    and \(r.spillovers.count - options.spillovers) more (--format json lists them all)\n"
            }
        }
        return out
    }

    private static func ranking(_ m: Systems.Matrix, _ r: Systems.Resolution, top: Int) -> String {
        let n = m.network.nodes.count
        var out = m.kind == .scores
            ? "  influence by score in `\(m.set)` (\(count(n, "target")), \(count(m.network.edgeCount, "non-zero score"))):\n"
            : "  influence by count of effects reported more than once in `\(m.set)` (\(count(n, "target")), \(count(m.network.edgeCount, "effect"))"
                + (r.contested > 0 ? "; \(count(r.contested, "pair")) reported both ways as often, left out" : "") + "):\n"
        out += "    rank  target   first order (+ / -)      second order (+ / -)\n"
        let own = Set(r.advanced)
        var last = -1
        for (place, node) in m.ranking.enumerated() where place < top || own.contains(m.network.nodes[node]) {
            if place != last + 1 { out += "    ...\n" }
            last = place
            let i = m.influence[node]
            let target = m.network.nodes[node]
            out += "    " + pad("\(place + 1)", 4, right: true) + "  " + pad(target, 6) + "  "
            out += pad(signed(i.net), 5, right: true) + " " + pad("(\(signed(i.positive)) / \(signed(i.negative)))", 14)
            out += pad(signed(i.secondNet), 8, right: true) + " (\(signed(i.secondPositive)) / \(signed(i.secondNegative)))"
            out += own.contains(target) ? "  <- advanced\n" : "\n"
        }
        if last < n - 1 { out += "    ... (\(n - last - 1) more; --format csv lists every target)\n" }
        let absent = r.advanced.filter { m.node($0) == nil }
        if !absent.isEmpty { out += "    not in these interactions: \(absent.joined(separator: ", "))\n" }
        return out
    }

    private static func loops(_ r: Systems.Resolution, _ analysis: Systems.Options) -> String {
        let loops = r.loops
        let among = analysis.allTargets ? "among all \(r.network.nodes.count) targets" : "among its \(count(r.advanced.count, "target"))"
        var out = "  feedback loops \(among), length 2 to \(analysis.maxLoopLength): \(loops.complete ? "" : "at least ")\(loops.total)"
        if loops.total > 0 { out += " (\(loops.reinforcing) reinforcing, \(loops.balancing) balancing)" }
        out += "\n"
        for loop in loops.shown {
            out += "    " + pad(loop.isReinforcing ? "reinforcing" : "balancing", 12) + path(loop, r.network) + "  "
            out += zip(loop.scores, loop.weights).map { weight($0, $1) }.joined(separator: " ") + "\n"
        }
        if loops.total > loops.shown.count {
            out += "    and \(loops.total - loops.shown.count) more (--loops N shows more)\n"
        }
        if !loops.complete {
            out += "    (the search stopped after \(InteractionNetwork.loopSearchSteps) steps: a shorter --max-loop-length counts them all)\n"
        }
        if loops.shown.contains(where: { $0.scores.contains(nil) }) {
            out += "    (a bare + or - is an effect reported without a score)\n"
        }
        return out
    }

    // MARK: JSON

    package static func json(_ systems: Systems) -> String {
        let resolutions = systems.resolutions.map { r -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("id", .string(r.id)), ("title", .string(r.title)),
                ("advances", .array(r.advanced.map(JSONValue.string))),
                ("goals", .array(r.focus.map(JSONValue.number))), ("scoped", .bool(r.scoped)),
            ]
            members.append(("influence", .array([r.scored, r.reported].compactMap { $0 }.map { matrix($0, r) })))
            members.append(("contestedPairs", .number(r.contested)))
            members.append(
                ("loops", .object([
                    ("among", .string(systems.options.allTargets ? "all" : "advanced")),
                    ("maxLength", .number(systems.options.maxLoopLength)),
                    ("complete", .bool(r.loops.complete)),
                    ("total", .number(r.loops.total)), ("reinforcing", .number(r.loops.reinforcing)),
                    ("balancing", .number(r.loops.balancing)),
                    ("byLength", .object((2..<r.loops.byLength.count).map { ("\($0)", .number(r.loops.byLength[$0])) })),
                    ("shown", .array(r.loops.shown.map { loop($0, r.network) })),
                ])))
            members.append(("leverage", .array(r.leverage.map(JSONValue.string))))
            members.append(
                ("blindSpots", .array(r.blindSpots.map {
                    .object([("target", .string($0.target)), ("loop", loop($0.loop, r.network))])
                })))
            members.append(
                ("spillovers", .array(r.spillovers.map { spill in
                    .object([
                        ("from", .string(spill.from)), ("to", .string(spill.to)),
                        ("score", spill.score.map(JSONValue.number) ?? .null), ("sign", .number(spill.sign)),
                    ])
                })))
            return .object(members)
        }
        return JSONValue.object([
            ("method", .string("first order: row sums of the interactions that apply (Weitz et al. 2018); second order: sums over two-step paths of the product of the two weights; unscored reported effects count as +1 or -1")),
            ("resolutions", .array(resolutions)),
        ]).rendered()
    }

    private static func matrix(_ m: Systems.Matrix, _ r: Systems.Resolution) -> JSONValue {
        let own = Set(r.advanced)
        return .object([
            ("set", .string(m.set)), ("by", .string(m.kind.rawValue)), ("targets", .number(m.network.nodes.count)),
            ("edges", .number(m.network.edgeCount)),
            ("ranking", .array(m.ranking.enumerated().map { place, node in
                let i = m.influence[node]
                let target = m.network.nodes[node]
                return .object([
                    ("rank", .number(place + 1)), ("target", .string(target)), ("advanced", .bool(own.contains(target))),
                    ("positive", .number(i.positive)), ("negative", .number(i.negative)), ("net", .number(i.net)),
                    ("secondPositive", .number(i.secondPositive)), ("secondNegative", .number(i.secondNegative)),
                    ("secondNet", .number(i.secondNet)),
                ])
            })),
        ])
    }

    private static func loop(_ loop: InteractionNetwork.Loop, _ network: InteractionNetwork) -> JSONValue {
        .object([
            ("polarity", .string(loop.isReinforcing ? "reinforcing" : "balancing")), ("length", .number(loop.length)),
            ("targets", .array(loop.nodes.map { .string(network.nodes[$0]) })),
            ("scores", .array(loop.scores.map { $0.map(JSONValue.number) ?? .null })),
            ("signs", .array(loop.weights.map { .number($0.signum()) })),
        ])
    }

    // MARK: CSV

    /// Every target of every ranking, one row each.
    package static func csv(_ systems: Systems) -> String {
        var out = "resolution,set,by,rank,target,advanced,first_positive,first_negative,first_net,second_positive,second_negative,second_net\n"
        for r in systems.resolutions {
            let own = Set(r.advanced)
            for m in [r.scored, r.reported].compactMap({ $0 }) {
                for (place, node) in m.ranking.enumerated() {
                    let i = m.influence[node]
                    let target = m.network.nodes[node]
                    // Text is escaped (and kept from reading as a formula); numbers are written as they are.
                    let text = [r.id, m.set, m.kind.rawValue].map(AuditCSV.field)
                    let numbers = [i.positive, i.negative, i.net, i.secondPositive, i.secondNegative, i.secondNet]
                    out += (text + ["\(place + 1)", AuditCSV.field(target), own.contains(target) ? "yes" : "no"]
                        + numbers.map(String.init)).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    // MARK: Pieces

    static func path(_ loop: InteractionNetwork.Loop, _ network: InteractionNetwork) -> String {
        (loop.nodes + loop.nodes.prefix(1)).map { network.nodes[$0] }.joined(separator: " -> ")
    }

    static func weight(_ score: Int?, _ sign: Int) -> String {
        score.map(signed) ?? (sign > 0 ? "+" : "-")
    }

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func goals(_ goals: [Int]) -> String {
        goals.isEmpty ? "none" : (goals.count == 1 ? "goal " : "goals ") + goals.map(String.init).joined(separator: ", ")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }
}
