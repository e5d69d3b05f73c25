/// Words of a text, Unicode-aware: letters and digits of any script, in
/// lower case and composed form (a letter followed by a combining accent is
/// read as the accented letter); a hyphen or an apostrophe inside a word
/// splits it (`low-carbon` -> `low`, `carbon`), except that French elisions
/// (`l'`, `d'`, `qu'`...) and the English possessive (`'s`) are dropped.
public enum Tokenizer {
    public struct Word: Sendable, Equatable {
        public let text: String
        /// True for a run of digits (a year, an amount): never a term.
        public let isNumber: Bool
        /// True when punctuation ends the clause after the word (`,` `;` `.`).
        public let endsClause: Bool
    }

    public static func words(_ text: String) -> [Word] {
        var reader = Reader(Array(text.unicodeScalars))
        reader.run()
        return reader.words
    }

    /// Reads the scalars of a text left to right into words.
    private struct Reader {
        var scalars: [Unicode.Scalar]
        var index = 0
        var words: [Word] = []
        /// The word being read, and whether it has only digits so far.
        var current = String.UnicodeScalarView()
        var digitsOnly = true

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func run() {
            while index < scalars.count {
                // A combining accent after a letter: the accented letter, where there is one.
                if index + 1 < scalars.count, let composed = compose(scalars[index], scalars[index + 1]) {
                    scalars[index + 1] = composed
                    index += 1
                    continue
                }
                let scalar = scalars[index]
                if appendASCII(scalar) {
                    index += 1
                } else if !scalar.isASCII && isWordScalar(scalar) {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
                    if !scalar.properties.numericType.map({ $0 == .decimal }).isTrue { digitsOnly = false }
                    index += 1
                } else if isApostrophe(scalar) {
                    readApostrophe()
                } else {
                    // An accent with no composed letter is left out; anything else ends the word.
                    if !isCombiningMark(scalar) { finish(endsClause: clauseEnds.contains(scalar)) }
                    index += 1
                }
            }
            finish(endsClause: true)
        }

        /// Most text: an ASCII letter or digit, lowered without Unicode's tables; false for anything else.
        mutating func appendASCII(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x61...0x7A:
                current.append(scalar)
                digitsOnly = false
            case 0x41...0x5A:
                current.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
                digitsOnly = false
            case 0x30...0x39:
                current.append(scalar)
            default:
                return false
            }
            return true
        }

        /// An apostrophe: a French elision before it goes (`l'eau`), an English
        /// possessive after it goes (`the country's`), any other splits the word.
        mutating func readApostrophe() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            if elisions.contains(String(current)) {
                current = String.UnicodeScalarView()
                index += 1
            } else if (next == "s" || next == "S") && !(index + 2 < scalars.count && isWordScalar(scalars[index + 2])) {
                finish(endsClause: false)
                index += 2
            } else {
                finish(endsClause: false)
                index += 1
            }
        }

        /// Ends the word being read, if any; punctuation after it may end its clause.
        mutating func finish(endsClause: Bool) {
            defer {
                current = String.UnicodeScalarView()
                digitsOnly = true
            }
            guard !current.isEmpty else {
                if endsClause, let last = words.last {
                    words[words.count - 1] = Word(text: last.text, isNumber: last.isNumber, endsClause: true)
                }
                return
            }
            words.append(Word(text: String(current), isNumber: digitsOnly, endsClause: endsClause))
        }
    }

    /// French words that an apostrophe elides before a vowel.
    static let elisions: Set<String> = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"]

    static let clauseEnds: Set<Unicode.Scalar> = [",", ";", ".", ":", "!", "?", "(", ")", "[", "]", "\n"]

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType == .decimal
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }

    /// The composed letter for a letter and a combining accent (acute, grave,
    /// circumflex, diaeresis, cedilla), for the letters of French and English.
    static func compose(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> Unicode.Scalar? {
        guard isCombiningMark(mark) else { return nil }
        let table: [UInt32: [Character: Character]] = [
            0x301: ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É"],
            0x300: ["a": "à", "e": "è", "u": "ù", "A": "À", "E": "È"],
            0x302: ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û", "A": "Â", "E": "Ê", "I": "Î", "O": "Ô"],
            0x308: ["e": "ë", "i": "ï", "u": "ü", "o": "ö", "a": "ä", "y": "ÿ"],
            0x327: ["c": "ç", "C": "Ç"],
        ]
        return table[mark.value]?[Character(base)]?.unicodeScalars.first
    }

    /// The letters of Latin scripts without their diacritics (`pêcheur` ->
    /// `pecheur`, `œuvre` -> `oeuvre`); other letters stay as they are.
    public static func foldDiacritics(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 >= 0x80 }) else { return word }
        var out = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if let folded = folds[scalar] {
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static let folds: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäå", "a"), ("ç", "c"), ("èéêë", "e"), ("ìíîï", "i"), ("ñ", "n"), ("òóôõö", "o"), ("ùúûü", "u"),
            ("ýÿ", "y"), ("œ", "oe"), ("æ", "ae"),
        ]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()
}

extension Optional where Wrapped == Bool {
    fileprivate var isTrue: Bool { self ?? false }
}
