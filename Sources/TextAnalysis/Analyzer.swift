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

    public init(stem: String, word: String, position: Int, negated: Bool = false, isFiller: Bool = false) {
        self.stem = stem
        self.word = word
        self.position = position
        self.negated = negated
        self.isFiller = isFiller
    }
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
        let stopWords = StopWords.of(language)
        let filler = StopWords.filler(language)
        var terms: [TextTerm] = []
        terms.reserveCapacity(words.count)
        var negation = Negation(language: language)
        for (position, word) in words.enumerated() {
            let role = negation.read(word)
            guard role != .cue, !stopWords.contains(word.text), !word.isNumber else { continue }
            terms.append(
                TextTerm(
                    stem: cache.stem(word.text, language), word: word.text, position: position, negated: role == .negated,
                    isFiller: filler.contains(word.text)))
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
    private var stems: [Language: [String: String]] = [:]

    public init() {}

    /// The folded stem of a lower-case word (`Analyzer.stem`), made once.
    public mutating func stem(_ word: String, _ language: Language) -> String {
        if let known = stems[language]?[word] { return known }
        let made = Analyzer.stem(word, language)
        stems[language, default: [:]][word] = made
        return made
    }
}

/// The words a negation governs: those after a cue (`without`, `no longer`,
/// `ending`, `sans`, `fin de`) up to the end of the clause or five words.
/// "Ending coal subsidies" is not a subsidy; its topic is still subsidies, so
/// the suggester counts negated words for targets and not for kinds.
struct Negation {
    let cues: Set<String>
    /// Words still governed by the last cue.
    var remaining = 0
    /// The word before, for two-word cues (`no longer`, `phase out`, `mettre fin`).
    var previous = ""

    init(language: Language) {
        cues = language == .english ? Negation.english : Negation.french
    }

    static let english: Set<String> = [
        "without", "no", "not", "never", "non", "end", "ends", "ending", "ended", "abolish", "abolishes", "abolishing",
        "abolition", "repeal", "repeals", "repealing", "remove", "removes", "removing", "removal", "eliminate",
        "eliminates", "eliminating", "elimination", "no longer", "phase out", "phasing out", "phased out", "phase-out",
        "scrap", "scrapping", "withdraw", "withdrawing", "withdrawal",
    ]
    static let french: Set<String> = [
        "sans", "ne", "pas", "jamais", "aucun", "aucune", "fin", "supprimer", "suppression", "supprime",
        "abolir", "abolition", "abroger", "abrogation", "éliminer", "élimination", "retirer", "retrait", "mettre fin",
        "sortie", "sortir",
    ]

    enum Role { case cue, negated, plain }

    /// What the word is: a cue (never a term itself), governed by one, or neither.
    mutating func read(_ word: Tokenizer.Word) -> Role {
        defer {
            previous = word.text
            if word.endsClause { remaining = 0 }
        }
        if cues.contains(word.text) || cues.contains(previous + " " + word.text) {
            remaining = 5
            return .cue
        }
        guard remaining > 0 else { return .plain }
        remaining -= 1
        return .negated
    }
}
