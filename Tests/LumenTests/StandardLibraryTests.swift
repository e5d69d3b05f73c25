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
}
