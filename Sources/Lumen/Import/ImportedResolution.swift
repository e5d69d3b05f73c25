// What `lumen import` reads out of a published resolution, whatever its form
// (Akoma Ntoso or numbered plain text), before it becomes a draft.
import Foundation
import Syntax

struct ImportedResolution: Sendable {
    /// The draft's resolution id (`itu-pp-2018-res-2`).
    var id: String
    var title: String
    /// The preamble's recitals, one after another.
    var preamble: [String] = []
    var adopted: String?
    var issuedBy: String?
    var source: String?
    var level: String
    var paragraphs: [Paragraph] = []
    /// Who adopted it and its number, to find the resolutions its text cites.
    var author: String?
    var number: String?
    var year: String?
    /// Resolutions of the same import its text cites (`recalls`), filled once all are read.
    var recalls: [String] = []

    struct Paragraph: Sendable {
        /// The paragraph's eId (or `para_N` for plain text).
        let reference: String
        /// Its whole text: its number, its words, and those of its points.
        let text: String
        /// The same without its number: what its title is made of.
        let body: String
    }

    /// Every text the resolution has, for finding what it cites.
    var texts: [String] { preamble + paragraphs.map(\.text) }
}

enum ImportText {
    /// Words separated by single spaces, with no space at either end.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// An id as the language writes one, made of any text: lower case, runs of
    /// other characters as `-` (a `_` is kept, as eIds have them), starting with a letter.
    static func identifier(_ text: String, prefix: String = "r") -> String {
        var out = ""
        var dash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) || scalar == "_" {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        if out.first.map({ !$0.isLetter }) ?? true { out = prefix + (out.isEmpty ? "" : "-" + out) }
        return Lexer.isIdentifier(out) ? out : prefix
    }

    /// A measure's title from its paragraph's words (its number left out),
    /// shortened at a word boundary to about `limit` characters (with `...`),
    /// and whether it was.
    static func title(_ body: String, limit: Int = 100) -> (title: String, shortened: Bool) {
        let words = body.split(separator: " ").map(String.init)
        let whole = words.joined(separator: " ")
        guard whole.count > limit else { return (whole, false) }
        var title = ""
        for word in words {
            if title.count + word.count + 1 > limit { break }
            title += (title.isEmpty ? "" : " ") + word
        }
        while let last = title.last, ",;:".contains(last) { title.removeLast() }
        return (title + "...", true)
    }
}
