import Foundation
import Testing

@Suite struct CatalogCommandTests {
    @Test(arguments: [
        (["catalog", "goal", "13"], "catalog/goal-13.txt"),
        (["catalog", "target", "13.2"], "catalog/target-13.2.txt"),
        (["catalog", "indicator", "13.1.1"], "catalog/indicator-13.1.1.txt"),
        (["catalog", "principle", "property"], "catalog/principle-property.txt"),
        (["catalog", "search", "water"], "catalog/search-water.txt"),
        (["catalog", "level", "subnational"], "catalog/level-subnational.txt"),
        (["catalog", "kind", "revenue-recycling"], "catalog/kind-revenue-recycling.txt"),
    ])
    func entriesAreShown(arguments: [String], golden: String) {
        let run = lumen(arguments)
        #expect(run.status == 0)
        expectGolden(run.out, golden)
    }

    @Test(arguments: [
        (["catalog", "target", "13.22"], "error: no target `13.22` in the catalogue; did you mean `13.2`?\n"),
        (["catalog", "target", "13.9"], "error: no target `13.9` in the catalogue\n"),
        (["catalog", "principle", "propery"], "error: no principle `propery` in the catalogue; did you mean `property`?\n"),
        (["catalog", "goal", "18"], "error: no goal `18` in the catalogue\n"),
        (["catalog", "search", "zzzz"], "no entry of the catalogue mentions `zzzz`\n"),
        (["catalog", "level", "regionl"], "error: no level `regionl` in the catalogue; did you mean `regional`?\n"),
        (
            ["catalog", "pack", "interactions-swedn"],
            "error: no pack `interactions-swedn` in the standard library; did you mean `interactions-sweden`?\nthe packs are `interactions-sweden`\n"
        ),
    ])
    func unknownEntriesExitWithTwo(arguments: [String], message: String) {
        let run = lumen(arguments)
        #expect(run.status == 2)
        #expect(run.error == message)
    }

    @Test func interactionsOfALoadedPackShowWithTheirSource() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("sweden.lumen")
        try Data("use pack interactions-sweden\n".utf8).write(to: pack)
        let run = lumen(["catalog", "--rules", pack.path, "target", "7.2"])
        #expect(run.status == 0)
        #expect(
            run.out.contains(
                "    7.2 -> 6.6 -2  (Weitz, Carlsen, Nilsson and Skanberg (2018), Towards systemic and contextual priority setting for implementing the 2030 Agenda, Sustainability Science 13:531-548)\n"
            ))
        let plain = lumen(["catalog", "target", "7.2"]).out
        #expect(plain.contains("  scored interactions out: none in the loaded catalogue\n"))
        // The default base's reports, with their evidence entries and the source's reference.
        #expect(plain.contains("    advancing 7.2 works against (58):\n      1.1 (2), 1.2 (2), 1.4 (2), 1.5 (1), 2.1 (4),"))
        #expect(plain.contains(" 15.5 (6), 17.11 (1)\n    advancing 7.2 affects, sign not given (3):\n"))
        #expect(
            plain.contains(
                "    source: JRC KnowSDGs (European Commission, Joint Research Centre, KnowSDGs platform: SDG interlinkages, "
                    + "2021-2022 update of Miola et al. (2019), JRC115163)\n"))
    }

    /// Every anchor of the standard library records its text; a pack's own anchor
    /// may not, and the catalogue says so rather than leaving the line out.
    @Test func anAnchorSaysWhetherItWasCheckedAgainstAText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("norway.lumen")
        try Data(
            """
            country norway "Norway"
            principle fjords "Fjords" {
              description "Access to the fjords."
              enshrined norway "Art. 112" in "Constitution of Norway" checked "the Storting's English text (2023)"
              enshrined norway "Art. 113" in "Constitution of Norway"
            }

            """.utf8
        ).write(to: pack)
        let run = lumen(["catalog", "--rules", pack.path, "principle", "fjords"])
        #expect(run.status == 0)
        #expect(
            run.out.hasPrefix(
                "principle fjords  Fjords\n\nAccess to the fjords.\n\nenshrined (2):\n"
                    + "  Norway  Art. 112, Constitution of Norway\n"
                    + "            checked against the Storting's English text (2023)\n"
                    + "  Norway  Art. 113, Constitution of Norway\n"
                    + "            not checked against a text\n\n"))
    }

    /// A pack of the standard library can be browsed without a draft that turns it on.
    @Test func aPackShowsItsScoresSourceAndHowToTurnItOn() {
        let run = lumen(["catalog", "pack", "interactions-sweden"])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(4) == [
            "pack interactions-sweden", "",
            "1122 scored interactions among 34 targets, on the scale of Nilsson, Griggs and Visbeck (2016).",
            "Turned on for the resolutions of a draft by `use pack interactions-sweden` (and of the drafts that use it),",
        ])
        #expect(run.out.contains("\nsource:\n  Weitz, Carlsen, Nilsson and Skanberg (2018), Towards systemic"))
        #expect(lines.filter { $0.hasPrefix("  ") && $0.contains(" -> ") }.count == 1_122)
        #expect(run.out.contains("\n  7.2 -> 6.6 -2\n"))
    }

    @Test func kindMustBeKnown() {
        let run = lumen(["catalog", "country", "germany"])
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: Unknown kind 'country'; expected goal, target, indicator, principle, kind, level, pack, search\n"))
    }
}
