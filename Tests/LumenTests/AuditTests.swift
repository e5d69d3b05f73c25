import Foundation
import LumenCLI
import Reports
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: enough of a DOM to count and read what a report holds.
final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below this one (itself included) with this name, in document order.
    func all(_ name: String) -> [Element] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    /// The first element below with this `id`.
    func byID(_ id: String) -> Element? {
        if attributes["id"] == id { return self }
        for child in children { if let found = child.byID(id) { return found } }
        return nil
    }

    /// All text inside, children included.
    var allText: String { text + children.map(\.allText).joined() }
}

/// Parses well-formed XML; records an issue and returns nil when it is not.
func parseXML(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Element? {
    final class Builder: NSObject, XMLParserDelegate {
        var stack: [Element] = [Element(name: "#document", attributes: [:])]
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = Element(name: name, attributes: attributes)
            stack.last?.children.append(element)
            stack.append(element)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let builder = Builder()
    parser.delegate = builder
    guard parser.parse() else {
        Issue.record("not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "?") at line \(parser.lineNumber)", sourceLocation: sourceLocation)
        return nil
    }
    return builder.stack.first
}

@Suite("lumen audit")
struct AuditTests {
    /// Audits the examples into a fresh directory: every format at once.
    private func auditExamples(_ extra: [String] = []) throws -> (run: Run, directory: URL) {
        let directory = try temporaryDirectory()
        let run = lumen(
            [
                "audit", Paths.repository.appendingPathComponent("Examples").path, "--html", directory.appendingPathComponent("report.html").path,
                "--markdown", directory.appendingPathComponent("report.md").path, "--json",
                directory.appendingPathComponent("report.json").path, "--csv", directory.appendingPathComponent("csv").path,
            ] + extra)
        return (run, directory)
    }

    private func read(_ url: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }

    @Test func summarisesTheExamples() throws {
        let (run, directory) = try auditExamples()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(
            run.out
                == "audited 5 files: 6 resolutions, 30 measures, 6 errors, 13 warnings, 13 info, 93% of measures with an indicator, 12 of 17 goals covered\n"
        )
        let wrote = run.error.split(separator: "\n").map { relativize(String($0), to: directory) }
        #expect(
            wrote == [
                "wrote `report.html`", "wrote `report.md`", "wrote `report.json`", "wrote `csv/accounts.csv`",
                "wrote `csv/coverage.csv`", "wrote `csv/findings.csv`", "wrote `csv/scorecard.csv`",
            ])
        // The coverage matrix of the examples, as the drafts say it: reviewed by hand.
        let coverage = read(directory.appendingPathComponent("csv/coverage.csv"))
        #expect(
            coverage == """
                resolution,goal 1,goal 2,goal 3,goal 4,goal 5,goal 6,goal 7,goal 8,goal 9,goal 10,goal 11,goal 12,goal 13,goal 14,goal 15,goal 16,goal 17,scope,gaps\r
                food-and-land,0,4,1,0,0,0,0,0,0,0,0,1,1,0,2,0,0,2 6 12 13 15,6\r
                lindhaven-plan,0,0,0,0,0,0,2,0,0,0,4,0,4,0,0,0,0,7 11 13,\r
                national-climate-plan,0,0,0,0,0,0,3,0,0,0,0,0,2,0,0,0,0,7 13,\r
                city-energy,0,0,0,1,0,0,2,2,1,0,1,0,1,0,0,0,0,7 8 11,\r
                united-for-good,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,3,16 17,\r
                member-charter,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,0,16,\r

                """)
    }

    @Test func theHTMLReportIsWellFormedWithTheExpectedCharts() throws {
        let (_, directory) = try auditExamples()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = read(directory.appendingPathComponent("report.html"))
        guard let document = parseXML(html) else { return }
        // Self-contained: no external script, style sheet, image or font.
        #expect(document.all("script").allSatisfy { $0.attributes["src"] == nil })
        #expect(document.all("link").isEmpty && document.all("img").isEmpty)
        let stripped = html.replacingOccurrences(of: "http://www.w3.org/", with: "")
        #expect(!stripped.contains("http:") && !stripped.contains("https:") && !stripped.contains("url(http"))
        // The two charts; the systems view's drawings are checked in SystemsTests.
        let svgs = ["coverage", "network"].flatMap { document.byID($0)?.all("svg") ?? [] }
        #expect(svgs.count == 2)
        guard svgs.count == 2 else { return }
        let (heatMap, network) = (svgs[0], svgs[1])
        // 17 goal headers, 5 resolutions × 17 cells, and the hatch pattern's background.
        #expect(heatMap.all("rect").count == 17 + 6 * 17 + 1)
        #expect(heatMap.all("rect").filter { $0.attributes["fill"] == "url(#gap)" }.count == 1)
        // Every chart has a title and a description for screen readers.
        for svg in svgs {
            #expect(svg.attributes["role"] == "img")
            #expect(svg.all("title").first.map { !$0.allText.isEmpty } == true)
            #expect(svg.all("desc").count == 1)
        }
        // 27 advanced targets (and two circles in the legend); 2 trade-offs and 3 conflicts, each an
        // arrow (and two arrow heads, and two samples in the legend), in groups named by goal.
        #expect(network.all("circle").count == 27 + 2)
        #expect(network.all("path").count == 5 + 2 + 2)
        #expect(network.all("path").filter { $0.attributes["marker-end"] == "url(#arrow-tradeoff)" }.count == 2 + 1)
        #expect(network.all("path").filter { $0.attributes["marker-end"] == "url(#arrow-conflict)" }.count == 3 + 1)
        #expect(network.all("text").filter { $0.allText.hasPrefix("Goal ") }.count == 12)
        #expect(network.all("g").filter { $0.attributes["class"] == "legend" }.count == 1)
        // One finding per list item, each with its trace.
        let findings = document.byID("findings")?.all("li") ?? []
        #expect(findings.count == 32)
        #expect(findings.allSatisfy { $0.all("pre").count == 1 && $0.all("a").count == 1 })
        // The vertical conflict is shown under the local plan, tied to the national strategy.
        let levels = document.byID("levels")?.all("ul").filter { $0.attributes["class"] == "ties" } ?? []
        #expect(levels.count == 1)
        #expect(levels.first?.allText.contains("city-energy.runway undermines target 13.2") == true)
    }

    @Test func theReportIsTheSameAcrossRuns() throws {
        let (_, first) = try auditExamples()
        let (_, second) = try auditExamples()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for name in ["report.html", "report.md", "report.json", "csv/coverage.csv", "csv/findings.csv", "csv/scorecard.csv"] {
            let a = read(first.appendingPathComponent(name))
            #expect(!a.isEmpty)
            #expect(a == read(second.appendingPathComponent(name)), "\(name) differs between two runs")
        }
    }

    /// The scorecard and the summary, read back from each format, say the same.
    @Test func allFormatsCarryTheSameNumbers() throws {
        let (_, directory) = try auditExamples()
        defer { try? FileManager.default.removeItem(at: directory) }
        // HTML: the scorecard table, header cell then the numbers (gaps by their data-value).
        guard let document = parseXML(read(directory.appendingPathComponent("report.html"))),
            let table = document.byID("scorecard")?.all("tbody").first
        else {
            Issue.record("no scorecard in the HTML report")
            return
        }
        let fromHTML = table.all("tr").map { row -> [String] in
            row.children.map { cell in cell.attributes["data-value"] ?? cell.allText }
        }
        // CSV.
        let csv = read(directory.appendingPathComponent("csv/scorecard.csv")).split(separator: "\r\n").dropFirst()
        let fromCSV = csv.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Markdown: the rows of the scorecard section.
        let markdown = read(directory.appendingPathComponent("report.md"))
        let section = markdown.components(separatedBy: "## Scorecard\n\n").last?.components(separatedBy: "\n## ").first ?? ""
        let fromMarkdown = section.split(separator: "\n").dropFirst(2).map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // JSON.
        let json = try JSONSerialization.jsonObject(with: Data(read(directory.appendingPathComponent("report.json")).utf8))
        let resolutions = ((json as? [String: Any])?["resolutions"] as? [[String: Any]]) ?? []
        let fromJSON = resolutions.map { r -> [String] in
            let number = { (key: String) in String(describing: r[key] ?? "") }
            let coverage = (r["coverage"] as? [Int]) ?? []
            return [
                number("id"), number("level"), number("measures"), number("measuresWithIndicator"), number("unmappedMeasures"),
                number("inferredMappings"), String(coverage.filter { $0 > 0 }.count), String(((r["gaps"] as? [Int]) ?? []).count), number("errors"),
                number("warnings"), number("infos"),
            ]
        }
        #expect(fromHTML.count == 6)
        #expect(fromHTML == fromCSV)
        #expect(fromHTML == fromMarkdown)
        #expect(fromHTML == fromJSON)
        #expect(fromHTML.first == ["food-and-land", "national", "9", "7", "1", "0", "5", "1", "2", "8", "7"])
        // The summary: HTML tiles, Markdown rows and the JSON summary.
        let tiles = document.all("div").filter { $0.attributes["class"]?.hasPrefix("tile") == true }.map {
            ($0.all("dt").first?.allText ?? "", $0.all("dd").first?.allText ?? "")
        }
        #expect(tiles.map(\.1) == ["6", "30", "6", "13", "13", "93%", "12 of 17", "0"])
        let summary = (json as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["measures"] as? Int == 30 && summary?["measuresWithIndicator"] as? Int == 28)
        #expect(summary?["errors"] as? Int == 6 && summary?["warnings"] as? Int == 13 && summary?["infos"] as? Int == 13)
        #expect(markdown.contains("| measures | 30 |\n") && markdown.contains("| measures with an indicator | 28 (93%) |\n"))
        // Findings: one row each in CSV, one item each in Markdown and JSON.
        let findingRows = read(directory.appendingPathComponent("csv/findings.csv")).split(separator: "\r\n").count - 1
        #expect(findingRows == 32)
        #expect(markdown.components(separatedBy: "\n- **").count - 1 == 32)
        #expect(((json as? [String: Any])?["findings"] as? [Any])?.count == 32)
    }

    @Test func aCorpusMayMixLumenJSONAndCSVDrafts() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = Paths.fixtures.appendingPathComponent("exported")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("same.json"), to: directory.appendingPathComponent("food.json"))
        let csv = read(fixtures.appendingPathComponent("same.csv")).replacingOccurrences(of: "\nfood,", with: "\nwater,")
        try Data(csv.utf8).write(to: directory.appendingPathComponent("water.csv"))
        try Data("resolution land \"Land\" {\n  scope 15\n  measure trees \"Trees\" { advances 15.2 indicator 15.2.1 }\n}\n".utf8)
            .write(to: directory.appendingPathComponent("land.lumen"))
        let run = lumen(["audit", directory.path, "--csv", directory.appendingPathComponent("out").path])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("audited 3 files: 3 resolutions, 7 measures, "))
        let rows = read(directory.appendingPathComponent("out/scorecard.csv")).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
        #expect(rows == ["resolution,level,measures", "food,,3", "land,,1", "water,,3"])
    }

    /// The goals are the catalogue's, not a number written in Swift: a catalogue
    /// of two goals gives a coverage matrix of two columns.
    @Test func theCoverageColumnsAreTheGoalsOfTheCatalogue() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            """
            goal 1 "First" {
              target 1.1 "One"
            }
            goal 2 "Second" {
              target 2.1 "Two"
            }
            resolution plan "Plan" {
              scope 1, 2
              measure m "M" {
                advances 2.1
              }
            }

            """.utf8
        ).write(to: directory.appendingPathComponent("plan.lumen"))
        let run = lumen(["audit", "--no-stdlib", directory.path, "--csv", directory.appendingPathComponent("out").path])
        #expect(run.status == 0)
        #expect(read(directory.appendingPathComponent("out/coverage.csv")) == "resolution,goal 1,goal 2,scope,gaps\r\nplan,0,1,1 2,1\r\n")
    }

    @Test func mappingsInferredFromKindsAreCountedApartFromDeclaredOnes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // carbon-tax infers advances 13.2 and 17.1 and undermines 1.2; the declared 13.2 stays declared.
        try Data(
            """
            resolution plan "Plan" {
              scope 13
              measure tax "Carbon tax" {
                kind carbon-tax
                advances 13.2
                indicator 13.2.2
              }
              measure trees "Trees" {
                advances 15.2
              }
            }

            """.utf8
        ).write(to: directory.appendingPathComponent("plan.lumen"))
        let run = lumen(["audit", directory.path, "--csv", directory.appendingPathComponent("out").path])
        #expect(run.status == 0)
        let rows = read(directory.appendingPathComponent("out/scorecard.csv")).split(separator: "\r\n").map(String.init)
        #expect(rows.first?.contains(",unmapped,inferred mappings,") == true)
        #expect(rows.dropFirst().first?.hasPrefix("plan,,2,1,0,2,") == true)
    }

    @Test func invalidInputWritesNoReport() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let draft = directory.appendingPathComponent("broken.lumen")
        try Data("resolution r \"R\" {\n  measure m \"M\" { advances 99.1 }\n}\n".utf8).write(to: draft)
        let html = directory.appendingPathComponent("report.html")
        let run = lumen(["audit", draft.path, "--html", html.path, "--color", "never"])
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(run.error.contains("broken.lumen:2:"))
        #expect(run.error.hasSuffix("no report was written: the input is invalid\n"))
        #expect(!FileManager.default.fileExists(atPath: html.path))
    }

    @Test func exitStatusFollowsFailOn() throws {
        let examples = Paths.repository.appendingPathComponent("Examples").path
        #expect(lumen(["audit", examples]).status == 0)
        #expect(lumen(["audit", examples, "--fail-on", "error"]).status == 1)
        let bad = lumen(["audit", examples, "--fail-on", "sometimes"])
        #expect(bad.status == 2)
        #expect(bad.error.hasPrefix("Error: Invalid value for '--fail-on': expected error, warning, info or never\n"))
        let twice = lumen(["audit", examples, "--html", "-", "--json", "-"])
        #expect(twice.status == 2)
        #expect(twice.error.hasPrefix("Error: Only one report can be written to standard output ('-')\n"))
    }

    @Test func aReportOnStandardOutputMovesTheSummaryToStandardError() {
        let run = lumen(["audit", Paths.repository.appendingPathComponent("Examples").path, "--markdown", "-"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("# Coherence audit\n"))
        #expect(run.error.hasPrefix("audited 5 files: 6 resolutions"))
    }

    @Test func htmlRowsLimitsWhatThePageShows() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        let run = lumen(["audit", Paths.repository.appendingPathComponent("Examples").path, "--html", path, "--html-rows", "2"])
        #expect(run.status == 0)
        guard let document = parseXML(read(URL(fileURLWithPath: path))) else { return }
        #expect(document.byID("scorecard")?.all("tbody").first?.all("tr").count == 2)
        #expect(document.byID("findings")?.all("li").count == 2)
        #expect(document.all("svg").first?.all("rect").count == 17 + 2 * 17 + 1)
        let notes = document.all("p").filter { $0.attributes["class"] == "note" }.map(\.allText)
        #expect(notes.contains("The first 2 of 32 findings are shown here; the CSV and JSON reports hold them all."))
        #expect(notes.contains("The first 2 of 6 resolutions are shown here; the CSV and JSON reports hold them all."))
    }

    @Test func linksToDraftsAreRelativeToTheReport() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = directory.appendingPathComponent("my drafts")
        try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent("Examples"), to: examples)
        let reports = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let path = reports.appendingPathComponent("report.html").path
        #expect(lumen(["audit", examples.path, "--html", path]).status == 0)
        guard let document = parseXML(read(URL(fileURLWithPath: path))) else { return }
        let links = document.byID("findings")?.all("a").compactMap { $0.attributes["href"] } ?? []
        #expect(links.contains("../my%20drafts/agriculture/food-and-land.lumen#L32"))
        #expect(links.allSatisfy { $0.hasPrefix("../my%20drafts/") })
    }

    @Test func progressIsDrawnOnlyOnATerminal() {
        let examples = Paths.repository.appendingPathComponent("Examples").path
        let quiet = lumen(["audit", examples])
        #expect(!quiet.error.contains("\r"))
        let recorder = Recorder()
        var console = recorder.console()
        console.errorIsTerminal = true
        _ = LumenCommand.main(["audit", examples], console: console)
        #expect(recorder.error.contains("\r\u{1B}[2Kloading  [##############################] 5/5 files"))
        #expect(recorder.error.contains("\r\u{1B}[2Kevaluating the rules…"))
        #expect(recorder.error.hasSuffix("\r\u{1B}[2K"))
        let dumb = Recorder()
        var plain = dumb.console(environment: ["TERM": "dumb"])
        plain.errorIsTerminal = true
        _ = LumenCommand.main(["audit", examples], console: plain)
        #expect(!dumb.error.contains("\u{1B}") && !dumb.error.contains("\r"))
    }
}

@Suite("audit pieces")
struct AuditPieceTests {
    @Test func targetsSortInCatalogueOrder() {
        let ids = ["13.a", "1.10", "2.1", "1.2", "1.a", "1.b", "10.1", "17.19", "17.2"]
        #expect(ids.sorted(by: CatalogOrder.precedes) == ["1.2", "1.10", "1.a", "1.b", "2.1", "10.1", "13.a", "17.2", "17.19"])
    }

    @Test func goalNumbersContrastWithTheirColours() {
        // Dark text on the light goal colours (7 is yellow), white on the dark ones (17 is navy).
        #expect(GoalColors.text(on: GoalColors.rgb[6]) == "#000000")
        #expect(GoalColors.text(on: GoalColors.rgb[16]) == "#FFFFFF")
        #expect(GoalColors.hex(13) == "#3F7E44")
        #expect(GoalColors.hex(GoalColors.tint(1, strength: 0)) == "#FFFFFF")
        #expect(GoalColors.hex(GoalColors.tint(1, strength: 1)) == "#E5243B")
    }

    @Test func levelsNestAsTheImplementsTree() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            """
            resolution global "Global" {
              level international
              scope 13
              measure plan "Plan" { advances 13.2 indicator 13.2.2 }
            }
            resolution nation "Nation" {
              level national
              implements global
              scope 7
              measure grid "Grid" { advances 7.2 indicator 7.2.1 }
            }
            resolution town "Town" {
              level local
              implements nation
              scope 9
              measure road "Road" { advances 9.1 undermines 13.2 indicator 9.1.2 }
            }
            resolution other "Other" {
              level national
              scope 7
              measure lamp "Lamps" { advances 7.3 indicator 7.3.1 }
            }

            """.utf8
        ).write(to: directory.appendingPathComponent("corpus.lumen"))
        let run = lumen(["audit", directory.path, "--html", "-", "--json", directory.appendingPathComponent("a.json").path])
        #expect(run.status == 0)
        guard let document = parseXML(run.out), let levels = document.byID("levels") else { return }
        // global > nation > town, then other at the top level.
        let top = levels.children.first { $0.name == "ul" }
        let topItems = top?.children.filter { $0.name == "li" } ?? []
        #expect(topItems.map { $0.all("strong").first?.allText } == ["global", "other"])
        let nation = topItems.first?.children.first { $0.name == "ul" }?.children.first { $0.name == "li" }
        #expect(nation?.all("strong").first?.allText == "nation")
        let town = nation?.children.first { $0.name == "ul" && $0.attributes["class"] == "tree" }?.children.first
        #expect(town?.all("strong").first?.allText == "town")
        // The town's road undermines what the global resolution advances, two levels up.
        let ties = town?.all("ul").filter { $0.attributes["class"] == "ties" }.flatMap { $0.all("li") } ?? []
        #expect(ties.count == 1)
        #expect(ties.first?.allText.contains("town.road undermines target 13.2") == true)
        // A conflict edge 9.1 → 13.2 in the network.
        let json = String(decoding: FileManager.default.contents(atPath: directory.appendingPathComponent("a.json").path) ?? Data(), as: UTF8.self)
        #expect(json.contains("\"from\": \"9.1\",\n        \"to\": \"13.2\",\n        \"kind\": \"conflict\",\n        \"weight\": 1"))
    }
}

@Suite("audit orders and numbers")
struct AuditOrderTests {
    @Test func idsSortWithNumbersAsNumbers() {
        let ids = ["r10", "r2", "r1", "plan-b", "plan-a", "r01", "r100", "a9b", "a10b", "r"]
        #expect(ids.sorted(by: NaturalOrder.precedes) == ["a9b", "a10b", "plan-a", "plan-b", "r", "r01", "r1", "r2", "r10", "r100"])
    }

    @Test func largeNumbersAreGrouped() {
        #expect(AuditHTML.grouped(0) == "0")
        #expect(AuditHTML.grouped(999) == "999")
        #expect(AuditHTML.grouped(1000) == "1,000")
        #expect(AuditHTML.grouped(498_987) == "498,987")
        #expect(AuditHTML.grouped(1_234_567) == "1,234,567")
    }
}
