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
        let bad = lumen(["check", "--since", "no-such-revision", file.path])
        #expect(bad.status == 2)
        #expect(bad.error == "error: git cannot read revision `no-such-revision`\n")
    }
}
