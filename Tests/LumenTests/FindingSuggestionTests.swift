import Foundation
import Testing

/// A finding whose rule ends with `suggest M` (unmapped-measure) lists the
/// targets the measure's words suggest, in every format.
@Suite struct FindingSuggestionTests {
    static let draft = """
        resolution plan "Plan" {
          level national
          measure diesel "Subsidise diesel fuel for fishing fleets"
          measure party "Annual festival"
        }

        """

    @Test func theUnmappedMeasureFindingListsTheSuggestedTargets() throws {
        let (directory, path) = try writeDraft(Self.draft)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path, "--fail-on", "never"])
        #expect(run.status == 0)
        let out = relativize(run.out, to: directory)
        #expect(
            out.contains(
                """
                  = help: its words suggest (confirm with `advances T`):
                          12.c (Rationalise inefficient fossil-fuel subsidies)  score 42.01, matched "diesel", "fuel", "subsidise"
                          14.6 (End harmful fisheries subsidies)  score 41.33, matched "fishing", "fleets"

                warning[unmapped-measure]: plan.party advances no SDG target
                """))
        // The festival's words suggest nothing: its finding has no help at all.
        #expect(out.components(separatedBy: "= help:").count == 2)
    }

    @Test func jsonListsThemAndLeavesTheKeyOutWithoutAny() throws {
        let (directory, path) = try writeDraft(Self.draft)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path, "--format", "json", "--fail-on", "never"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let unmapped = findings.filter { $0["rule"] as? String == "unmapped-measure" }
        #expect(unmapped.map { $0["message"] as? String } == ["plan.diesel advances no SDG target", "plan.party advances no SDG target"])
        let suggestions = try #require(unmapped.first?["suggestions"] as? [[String: Any]])
        #expect(suggestions.map { $0["target"] as? String } == ["12.c", "14.6"])
        #expect(suggestions.map { $0["score"] as? Double } == [42.01, 41.33])
        #expect(suggestions.first?["words"] as? [String] == ["diesel", "fuel", "subsidise"])
        #expect(unmapped.last?["suggestions"] == nil)
    }

    @Test func annotationsCarryThemAsHelp() throws {
        let (directory, path) = try writeDraft(Self.draft)
        defer { try? FileManager.default.removeItem(at: directory) }
        let github = lumen(["check", path, "--format", "github", "--fail-on", "never"]).out
        #expect(
            github.contains(
                "::plan.diesel advances no SDG target%0Ahelp: its words suggest 12.c (score 42.01), 14.6 (score 41.33)\n"))
        let markdown = lumen(["check", path, "--format", "markdown", "--fail-on", "never"]).out
        #expect(markdown.contains("plan.diesel advances no SDG target<br>its words suggest 12.c (score 42.01), 14.6 (score 41.33) |"))
    }

    /// A pack's profile adds to the standard library's, here as in `lumen suggest`.
    @Test func aPacksProfileCountsToo() throws {
        let (directory, path) = try writeDraft(Self.draft + "profile 11.4 {\n  terms \"festival\"\n}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = lumen(["check", path, "--fail-on", "never"]).out
        #expect(out.contains("11.4 (Protect cultural and natural heritage)  score 15.41, matched \"festival\""))
    }

    /// A pack's own rule may ask for suggestions too; `lumen fmt` keeps the clause.
    @Test func aRuleOfAPackMayAskForThem() throws {
        let rule = """
            rule no-indicator info "{M} names no indicator"
              when measure(M), not measured-by(M, _)
              at M
              suggest M

            """
        let (directory, path) = try writeDraft(Self.draft + "\n" + rule)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["fmt", "--check", path]).status == 0)
        let out = lumen(["check", path, "--fail-on", "never"]).out
        #expect(out.components(separatedBy: "12.c (Rationalise inefficient fossil-fuel subsidies)").count == 3)
    }
}
