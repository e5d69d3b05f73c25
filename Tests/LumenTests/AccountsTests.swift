import Foundation
import Testing

/// The accounts of the example city plan: its findings, its statement in every format.
@Suite struct AccountStatementTests {
    static let example = Paths.repository.appendingPathComponent("Examples/accounts").path

    @Test func checkReportsTheOffTrackIndicatorAndTheOverclaimingPlanWithTheirNumbers() {
        let run = lumen(["check", Self.example, "--explain"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n").map(String.init)
        let headings = lines.filter { $0.hasPrefix("warning[") }
        #expect(headings.filter { $0.hasPrefix("warning[off-track-indicator]") }.count == 2)
        #expect(
            headings.contains(
                "warning[off-track-indicator]: in lindhaven-plan, 13.2.2 (Total greenhouse gas emissions per year) is off track (limited-progress): 780 kt CO2e in 2023, from 842 kt CO2e in 2015, target 421 kt CO2e by 2030: -1% a year observed, -4.5% a year needed (ratio 0.21)"
            ))
        #expect(
            headings.contains(
                "warning[overclaimed-target]: in lindhaven-plan, the effects claimed on 11.6.2 (Fine particulate matter in cities) exceed the gap to its target: its measures claim -6 ug/m3 by 2030 (lindhaven-plan.low-emission-zone -6); from 11.4 ug/m3 in 2022 to the target 10 ug/m3 the gap is -1.4 ug/m3"
            ))
        #expect(headings.filter { $0.hasPrefix("warning[underclaimed-target]") }.count == 2)
        // The trace cites the fact that holds the numbers, at the latest value: row 5 of the data file (2023).
        #expect(lines.contains { $0.contains("account-status(lindhaven-plan, 13.2.2, limited-progress, \"780 kt CO2e in 2023") && $0.contains("Examples/accounts/emissions.csv:5:8") })
    }

    @Test func theStatementAsText() {
        let run = lumen(["audit", Self.example, "--accounts"])
        #expect(run.status == 0)
        expectGolden(run.out, "accounts/statement.txt")
        #expect(run.error.hasPrefix("audited 1 file: 1 resolution"))
    }

    @Test func csvAndJSONCarryTheStatementsNumbers() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("report.json").path
        let csv = directory.appendingPathComponent("csv").path
        #expect(lumen(["audit", Self.example, "--json", json, "--csv", csv]).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.compactMap { $0["indicator"] as? String } == ["7.2.1", "11.6.2", "13.2.2", "cycling-share"])
        #expect(accounts.compactMap { $0["status"] as? String } == ["needs-acceleration", "on-track", "limited-progress", "on-track"])
        #expect(accounts.compactMap { $0["claimed"] as? String } == ["9", "-6", "-315", "7"])
        #expect(accounts.compactMap { $0["claimsAgainstGap"] as? String } == ["under", "over", "under", "matches"])
        // The city's own indicator says so, with the target it monitors; those of the global framework do not.
        #expect(accounts.map { $0["monitors"] as? [String] } == [nil, nil, nil, ["11.2"]])
        // What each measure costs, in the currency the draft declares.
        let heating = (accounts.first?["effects"] as? [[String: Any]])?.first
        #expect(heating?["measure"] as? String == "lindhaven-plan.district-heating" && heating?["cost"] as? String == "85 million EUR")
        let rows = try String(contentsOfFile: csv + "/accounts.csv", encoding: .utf8).split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.first?.prefix(4) == ["resolution", "indicator", "unit", "better"])
        let indicators = rows.dropFirst().filter { $0[13].isEmpty }
        #expect(indicators.map { [$0[1], $0[4], $0[6], $0[8], $0[10], $0[11], $0[12]] } == [
            ["7.2.1", "12", "19", "35", "needs-acceleration", "9", "under"],
            ["11.6.2", "14.8", "11.4", "10", "on-track", "-6", "over"],
            ["13.2.2", "842", "780", "421", "limited-progress", "-315", "under"],
            ["cycling-share", "9", "18", "25", "on-track", "7", "matches"],
        ])
        // An effect per row after its indicator, in the indicator's unit (40,000 t CO2e is 40 kt CO2e).
        #expect(rows.contains { $0.count > 16 && $0[13] == "lindhaven-plan.retrofits" && $0[14] == "-40" && $0[15] == "2030" && $0[16] == "18 million EUR" })
    }

    @Test func theHTMLPageHasTheAccountsSection() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        #expect(lumen(["audit", Self.example, "--html", path]).status == 0)
        guard let document = parseXML(try String(contentsOfFile: path, encoding: .utf8)), let section = document.byID("accounts") else {
            Issue.record("no accounts section")
            return
        }
        let rows = section.all("tbody").first?.all("tr") ?? []
        #expect(rows.count == 4)
        #expect(rows.map { $0.all("td")[4].all("strong").first?.allText } == ["needs-acceleration", "on-track", "limited-progress", "on-track"])
        #expect(rows.last?.all("td").first?.allText.contains("local, monitors 11.2; %, higher is better") == true)
        // A chart per indicator: the observed line, a point per value, the target as a ring.
        let charts = section.all("svg")
        #expect(charts.count == 4)
        let emissions = try #require(charts.dropLast().last)
        #expect(emissions.attributes["role"] == "img")
        #expect(emissions.all("circle").count == 5 + 1)
        #expect(emissions.all("circle").last?.all("title").first?.allText == "target 421 by 2030")
        #expect(emissions.all("path").count == 2)
    }

    @Test func aCorpusWithoutAccountsSaysSo() throws {
        let run = lumen(["audit", Paths.repository.appendingPathComponent("Examples/climate").path, "--accounts"])
        #expect(run.out == "no resolution keeps an account of an indicator\n")
    }
}

/// Observed values read from CSV files beside a draft.
@Suite struct ObservationDataTests {
    static func draft(_ account: String, files: [String: String]) throws -> (directory: URL, path: String) {
        let (directory, path) = try writeDraft("resolution r \"R\" {\n  indicator 13.2.2 {\n    unit kt-co2e\n\(account)  }\n}\n")
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        return (directory, path)
    }

    @Test func theExampleReadsBothLayoutsAndDoesNotCallTheFilesSkipped() {
        let run = lumen(["check", Paths.repository.appendingPathComponent("Examples").path])
        #expect(!run.error.contains("skipped"))
        // The emissions and the air quality come from the files (the draft writes the renewable share's values itself).
        let text = (try? String(contentsOf: Paths.repository.appendingPathComponent("Examples/accounts/city-climate-mobility.lumen"), encoding: .utf8)) ?? ""
        #expect(text.contains("    data \"emissions.csv\"\n") && text.contains("    data \"air-quality.csv\" series \"EN_ATM_PM25\" area \"Lindhaven\"\n"))
        #expect(!text.contains("observed 780") && !text.contains("observed 11.4"))
        let statement = lumen(["audit", Paths.repository.appendingPathComponent("Examples/accounts").path, "--accounts"]).out
        #expect(statement.contains("latest 780 (2023)") && statement.contains("latest 11.4 (2022)"))
    }

    @Test func badRowsAreReportedAtTheirRowAndColumn() throws {
        let (directory, path) = try Self.draft(
            "    baseline 842 in 2015\n    data \"values.csv\"\n",
            files: ["values.csv": "indicator,year,value\n13.2.2,20x7,830\n13.2.2,2019,8.1.2\n13.2.2,2021,795\n13.2.2,2021,790\n7.2.1,2021,14\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 2)
        let errors = relativize(run.out, to: directory).split(separator: "\n").filter { $0.hasPrefix("error") || $0.hasPrefix(" -->") }
        #expect(errors == [
            "error[L0212]: expected a year in column `year`, found `20x7`", " --> values.csv:2:8",
            "error[L0212]: expected a number in column `value`, found `8.1.2`", " --> values.csv:3:13",
            "error[L0212]: two values of 13.2.2 for 2021 in the file", " --> values.csv:5:8",
        ])
    }

    @Test func theUNLayoutNeedsASeriesAndAnAreaWhenItHoldsSeveral() throws {
        let header = "Indicator,SeriesCode,GeoAreaName,TimePeriod,Value,Units\n"
        let rows = "13.2.2,EN_A,Lindhaven,2020,800,MT\n13.2.2,EN_A,Osterby,2020,200,MT\n13.2.2,EN_B,Lindhaven,2021,790,MT\n"
        let (directory, path) = try Self.draft("    data \"un.csv\"\n", files: ["un.csv": header + rows])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L0212]: two values of 13.2.2 for 2020 in the file"))
        #expect(run.out.contains("help: choose one series and one area: `data \"un.csv\" series \"...\" area \"...\"`"))
        let (chosen, chosenPath) = try Self.draft(
            "    baseline 842 in 2015\n    target 421 by 2030\n    data \"un.csv\" series \"EN_A\" area \"Lindhaven\"\n",
            files: ["un.csv": header + rows])
        defer { try? FileManager.default.removeItem(at: chosen) }
        let check = lumen(["query", "account-value(r, 13.2.2, observed, Y, V)", chosenPath])
        #expect(check.out == "Y     V\n2020  800 kt-co2e\n1 row\n")
    }

    @Test func aDataFileStaysInsideTheProject() throws {
        let (directory, path) = try Self.draft("    data \"../elsewhere.csv\"\n", files: [:])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path, "--root", directory.path])
        #expect(run.status == 2)
        #expect(run.out.contains("the data file is outside the project root"))
    }
}

/// Numbers at the edges of what a draft can write reach the checker and the reports without a trap.
@Suite struct ExtremeAccountDraftTests {
    @Test func hugeValuesAndSumsPastTheRangeAreReadWithoutATrap() throws {
        let (directory, path) = try writeDraft(
            """
            resolution r "R" {
              indicator 13.2.2 {
                unit kt-co2e
                better higher
                baseline 0.000001 in 2015
                target 999999999999999999 by 2030
                observed 100000000000000000 in 2016
              }
              measure m "M" {
                advances 13.2
                indicator 13.2.2
                effect 13.2.2 999999999999999999 kt-co2e by 2030
                effect 13.2.2 999999999999999999 kt-co2e by 2029
              }
            }

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = lumen(["check", path])
        #expect(check.status == 0)
        // A growth rate of 10^25 percent is written as the float it is (it once trapped
        // converting to an integer); the two effects add up past 18 digits, so no
        // total is claimed rather than a wrong one.
        let statement = lumen(["audit", path, "--accounts"]).out
        #expect(statement.contains("status   on-track"))
        #expect(!statement.contains("in all"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lumen(["audit", path, "--json", "-"]).out.utf8)) as? [String: Any])
        let reading = try #require((json["accounts"] as? [[String: Any]])?.first?["reading"] as? String)
        #expect(reading.contains("e+25% a year observed") && reading.contains("(ratio 2.5"))
    }
}
