import Foundation
import Testing

import Diagnostics
@testable import Lumen
@testable import Semantics
@testable import Syntax

@Suite struct StandardLibraryTests {
    /// The files under Rules/ on disk, path relative to Rules/, with their text.
    static var rulesOnDisk: [String: String] {
        let root = Paths.repository.appendingPathComponent("Rules")
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".lumen") else { continue }
            files[relative] = (try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)) ?? ""
        }
        return files
    }

    @Test func embeddedStandardLibraryMatchesRulesOnDisk() {
        let embedded = Dictionary(uniqueKeysWithValues: embeddedRuleFiles.map { ($0.path, $0.text) })
        #expect(embedded == Self.rulesOnDisk)
    }

    /// The standard library's interaction lines (its packs' too) are read by a line scanner
    /// (`InteractionLines`); every file reads the same as the parser reads it,
    /// spans and all, and the base's lines do take the scanner's path.
    @Test func theLineScannerReadsTheStandardLibraryAsTheParserDoes() {
        var scanned = 0
        for (number, file) in embeddedRuleFiles.enumerated() {
            let source = SourceFile(id: number, path: file.path, text: file.text)
            var fast = "", slow = ""
            let (scanning, parsing) = (Parser.parse(source, scanningInteractions: true).unit, Parser.parse(source).unit)
            dump((scanning.declarationsInOrder, scanning.comments), to: &fast)
            dump((parsing.declarations, parsing.comments), to: &slow)
            #expect(fast == slow, "\(file.path)")
            scanned += InteractionLines.scan(source).declarations.count
        }
        // The default base's 6,523 lines and the Swedish pack's 1,122.
        #expect(scanned == 7_645)
    }

    /// A run does not check the standard library's interactions again (see
    /// `FileScope.isStandardLibrary`); this test does.
    @Test func theStandardLibrarysInteractionsPassTheChecksARunSkips() {
        let run = Pipeline.load(paths: [], options: CheckOptions())
        let skipped = Checker.check(run.loader.orderedUnits, scopes: run.loader.scopes)
        let checked = Checker.check(run.loader.orderedUnits, scopes: run.loader.scopes, checkingStandardLibrary: true)
        #expect(checked.diagnostics.map(\.message) == [])
        #expect(checked.program.facts.count == skipped.program.facts.count)
        // What the skipped checks would say of a wrong line in a file of the library.
        let file = SourceFile(id: 0, path: "<stdlib>/wrong.lumen", text: "interaction 1.1 -> 99.9 synergy source \"S\"\n")
        let unit = Parser.parse(file).unit
        var scope = FileScope(kind: .everywhere, path: file.path)
        scope.isStandardLibrary = true
        #expect(Checker.check([unit], scopes: [0: scope]).diagnostics.map(\.code) == [])
        // No catalogue is loaded beside it: both ids are unknown.
        #expect(
            Checker.check([unit], scopes: [0: scope], checkingStandardLibrary: true).diagnostics.map(\.code)
                == [.unknownTarget, .unknownTarget])
    }

    /// The interaction sets take a file's reported interactions in file order
    /// (see `InteractionSets.Level`), which is their order by pair only if each
    /// pair's reports stand together, with their signs apart.
    @Test func theDefaultBaseListsEachPairsReportsTogether() {
        var files = 0
        for (number, file) in embeddedRuleFiles.enumerated() {
            var finished: Set<String> = []
            var current = (pair: "", signs: [String]())
            var reports = 0
            for case .interaction(let interaction) in Parser.parse(SourceFile(id: number, path: file.path, text: file.text)).unit
                .declarations
            {
                guard let sign = interaction.reported?.value.rawValue else { continue }
                reports += 1
                let pair = interaction.from.value + " -> " + interaction.to.value
                if pair != current.pair {
                    #expect(!finished.contains(pair), "\(file.path): \(pair) reported apart")
                    finished.insert(current.pair)
                    current = (pair, [])
                }
                #expect(!current.signs.contains(sign), "\(file.path): \(pair) \(sign) reported twice")
                current.signs.append(sign)
            }
            if reports > 0 { files += 1 }
        }
        #expect(files == 1)
    }

    @Test func standardLibraryAloneIsClean() {
        let report = Lumen.check(paths: [])
        #expect(report.diagnosticSummaries == [])
    }

    @Test func catalogueHasTheOfficialGoalsAndTargets() throws {
        let program = Lumen.check(paths: []).program
        #expect(program.ids(of: .goal).compactMap(Int.init).sorted() == Array(1...17))
        let targets = sortedSDGIDs(program.ids(of: .target))
        #expect(targets.count == 169)
        // Per-goal target counts of A/RES/70/1.
        let counts = (1...17).map { goal in targets.filter { $0.hasPrefix("\(goal).") }.count }
        #expect(counts == [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19])
        // Goal 17 has numbered targets only.
        #expect(!targets.contains { $0.hasPrefix("17.") && $0.last?.isLetter == true })
        // Against the reference list, when the shared folder is beside the repository.
        let reference = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/sdg-target-ids.txt")
        if let text = try? String(contentsOf: reference, encoding: .utf8) {
            #expect(targets == text.split(separator: "\n").map(String.init))
        }
        // Every target is under the goal its id names.
        for fact in program.facts where fact.relation == "target-of-goal" {
            guard case .id(let target) = fact.values[0], case .integer(let goal) = fact.values[1] else {
                Issue.record("malformed fact \(fact)")
                continue
            }
            #expect(target.hasPrefix("\(goal)."))
        }
        #expect(program.facts.filter { $0.relation == "means-of-implementation" }.count == 43)
    }

    /// The rows of a reference TSV file beside the repository, without its comment
    /// lines and header; nil where the shared folder is absent.
    static func referenceRows(_ name: String) -> [[String]]? {
        let url = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func catalogueHasEveryOfficialIndicatorIdUnderItsTarget() throws {
        let program = Lumen.check(paths: []).program
        let indicators = program.ids(of: .indicator)
        #expect(indicators.count == 251)
        // Each id sits under the target its id names (1.5.1 under 1.5, its alias 13.1.1 under 13.1).
        var targetOf: [String: String] = [:]
        for fact in program.facts where fact.relation == "indicator-of" {
            guard case .id(let indicator) = fact.values[0], case .id(let target) = fact.values[1] else { continue }
            targetOf[indicator] = target
        }
        #expect(targetOf.count == 251)
        for (indicator, target) in targetOf {
            #expect(indicator.split(separator: ".").prefix(2).joined(separator: ".") == target)
        }
        // An indicator listed under several targets is declared once, with aliases.
        let aliases = program.facts.filter { $0.relation == "indicator-alias" }.map { $0.values.map(\.description) }
        #expect(aliases.count == 16)
        #expect(aliases.contains(["13.1.1", "1.5.1"]))
        #expect(aliases.contains(["11.5.1", "1.5.1"]))
        #expect(aliases.contains(["12.a.1", "7.b.1"]))
        // The three ids the 2025 review added.
        #expect(targetOf["2.2.4"] == "2.2" && targetOf["8.9.2"] == "8.9" && targetOf["11.c.1"] == "11.c")
        // Every id has its code; an alias has its primary's.
        var codeOf: [String: String] = [:]
        for fact in program.facts where fact.relation == "indicator-code" {
            guard case .id(let indicator) = fact.values[0], case .text(let code) = fact.values[1] else { continue }
            #expect(codeOf.updateValue(code, forKey: indicator) == nil, "\(indicator) has two codes")
        }
        #expect(Set(codeOf.keys) == Set(indicators))
        #expect(Set(codeOf.values).count == 235)
        #expect(codeOf["1.5.1"] == "C200303" && codeOf["13.1.1"] == "C200303")
        // Against the 2025 framework, when the shared folder is beside the repository.
        if let rows = Self.referenceRows("sdg-indicator-ids-2025.tsv") {
            #expect(rows.count == 251)
            #expect(Set(rows.map { $0[0] }) == Set(indicators))
            for row in rows {
                #expect(targetOf[row[0]] == row[1], "\(row[0])")
                #expect(codeOf[row[0]] == row[2], "\(row[0])")
                let listed = Set(row[3].split(separator: " ").map(String.init))
                // The other ids of the same indicator: those sharing its primary.
                let primary = aliases.first { $0[0] == row[0] }?[1] ?? row[0]
                let group = Set([primary] + aliases.filter { $0[1] == primary }.map { $0[0] })
                #expect(group.subtracting([row[0]]) == listed, "\(row[0])")
                // Ids that share a code are the same indicator, and only they.
                #expect(Set(rows.filter { $0[2] == row[2] }.map { $0[0] }) == group, "\(row[0])")
            }
        }
    }

    /// Ids of past editions are not current, and naming one says what became of it.
    @Test func retiredIndicatorIdsSayWhatBecameOfThem() throws {
        let program = Lumen.check(paths: []).program
        #expect(program.retiredIndicators.keys.sorted() == ["1.a.3", "13.3.2", "17.6.2"])
        #expect(program.retiredIndicators["17.6.2"]?.successor == "17.6.1")
        #expect(program.retiredIndicators["13.3.2"]?.successor == nil)
        for id in program.retiredIndicators.keys {
            #expect(program.entity(.indicator, id) == nil)
            if let rows = Self.referenceRows("sdg-indicator-ids-2025.tsv") { #expect(!rows.contains { $0[0] == id }) }
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let draft = directory.appendingPathComponent("d.lumen")
        try """
        resolution r "R" {
          measure m "M" {
            advances 17.6
            indicator 17.6.2, 13.3.2
          }
        }
        """.write(to: draft, atomically: true, encoding: .utf8)
        let report = Lumen.check(paths: [draft.path])
        #expect(
            report.diagnosticSummaries.map { relativize($0, to: directory) } == [
                "d.lumen:4:15: error[L1025] indicator `17.6.2` is no longer in the global indicator framework",
                "d.lumen:4:23: error[L1025] indicator `13.3.2` is no longer in the global indicator framework",
            ])
        #expect(report.diagnostics.first?.help == "name `17.6.1` instead")
        #expect(report.diagnostics.first?.primary?.text == "renumbered 17.6.1 in the 2020 comprehensive review")
    }

    @Test func catalogShowsTheEditionCodeAndRetiredIds() {
        let new = Lumen.catalog(.indicator, "2.2.4")
        #expect(new.found)
        #expect(
            new.text == """
                indicator 2.2.4  Minimum dietary diversity among young children and women
                  target: 2.2 (End all forms of malnutrition)
                  also listed as: none
                  UN Statistics Division code: C020204 (http://metadata.un.org/sdg/C020204)
                  framework: global indicator framework, 2025 edition (after the 2025 comprehensive review)

                """)
        let retired = Lumen.catalog(.indicator, "17.6.2")
        #expect(
            retired.text == """
                indicator 17.6.2 is retired: renumbered 17.6.1 in the 2020 comprehensive review
                  now: 17.6.1 (Fixed broadband subscriptions per 100 people)
                  not in the catalogue's global indicator framework, 2025 edition (after the 2025 comprehensive review)

                """)
    }

    /// Every indicator id has a short title (an alias shows its primary's), and no
    /// two distinct indicators share one.
    @Test func everyIndicatorHasATitle() {
        let program = Lumen.check(paths: []).program
        let ids = program.ids(of: .indicator)
        #expect(ids.count == 251)
        let untitled = ids.filter { (program.entity(.indicator, $0)?.title ?? "").isEmpty }
        #expect(untitled == [])
        let aliases = Set(program.facts.filter { $0.relation == "indicator-alias" }.map { $0.values[0].description })
        let titles = ids.filter { !aliases.contains($0) }.compactMap { program.entity(.indicator, $0)?.title }
        #expect(titles.count == 235)
        #expect(Set(titles).count == titles.count, "two indicators share a title")
        #expect(titles.allSatisfy { $0.count <= 100 })
    }

    @Test func principlesAndTheirAnchorsMatchTheReferenceTable() throws {
        let program = Lumen.check(paths: []).program
        let principles = [
            "human-dignity", "equality", "right-to-life", "liberty", "expression", "religion", "privacy", "property",
            "due-process", "rule-of-law", "separation-of-powers", "democracy", "subsidiarity", "social-welfare",
            "health", "education", "environment", "child-rights", "indigenous-rights", "work",
        ]
        #expect(Set(program.ids(of: .principle)).isSuperset(of: principles))
        for principle in principles {
            #expect(program.entity(.principle, principle)?.title?.isEmpty == false)
        }
        #expect(program.ids(of: .country).count == 21)
        let anchors = Set(program.facts.filter { $0.relation == "enshrined" }.map { $0.values.map(\.description) })
        #expect(!anchors.contains { $0[1] == "united-kingdom" })
        let reference = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/g20-principle-anchors.tsv")
        guard let text = try? String(contentsOf: reference, encoding: .utf8) else { return }
        let ids = [
            "Argentina": "argentina", "Australia": "australia", "Brazil": "brazil", "Canada": "canada", "China": "china",
            "France": "france", "Germany": "germany", "India": "india", "Indonesia": "indonesia", "Italy": "italy",
            "Japan": "japan", "Mexico": "mexico", "Republic of Korea": "republic-of-korea", "Russia": "russia",
            "Saudi Arabia": "saudi-arabia", "South Africa": "south-africa", "Türkiye": "turkiye",
            "United States": "united-states", "European Union": "european-union", "African Union": "african-union",
        ]
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 458)
        let expected = Set(rows.map { [$0[1], ids[$0[0]] ?? "?", "\"\($0[2])\""] })
        #expect(anchors == expected)
    }

    /// Every anchor says what text it was read against (docs/anchors.md lists the
    /// texts, and for China and Saudi Arabia the public copy of each article).
    @Test func everyAnchorRecordsWhatItWasCheckedAgainst() {
        let anchors = Lumen.check(paths: []).program.anchors
        #expect(anchors.count == 458)
        #expect(anchors.filter { $0.checked == nil }.isEmpty)
        #expect(anchors.allSatisfy { $0.checked?.hasPrefix("the ") == true })
        // China and Saudi Arabia were read in quoted copies, not in the Constitute file.
        let quoted = anchors.filter { $0.checked?.contains("as quoted in public copies") == true }
        #expect(Set(quoted.map(\.country)) == ["china", "saudi-arabia"])
        #expect(quoted.count == 41)
        // The anchors of each document were read against one text.
        let textsByCountry = Dictionary(grouping: anchors.filter { $0.checked != nil }, by: \.country)
            .mapValues { Set($0.compactMap(\.checked)) }
        #expect(textsByCountry.values.allSatisfy { $0.count == 1 })
        #expect(textsByCountry.count == 20)
    }
}
