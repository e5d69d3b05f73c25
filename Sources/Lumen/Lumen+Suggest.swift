// `lumen suggest`: kinds (and targets) for measures that declare neither, from
// the words of their titles and descriptions, matched against a lexicon: the
// `terms` of each kind (Rules/mapping/) and the titles of the targets.
import Diagnostics
import Foundation
import Semantics
import Syntax

extension Lumen {
    /// Suggestions for the measures of the given drafts. `includeMapped` also
    /// covers measures that already declare kinds or mappings (to measure how
    /// often the suggestions agree with what drafters wrote).
    public static func suggest(paths: [String], options: CheckOptions = CheckOptions(), includeMapped: Bool = false)
        -> SuggestReport
    {
        let run = Pipeline.load(paths: paths, options: options)
        let (loader, context, diagnostics) = (run.loader, run.context, run.diagnostics)
        let lexicon = Lexicon(program: context.program)
        var measures: [Suggested.Measure] = []
        let drafts = Set(loader.draftPaths)
        for unit in loader.units {
            guard let file = loader.sources.file(unit.file), drafts.contains(file.path) else { continue }
            for case .resolution(let resolution) in unit.declarations {
                for case .measure(let measure) in resolution.items.map(\.kind) {
                    let declared = measure.items.compactMap { item -> [String]? in
                        switch item.kind {
                        case .advances(let targets): targets.map(\.value)
                        case .kinds, .undermines, .restricts: []
                        default: nil
                        }
                    }
                    let isMapped = !declared.isEmpty
                    guard includeMapped || !isMapped else { continue }
                    var text = measure.title?.value ?? ""
                    for item in measure.items {
                        if case .description(let description) = item.kind { text += "\n" + description.value }
                    }
                    let location = file.location(of: measure.id.span.start)
                    measures.append(
                        Suggested.Measure(
                            id: "\(resolution.id.value).\(measure.id.value)", text: text, path: file.path, line: location.line,
                            column: location.column, declaredTargets: declared.flatMap { $0 }, isMapped: isMapped,
                            kinds: lexicon.kinds(for: text), targets: lexicon.targets(for: text),
                            insertion: Insertion(measure: measure, in: file)))
                }
            }
        }
        return SuggestReport(
            sources: loader.sources, diagnostics: diagnostics,
            Suggested(
                measures: measures,
                kindTargets: context.program.kinds.mapValues { Set($0.mappings.filter { $0.relation == "advances" }.map(\.subject)) },
                includesMapped: includeMapped))
    }
}

/// Where `--apply` writes `kind ID` into a measure, and how.
struct Insertion: Sendable {
    /// The byte offset to insert at, and the text before and after the kind's id
    /// (a measure without a block gets one).
    let offset: Int
    let before: String
    let after: String

    init?(measure: MeasureDecl, in file: SourceFile) {
        let bytes = file.bytes
        // Only `.lumen` drafts are rewritten.
        guard file.path.hasSuffix(".lumen"), measure.span.end <= bytes.count, measure.span.start < measure.span.end else {
            return nil
        }
        // The indentation of the `measure` line.
        var lineStart = measure.span.start
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let indent = String(decoding: bytes[lineStart..<measure.span.start].prefix { $0 == 0x20 }, as: UTF8.self)
        if bytes[measure.span.end - 1] == UInt8(ascii: "}") {
            // After the opening brace, as the block's first item.
            guard let brace = bytes[measure.span.start..<measure.span.end].firstIndex(of: UInt8(ascii: "{")) else { return nil }
            let multiline = bytes[(brace + 1)..<measure.span.end].contains(UInt8(ascii: "\n"))
            offset = brace + 1
            before = multiline ? "\n\(indent)  kind " : " kind "
            after = ""
        } else {
            offset = measure.span.end
            before = " {\n\(indent)  kind "
            after = "\n\(indent)}"
        }
    }
}

/// What `lumen suggest` found: each measure with its ranked suggestions.
public struct Suggested: RunOutcome {
    struct Measure: Sendable {
        let id: String
        let text: String
        let path: String
        let line: Int
        let column: Int
        /// Targets the measure declares it advances (for measuring accuracy).
        let declaredTargets: [String]
        /// True when the measure declares kinds or mappings already.
        let isMapped: Bool
        let kinds: [Lexicon.Match]
        let targets: [Lexicon.Match]
        let insertion: Insertion?
    }

    let measures: [Measure]
    let kindTargets: [String: Set<String>]
    /// True when measures with kinds or mappings were included (`--all`).
    let includesMapped: Bool

    public var isComplete: Bool { true }

    /// Each measure with its ranked suggestions and the words that matched.
    public var text: String {
        var out = ""
        for measure in measures {
            out += "\(measure.path):\(measure.line):\(measure.column): \(measure.id) \"\(measure.text.split(separator: "\n").first ?? "")\"\n"
            if measure.kinds.isEmpty && measure.targets.isEmpty { out += "  no suggestion: no word of the lexicon matched\n" }
            for match in measure.kinds.prefix(3) {
                out += "  kind \(match.id) (\(match.name))  score \(match.score), matched " + match.words.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
            for match in measure.targets.prefix(3) {
                out += "  target \(match.id) (\(match.name))  score \(match.score), matched " + match.words.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
        }
        let suggested = measures.filter { !$0.kinds.isEmpty }.count
        out += "\(measures.count) measure\(measures.count == 1 ? "" : "s")\(includesMapped ? "" : " without kind or mapping"), "
        out += "\(suggested) with a suggested kind\n"
        if includesMapped {
            let (right, judged, declaring) = accuracy
            out += "of \(declaring) measures that declare targets, \(judged) got a kind suggested; for \(right) of them the kind "
            out += "maps to a target they declare\n"
        }
        return out
    }

    /// How often the best kind's targets include a target the drafter declared,
    /// over the measures that declare targets and got a kind suggested.
    public var accuracy: (right: Int, suggested: Int, measures: Int) {
        let judged = measures.filter { !$0.declaredTargets.isEmpty }
        let suggested = judged.filter { !$0.kinds.isEmpty }
        let right = suggested.filter { measure in
            guard let best = measure.kinds.first else { return false }
            return !(kindTargets[best.id] ?? []).isDisjoint(with: measure.declaredTargets)
        }
        return (right.count, suggested.count, judged.count)
    }

}

extension Report where Outcome == Suggested {
    /// The drafts with the best kind written into each unmapped measure that got
    /// one, by path (only `.lumen` drafts; the others are listed in `skipped`).
    /// The drafts with the best kind written into each measure that has none,
    /// each with the bytes it had when read (the writer refuses a file changed since).
    public var applied: (files: [(path: String, text: String, original: [UInt8])], skipped: [String]) {
        var byPath: [String: [(Insertion, String)]] = [:]
        var skipped: [String] = []
        // Measures that declare kinds or mappings (listed with `--all`) are left as they are.
        for measure in outcome.measures where !measure.isMapped {
            guard let best = measure.kinds.first else { continue }
            guard let insertion = measure.insertion else {
                skipped.append(measure.id)
                continue
            }
            byPath[measure.path, default: []].append((insertion, best.id))
        }
        var files: [(path: String, text: String, original: [UInt8])] = []
        for (path, edits) in byPath.sorted(by: { $0.key < $1.key }) {
            guard let file = sources.files.first(where: { $0.path == path }) else { continue }
            var bytes = file.bytes
            // From the end, so that earlier offsets stay valid.
            for (insertion, kind) in edits.sorted(by: { $0.0.offset > $1.0.offset }) {
                bytes.insert(contentsOf: Array((insertion.before + kind + insertion.after).utf8), at: insertion.offset)
            }
            files.append((path, String(decoding: bytes, as: UTF8.self), file.bytes))
        }
        return (files, skipped)
    }
}

/// Terms per kind and words per target, and how a text matches them.
struct Lexicon: Sendable {
    struct Match: Sendable, Equatable {
        let id: String
        let name: String
        let score: Int
        let words: [String]
    }

    private let kinds: [(id: String, name: String, terms: [String])]
    private let targets: [(id: String, title: String, words: [String])]

    /// Words too common to say anything about a measure.
    private static let stopWords: Set<String> = [
        "and", "the", "for", "all", "with", "from", "into", "that", "this", "their", "other", "such", "more", "less",
        "by", "of", "to", "in", "on", "at", "or", "an", "a", "as", "its", "per", "new", "public", "national",
    ]

    init(program: CheckedProgram) {
        kinds = program.kinds.keys.sorted().compactMap { id in
            program.kinds[id].map { (id, $0.name, ($0.terms + [$0.name]).map(Lexicon.normalise)) }
        }
        targets = program.ids(of: .target).compactMap { id in
            guard let title = program.entity(.target, id)?.title else { return nil }
            let words = Lexicon.normalise(title).split(separator: " ").map(String.init)
                .filter { $0.count >= 4 && !Lexicon.stopWords.contains($0) }
            return (id, title, words)
        }
    }

    /// Lower case, letters and digits only, single spaces.
    static func normalise(_ text: String) -> String {
        var out = ""
        var space = true
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
                space = false
            } else if !space {
                out.append(" ")
                space = true
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Endings a term may take in the text (`fingerprint` matches `fingerprinting`).
    private static let endings = ["", "s", "es", "ing", "ed"]

    /// Kinds whose terms occur in the text, best first: a term scores its
    /// number of words (a phrase says more than a word); a term inside a longer
    /// matched term (`bus` in `bus lanes`) does not count again.
    ///
    /// The text is read once, into the set of its runs of up to `longestTerm`
    /// words, so that a long description costs its length, not its length times
    /// the lexicon (a description of a megabyte took 20 s).
    func kinds(for text: String) -> [Match] {
        let words = Lexicon.normalise(text).split(separator: " ")
        let longest = kinds.flatMap(\.terms).map { $0.split(separator: " ").count }.max() ?? 1
        var phrases: Set<String> = []
        for start in words.indices {
            var phrase = ""
            for end in start..<min(words.count, start + longest) {
                phrase += (end == start ? "" : " ") + words[end]
                phrases.insert(phrase)
            }
        }
        var matches: [Match] = []
        for kind in kinds {
            let found = Set(kind.terms.filter { term in
                !term.isEmpty && Lexicon.endings.contains { phrases.contains(term + $0) }
            })
            let unique = found.filter { term in !found.contains { $0 != term && (" " + $0 + " ").contains(" " + term + " ") } }.sorted()
            guard !unique.isEmpty else { continue }
            let score = unique.reduce(0) { $0 + $1.split(separator: " ").count }
            matches.append(Match(id: kind.id, name: kind.name, score: score, words: unique))
        }
        return matches.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
    }

    /// Targets whose title shares at least two significant words with the text
    /// (a word matches its plural or a longer form: `forest` and `forests`).
    func targets(for text: String) -> [Match] {
        let words = Set(Lexicon.normalise(text).split(separator: " ").map(String.init).filter { $0.count >= 4 })
        let sorted = words.sorted()
        // A word of the text that starts with `word`: the first one at or after it, in order.
        func extends(_ word: String) -> Bool {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < word { low = middle + 1 } else { high = middle }
            }
            return low < sorted.count && sorted[low].hasPrefix(word)
        }
        // A word of the text that `word` starts with: one of its prefixes of four letters or more.
        func shortens(_ word: String) -> Bool {
            word.count >= 4 && (4...word.count).contains { words.contains(String(word.prefix($0))) }
        }
        var matches: [Match] = []
        for target in targets {
            let found = Set(target.words.filter { extends($0) || shortens($0) }).sorted()
            guard found.count >= 2 else { continue }
            matches.append(Match(id: target.id, name: target.title, score: found.count, words: found))
        }
        return matches.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
    }
}
