/// The English (Porter2) stemming algorithm as Snowball publishes it
/// (snowballstem.org/algorithms/english/stemmer.html, the Snowball 3 edition),
/// written from its description: "consolidated" and "consolidating" become
/// "consolid", "subsidies" and "subsidise" "subsidi" and "subsidis".
///
/// It works on lower-case ASCII words; a word with any other character is
/// returned as given (the tokeniser folds case before).
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        if let exception = wholeWordExceptions[word] { return exception }
        guard word.utf8.count > 2 else { return word }
        var stemmer = Word(Array(word.utf8))
        stemmer.run()
        return String(decoding: stemmer.letters, as: UTF8.self)
    }

    /// Words stemmed as a whole, before the steps: the algorithm's exceptional forms.
    static let wholeWordExceptions: [String: String] = [
        "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
        "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos",
        "bias": "bias", "andes": "andes",
    ]

    /// A word being stemmed: its letters (a `y` read as a consonant kept as `Y`)
    /// and where its regions R1 and R2 begin.
    struct Word {
        var letters: [UInt8]
        var r1 = 0
        var r2 = 0

        init(_ letters: [UInt8]) { self.letters = letters }

        static let apostrophe = UInt8(ascii: "'")
        static let y = UInt8(ascii: "y")
        static let upperY = UInt8(ascii: "Y")

        static func isVowel(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), y: true
            default: false
            }
        }

        mutating func run() {
            prelude()
            markRegions()
            step0()
            step1a()
            let word = String(decoding: letters, as: UTF8.self)
            if ["proceed", "exceed", "succeed"].contains(word) { return postlude() }
            step1b()
            step1c()
            step2()
            step3()
            step4()
            step5()
            postlude()
        }

        /// An initial apostrophe goes; a `y` at the start or after a vowel is a consonant.
        mutating func prelude() {
            if letters.first == Self.apostrophe { letters.removeFirst() }
            for index in letters.indices where letters[index] == Self.y {
                if index == 0 || Self.isVowel(letters[index - 1]) { letters[index] = Self.upperY }
            }
        }

        mutating func postlude() {
            for index in letters.indices where letters[index] == Self.upperY { letters[index] = Self.y }
        }

        /// R1 follows the first non-vowel after a vowel (or the prefixes the
        /// algorithm names), R2 the same within R1.
        mutating func markRegions() {
            let prefixes = ["gener", "commun", "arsen", "past", "univers", "later"]
            if let prefix = prefixes.first(where: { letters.starts(with: Array($0.utf8)) }) {
                r1 = prefix.utf8.count
            } else {
                r1 = regionStart(after: 0)
            }
            r2 = regionStart(after: r1)
        }

        private func regionStart(after start: Int) -> Int {
            snowballRegionStart(of: letters, after: start, isVowel: Self.isVowel)
        }

        /// True when the word ends with `suffix`, compared byte by byte in place.
        func endsWith(_ suffix: String) -> Bool { snowballEnds(letters, with: suffix.utf8) }

        /// The longest of `suffixes` the word ends with.
        func longest(_ suffixes: [String]) -> String? {
            var best: String?
            for suffix in suffixes where suffix.utf8.count > (best?.utf8.count ?? 0) && endsWith(suffix) { best = suffix }
            return best
        }

        mutating func replace(_ suffix: String, with replacement: String) {
            letters.removeLast(suffix.utf8.count)
            letters += Array(replacement.utf8)
        }

        func inR1(_ suffix: String) -> Bool { letters.count - suffix.utf8.count >= r1 }
        func inR2(_ suffix: String) -> Bool { letters.count - suffix.utf8.count >= r2 }

        /// True when the letters before `end` end in a short syllable: a
        /// non-vowel, a vowel and a non-vowel other than w, x and Y; a vowel
        /// and a non-vowel that begin the word; or the word "past".
        func endsInShortSyllable(_ end: Int) -> Bool {
            if end == 4 && letters.starts(with: Array("past".utf8)) { return true }
            if end == 2 { return Self.isVowel(letters[0]) && !Self.isVowel(letters[1]) }
            guard end >= 3 else { return false }
            let (a, b, c) = (letters[end - 3], letters[end - 2], letters[end - 1])
            return !Self.isVowel(a) && Self.isVowel(b) && !Self.isVowel(c) && c != UInt8(ascii: "w")
                && c != UInt8(ascii: "x") && c != Self.upperY
        }

        /// A short word ends in a short syllable and has nothing in R1 (R1
        /// begins where the word now ends).
        var isShort: Bool { r1 == letters.count && endsInShortSyllable(letters.count) }

        mutating func step0() {
            if let suffix = longest(["'", "'s", "'s'"]) { letters.removeLast(suffix.utf8.count) }
        }

        mutating func step1a() {
            guard let suffix = longest(["sses", "ied", "ies", "s", "us", "ss"]) else { return }
            switch suffix {
            case "sses":
                replace(suffix, with: "ss")
            case "ied", "ies":
                replace(suffix, with: letters.count - 3 > 1 ? "i" : "ie")
            case "s":
                // Deleted when a vowel comes before the letter before it: gaps, kiwis; not gas, this.
                if letters.dropLast(2).contains(where: Self.isVowel) { letters.removeLast() }
            default:
                break
            }
        }

        mutating func step1b() {
            guard let suffix = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
            if suffix == "eed" || suffix == "eedly" {
                if inR1(suffix) { replace(suffix, with: "ee") }
                return
            }
            let stem = letters.dropLast(suffix.utf8.count)
            if suffix == "ing" {
                // dying -> die; inning, outing, herring and the like are left alone.
                if stem.count == 2 && !Self.isVowel(stem[stem.startIndex]) && stem.last == Self.y {
                    replace(suffix, with: "")
                    letters.removeLast()
                    letters += Array("ie".utf8)
                    return
                }
                let word = String(decoding: stem, as: UTF8.self)
                if ["inn", "out", "cann", "herr", "earr", "even"].contains(word) { return }
            }
            guard stem.contains(where: Self.isVowel) else { return }
            letters.removeLast(suffix.utf8.count)
            if endsWith("at") || endsWith("bl") || endsWith("iz") {
                letters.append(UInt8(ascii: "e"))
            } else if let last = letters.last, letters.count >= 2, letters[letters.count - 2] == last,
                "bdfgmnprt".utf8.contains(last)
            {
                // hopp -> hop, but add, egg and off stay.
                let exactlyAEO = letters.count == 3 && "aeo".utf8.contains(letters[0])
                if !exactlyAEO { letters.removeLast() }
            } else if isShort {
                letters.append(UInt8(ascii: "e"))
            }
        }

        /// A final y after a non-vowel that is not the first letter becomes i.
        mutating func step1c() {
            guard letters.count > 2, let last = letters.last, last == Self.y || last == Self.upperY else { return }
            if !Self.isVowel(letters[letters.count - 2]) { letters[letters.count - 1] = UInt8(ascii: "i") }
        }

        static let step2Rules: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("ogist", "og"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
        ]

        mutating func step2() {
            guard let suffix = longest(Self.step2Rules.map(\.0)), inR1(suffix),
                let replacement = Self.step2Rules.first(where: { $0.0 == suffix })?.1
            else { return }
            let before = letters.count - suffix.utf8.count
            switch suffix {
            case "ogi":
                guard before > 0, letters[before - 1] == UInt8(ascii: "l") else { return }
            case "li":
                guard before > 0, "cdeghkmnrt".utf8.contains(letters[before - 1]) else { return }
            default:
                break
            }
            replace(suffix, with: replacement)
        }

        static let step3Rules: [(String, String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ]

        mutating func step3() {
            guard let suffix = longest(Self.step3Rules.map(\.0)), inR1(suffix),
                let replacement = Self.step3Rules.first(where: { $0.0 == suffix })?.1
            else { return }
            if suffix == "ative" && !inR2(suffix) { return }
            replace(suffix, with: replacement)
        }

        static let step4Suffixes = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
            "ous", "ive", "ize", "ion",
        ]

        mutating func step4() {
            guard let suffix = longest(Self.step4Suffixes), inR2(suffix) else { return }
            if suffix == "ion" {
                let before = letters.count - 3
                guard before > 0, letters[before - 1] == UInt8(ascii: "s") || letters[before - 1] == UInt8(ascii: "t")
                else { return }
            }
            letters.removeLast(suffix.utf8.count)
        }

        mutating func step5() {
            if endsWith("e") {
                if inR2("e") || (inR1("e") && !endsInShortSyllable(letters.count - 1)) { letters.removeLast() }
            } else if endsWith("ll") && inR2("l") {
                letters.removeLast()
            }
        }
    }
}

/// Where the regions R1 and R2 of the Snowball stemmers begin: after the first
/// non-vowel that follows a vowel, from `start` (the end of the word if there is none).
func snowballRegionStart<Letter>(of letters: [Letter], after start: Int, isVowel: (Letter) -> Bool) -> Int {
    var index = start
    while index < letters.count && !isVowel(letters[index]) { index += 1 }
    while index < letters.count && isVowel(letters[index]) { index += 1 }
    return min(letters.count, index + 1)
}

/// True when `letters` end with `suffix`, compared in place.
func snowballEnds<Letter: Equatable>(_ letters: [Letter], with suffix: some Collection<Letter>) -> Bool {
    let count = suffix.count
    guard letters.count >= count else { return false }
    var index = letters.count - count
    for letter in suffix {
        guard letters[index] == letter else { return false }
        index += 1
    }
    return true
}
