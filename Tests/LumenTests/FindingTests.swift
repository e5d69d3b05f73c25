import Foundation
import Testing

/// Findings end to end: rendering with traces, exit statuses, limits, queries.
@Suite struct FindingTests {
    static let directory = Paths.fixtures.appendingPathComponent("findings")
    static let plan = directory.appendingPathComponent("plan.lumen").path

    @Test func findingsRenderWithCompactTraces() {
        let run = lumen(["check", Self.plan])
        #expect(run.status == 1)
        expectGolden(relativize(run.out, to: Self.directory), "findings/compact.txt")
    }

    @Test func explainShowsTheWholeProofTree() {
        let run = lumen(["check", "--explain", Self.plan])
        #expect(run.status == 1)
        expectGolden(relativize(run.out, to: Self.directory), "findings/explain.txt")
    }

    @Test(arguments: [("error", Int32(1)), ("warning", 1), ("info", 1), ("never", 0)])
    func failOnSetsTheThreshold(threshold: String, status: Int32) {
        #expect(lumen(["check", "--fail-on", threshold, Self.plan]).status == status)
    }

    @Test func warningsAloneDoNotFailByDefault() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("d.lumen")
        try Data("resolution r \"R\" {\n  measure m \"M\"\n}\nrule empty warning \"{M} is empty\" when measure(M), not advances(M, _) at M\n".utf8)
            .write(to: file)
        #expect(lumen(["check", "--no-stdlib", file.path]).status == 0)
        #expect(lumen(["check", "--no-stdlib", "--fail-on=warning", file.path]).status == 1)
        #expect(lumen(["check", "--no-stdlib", file.path]).out.hasSuffix("checked 1 file: 1 warning\n"))
    }

    @Test func invalidFailOnIsAUsageError() {
        let run = lumen(["check", "--fail-on", "fatal", Self.plan])
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: Invalid value for '--fail-on': expected error, warning, info or never\n"))
    }

    @Test func tupleBudgetEndsTheRunWithADiagnostic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("runaway.lumen")
        try Data(
            """
            relation n(integer)
            relation pairs(integer, integer)
            n(1).
            n(2).
            n(3).
            pairs(X, Y) :- n(X), n(Y).

            """.utf8
        ).write(to: file)
        let run = lumen(["check", "--no-stdlib", "--max-tuples", "4", file.path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: directory) == """
                error[L2008]: evaluation stopped after deriving 4 tuples; `pairs` grew most
                 --> runaway.lumen:6:1
                  |
                6 | pairs(X, Y) :- n(X), n(Y).
                  | ^^^^^^^^^^^^^^^^^^^^^^^^^^ this rule derived the most tuples
                  |
                  = help: check the rule for an unintended cross product or unbounded recursion, or raise `--max-tuples`

                checked 1 file: 1 error

                """)
        #expect(lumen(["check", "--max-tuples", "zero", file.path]).status == 2)
    }

    @Test func statisticsShowRulesAndStrata() {
        let run = lumen(["check", "--stats", "--fail-on", "never", Self.plan])
        let lines = relativize(run.out, to: Self.directory).components(separatedBy: "\n")
        #expect(lines.contains { $0.split(separator: " ") == ["rule", "derived", "ms", "scans", "lookups"] })
        // Times vary; the counts do not. `covered` scans `advances` (the cheapest start:
        // 2 tuples) once and looks the rest up: `in` and `target-of-goal` for each.
        let covered = lines.first { $0.hasPrefix("covered (plan.lumen:26:1)") }?.split(separator: " ").map(String.init)
        #expect(covered.map { [$0[2], $0[4], $0[5]] } == ["2", "1", "4"])
        // The first stratum closes the order of the five levels: four rounds that add, one that adds nothing.
        #expect(lines.contains { $0.hasPrefix("stratum 1: 5 rounds") })
        // Then where the time went (no fact files were read).
        let time = lines.first { $0.hasPrefix("time: ") } ?? ""
        let phases = time.split(separator: ",").map { $0.split(separator: " ").dropLast(2).joined(separator: " ") }
        #expect(phases == ["time: planning", "rules", "evaluation in all"], "\(time)")
    }

    @Test func outputIsByteForByteDeterministic() {
        let first = lumen(["check", "--explain", "--fail-on", "never", Self.plan])
        for _ in 0..<3 {
            #expect(lumen(["check", "--explain", "--fail-on", "never", Self.plan]).out == first.out)
        }
    }

    @Test func queryPrintsATableOfBindings() {
        let run = lumen(["query", "advances(M, T), target-of-goal(T, G)", Self.plan])
        #expect(run.status == 0)
        #expect(
            run.out == """
                M           T     G
                plan.coal   7.2   7
                plan.solar  13.2  13
                2 rows

                """)
    }

    @Test func queryWithNegationAndComparison() {
        let run = lumen(["query", "measure(M), not advances(M, _), M != plan.coal", Self.plan])
        #expect(run.out == "M\nplan.silent\n1 row\n")
    }

    @Test func queryWithoutVariablesAnswersYesOrNo() {
        #expect(lumen(["query", "advances(plan.coal, 7.2)", Self.plan]).out == "yes\n")
        #expect(lumen(["query", "advances(plan.coal, 13.2)", Self.plan]).out == "no\n")
    }

    @Test func queryErrorsPointIntoTheQuery() {
        let run = lumen(["query", "advances(M, T), not covered(M, _)", Self.plan])
        #expect(run.status == 2)
        #expect(
            run.out == """
                error[L1022]: variable `M` is used as a measure and as a resolution
                 --> <query>:1:29
                  |
                1 | advances(M, T), not covered(M, _)
                  |          - used as a measure here
                  |                             ^ used as a resolution here
                  |
                  = help: use two different variables, or fix the column


                """)
    }

    @Test func querySyntaxErrorShowsCarets() {
        let run = lumen(["query", "advances(M, T) and", Self.plan])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L0101]: expected `,` or the end of the query, found `and`\n --> <query>:1:16\n"))
    }
}

@Suite struct EmptyQueryTests {
    @Test func emptyQueryIsExplained() {
        let run = lumen(["query", "", Paths.repository.appendingPathComponent("Examples").path])
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0101]: expected a query, found end of file\n --> <query>:1:1\n"))
        #expect(run.out.contains("= help: write literals separated by commas, as in `advances(M, T), target-of-goal(T, 13)`"))
    }
}
