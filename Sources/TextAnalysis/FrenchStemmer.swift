/// The French stemming algorithm as Snowball publishes it
/// (snowballstem.org/algorithms/french/stemmer.html), written from its
/// description: "subventionner" and "subventions" become "subvent",
/// "pêche" and "pêcheurs" "pêch" and "pêcheur".
///
/// It works on lower-case words in composed form (the tokeniser gives them so).
/// Letters the algorithm marks while it works (a `u` or `i` between vowels, a
/// `y` next to one, a `u` after `q`, the diaeresis of `ë` and `ï`) are kept in
/// upper case, as in the algorithm, and put back at the end.
public enum FrenchStemmer {
    public static func stem(_ word: String) -> String {
        var stemmer = Word(Array(word.unicodeScalars))
        stemmer.run()
        var text = String.UnicodeScalarView()
        text.append(contentsOf: stemmer.letters)
        return String(text)
    }

    struct Word {
        typealias Letters = [Unicode.Scalar]
        var letters: Letters
        /// Where the regions RV, R1 and R2 begin.
        var rv = 0
        var r1 = 0
        var r2 = 0

        init(_ letters: Letters) { self.letters = letters }

        static let vowels = Set("aeiouyâàëéêèïîôûù".unicodeScalars)
        static func isVowel(_ c: Unicode.Scalar) -> Bool { vowels.contains(c) }
        static func scalars(_ text: String) -> Letters { Array(text.unicodeScalars) }

        mutating func run() {
            removeElision()
            prelude()
            markRegions()
            if standardSuffix() || iVerbSuffix() || verbSuffix() {
                if letters.last == "Y" {
                    letters[letters.count - 1] = "i"
                } else if letters.last == "ç" {
                    letters[letters.count - 1] = "c"
                }
            } else {
                residualSuffix()
            }
            unDouble()
            unAccent()
            postlude()
        }

        /// `l'`, `d'`, `qu'` and the like at the start of a word go, if a word follows.
        mutating func removeElision() {
            let apostrophe: Unicode.Scalar = "'"
            if letters.count > 2, letters[1] == apostrophe, "cdjlmnst".unicodeScalars.contains(letters[0]) {
                letters.removeFirst(2)
            } else if letters.count > 3, letters[0] == "q", letters[1] == "u", letters[2] == apostrophe {
                letters.removeFirst(3)
            }
        }

        /// Marks the letters that do not count as vowels: a `u` or `i` between
        /// vowels, a `y` after or before a vowel, a `u` after `q`; `ë` and `ï`
        /// become `He` and `Hi`. Left to right, each mark made before the next is looked for.
        mutating func prelude() {
            var index = 0
            while index < letters.count {
                let c = letters[index]
                if Self.isVowel(c), index + 1 < letters.count {
                    let next = letters[index + 1]
                    if (next == "u" || next == "i"), index + 2 < letters.count, Self.isVowel(letters[index + 2]) {
                        letters[index + 1] = next == "u" ? "U" : "I"
                        index += 3
                        continue
                    }
                    if next == "y" {
                        letters[index + 1] = "Y"
                        index += 2
                        continue
                    }
                }
                if c == "ë" || c == "ï" {
                    letters.replaceSubrange(index...index, with: ["H", c == "ë" ? "e" : "i"])
                    index += 2
                    continue
                }
                if c == "y", index + 1 < letters.count, Self.isVowel(letters[index + 1]) {
                    letters[index] = "Y"
                    index += 2
                    continue
                }
                if c == "q", index + 1 < letters.count, letters[index + 1] == "u" {
                    letters[index + 1] = "U"
                    index += 2
                    continue
                }
                index += 1
            }
        }

        mutating func postlude() {
            var out: Letters = []
            out.reserveCapacity(letters.count)
            var index = 0
            while index < letters.count {
                let c = letters[index]
                switch c {
                case "I": out.append("i")
                case "U": out.append("u")
                case "Y": out.append("y")
                case "H":
                    if index + 1 < letters.count, letters[index + 1] == "e" || letters[index + 1] == "i" {
                        out.append(letters[index + 1] == "e" ? "ë" : "ï")
                        index += 1
                    }
                default: out.append(c)
                }
                index += 1
            }
            letters = out
        }

        /// RV: after the third letter if the word begins with two vowels, after
        /// the prefixes `par`, `col`, `tap`, `mauva` (and `ni` before a vowel),
        /// else after the first vowel not at the start. R1 and R2 as usual.
        mutating func markRegions() {
            rv = letters.count
            if letters.count >= 3 && Self.isVowel(letters[0]) && Self.isVowel(letters[1]) {
                rv = 3
            } else if let prefix = ["par", "col", "tap", "mauva"].first(where: { startsWith($0) }) {
                rv = prefix.unicodeScalars.count
            } else if startsWith("ni"), letters.count > 2, Self.isVowel(letters[2]) {
                rv = 3
            } else if let vowel = letters.indices.dropFirst().first(where: { Self.isVowel(letters[$0]) }) {
                rv = vowel + 1
            }
            r1 = regionStart(after: 0)
            r2 = regionStart(after: r1)
        }

        private func regionStart(after start: Int) -> Int {
            snowballRegionStart(of: letters, after: start, isVowel: Self.isVowel)
        }

        func startsWith(_ prefix: String) -> Bool { letters.starts(with: Self.scalars(prefix)) }

        /// True when the word ends with `suffix`, compared scalar by scalar in place.
        func endsWith(_ suffix: String) -> Bool { snowballEnds(letters, with: suffix.unicodeScalars) }

        /// The longest of `suffixes` the word ends with, starting at or after `limit`.
        func longest(_ suffixes: [String], from limit: Int = 0) -> String? {
            var (best, bestCount): (String?, Int) = (nil, -1)
            for suffix in suffixes {
                let count = suffix.unicodeScalars.count
                guard count > bestCount, letters.count - count >= limit, endsWith(suffix) else { continue }
                (best, bestCount) = (suffix, count)
            }
            return best
        }

        /// Where a suffix of the word begins.
        func start(of suffix: String) -> Int { letters.count - suffix.unicodeScalars.count }

        mutating func replace(_ suffix: String, with replacement: String) {
            letters.removeLast(suffix.unicodeScalars.count)
            letters += Self.scalars(replacement)
        }

        mutating func delete(_ suffix: String) { letters.removeLast(suffix.unicodeScalars.count) }

        func inRV(_ suffix: String) -> Bool { start(of: suffix) >= rv }
        func inR1(_ suffix: String) -> Bool { start(of: suffix) >= r1 }
        func inR2(_ suffix: String) -> Bool { start(of: suffix) >= r2 }

        static let standardSuffixes = [
            "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes", "atrice", "ateur",
            "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions", "utions", "ence",
            "ences", "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux", "oux", "euse", "euses",
            "issement", "issements", "amment", "emment", "ment", "ments",
        ]

        /// Step 1. True when it removed or replaced a suffix and the verb steps
        /// are not to be tried; a suffix it removes and then fails on (`-ment`
        /// after a vowel, `-amment`, `-emment`) leaves the verb steps to try.
        mutating func standardSuffix() -> Bool {
            guard let suffix = longest(Self.standardSuffixes) else { return false }
            switch suffix {
            case "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes":
                guard inR2(suffix) else { return false }
                delete(suffix)
            case "atrice", "ateur", "ation", "atrices", "ateurs", "ations":
                guard inR2(suffix) else { return false }
                delete(suffix)
                if endsWith("ic") { if inR2("ic") { delete("ic") } else { replace("ic", with: "iqU") } }
            case "logie", "logies":
                guard inR2(suffix) else { return false }
                replace(suffix, with: "log")
            case "usion", "ution", "usions", "utions":
                guard inR2(suffix) else { return false }
                replace(suffix, with: "u")
            case "ence", "ences":
                guard inR2(suffix) else { return false }
                replace(suffix, with: "ent")
            case "ement", "ements":
                guard inRV(suffix) else { return false }
                delete(suffix)
                afterEment()
            case "ité", "ités":
                guard inR2(suffix) else { return false }
                delete(suffix)
                if let found = longest(["abil", "ic", "iv"]) {
                    switch found {
                    case "abil": if inR2(found) { delete(found) } else { replace(found, with: "abl") }
                    case "ic": if inR2(found) { delete(found) } else { replace(found, with: "iqU") }
                    default: if inR2(found) { delete(found) }
                    }
                }
            case "if", "ive", "ifs", "ives":
                guard inR2(suffix) else { return false }
                delete(suffix)
                if endsWith("at"), inR2("at") {
                    delete("at")
                    if endsWith("ic") { if inR2("ic") { delete("ic") } else { replace("ic", with: "iqU") } }
                }
            case "eaux":
                replace(suffix, with: "eau")
            case "aux":
                guard inR1(suffix) else { return false }
                replace(suffix, with: "al")
            case "oux":
                let before = start(of: suffix)
                guard before > 0, "bhjlnp".unicodeScalars.contains(letters[before - 1]) else { return false }
                replace(suffix, with: "ou")
            case "euse", "euses":
                if inR2(suffix) { delete(suffix) } else if inR1(suffix) { replace(suffix, with: "eux") } else { return false }
            case "issement", "issements":
                let before = start(of: suffix)
                guard inR1(suffix), before > 0, !Self.isVowel(letters[before - 1]) else { return false }
                delete(suffix)
            case "amment":
                if inRV(suffix) { replace(suffix, with: "ant") }
                return false
            case "emment":
                if inRV(suffix) { replace(suffix, with: "ent") }
                return false
            default:  // ment, ments
                let before = start(of: suffix)
                if before > 0, Self.isVowel(letters[before - 1]), before - 1 >= rv { delete(suffix) }
                return false
            }
            return true
        }

        /// What may precede a removed `-ement`: `-iv` (and `-at` before it),
        /// `-eus`, `-abl`, `-iqU`, `-ièr`.
        private mutating func afterEment() {
            guard let found = longest(["iv", "eus", "abl", "iqU", "ièr", "Ièr"]) else { return }
            switch found {
            case "iv":
                guard inR2(found) else { return }
                delete(found)
                if endsWith("at"), inR2("at") { delete("at") }
            case "eus":
                if inR2(found) { delete(found) } else if inR1(found) { replace(found, with: "eux") }
            case "abl", "iqU":
                if inR2(found) { delete(found) }
            default:
                if inRV(found) { replace(found, with: "i") }
            }
        }

        static let iVerbSuffixes = [
            "îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras", "irent",
            "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant", "issante",
            "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it",
        ]

        /// Step 2a: verb endings beginning with `i`, after a non-vowel, in RV.
        mutating func iVerbSuffix() -> Bool {
            guard let suffix = longest(Self.iVerbSuffixes, from: rv) else { return false }
            let before = start(of: suffix)
            guard before - 1 >= rv, letters[before - 1] != "H", !Self.isVowel(letters[before - 1]) else { return false }
            delete(suffix)
            return true
        }

        static let verbSuffixes = [
            "ions", "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez",
            "eriez", "erions", "erons", "eront", "ez", "iez", "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait",
            "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions",
        ]

        /// Step 2b: the other verb endings, in RV.
        mutating func verbSuffix() -> Bool {
            guard let suffix = longest(Self.verbSuffixes, from: rv) else { return false }
            switch suffix {
            case "ions":
                guard inR2(suffix) else { return false }
                delete(suffix)
            case "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez",
                "eriez", "erions", "erons", "eront", "ez", "iez":
                delete(suffix)
            default:
                delete(suffix)
                if endsWith("e"), start(of: "e") >= rv { delete("e") }
            }
            return true
        }

        /// Step 4: a final `s` after anything but a, i, o, u, è or s; then in RV
        /// `-ion` after s or t (in R2), `-ier`, `-ière` (to `i`), and a final `e`.
        mutating func residualSuffix() {
            if letters.count >= 2, letters.last == "s" {
                let before = letters[letters.count - 2]
                let afterDiaeresis = letters.count >= 3 && letters[letters.count - 3] == "H" && before == "i"
                if afterDiaeresis || !"aiouès".unicodeScalars.contains(before) { letters.removeLast() }
            }
            guard let suffix = longest(["ion", "ier", "ière", "Ier", "Ière", "e"], from: rv) else { return }
            switch suffix {
            case "ion":
                let before = start(of: suffix)
                guard inR2(suffix), before - 1 >= rv, letters[before - 1] == "s" || letters[before - 1] == "t" else { return }
                delete(suffix)
            case "e":
                delete(suffix)
            default:
                replace(suffix, with: "i")
            }
        }

        /// Step 5: `-enn`, `-onn`, `-ett`, `-ell`, `-eill` lose their last letter.
        mutating func unDouble() {
            if ["enn", "onn", "ett", "ell", "eill"].contains(where: { endsWith($0) }) { letters.removeLast() }
        }

        /// Step 6: an `é` or `è` followed by non-vowels only, to the end, becomes `e`.
        mutating func unAccent() {
            var index = letters.count - 1
            while index >= 0 && !Self.isVowel(letters[index]) { index -= 1 }
            guard index >= 0, index < letters.count - 1, letters[index] == "é" || letters[index] == "è" else { return }
            letters[index] = "e"
        }
    }
}
