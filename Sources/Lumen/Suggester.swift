// The suggester: a text (a measure's title and description) -> the targets
// and kinds it speaks of, ranked, each with the words that support it.
//
//   cues       what suggests an entry (a target or a kind): the phrases of its
//              profile (`profile 14.6 { terms ... }`, a kind's `terms`), in the
//              text's language, and, for English, the words of its title and
//              of its indicators' titles; each a sequence of stems
//   scoring    a cue found in the text (its stems one after another, stop
//              words between) scores, for each of its stems, its weight times
//              the stem's rarity (inverse document frequency) across the
//              entries: a word of a profile weighs 3 (4.5 in a phrase), of the
//              title 1, of an indicator's title 0.5; a stem scores once per
//              entry, for its best cue
//   threshold  an entry is suggested when its score reaches `threshold`: one
//              number, chosen on development data, decides between a
//              suggestion and none
//
// Negated words (`ending coal subsidies`) count for targets, whose topic they
// still are, and not for kinds: ending a subsidy is not a subsidy.
import Foundation
import Semantics
import Syntax
import TextAnalysis

struct Suggester: Sendable {
    /// A suggested target or kind: its id, name, score and the words of the text that matched.
    struct Match: Sendable, Equatable {
        let id: String
        let name: String
        let score: Double
        let words: [String]
    }

    /// A score as hundredths, as reports print it (two decimals).
    static func hundredths(_ score: Double) -> Int { Int((score * 100).rounded()) }

    /// Something that suggests an entry: a sequence of stems, its weight, and the text it came from.
    struct Cue: Sendable {
        let stems: [String]
        let weight: Double
    }

    struct Entry: Sendable {
        let id: String
        let name: String
        let cues: [Cue]
    }

    /// The entries of one kind (targets, or kinds) in one language, with the
    /// cues indexed by their first stem and the rarity of each stem.
    struct Index: Sendable {
        let entries: [Entry]
        let byFirstStem: [String: [(entry: Int, cue: Int)]]
        let rarity: [String: Double]

        init(_ entries: [Entry]) {
            self.entries = entries
            var byFirstStem: [String: [(entry: Int, cue: Int)]] = [:]
            var documents: [String: Int] = [:]
            for (number, entry) in entries.enumerated() {
                for (cueNumber, cue) in entry.cues.enumerated() {
                    guard let first = cue.stems.first else { continue }
                    byFirstStem[first, default: []].append((number, cueNumber))
                }
                for stem in Set(entry.cues.flatMap(\.stems)) { documents[stem, default: 0] += 1 }
            }
            self.byFirstStem = byFirstStem
            let count = Double(max(1, entries.count))
            rarity = documents.mapValues { log(1 + count / Double($0)) }
        }

        /// The entries the terms speak of, best first, down to `threshold`.
        func matches(_ terms: [TextTerm], threshold: Double) -> [Match] {
            // Per entry, the best weight each stem got, and the words that matched.
            var best: [Int: [String: Double]] = [:]
            var words: [Int: Set<String>] = [:]
            for (index, term) in terms.enumerated() {
                for (entryNumber, cueNumber) in byFirstStem[term.stem] ?? [] {
                    let cue = entries[entryNumber].cues[cueNumber]
                    // The rest of the phrase, word after word (up to two stop words between).
                    var matched = [term]
                    for (offset, stem) in cue.stems.enumerated().dropFirst() {
                        let next = index + offset
                        guard next < terms.count, terms[next].stem == stem,
                            terms[next].position - terms[next - 1].position <= 3
                        else { break }
                        matched.append(terms[next])
                    }
                    guard matched.count == cue.stems.count else { continue }
                    // Each stem of the cue scores the cue's weight times its rarity.
                    for stem in cue.stems {
                        let value = cue.weight * (rarity[stem] ?? 0)
                        if value > best[entryNumber, default: [:]][stem, default: 0] { best[entryNumber, default: [:]][stem] = value }
                    }
                    words[entryNumber, default: []].formUnion(matched.map(\.word))
                }
            }
            var found: [Match] = []
            for (entryNumber, stems) in best {
                let score = (stems.values.reduce(0, +) * 100).rounded() / 100
                guard score >= threshold else { continue }
                let entry = entries[entryNumber]
                found.append(Match(id: entry.id, name: entry.name, score: score, words: (words[entryNumber] ?? []).sorted()))
            }
            return found.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
        }
    }

    /// What the indexes are built from: the catalogue's targets, kinds and profiles.
    private let program: CheckedProgram
    private var indicatorTitles: [String: [String]] = [:]
    /// The indexes of each language, built when a text in it first comes.
    private var targets: [Language: Index] = [:]
    private var kinds: [Language: Index] = [:]
    /// The score from which an entry is suggested: more than one word of a
    /// title (a word scores its rarity, 1 to 5), or a word of a profile (three
    /// times its rarity). Chosen from how scores are made, not fitted to a set.
    var threshold = 6.0

    init(program: CheckedProgram) {
        self.program = program
        for fact in program.facts where fact.relation == "indicator-of" {
            guard case .id(let indicator)? = fact.values.first, case .id(let target)? = fact.values.last,
                let title = program.entity(.indicator, indicator)?.title
            else { continue }
            indicatorTitles[target, default: []].append(title)
        }
    }

    /// The index of the targets in a language, built once.
    private mutating func targetIndex(_ language: Language, _ cache: inout StemCache) -> Index {
        if let index = targets[language] { return index }
        let entries = program.ids(of: .target).map { id -> Entry in
            let title = program.entity(.target, id)?.title ?? id
            var cues = Suggester.cues(program.profiles[id]?.terms[language.rawValue] ?? [], language, weight: 3, &cache)
            if language == .english {
                cues += Suggester.wordCues(title, weight: 1, &cache)
                for name in indicatorTitles[id] ?? [] { cues += Suggester.wordCues(name, weight: 0.5, &cache) }
            }
            return Entry(id: id, name: title, cues: cues)
        }
        let index = Index(entries)
        targets[language] = index
        return index
    }

    /// The index of the kinds in a language, built once.
    private mutating func kindIndex(_ language: Language, _ cache: inout StemCache) -> Index {
        if let index = kinds[language] { return index }
        let entries = program.kinds.keys.sorted().compactMap { id -> Entry? in
            guard let kind = program.kinds[id] else { return nil }
            var cues = Suggester.cues(program.profiles[id]?.terms[language.rawValue] ?? [], language, weight: 3, &cache)
            if language == .english { cues += Suggester.cues([kind.name], language, weight: 3, &cache) }
            return Entry(id: id, name: kind.name, cues: cues)
        }
        let index = Index(entries)
        kinds[language] = index
        return index
    }

    /// One cue per phrase: its stems, each weighing `weight` (more in a phrase).
    static func cues(_ phrases: [String], _ language: Language, weight: Double, _ cache: inout StemCache) -> [Cue] {
        phrases.compactMap { phrase in
            let terms = Analyzer.terms(of: phrase, language: language, cache: &cache)
            // A phrase of filler alone (`public`) would match every text.
            guard terms.contains(where: { !$0.isFiller }) else { return nil }
            let stems = terms.map(\.stem)
            // A phrase says more than its words apart: each of its words weighs half as much again.
            return Cue(stems: stems, weight: stems.count > 1 ? weight * 1.5 : weight)
        }
    }

    /// One cue per content word of an English text (filler is no cue alone).
    static func wordCues(_ text: String, weight: Double, _ cache: inout StemCache) -> [Cue] {
        Analyzer.terms(of: text, language: .english, cache: &cache).filter { !$0.isFiller }.map {
            Cue(stems: [$0.stem], weight: weight)
        }
    }

    /// The targets a text speaks of, in its language, down to the threshold
    /// (kinds are not looked for: their index is not built).
    mutating func suggestTargets(_ text: String, cache: inout StemCache) -> [Match] {
        let language = Analyzer.detectLanguage(Tokenizer.words(text).map(\.text))
        return targetIndex(language, &cache).matches(Analyzer.terms(of: text, language: language, cache: &cache), threshold: threshold)
    }

    /// What the suggester found in one text.
    struct Suggestion: Sendable {
        let language: Language
        let targets: [Match]
        let kinds: [Match]
        /// Goals, each scored as its best target.
        let goals: [(goal: String, score: Double)]
    }

    /// The targets and kinds a text speaks of, in its language (or the one
    /// given), down to `minimum` (the threshold if none is given).
    mutating func suggest(_ text: String, language: Language? = nil, minimum: Double? = nil, cache: inout StemCache) -> Suggestion {
        let language = language ?? Analyzer.detectLanguage(Tokenizer.words(text).map(\.text))
        let terms = Analyzer.terms(of: text, language: language, cache: &cache)
        let minimum = minimum ?? threshold
        let targets = targetIndex(language, &cache).matches(terms, threshold: minimum)
        let kinds = kindIndex(language, &cache).matches(terms.filter { !$0.negated }, threshold: minimum)
        var goals: [String: Double] = [:]
        for target in targets {
            let goal = String(target.id.prefix { $0 != "." })
            goals[goal] = max(goals[goal] ?? 0, target.score)
        }
        let ranked = goals.map { (goal: $0.key, score: $0.value) }.sorted { ($1.score, $0.goal) < ($0.score, $1.goal) }
        return Suggestion(language: language, targets: targets, kinds: kinds, goals: ranked)
    }
}

extension Suggester {
    /// What the suggester reads of a measure: its title, then its descriptions.
    static func text(of measure: MeasureDecl) -> String {
        var text = measure.title?.value ?? ""
        for item in measure.items {
            if case .description(let description) = item.kind { text += "\n" + description.value }
        }
        return text
    }
}
