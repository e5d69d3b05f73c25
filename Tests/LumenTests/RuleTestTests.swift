import Diagnostics
import Foundation
import Syntax
import Testing

/// The rules of the standard library carry their own tests, and `lumen test` runs them.
@Suite struct RuleTestTests {
    /// Every `.lumen` file under Rules/, parsed.
    static var ruleFiles: [(path: String, unit: SourceUnit)] {
        let root = Paths.repository.appendingPathComponent("Rules")
        var files: [(String, SourceUnit)] = []
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".lumen"),
                let text = try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            else { continue }
            files.append((relative, Parser.parse(SourceFile(id: 0, path: relative, text: text)).unit))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func everyRuleHasTwoTriggeringAndTwoQuietTestsBesideIt() {
        var rules: [String] = []
        for (path, unit) in Self.ruleFiles {
            let tests = unit.declarations.compactMap { if case .test(let t) = $0 { t } else { nil } }
            for case .rule(let rule) in unit.declarations {
                let id = rule.id.value
                rules.append(id)
                let triggering = tests.filter { test in test.expectations.contains { !$0.negated && $0.rule.value == id } }
                let quiet = tests.filter { test in test.expectations.contains { $0.negated && $0.rule.value == id } }
                #expect(triggering.count >= 2, "\(path): rule \(id) has \(triggering.count) triggering tests")
                #expect(quiet.count >= 2, "\(path): rule \(id) has \(quiet.count) non-triggering tests")
            }
        }
        #expect(
            Set(rules).isSuperset(of: [
                "undermined-target", "self-contradiction", "target-tradeoff", "indirect-tradeoff",
                "unjustified-restriction", "unmapped-measure", "unmeasured-measure", "indicator-mismatch",
                "uncovered-goal", "no-means-of-implementation", "vertical-conflict", "rejected-mapping",
                "rejected-restriction", "needless-rejection", "needless-restriction-rejection", "level-inversion",
                "literature-tradeoff", "contested-tradeoff",
            ]))
    }

    @Test func standardRulesPassTheirTests() {
        let run = lumen(["test", Paths.repository.appendingPathComponent("Rules").path])
        #expect(run.status == 0, "\(run.out)")
        #expect(run.out.hasSuffix("172 passed, 0 failed\n"))
        // The built-in copy runs the same tests.
        #expect(lumen(["test"]).out.hasSuffix("172 passed, 0 failed\n"))
    }

    @Test func failingAndInvalidTestsAreReported() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rules.lumen")
        try Data(
            """
            rule idle warning "{M} advances nothing"
              when measure(M), not advances(M, _)
              at M

            test "passes" {
              resolution r "R" {
                measure a "A"
              }
              expect idle at r.a
            }

            test "fails" {
              resolution r "R" {
                measure a "A"
              }
              expect no idle at r.a
              expect idel at r.a
            }

            test "invalid" {
              resolution r "R" {
                measure a "A" {
                  advances 99.1
                }
              }
              expect idle at r.a
            }

            """.utf8
        ).write(to: file)
        let run = lumen(["test", file.path])
        #expect(run.status == 1)
        expectGolden(relativize(run.out, to: directory), "test/failing.txt")
    }
}
