import Foundation
import Testing

/// `# lumen: allow RULE "reason" [until DATE]` comments.
@Suite struct SuppressionTests {
    static let directory = Paths.fixtures.appendingPathComponent("suppressions")
    static let plan = directory.appendingPathComponent("plan.lumen").path

    private func check(_ arguments: [String], today: String = "2026-03-01") -> Run {
        let run = lumen(["check"] + arguments + [Self.plan], environment: ["LUMEN_TODAY": today])
        return Run(status: run.status, out: relativize(run.out, to: Self.directory), error: run.error)
    }

    @Test func suppressionsAsReviewed() {
        let run = check(["--show-suppressed"])
        // Malformed suppressions are errors, but the drafts are still evaluated.
        #expect(run.status == 2)
        expectGolden(run.out, "suppressions/before-expiry.txt")
    }

    @Test func expiredSuppressionNoLongerApplies() {
        let before = check([])
        let after = check([], today: "2026-07-01")
        #expect(!before.out.contains("warning[unmapped-measure]: plan.silent"))
        #expect(after.out.contains("warning[unmapped-measure]: plan.silent advances no SDG target"))
        #expect(after.out.contains("warning[L3004]: suppression of `unmapped-measure` expired on 2026-06-30"))
        #expect(before.out.hasSuffix("checked 1 file: 2 errors, 3 warnings, 2 suppressed\n"))
        #expect(after.out.hasSuffix("checked 1 file: 2 errors, 5 warnings, 1 suppressed\n"))
    }

    @Test func suppressedFindingsAreHiddenUnlessAsked() {
        let run = check([])
        #expect(!run.out.contains("plan.board advances no SDG target"))
        #expect(check(["--show-suppressed"]).out.contains("suppressed warning[unmapped-measure]: plan.board advances no SDG target"))
    }

    @Test func suppressedFindingsDoNotFailTheRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("d.lumen")
        try Data(
            """
            resolution r "R" {
              measure a "A" {
                advances 8.5
                indicator 8.5.1
              }
              # lumen: allow undermined-target "the retraining fund compensates; see the annex"
              measure b "B" {
                undermines 8.5
              }
            }

            """.utf8
        ).write(to: file)
        let run = lumen(["check", file.path])
        #expect(run.status == 0)
        #expect(run.out.hasSuffix("checked 1 file: 1 warning, 1 suppressed\n"))
    }

    @Test func machineFormatsCarryTheSuppression() throws {
        let json = check(["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let suppressed = try #require(object["suppressed"] as? [[String: Any]])
        #expect(suppressed.count == 2)
        let reasons = suppressed.compactMap { ($0["suppression"] as? [String: Any])?["reason"] as? String }
        #expect(reasons == ["a coordination body; it advances nothing by itself", "reviewed 2026-01"])
        let sarif = check(["--format", "sarif"])
        #expect(sarif.out.contains("\"kind\": \"inSource\""))
        #expect(sarif.out.contains("\"justification\": \"a coordination body; it advances nothing by itself\""))
    }
}
