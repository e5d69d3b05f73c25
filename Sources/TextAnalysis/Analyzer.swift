/// The language of a text, for its stop words and its stemmer.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case french = "fr"
}

/// One word of a text as the suggester compares it: its stem with the
/// diacritics folded (`pêcheurs` -> `pecheur`), the word as written, its
/// place, and whether a negation governs it (`without subsidies`).
public struct TextTerm: Sendable, Equatable {
    public let stem: String
    public let word: String
    /// The word's number in the text, counting every word (stop words too), so
    /// that the terms of a phrase have consecutive positions.
    public let position: Int
    public let negated: Bool
    /// A word of every policy text (`national`, `ensure`): part of a phrase, never a term alone.
    public let isFiller: Bool
}

/// Text to terms: words (Unicode letters and digits; hyphenated words in their
/// parts; French elisions and English possessives dropped), lower case,
/// function words left out and filler marked, the rest stemmed in the text's
/// language and folded, and the words a negation governs marked.
public enum Analyzer {
    /// The terms of a text, in the given language or, without one, the
    /// language its stop words say (English when they do not tell).
    public static func terms(of text: String, language: Language? = nil) -> [TextTerm] {
        var cache = StemCache()
        return terms(of: text, language: language, cache: &cache)
    }

    /// The same, with the stems of words already seen taken from `cache`: a
    /// run over many texts stems each distinct word once.
    public static func terms(of text: String, language: Language? = nil, cache: inout StemCache) -> [TextTerm] {
        let words = Tokenizer.words(text)
        let language = language ?? detectLanguage(words.map(\.text))
        // What each word is, in one lookup: a function word, filler, a negation cue.
        let table = WordTable.of(language)
        var terms: [TextTerm] = []
        terms.reserveCapacity(words.count)
        var negation = Negation()
        for (position, word) in words.enumerated() {
            let kind = table.kinds[word.text] ?? []
            let role = negation.read(word, kind: kind, table: table)
            guard role != .cue, !kind.contains(.function), !word.isNumber else { continue }
            terms.append(
                TextTerm(
                    stem: cache.stem(word.text, language), word: word.text, position: position, negated: role == .negated,
                    isFiller: kind.contains(.filler)))
        }
        return terms
    }

    /// The stem of one lower-case word, folded: what terms and profiles are compared by.
    public static func stem(_ word: String, _ language: Language) -> String {
        let stemmed =
            switch language {
            case .english: EnglishStemmer.stem(word)
            case .french: FrenchStemmer.stem(word)
            }
        return Tokenizer.foldDiacritics(stemmed)
    }

    /// French when more of the words are French stop words than English ones.
    public static func detectLanguage(_ words: [String]) -> Language {
        var (english, french) = (0, 0)
        for word in words {
            if StopWords.english.contains(word) { english += 1 }
            if StopWords.french.contains(word) { french += 1 }
        }
        return french > english ? .french : .english
    }
}

/// Stems already made, by language and word.
public struct StemCache: Sendable {
    private var english: [String: String] = [:]
    private var french: [String: String] = [:]

    public init() {}

    /// The folded stem of a lower-case word (`Analyzer.stem`), made once.
    public mutating func stem(_ word: String, _ language: Language) -> String {
        switch language {
        case .english:
            if let known = english[word] { return known }
            let made = Analyzer.stem(word, language)
            english[word] = made
            return made
        case .french:
            if let known = french[word] { return known }
            let made = Analyzer.stem(word, language)
            french[word] = made
            return made
        }
    }
}

/// The words of a language that are more than words to the analyser, each
/// with what it is, for one lookup per word of a text.
struct WordTable: Sendable {
    struct Kind: OptionSet, Sendable {
        let rawValue: UInt8
        static let function = Kind(rawValue: 1)
        static let filler = Kind(rawValue: 2)
        static let cue = Kind(rawValue: 4)
        /// The first word of a two-word cue (`no` of `no longer`).
        static let cueStart = Kind(rawValue: 8)
    }

    let kinds: [String: Kind]
    let cues: Set<String>

    init(_ language: Language) {
        var kinds: [String: Kind] = [:]
        for word in StopWords.of(language) { kinds[word, default: []].insert(.function) }
        for word in StopWords.filler(language) { kinds[word, default: []].insert(.filler) }
        cues = language == .english ? Negation.english : Negation.french
        for cue in cues {
            let words = cue.split(separator: " ")
            if words.count == 1 { kinds[cue, default: []].insert(.cue) }
            if words.count == 2 { kinds[String(words[0]), default: []].insert(.cueStart) }
        }
        self.kinds = kinds
    }

    static let english = WordTable(.english)
    static let french = WordTable(.french)

    static func of(_ language: Language) -> WordTable {
        language == .english ? english : french
    }
}

/// The words a negation governs: those after a cue (`without`, `no longer`,
/// `ending`, `sans`, `fin de`) up to the end of the clause or five words.
/// "Ending coal subsidies" is not a subsidy; its topic is still subsidies, so
/// the suggester counts negated words for targets and not for kinds.
struct Negation {
    /// Words still governed by the last cue.
    var remaining = 0
    /// The word before, when it may start a two-word cue (`no longer`, `phase out`).
    var previous: String?

    static let english: Set<String> = [
        "without", "no", "not", "never", "non", "end", "ends", "ending", "ended", "abolish", "abolishes", "abolishing",
        "abolition", "repeal", "repeals", "repealing", "remove", "removes", "removing", "removal", "eliminate",
        "eliminates", "eliminating", "elimination", "no longer", "phase out", "phasing out", "phased out",
        "scrap", "scrapping", "withdraw", "withdrawing", "withdrawal",
    ]
    static let french: Set<String> = [
        "sans", "ne", "pas", "jamais", "aucun", "aucune", "fin", "supprimer", "suppression", "supprime",
        "abolir", "abolition", "abroger", "abrogation", "éliminer", "élimination", "retirer", "retrait", "mettre fin",
        "sortie", "sortir",
    ]

    enum Role { case cue, negated, plain }

    /// What the word is: a cue (never a term itself), governed by one, or neither.
    mutating func read(_ word: Tokenizer.Word, kind: WordTable.Kind, table: WordTable) -> Role {
        defer {
            previous = kind.contains(.cueStart) ? word.text : nil
            if word.endsClause { remaining = 0 }
        }
        if kind.contains(.cue) || previous.map({ table.cues.contains($0 + " " + word.text) }) == true {
            remaining = 5
            return .cue
        }
        guard remaining > 0 else { return .plain }
        remaining -= 1
        return .negated
    }
}
