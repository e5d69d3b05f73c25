import Diagnostics
import Foundation
import Semantics
import Syntax

extension Lumen {
    /// What `lumen catalog` can show.
    public enum CatalogKind: String, Sendable, CaseIterable {
        case goal, target, indicator, principle, kind, level, pack, search
    }

    /// Describes one entry of the catalogue (the standard library plus any
    /// rule packs), or lists the entries whose id, title or description contains
    /// a word. Returns the text and whether the entry was found.
    public static func catalog(_ kind: CatalogKind, _ argument: String, options: CheckOptions = CheckOptions()) -> (
        text: String, found: Bool
    ) {
        var options = options
        if kind == .pack { options.packs = [argument] }
        options.loadsProfiles = true
        let loaded = Pipeline.load(paths: [], options: options)
        var catalog = Catalog(program: loaded.program, sources: loaded.sources)
        catalog.packNames = embeddedRuleFiles.compactMap { file -> String? in
            guard file.path.hasPrefix("packs/") else { return nil }
            return String(file.path.dropFirst("packs/".count).prefix { $0 != "/" })
        }
        switch kind {
        case .goal: return catalog.goal(argument)
        case .target: return catalog.target(argument)
        case .indicator: return catalog.indicator(argument)
        case .principle: return catalog.principle(argument)
        case .kind: return catalog.kind(argument)
        case .level: return catalog.level(argument)
        case .pack: return catalog.pack(argument)
        case .search: return catalog.search(argument)
        }
    }
}

/// Renders catalogue entries as text.
struct Catalog {
    let program: CheckedProgram
    /// Where declarations are, to show where a mapping is written.
    var sources: SourceMap?
    /// The optional packs of the standard library.
    var packNames: [String] = []

    private func title(_ type: ValueType, _ id: String) -> String {
        program.entity(type, id)?.title ?? ""
    }

    private func facts(_ relation: String) -> [[String]] {
        program.facts.filter { $0.relation == relation }.map { $0.values.map(\.description) }
    }

    private func unknown(_ type: ValueType, _ id: String) -> (text: String, found: Bool) {
        let candidates = program.ids(of: type)
        // Several targets are one edit from `13.9`: for SDG ids, suggest only a unique closest one.
        let suggestion =
            [.goal, .target, .indicator].contains(type)
            ? EditDistance.uniqueSuggestion(for: id, among: candidates) : EditDistance.suggestion(for: id, among: candidates)
        return ("error: no \(type.rawValue) `\(id)` in the catalogue" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n", false)
    }

    private func rows(_ pairs: [(String, String)]) -> String {
        let width = (pairs.map(\.0.count).max() ?? 0) + 2
        return pairs.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 }.joined(separator: "\n") + "\n"
    }

    func goal(_ id: String) -> (text: String, found: Bool) {
        guard program.entity(.goal, id) != nil else { return unknown(.goal, id) }
        let targets = sortedSDGIDs(facts("target-of-goal").filter { $0[1] == id }.map { $0[0] })
        var out = "goal \(id)  \(title(.goal, id))\n\n\(targets.count) targets:\n"
        out += rows(targets.map { ($0, title(.target, $0)) })
        return (out, true)
    }

    func target(_ id: String) -> (text: String, found: Bool) {
        guard program.entity(.target, id) != nil else { return unknown(.target, id) }
        let goal = facts("target-of-goal").first { $0[0] == id }?[1] ?? "?"
        let indicators = sortedSDGIDs(facts("indicator-of").filter { $0[1] == id }.map { $0[0] })
        let aliases = facts("indicator-alias")
        var out = "target \(id)  \(title(.target, id))\n"
        out += "  goal: \(goal) (\(title(.goal, goal)))\n"
        out += "  kind: " + (facts("means-of-implementation").contains([id]) ? "means of implementation" : "outcome") + "\n"
        let shown = indicators.map { indicator -> (String, String) in
            let title = title(.indicator, indicator)
            if let primary = aliases.first(where: { $0[0] == indicator })?[1] { return ("  " + indicator, "\(title) (= \(primary))") }
            return ("  " + indicator, title)
        }
        out += "  indicators:" + (shown.isEmpty ? " none\n" : "\n" + rows(shown))
        let interactions = facts("interaction")
        let outgoing = interactions.filter { $0[0] == id }
        let incoming = interactions.filter { $0[1] == id }
        out += "  scored interactions out: " + (outgoing.isEmpty ? "none in the loaded catalogue\n" : "\n" + interactionRows(outgoing))
        out += "  scored interactions in: " + (incoming.isEmpty ? "none in the loaded catalogue\n" : "\n" + interactionRows(incoming))
        out += reportedRows(for: id)
        out += termRows(of: id, indent: "  ")
        let packs = Set(packNames).sorted()
        if !packs.isEmpty {
            out += "  packs that score more, for the drafts that turn them on: "
            out += packs.map { "`lumen catalog pack \($0)`" }.joined(separator: ", ") + "\n"
        }
        return (out, true)
    }

    /// The effects the literature reports for a target, both ways, grouped by
    /// sign, with each row's evidence entries and the sources' references.
    private func reportedRows(for id: String) -> String {
        let reported = program.facts.filter { $0.relation == "reported" }
        let outgoing = reported.filter { $0.values[0] == .id(id) }
        let incoming = reported.filter { $0.values[1] == .id(id) }
        guard !outgoing.isEmpty || !incoming.isEmpty else { return "  reported in the literature: nothing\n" }
        var out = "  reported in the literature (entries in brackets):\n"
        let groups: [(String, [Fact], Int)] = [
            ("advancing \(id) supports", outgoing.filter { $0.values[2] == .id("synergy") }, 1),
            ("advancing \(id) works against", outgoing.filter { $0.values[2] == .id("trade-off") }, 1),
            ("advancing \(id) affects, sign not given", outgoing.filter { $0.values[2] == .id("unspecified") }, 1),
            ("supports \(id)", incoming.filter { $0.values[2] == .id("synergy") }, 0),
            ("works against \(id)", incoming.filter { $0.values[2] == .id("trade-off") }, 0),
            ("affects \(id), sign not given", incoming.filter { $0.values[2] == .id("unspecified") }, 0),
        ]
        for (label, facts, other) in groups where !facts.isEmpty {
            let items = facts.sorted { a, b in
                a.values[other].description.compare(b.values[other].description, options: .numeric) == .orderedAscending
            }.map { fact -> String in
                let evidence = fact.values[3] == .integer(0) ? "" : " (\(fact.values[3].description))"
                return fact.values[other].description + evidence
            }
            out += "    \(label) (\(items.count)):\n" + wrapped(items, indent: 6)
        }
        var sources: Set<String> = []
        for fact in outgoing + incoming {
            guard case .text(let cite) = fact.values[4] else { continue }
            sources.insert(cite.split(separator: ",").first.map(String.init) ?? cite)
        }
        let references = Dictionary(
            facts("citation").map { (String($0[0].dropFirst().dropLast()), String($0[1].dropFirst().dropLast())) },
            uniquingKeysWith: { first, _ in first })
        for source in sources.sorted() {
            out += "    source: \(source)" + (references[source].map { " (\($0))" } ?? "") + "\n"
        }
        return out
    }

    /// Comma-separated items in lines of at most 88 columns.
    private func wrapped(_ items: [String], indent: Int) -> String {
        var lines: [String] = []
        var line = ""
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? "" : ",")
            if !line.isEmpty, indent + line.count + 1 + piece.count > 88 {
                lines.append(line)
                line = piece
            } else {
                line += (line.isEmpty ? "" : " ") + piece
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String(repeating: " ", count: indent) + $0 + "\n" }.joined()
    }

    private func interactionRows(_ rows: [[String]]) -> String {
        rows.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { row in
            let score = Int(row[2]).map { $0 > 0 ? "+\($0)" : String($0) } ?? row[2]
            let source = program.interactionSources["\(row[0])->\(row[1])"].map { "  (\($0))" } ?? ""
            return "    \(row[0]) -> \(row[1]) \(score)\(source)\n"
        }.joined()
    }

    /// The edition of the indicator framework the catalogue follows, as it states it.
    private var edition: String? {
        facts("indicator-framework").first?.first.map { String($0.dropFirst().dropLast()) }
    }

    func indicator(_ id: String) -> (text: String, found: Bool) {
        if program.entity(.indicator, id) == nil, let retired = program.retiredIndicators[id] {
            var out = "indicator \(id) is retired: \(retired.note)\n"
            if let successor = retired.successor { out += "  now: \(successor) (\(title(.indicator, successor)))\n" }
            if let edition { out += "  not in the catalogue's \(edition)\n" }
            return (out, true)
        }
        guard program.entity(.indicator, id) != nil else { return unknown(.indicator, id) }
        if let declared = facts("local-indicator").first(where: { $0[0] == id })?[1] {
            // An indicator a draft declares: not of the framework, whatever its edition.
            var out = "indicator \(id)" + (title(.indicator, id).isEmpty ? "" : "  \(title(.indicator, id))") + "\n"
            out += "  local: declared by \(declared), not of the global framework\n"
            for target in facts("indicator-of").filter({ $0[0] == id }).map({ $0[1] }) {
                out += "  monitors: \(target) (\(title(.target, target)))\n"
            }
            return (out, true)
        }
        let target = facts("indicator-of").first { $0[0] == id }?[1] ?? "?"
        let aliases = facts("indicator-alias")
        let primary = aliases.first { $0[0] == id }?[1] ?? id
        let others = ([primary] + aliases.filter { $0[1] == primary }.map { $0[0] }).filter { $0 != id }
        var out = "indicator \(id)" + (title(.indicator, id).isEmpty ? "" : "  \(title(.indicator, id))") + "\n"
        out += "  target: \(target) (\(title(.target, target)))\n"
        out += "  also listed as: " + (others.isEmpty ? "none" : sortedSDGIDs(others).joined(separator: ", ")) + "\n"
        if let code = facts("indicator-code").first(where: { $0[0] == id })?[1].dropFirst().dropLast() {
            out += "  UN Statistics Division code: \(code) (http://metadata.un.org/sdg/\(code))\n"
        }
        if let edition { out += "  framework: \(edition)\n" }
        return (out, true)
    }

    func principle(_ id: String) -> (text: String, found: Bool) {
        guard program.entity(.principle, id) != nil else { return unknown(.principle, id) }
        var out = "principle \(id)  \(title(.principle, id))\n"
        if let description = program.descriptions[id] { out += "\n\(description)\n" }
        let anchors = program.anchors.filter { $0.principle == id }
        out += "\nenshrined (\(anchors.count)):\n"
        out += rows(
            anchors.flatMap { anchor -> [(String, String)] in
                let country = program.entity(.country, anchor.country)?.title ?? anchor.country
                let note = anchor.note.map { " (\($0))" } ?? ""
                let checked = anchor.checked.map { "checked against \($0)" } ?? "not checked against a text"
                return [(country, "\(anchor.reference)\(note), \(anchor.document ?? "document not named")"), ("", "  " + checked)]
            })
        let anchored = Set(anchors.map(\.country))
        let missing = program.ids(of: .country).filter { !anchored.contains($0) }
            .map { program.entity(.country, $0)?.title ?? $0 }.sorted()
        if !missing.isEmpty {
            out += "\nno article in the table (\(missing.count)): " + missing.joined(separator: ", ") + "\n"
            out += "a restriction of \(id) in a resolution of one of these says so instead of citing an article\n"
        }
        return (out, true)
    }

    /// A kind of measure: its definition, what it maps to and why, and its terms.
    func kind(_ id: String) -> (text: String, found: Bool) {
        guard let kind = program.kinds[id] else { return unknown(.kind, id) }
        var out = "kind \(id)  \(kind.name)\n\n\(kind.definition)\n"
        for relation in ["advances", "undermines", "restricts", "offsets"] {
            let mappings = kind.mappings.filter { $0.relation == relation }
            guard !mappings.isEmpty else { continue }
            out += relation == "offsets" ? "\noffsets, in a measure of both kinds, the undermining of:\n" : "\n\(relation):\n"
            for mapping in mappings {
                let type: ValueType = relation == "restricts" ? .principle : .target
                let name = title(type, mapping.subject)
                let of = mapping.offsetKind.map { " by kind \($0)" } ?? ""
                out += "  \(mapping.subject)" + (name.isEmpty ? "" : " (\(name))") + of + "\n"
                out += "    because: \(mapping.rationale)\n"
                if let source = mapping.source { out += "    source: \(source)\n" }
                if let (path, location) = sources?.position(of: mapping.span) { out += "    declared at \(path):\(location)\n" }
            }
        }
        let terms = termRows(of: id, indent: "")
        if !terms.isEmpty { out += "\n" + terms }
        return (out, true)
    }

    /// The words that suggest a target or a kind to `lumen suggest`, a line per language.
    private func termRows(of id: String, indent: String) -> String {
        guard let profile = program.profiles[id] else { return "" }
        return profile.terms.keys.sorted().compactMap { language -> String? in
            guard let terms = profile.terms[language], !terms.isEmpty else { return nil }
            return "\(indent)terms (\(language)): " + terms.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
        }.joined()
    }

    /// A level of government: its place in the order of levels.
    func level(_ id: String) -> (text: String, found: Bool) {
        guard program.entity(.level, id) != nil else { return unknown(.level, id) }
        let below = Dictionary(facts("level-below").map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        var out = "level \(id)  \(title(.level, id))\n"
        out += "  just above: " + (below[id].map { "\($0) (\(title(.level, $0)))" } ?? "none: it is a top level") + "\n"
        let under = below.filter { $0.value == id }.keys.sorted()
        out += "  just below: " + (under.isEmpty ? "none" : under.map { "\($0) (\(title(.level, $0)))" }.joined(separator: ", ")) + "\n"
        // The chain from this level to the top, as `level-inversion` reads it.
        var chain = [id]
        while let next = below[chain[chain.count - 1]], !chain.contains(next) { chain.append(next) }
        out += "  order: " + chain.reversed().joined(separator: " > ") + "\n"
        return (out, true)
    }

    /// An optional pack: what it scores, from which source, and how a draft turns it on.
    func pack(_ name: String) -> (text: String, found: Bool) {
        let prefix = "<stdlib>/packs/\(name)/"
        let scored = program.facts.filter { fact in
            fact.relation == "interaction" && (sources?.file(fact.span.file)?.path.hasPrefix(prefix) ?? false)
        }
        guard !scored.isEmpty else {
            let suggestion = EditDistance.suggestion(for: name, among: packNames)
            let known = Set(packNames).sorted().map { "`\($0)`" }.joined(separator: ", ")
            return (
                "error: no pack `\(name)` in the standard library" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
                    + "\nthe packs are \(known.isEmpty ? "none" : known)\n", false
            )
        }
        let rows = scored.map { $0.values.map(\.description) }
        let targets = sortedSDGIDs(Array(Set(rows.flatMap { [$0[0], $0[1]] })))
        let citations = Set(rows.compactMap { program.interactionSources["\($0[0])->\($0[1])"] }).sorted()
        var out = "pack \(name)\n\n"
        out += "\(rows.count) scored interactions among \(targets.count) targets, on the scale of Nilsson, Griggs and Visbeck (2016).\n"
        out += "Turned on for the resolutions of a draft by `use pack \(name)` (and of the drafts that use it),\n"
        out += "or for every resolution by `\"packs\": [\"\(name)\"]` in lumen.json.\n"
        out += "\nsource" + (citations.count == 1 ? "" : "s") + ":\n" + citations.map { "  \($0)\n" }.joined()
        out += "\ntargets: " + targets.joined(separator: ", ") + "\n"
        out += "\ninteractions (row target affects column target):\n"
        out += rows.sorted { a, b in
            a[0] != b[0] ? a[0].compare(b[0], options: .numeric) == .orderedAscending : a[1].compare(b[1], options: .numeric) == .orderedAscending
        }.map { row in
            let score = Int(row[2]).map { $0 > 0 ? "+\($0)" : String($0) } ?? row[2]
            return "  \(row[0]) -> \(row[1]) \(score)\n"
        }.joined()
        return (out, true)
    }

    /// The entries whose id, title, description or terms (in any language) contain a word.
    func search(_ word: String) -> (text: String, found: Bool) {
        let needle = word.lowercased()
        var matches: [(String, String)] = []
        for type in [ValueType.goal, .target, .indicator, .principle] {
            let ids = type == .goal ? program.ids(of: type).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) } : sortedSDGIDs(program.ids(of: type))
            for id in ids {
                let title = self.title(type, id)
                let description = program.descriptions[id] ?? ""
                let terms = type == .target ? (program.profiles[id].map { Array($0.terms.values.joined()) } ?? []).joined(separator: "\n") : ""
                if id.lowercased() == needle || title.lowercased().contains(needle) || description.lowercased().contains(needle)
                    || terms.lowercased().contains(needle)
                {
                    matches.append(("\(type.rawValue) \(id)", title))
                }
            }
        }
        for id in program.kinds.keys.sorted() {
            guard let kind = program.kinds[id] else { continue }
            let terms = program.profiles[id].map { Array($0.terms.values.joined()) } ?? []
            let text = ([id, kind.name, kind.definition] + kind.terms + terms).joined(separator: "\n").lowercased()
            if text.contains(needle) { matches.append(("kind \(id)", kind.name)) }
        }
        guard !matches.isEmpty else { return ("no entry of the catalogue mentions `\(word)`\n", false) }
        return (rows(matches) + "\(matches.count) match\(matches.count == 1 ? "" : "es")\n", true)
    }
}
