import Foundation
import Testing

/// `--write-baseline`, `--baseline` and `--since`.
@Suite struct BaselineTests {
    static let draft = """
        resolution plan "Plan" {
          measure coal "Close the coal plant" {
            undermines 8.5
          }
          measure retraining "Retraining fund" {
            advances 8.5
            indicator 8.5.2
          }
        }

        """

    @Test func baselineHidesKnownFindingsAndSurvivesReformatting() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.lumen")
        let baseline = directory.appendingPathComponent("baseline.json")
        try Data(Self.draft.utf8).write(to: file)
        let write = lumen(["check", "--write-baseline", baseline.path, file.path])
        #expect(write.status == 0)
        #expect(write.error == "wrote the baseline `\(baseline.path)`\n")
        let recorded = try String(contentsOf: baseline, encoding: .utf8)
        #expect(recorded.contains("\"rule\": \"undermined-target\""))
        // Reformatted and reordered, the same findings are still known.
        try Data(
            "resolution plan \"Plan\" { measure retraining \"Retraining fund\" { advances 8.5\n indicator 8.5.2 } measure coal \"Close the coal plant\" { undermines 8.5 } }\n".utf8
        ).write(to: file)
        let known = lumen(["check", "--baseline", baseline.path, file.path])
        #expect(known.status == 0)
        #expect(known.out == "checked 1 file: 2 already known\n")
        // A new finding is reported.
        try Data((Self.draft + "resolution other \"Other\" {\n  measure idle \"Idle\"\n}\n").utf8).write(to: file)
        let new = lumen(["check", "--baseline", baseline.path, file.path])
        #expect(new.out.contains("warning[unmapped-measure]: other.idle advances no SDG target"))
        #expect(!new.out.contains("error[undermined-target]"))
        #expect(new.out.hasSuffix("checked 1 file: 1 warning, 2 already known\n"))
    }

    @Test func invalidBaselineIsADiagnostic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("baseline.json")
        try Data("{\"findings\": [{\"rule\": \"x\"}]}".utf8).write(to: baseline)
        let run = lumen(["check", "--baseline", baseline.path, Paths.repository.appendingPathComponent("Examples").path])
        #expect(run.status == 2)
        #expect(relativize(run.out, to: directory).hasPrefix("error[L0205]: invalid baseline: each finding needs a `fingerprint` string\n --> baseline.json:1:15\n"))
        try Data("{\"findings\": [".utf8).write(to: baseline)
        let truncated = lumen(["check", "--baseline", baseline.path, Paths.repository.appendingPathComponent("Examples").path])
        #expect(truncated.out.hasPrefix("error[L0205]: invalid baseline: unexpected end of the file; a value is missing\n"))
    }

    @Test func sinceReportsWhatAChangeAddsAndResolves() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@example.org"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let file = directory.appendingPathComponent("plan.lumen")
        try Data(Self.draft.utf8).write(to: file)
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "draft")
        // The change fixes the conflict and adds a measure without a target.
        try Data(
            """
            resolution plan "Plan" {
              measure retraining "Retraining fund" {
                advances 8.5
                indicator 8.5.2
              }
              measure idle "Idle"
            }

            """.utf8
        ).write(to: file)
        let run = lumen(["check", "--since", "HEAD", file.path])
        #expect(run.status == 0)
        #expect(run.out.contains("warning[unmapped-measure]: plan.idle advances no SDG target"))
        #expect(
            run.out.hasSuffix(
                """
                resolved[undermined-target]: plan.coal undermines target 8.5 (Full employment and decent work with equal pay), which plan.retraining of the same resolution advances
                resolved[unmapped-measure]: plan.coal advances no SDG target

                checked 1 file: 1 warning

                """))
        // Every format says what the change resolved.
        let json = try JSONSerialization.jsonObject(with: Data(lumen(["check", "--since", "HEAD", "--format", "json", file.path]).out.utf8))
        let resolved = (json as? [String: Any])?["resolved"] as? [[String: Any]]
        #expect(resolved?.map { $0["rule"] as? String } == ["undermined-target", "unmapped-measure"])
        #expect(((json as? [String: Any])?["summary"] as? [String: Any])?["resolved"] as? Int == 2)
        let sarif = try JSONSerialization.jsonObject(with: Data(lumen(["check", "--since", "HEAD", "--format", "sarif", file.path]).out.utf8))
        let results = (((sarif as? [String: Any])?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.map { "\($0["ruleId"] ?? "") \($0["baselineState"] ?? "")" } == [
            "unmapped-measure new", "undermined-target absent", "unmapped-measure absent",
        ])
        let markdown = lumen(["check", "--since", "HEAD", "--format", "markdown", file.path]).out
        #expect(markdown.hasSuffix("\n### Resolved (2)\n\n| severity | rule | message |\n|---|---|---|\n| error | `undermined-target` | plan.coal undermines target 8.5 (Full employment and decent work with equal pay), which plan.retraining of the same resolution advances |\n| warning | `unmapped-measure` | plan.coal advances no SDG target |\n"))
        let junit = lumen(["check", "--since", "HEAD", "--format", "junit", file.path]).out
        #expect(junit.contains("  <testsuite name=\"lumen resolved\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase classname=\"lumen.resolved\" name=\"undermined-target: plan.coal undermines"))
        let github = lumen(["check", "--since", "HEAD", "--format", "github", file.path]).out
        #expect(github.hasSuffix("::notice title=lumen resolved unmapped-measure::plan.coal advances no SDG target\n"))

        let bad = lumen(["check", "--since", "no-such-revision", file.path])
        #expect(bad.status == 2)
        #expect(bad.error == "error: git cannot read revision `no-such-revision`\n")
        // A revision is never taken for an option of git: `--output=FILE` would have git write FILE.
        let target = directory.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: target)
        let injected = lumen(["check", "--since", "--output=\(target.path)", file.path])
        #expect(injected.status == 2)
        #expect(injected.error == "error: `--output=\(target.path)` is not a git revision\n")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
    }
}
