// Akoma Ntoso (OASIS LegalDocML, as the UN's AKN4UN guidelines apply it) ->
// the resolutions a document holds: a single document, or a
// `documentCollection` whose components are documents (as a conference's
// final acts are).
//
//   id          from the FRBR work: its author, year and number
//               (`#itu-pp`, 2018-11-16, `res-2` -> `itu-pp-2018-res-2`)
//   title       the preface's docType, docNumber and docTitle
//   adopted     the work's FRBRdate; issued-by the author's TLC showAs;
//               source the work's FRBRthis (or FRBRuri)
//   level       international for a UN or international work (FRBRcountry
//               `un` or `int`), else the level asked for
//   preamble    its recitals (or its paragraphs of text): the description
//   measures    each outermost `paragraph` of the main body (inside
//               `resolves`, `decides`, ... containers or not); its points are
//               part of its text, not measures of their own
import Foundation
import Syntax

enum AkomaNtoso {
    /// The kinds of document a resolution is marked up as.
    static let documentTypes: Set<String> = ["statement", "doc", "act", "bill"]

    struct Problem: Error, Sendable {
        let message: String
        /// The byte offset of the element at fault.
        let offset: Int
        let help: String
    }

    /// The resolutions of a parsed document, or the first problem.
    static func resolutions(_ root: MarkupElement, fallbackID: String, level: String) -> Result<[ImportedResolution], Problem> {
        guard root.name == "akomaNtoso" else {
            return .failure(
                Problem(
                    message: "the root element is <\(root.name)>, not <akomaNtoso>", offset: root.offset,
                    help: "lumen import reads Akoma Ntoso documents (and .txt or .md resolutions)"))
        }
        let documents = root.outermost(documentTypes)
        guard !documents.isEmpty else {
            return .failure(
                Problem(
                    message: "no document in this Akoma Ntoso file", offset: root.offset,
                    help: "a resolution is a <statement> (or <doc>) inside <akomaNtoso>, or a component of a <documentCollection>"))
        }
        var resolutions: [ImportedResolution] = []
        for (number, document) in documents.enumerated() {
            let fallback = documents.count == 1 ? fallbackID : "\(fallbackID)-\(number + 1)"
            switch resolution(document, fallbackID: fallback, level: level) {
            case .success(let resolution): resolutions.append(resolution)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(resolutions)
    }

    private static func resolution(_ document: MarkupElement, fallbackID: String, level: String) -> Result<ImportedResolution, Problem> {
        let work = document.child("meta")?.child("identification")?.child("FRBRWork")
        func value(_ name: String, _ attribute: String = "value") -> String? {
            work?.child(name)?.attributes[attribute].map(ImportText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        }
        let author = value("FRBRauthor", "href").map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        let date = value("FRBRdate", "date")
        let year = date.map { String($0.prefix(4)) }.flatMap { $0.count == 4 && $0.allSatisfy(\.isNumber) ? $0 : nil }
        // Without an FRBRnumber, the work's URI ends with the number (`.../2025-03-25/79-275/`).
        let number = value("FRBRnumber") ?? (value("FRBRuri") ?? value("FRBRthis")).flatMap(numberOfURI)
        var id = fallbackID
        if let number {
            id = ImportText.identifier([author, year, number].compactMap { $0 }.joined(separator: "-"))
        }
        let preface = document.child("preface")
        // `Resolution 4`, or `79/275` (a number's full stop is the heading's, not the title's).
        let heading = ["docType", "docNumber"].compactMap { preface?.first($0).map(text) }.filter { !$0.isEmpty }
            .joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".:; "))
        let docTitle = preface?.first("docTitle").map(text) ?? ""
        var title = [heading, docTitle].filter { !$0.isEmpty }.joined(separator: ": ")
        if title.isEmpty { title = value("FRBRname") ?? id }
        var resolution = ImportedResolution(id: id, title: title, level: level)
        resolution.author = author
        resolution.number = number
        resolution.year = year
        if let date, CalendarDate.isValid(date) { resolution.adopted = date }
        resolution.source = value("FRBRthis") ?? value("FRBRuri")
        if let author {
            let bodies = document.child("meta")?.child("references")?.elements ?? []
            resolution.issuedBy = bodies.first { $0.attributes["eId"] == author || $0.attributes["id"] == author }?
                .attributes["showAs"].map(ImportText.normalized) ?? author
        }
        if let country = value("FRBRcountry")?.lowercased(), ["un", "int"].contains(country) { resolution.level = "international" }
        if let preamble = document.child("preamble") {
            var recitals = preamble.outermost(["recital"])
            if recitals.isEmpty { recitals = preamble.outermost(["p"]) }
            resolution.preamble = recitals.map(text).filter { !$0.isEmpty }
        }
        guard let body = document.child("mainBody") ?? document.child("body") else {
            return .failure(
                Problem(
                    message: "resolution `\(id)` has no <mainBody>", offset: document.offset,
                    help: "its operative paragraphs are read from <mainBody>"))
        }
        var seen: Set<String> = []
        for (number, paragraph) in body.outermost(["paragraph"]).enumerated() {
            var reference = paragraph.attributes["eId"] ?? paragraph.attributes["id"] ?? "para_\(number + 1)"
            // Two paragraphs with one eId (a malformed document) still make two measures.
            while !seen.insert(reference).inserted { reference += "_" }
            let words = text(paragraph)
            guard !words.isEmpty else { continue }
            var unnumbered = paragraph
            unnumbered.children.removeAll { if case .element(let element) = $0 { element.name == "num" } else { false } }
            resolution.paragraphs.append(.init(reference: reference, text: words, body: text(unnumbered)))
        }
        guard !resolution.paragraphs.isEmpty else {
            return .failure(
                Problem(
                    message: "resolution `\(id)` has no operative paragraph", offset: body.offset,
                    help: "each operative paragraph is a <paragraph> of <mainBody> (inside <container name=\"resolves\"> or the like)"))
        }
        return .success(resolution)
    }

    /// The last part of a work's URI that is not its component (`!main`) or an
    /// expression (`eng@`): its number.
    static func numberOfURI(_ uri: String) -> String? {
        uri.split(separator: "/").last { !$0.hasPrefix("!") && !$0.contains("@") && !$0.isEmpty }.map { String($0) }
    }

    /// The words of an element and all it holds, in order, a space between
    /// blocks; notes (`authorialNote`) left out.
    static func text(_ element: MarkupElement) -> String {
        var pieces: [String] = []
        func collect(_ element: MarkupElement) {
            for child in element.children {
                switch child {
                case .text(let text): pieces.append(text)
                case .element(let inner):
                    guard inner.name != "authorialNote", inner.name != "noteRef" else { continue }
                    collect(inner)
                    // A number, a heading or a block ends a word.
                    if !["i", "b", "u", "sup", "sub", "span", "ref", "term", "def", "inline", "docType", "docNumber"].contains(inner.name) {
                        pieces.append(" ")
                    }
                }
            }
        }
        collect(element)
        return ImportText.normalized(pieces.joined())
    }
}
