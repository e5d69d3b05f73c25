import Foundation
import Testing

/// Rules that compare and compute quantities, run end to end.
@Suite struct QuantityRuleTests {
    static func project(_ text: String) throws -> (directory: URL, path: String) {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("plan.lumen").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    static let accounts = """
        resolution plan "Plan" {
          indicator 13.2.2 {
            unit kt-co2e
            better lower
            baseline 842 in 2015
            target 421 by 2030
            observed 780 in 2023
          }
          indicator 7.2.1 {
            unit percent
            better higher
            baseline 12 in 2015
            target 35 by 2030
            observed 19 in 2023
          }
        }

        """

    @Test func aRuleComputesWithTheAccountsValues() throws {
        let (directory, path) = try Self.project(
            Self.accounts + """
                relation gap(r: resolution, i: indicator, gap: quantity)
                gap(R, I, T - L) :- account-value(R, I, target, _, T), account-value(R, I, observed, _, L).

                rule far-from-target info "{I} is {G} from its target in {R}"
                  when gap(R, I, G), G < -100000 t-co2e
                  at R

                """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 0, "\(run.error)")
        // 421 - 780 = -359 kt, less than -100,000 t; 35 - 19 = 16 % is no mass, and is not compared
        // (the comparison of a percentage with tonnes has no result, and says so).
        let headings = run.out.split(separator: "\n").filter { $0.hasPrefix("info[") || $0.hasPrefix("warning[L") }
        #expect(
            headings == [
                "warning[L2014]: rule `far-from-target` met units that do not convert once, first with 16 percent and -100000 t-co2e",
                "info[far-from-target]: 13.2.2 (Total greenhouse gas emissions per year) is -359 kt-co2e from its target in plan",
            ])
        // A query says what the program's rules could not compute, then answers.
        let query = lumen(["query", "gap(plan, I, G)", path]).out
        #expect(query.hasPrefix("warning[L2014]: rule `far-from-target` met units that do not convert once"))
        #expect(query.hasSuffix("I       G\n13.2.2  -359 kt-co2e\n7.2.1   16 percent\n2 rows\n"))
    }

    @Test func comparisonsWithoutAResultAreReported() throws {
        let (directory, path) = try Self.project(
            Self.accounts + """
                rule above info "{I} is above 100 t-co2e in {R}"
                  when account-value(R, I, observed, _, V), V > 100 t-co2e
                  at R

                """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 0)
        #expect(
            run.out.contains(
                "warning[L2014]: rule `above` met units that do not convert once, first with 19 percent and 100 t-co2e"))
        #expect(run.out.contains("info[above]: 13.2.2 (Total greenhouse gas emissions per year) is above 100 t-co2e in plan"))
        // The warnings: L2014 and the two indicators off track.
        #expect(run.out.hasSuffix("checked 1 file: 3 warnings, 1 info\n"))
    }

    @Test func unitsTheRuleWritesAreCheckedBeforeEvaluation() throws {
        let (directory, path) = try Self.project(
            Self.accounts + """
                rule odd info "{I} in {R}"
                  when account-value(R, I, observed, _, V), V > 100 t-co2e + 5 percent
                  at R

                """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L1029]: `+` adds `percent` to `t-co2e`\n  --> \(path):18:49"))
    }
}
