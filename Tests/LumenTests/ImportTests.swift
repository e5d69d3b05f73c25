import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import Lumen

/// `lumen import`: published resolutions (Akoma Ntoso, numbered text) become
/// drafts, one per resolution, one measure per operative paragraph.
@Suite struct ImportTests {
    static let fixtures = Paths.fixtures.appendingPathComponent("import")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Imports the fixtures into a new directory: the run and the directory.
    private func imported(_ names: [String], _ extra: [String] = []) throws -> (run: Run, directory: URL) {
        let directory = try temporaryDirectory()
        let run = lumen(["import"] + names.map(Self.fixture) + ["--output", directory.path] + extra)
        return (run, directory)
    }

    private func draft(_ directory: URL, _ id: String) -> String? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(id + ".lumen").path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aResolutionBecomesADraftWithAMeasurePerOperativeParagraph() throws {
        let (run, directory) = try imported(["wsc-2026-res-4.xml"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(run.error == "")
        #expect(
            relativize(run.out, to: directory).replacingOccurrences(of: Self.fixtures.path + "/", with: "")
                == "wsc-2026-res-4.xml: wsc-2026-res-4 -> wsc-2026-res-4.lumen, 3 measures: wrote\n"
                + "1 resolution imported, 1 draft written\n")
        expectGolden(try #require(draft(directory, "wsc-2026-res-4")), "import/wsc-2026-res-4.lumen.golden")
    }

    @Test func aCollectionGivesOneDraftPerResolutionAndRecordsWhatOneCites() throws {
        let (run, directory) = try imported(["wsc-2026-final-acts.xml"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["wsc-2026-res-1.lumen", "wsc-2026-res-2.lumen"])
        expectGolden(try #require(draft(directory, "wsc-2026-res-1")), "import/wsc-2026-res-1.lumen.golden")
        expectGolden(try #require(draft(directory, "wsc-2026-res-2")), "import/wsc-2026-res-2.lumen.golden")
        #expect(draft(directory, "wsc-2026-res-2")?.contains("\n  recalls wsc-2026-res-1\n") == true)
    }

    /// In the shape of the General Assembly's documents: the number from the work's URI,
    /// a preamble of containers, a list of points, a citation written `81/10`.
    @Test func aResolutionInTheGeneralAssemblysShape() throws {
        let (run, directory) = try imported(["gaa-style.xml", "gaa-style-cited.xml"], ["--no-suggest"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(
            draft(directory, "assembly-2026-81-12") == """
                # Imported by `lumen import` from gaa-style.xml.
                # Suggested kinds and targets wait for a person: confirm one by writing `kind K` or `advances T`.
                resolution assembly-2026-81-12 "81/12: Clean cooking" {
                  level international
                  adopted "2026-06-02"
                  issued-by "Example Assembly"
                  source "/akn/un/statement/deliberation/example/2026-06-02/81-12/!main/"
                  recalls assembly-2026-81-10
                  description "The Example Assembly, Recalling its resolution 81/10 of 1 May 2026,"
                  measure para_1 "Calls upon Member States to give poor households clean cooking fuels;" {
                    paragraph "para_1"
                  }
                  measure para_2 "Requests the Secretary-General: (a) to report on progress; (b) to convene experts;" {
                    paragraph "para_2"
                  }
                }

                """)
    }

    @Test func aTextResolutionIsImportedTheSameWay() throws {
        let (run, directory) = try imported(["harbour-city-2026-12.md"], ["--level", "local", "--no-suggest"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(
            draft(directory, "harbour-city-2026-12") == """
                # Imported by `lumen import` from harbour-city-2026-12.md.
                # Suggested kinds and targets wait for a person: confirm one by writing `kind K` or `advances T`.
                resolution harbour-city-2026-12 "Harbour City council resolution 2026/12 on flood resilience" {
                  level local
                  description "The council, Noting the floods of last winter in the lower town,"
                  measure para_1 "Decides to build a flood barrier at the harbour mouth;" {
                    paragraph "para_1"
                  }
                  measure para_2 "Requests the city services: (a) to map the streets at risk of flooding; (b) to warn residents by..." {
                    paragraph "para_2"
                    description "2. Requests the city services: (a) to map the streets at risk of flooding; (b) to warn residents by text message when a storm is forecast;"
                  }
                  measure para_3 "Invites neighbouring towns to share the cost of the barrier." {
                    paragraph "para_3"
                  }
                }

                """)
    }

    @Test func aLevelTheLibraryDoesNotDeclareIsAUsageError() throws {
        let (run, directory) = try imported(["harbour-city-2026-12.md"], ["--level", "planet"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: Invalid value for '--level': expected international, local, national, regional, subnational\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func importingTwiceChangesNothingAndAnEditedDraftIsKept() throws {
        let (first, directory) = try imported(["wsc-2026-res-4.xml"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(first.status == 0)
        let written = try #require(draft(directory, "wsc-2026-res-4"))
        let again = lumen(["import", Self.fixture("wsc-2026-res-4.xml"), "--output", directory.path])
        #expect(again.status == 0)
        #expect(again.out.hasSuffix(": unchanged\n1 resolution imported, 0 drafts written\n"))
        #expect(draft(directory, "wsc-2026-res-4") == written)
        // A person confirms a suggestion: the next import keeps the edit and says so.
        let edited = written.replacingOccurrences(of: "    suggested advances 11.2 score 95\n", with: "    advances 11.2\n")
        #expect(edited != written)
        try Data(edited.utf8).write(to: directory.appendingPathComponent("wsc-2026-res-4.lumen"))
        let kept = lumen(["import", Self.fixture("wsc-2026-res-4.xml"), "--output", directory.path])
        #expect(kept.status == 2)
        #expect(kept.error.contains("error[L0211]: `\(directory.path)/wsc-2026-res-4.lumen` differs from the draft of `wsc-2026-res-4`: not overwritten"))
        #expect(draft(directory, "wsc-2026-res-4") == edited)
        let forced = lumen(["import", Self.fixture("wsc-2026-res-4.xml"), "--output", directory.path, "--force"])
        #expect(forced.status == 0)
        #expect(draft(directory, "wsc-2026-res-4") == written)
    }

    @Test func aFileThatIsNoResolutionGetsADiagnosticAndTheOthersAreStillImported() throws {
        let (run, directory) = try imported(["malformed.xml", "no-paragraphs.xml", "minutes.csv", "wsc-2026-res-4.xml"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        let error = run.error.replacingOccurrences(of: Self.fixtures.path + "/", with: "")
        #expect(error.contains("error[L0210]: </content> closes <p>, opened at line 5\n --> malformed.xml:5:76\n"))
        #expect(error.contains("error[L0210]: resolution `wsc-2026-res-9` has no operative paragraph\n --> no-paragraphs.xml:5:5\n"))
        #expect(error.contains("error[L0210]: `minutes.csv` is neither Akoma Ntoso (.xml, .akn) nor text (.txt, .md)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["wsc-2026-res-4.lumen"])
    }

    /// The drafts are checked, formatted and audited like any other, and a
    /// finding on a measure names its paragraph's eId (the measure's id).
    @Test func theDraftsCheckFormatAndAudit() throws {
        let (run, directory) = try imported(["wsc-2026-res-4.xml", "wsc-2026-final-acts.xml", "harbour-city-2026-12.md"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(lumen(["fmt", "--check", directory.path]).status == 0)
        let check = lumen(["check", directory.path, "--fail-on", "never"])
        #expect(check.status == 0)
        #expect(
            relativize(check.out, to: directory).contains(
                "warning[unmapped-measure]: wsc-2026-res-4.para_1 advances no SDG target\n --> wsc-2026-res-4.lumen:9:11\n"))
        let html = directory.appendingPathComponent("report.html").path
        #expect(lumen(["audit", directory.path, "--html", html]).status == 0)
        let page = String(decoding: try #require(FileManager.default.contents(atPath: html)), as: UTF8.self)
        // The levels view shows the web of the set: who cites whom.
        #expect(page.contains("<strong>wsc-2026-res-2</strong> Resolution 2: Affordable housing <span class=\"level\">international</span> · 1 measure · recalls <strong>wsc-2026-res-1</strong></span>"))
        let facts = lumen(["query", "recalls(R, S)", directory.path])
        #expect(facts.out.contains("wsc-2026-res-2  wsc-2026-res-1"))
    }
}

/// The XML reader `lumen import` uses (not FoundationXML, which would bring
/// libxml2 and ICU into the binary): what it reads, and what it refuses.
@Suite struct XMLReaderTests {
    private func parse(_ text: String) -> Result<MarkupElement, XMLError> { XMLReader.parse(Array(text.utf8)) }

    @Test func elementsAttributesTextAndReferences() throws {
        let root = try parse(
            """
            <?xml version="1.0"?>
            <!-- a comment -->
            <akn:a xmlns:akn="urn:x" akn:eId='one'>x &amp; y &#233;&#x20AC; <![CDATA[<raw>]]><p/><?pi ok?><q k="&quot;q&quot;">z</q></akn:a>
            """
        ).get()
        #expect(root.name == "a")
        #expect(root.attributes == ["eId": "one"])
        #expect(root.elements.map(\.name) == ["p", "q"])
        #expect(root.child("q")?.attributes["k"] == "\"q\"")
        #expect(AkomaNtoso.text(root) == "x & y é€ <raw> z")
    }

    @Test(arguments: [
        ("<a><b></a>", "</a> closes <b>, opened at line 1", 6),
        ("<a>&foo;</a>", "entity `&foo;` is not one of XML's five; write the character itself or `&#...;`", 3),
        ("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>", "entity `&x;` is not one of XML's five; write the character itself or `&#...;`", 57),
        ("<a>", "<a> (line 1) is not closed", 3),
        ("not xml", "expected an element, found text", 0),
        ("", "no element: the file is empty or not XML", 0),
        ("<a></a><b/>", "content after the root element", 7),
        ("<a x=1/>", "expected a quoted value for attribute `x`", 5),
        ("<a>&#0;</a>", "`&#0;` is not a character", 3),
    ])
    func malformedDocumentsAreRefusedWithWhere(_ text: String, _ message: String, _ offset: Int) {
        #expect(parse(text).failureValue == XMLError(message: message, offset: offset))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(parse(deep).failureValue?.message == "elements nested more than 256 deep")
    }

    #if canImport(FoundationXML)
        /// The fixtures read the same as Foundation's parser reads them: the same
        /// elements in the same order with the same attributes and text.
        @Test(arguments: ["wsc-2026-res-4.xml", "wsc-2026-final-acts.xml", "no-paragraphs.xml"])
        func fixturesReadAsFoundationReadsThem(_ name: String) throws {
            let data = try #require(FileManager.default.contents(atPath: ImportTests.fixture(name)))
            let mine = try XMLReader.parse([UInt8](data)).get()
            var flattened: [String] = []
            func walk(_ element: MarkupElement) {
                let attributes: [String] = element.attributes.keys.sorted().map { key in key + "=" + (element.attributes[key] ?? "") }
                flattened.append(element.name + " " + attributes.joined(separator: " "))
                for child in element.children {
                    switch child {
                    case .element(let inner): walk(inner)
                    case .text(let text):
                        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                        if !trimmed.isEmpty { flattened.append("text " + trimmed) }
                    }
                }
            }
            walk(mine)
            let reference = FoundationFlattener()
            let parser = XMLParser(data: data)
            parser.shouldProcessNamespaces = true
            parser.delegate = reference
            #expect(parser.parse())
            #expect(flattened == reference.lines)
        }
    #endif
}

#if canImport(FoundationXML)
    /// Foundation's events, flattened as the test above flattens the reader's tree.
    final class FoundationFlattener: NSObject, XMLParserDelegate, @unchecked Sendable {
        var lines: [String] = []
        private var text = ""

        private func flush() {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { lines.append("text " + trimmed) }
            text = ""
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            flush()
            let keys = attributes.keys.filter { !$0.hasPrefix("xmlns") }.sorted()
            let kept: [String] = keys.map { key in key + "=" + (attributes[key] ?? "") }
            lines.append(elementName + " " + kept.joined(separator: " "))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            flush()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }
#endif

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}
