import Foundation
import Testing

@testable import Lumen
@testable import Semantics

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

    @Test func catalogueHasEveryOfficialIndicatorIdUnderItsTarget() throws {
        let program = Lumen.check(paths: []).program
        let indicators = program.ids(of: .indicator)
        #expect(indicators.count == 248)
        // Each id sits under the target its id names (1.5.1 under 1.5, its alias 13.1.1 under 13.1).
        var targetOf: [String: String] = [:]
        for fact in program.facts where fact.relation == "indicator-of" {
            guard case .id(let indicator) = fact.values[0], case .id(let target) = fact.values[1] else { continue }
            targetOf[indicator] = target
        }
        #expect(targetOf.count == 248)
        for (indicator, target) in targetOf {
            #expect(indicator.split(separator: ".").prefix(2).joined(separator: ".") == target)
        }
        // An indicator listed under several targets is declared once, with aliases.
        let aliases = program.facts.filter { $0.relation == "indicator-alias" }.map { $0.values.map(\.description) }
        #expect(aliases.count == 16)
        #expect(aliases.contains(["13.1.1", "1.5.1"]))
        #expect(aliases.contains(["11.5.1", "1.5.1"]))
        #expect(!targetOf.keys.contains { $0.hasPrefix("11.c.") })
        // Against the reference list, when the shared folder is beside the repository.
        let reference = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/sdg-indicator-ids.tsv")
        if let text = try? String(contentsOf: reference, encoding: .utf8) {
            let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            #expect(Set(rows.map { $0[0] }) == Set(indicators))
            for row in rows {
                #expect(targetOf[row[0]] == row[1])
                let listed = Set(row.count > 2 ? row[2].split(separator: " ").map(String.init) : [])
                let declared = Set(aliases.filter { $0[0] == row[0] || $0[1] == row[0] }.flatMap { $0 }).subtracting([row[0]])
                // Aliases of the same primary are listed as each other's ids too.
                let siblings = Set(aliases.filter { pair in declared.contains(pair[1]) }.map { $0[0] }).subtracting([row[0]])
                #expect(declared.union(siblings) == listed, "\(row[0])")
            }
        }
    }

    /// Every indicator id has a short title (an alias shows its primary's), and no
    /// two distinct indicators share one.
    @Test func everyIndicatorHasATitle() {
        let program = Lumen.check(paths: []).program
        let ids = program.ids(of: .indicator)
        #expect(ids.count == 248)
        let untitled = ids.filter { (program.entity(.indicator, $0)?.title ?? "").isEmpty }
        #expect(untitled == [])
        let aliases = Set(program.facts.filter { $0.relation == "indicator-alias" }.map { $0.values[0].description })
        let titles = ids.filter { !aliases.contains($0) }.compactMap { program.entity(.indicator, $0)?.title }
        #expect(titles.count == 232)
        #expect(Set(titles).count == titles.count, "two indicators share a title")
        #expect(titles.allSatisfy { $0.count <= 90 })
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
}
