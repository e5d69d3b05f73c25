import Foundation
import Testing

@testable import Lumen
@testable import Reports

/// The default interaction base: the JRC KnowSDGs interlinkages, reported signs
/// with their evidence, on for every run, outranked by scores.
@Suite struct DefaultInteractionTests {
    /// Every row of the reference table is a reported interaction, with its sign
    /// and its count, and nothing else is.
    @Test func theBaseMatchesTheReferenceTable() throws {
        let program = Lumen.check(paths: []).program
        let reported = program.facts.filter { $0.relation == "reported" }.map { $0.values.map(\.description) }
        #expect(reported.count == 6_523)
        #expect(Set(reported.map { $0[2] }) == ["synergy", "trade-off", "unspecified"])
        #expect(reported.filter { $0[2] == "trade-off" }.count == 741)
        #expect(reported.contains(["2.3", "3.9", "trade-off", "4", "\"JRC KnowSDGs, 4 entries\""]))
        #expect(reported.contains(["1.3", "8.10", "unspecified", "0", "\"JRC KnowSDGs\""]))
        // The source's full reference is there for traces and the catalogue.
        #expect(
            program.facts.contains {
                $0.relation == "citation" && $0.values.first == .text("JRC KnowSDGs")
                    && $0.values.last.map { "\($0)".contains("JRC115163") } == true
            })
        let url = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/interactions-jrc-2023.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == 6_523)
        let expected = Set(rows.map { row in [row[0], row[1], row[2] == "not specified" ? "unspecified" : row[2], row[3]] })
        #expect(Set(reported.map { Array($0.prefix(4)) }) == expected)
    }

    /// A literature trade-off is a warning that cites the source and its entries,
    /// with the reference in the trace.
    @Test func aReportedTradeOffIsAWarningThatCitesItsSource() throws {
        let (directory, path) = try writeDraft(
            """
            resolution plan "Plan" {
              measure fertiliser "Fertiliser price support" {
                advances 2.3
              }
              measure pesticides "Limits on pesticide spraying" {
                advances 3.9
              }
            }
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 0)
        #expect(lumen(["check", "--fail-on", "warning", path]).status == 1)
        let out = relativize(run.out, to: directory)
        #expect(
            out.hasPrefix(
                "warning[literature-tradeoff]: in plan, advancing 2.3 (Productivity and incomes of small-scale food producers) works "
                    + "against 3.9 (Reduce deaths and illness from pollution and hazardous chemicals), as reported in the literature "
                    + "(JRC KnowSDGs, 4 entries): plan.fertiliser against plan.pesticides\n"))
        #expect(
            out.contains(
                "    reported(2.3, 3.9, trade-off, 4, \"JRC KnowSDGs, 4 entries\")  declared at <stdlib>/interactions/jrc-knowsdgs.lumen:")
        )
        #expect(
            out.contains(
                "(reported in the literature: trade-off, 4 evidence entries; source: JRC KnowSDGs (European Commission, Joint Research "
                    + "Centre, KnowSDGs platform: SDG interlinkages, 2021-2022 update of Miola et al. (2019), JRC115163))\n"))
    }

    /// A score outranks the literature for the resolutions it applies to: the
    /// Swedish pack scores 7.2 -> 15.5 at -1, which the literature reports more often
    /// as a trade-off (6 entries) than as a synergy (2).
    @Test func aPacksScoreOutranksTheDefaultsReports() throws {
        let plan = """
            resolution plan "Plan" {
              measure solar "Solar parks on open land" {
                advances 7.2
              }
              measure habitats "Habitat protection" {
                advances 15.5
              }
            }
            """
        let (directory, path) = try writeDraft(plan)
        defer { try? FileManager.default.removeItem(at: directory) }
        let without = lumen(["check", path]).out
        #expect(without.contains("warning[contested-tradeoff]: in plan, advancing 7.2"))
        #expect(
            without.contains(
                "as reported in the literature (trade-off: JRC KnowSDGs, 6 entries; synergy: JRC KnowSDGs, 2 entries): "
                    + "plan.solar against plan.habitats\n"))
        try Data(("use pack interactions-sweden\n" + plan).utf8).write(to: URL(fileURLWithPath: path))
        let with = lumen(["check", path]).out
        #expect(!with.contains("contested-tradeoff") && !with.contains("literature-tradeoff"))
        let program = Lumen.check(paths: [path]).program
        let set = "interactions-sweden"
        let overridden = program.facts.filter { $0.relation == "overridden-in" }.map { $0.values.map(\.description) }
        #expect(overridden.contains([set, "7.2", "15.5"]))
        // Only pairs the default reports are marked; the default's reports are stated once.
        #expect(overridden.count < 1_122)
        #expect(program.facts.filter { $0.relation == "reported" }.count == 6_523)
        #expect(program.facts.filter { $0.relation == "reported-in" }.isEmpty)
    }

    /// A draft's own report of a pair replaces the default's for its resolutions,
    /// and applies to no other draft.
    @Test func aDraftsOwnReportReplacesTheDefaults() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = { (name: String) in
            """
            resolution \(name) "Plan" {
              measure fertiliser "Fertiliser price support" {
                advances 2.3
              }
              measure pesticides "Limits on pesticide spraying" {
                advances 3.9
              }
            }

            """
        }
        try Data(("interaction 2.3 -> 3.9 synergy evidence 2 source \"Our review (2026)\"\n" + plan("own")).utf8)
            .write(to: directory.appendingPathComponent("own.lumen"))
        try Data(plan("other").utf8).write(to: directory.appendingPathComponent("other.lumen"))
        let program = Lumen.check(paths: [directory.path]).program
        let reportedIn = program.facts.filter { $0.relation == "reported-in" }.map { $0.values.map(\.description) }
        #expect(reportedIn.map { Array($0.dropFirst()) } == [["2.3", "3.9", "synergy", "2", "\"Our review (2026), 2 entries\""]])
        let out = lumen(["check", directory.path]).out
        #expect(out.contains("warning[literature-tradeoff]: in other, advancing 2.3"))
        #expect(!out.contains("in own, advancing 2.3"))
    }

    @Test func reportedInteractionsAreChecked() throws {
        let (directory, path) = try writeDraft(
            """
            interaction 2.3 -> 3.9 trade-off source "a"
            interaction 2.3 -> 3.9 trade-off evidence 2 source "b"
            interaction 2.3 -> 3.9 synergy source "c"
            interaction 2.3 -> 99.1 synergy source "d"
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Lumen.check(paths: [path])
        #expect(
            report.diagnosticSummaries.map { relativize($0, to: directory) } == [
                "draft.lumen:2:1: error[L1010] reported interaction `2.3 -> 3.9 trade-off` is declared twice",
                "draft.lumen:4:20: error[L1001] unknown target `99.1`",
            ])
    }
}
