import Foundation
import Lumen
import Reports
import Testing

/// Every output format, golden-tested on an example, plus the properties each
/// format must keep.
@Suite struct ReportFormatTests {
    static let example = "Examples/united-for-good"

    /// Runs `lumen check` on an example with paths relative to the repository.
    private func check(_ arguments: [String], _ example: String = example) -> Run {
        let absolute = Paths.repository.appendingPathComponent(example).path
        let run = lumen(["check"] + arguments + [absolute])
        return Run(status: run.status, out: relativize(run.out, to: Paths.repository), error: run.error)
    }

    /// `--format` takes exactly the formats of the registry, in its order.
    @Test func theFormatOptionNamesEveryRegisteredFormat() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ReportFormats.all.map { $0.name })
    }

    @Test(arguments: ["json", "sarif", "junit", "github", "markdown"])
    func formatIsAsReviewed(_ format: String) {
        let run = check(["--format", format])
        #expect(run.status == 1)
        let ext = ["json": "json", "sarif": "sarif", "junit": "xml", "github": "txt", "markdown": "md"][format] ?? "txt"
        expectGolden(run.out, "formats/united-for-good.\(ext)")
    }

    /// A SARIF report holds at most `--sarif-results` results (5,000 by default, as
    /// many as GitHub code scanning shows): findings by severity, the most severe
    /// first, and says in the run and on standard error what it left out.
    @Test func sarifKeepsTheMostSevereResultsUnderItsLimit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let idle = (1...12).map { "  measure m\($0) \"Idle \($0)\"\n" }.joined()
        let file = directory.appendingPathComponent("plan.lumen")
        try Data("resolution plan \"Plan\" {\n\(idle)  measure records \"Records\" {\n    restricts privacy\n  }\n}\n".utf8).write(to: file)
        func results(_ run: Run) throws -> (levels: [String], notes: [String]) {
            let log = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
            let first = (log?["runs"] as? [[String: Any]])?.first
            let levels = (first?["results"] as? [[String: Any]] ?? []).compactMap { $0["level"] as? String }
            let invocation = (first?["invocations"] as? [[String: Any]])?.first
            let notes = (invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? []).compactMap {
                ($0["message"] as? [String: Any])?["text"] as? String
            }
            return (levels, notes)
        }
        let limited = lumen(["check", "--format", "sarif", "--sarif-results", "5", file.path])
        let (levels, notes) = try results(limited)
        #expect(levels == ["error", "warning", "warning", "warning", "warning"])
        #expect(notes == [
            "This report holds 5 of 14 results (input problems first, then findings by severity), the most GitHub code "
                + "scanning shows; run `lumen check --format sarif --sarif-results all` for all of them, or `--format json` "
                + "for every finding with its trace."
        ])
        #expect(limited.error.hasPrefix("note: the SARIF report leaves out 9 results past the first 5 "))
        let all = lumen(["check", "--format", "sarif", "--sarif-results", "all", file.path])
        #expect(try results(all).levels.count == 14)
        #expect(try results(all).notes.isEmpty)
        #expect(!all.error.contains("note:"))
        #expect(lumen(["check", "--format", "sarif", "--sarif-results", "0", file.path]).status == 2)
    }

    @Test func jsonParsesAndCarriesFingerprintsAndTraces() throws {
        let run = check(["--format", "json"], "Examples/climate")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 5)
        let fingerprints = findings.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 5)
        #expect(fingerprints.allSatisfy { $0.count == 32 })
        let undermined = try #require(findings.first { $0["rule"] as? String == "undermined-target" })
        #expect(undermined["subjects"] as? [String: String] == ["N": "city-energy.coal-exit", "T": "8.5", "M": "city-energy.retraining"])
        let trace = try #require(undermined["trace"] as? [String: Any])
        #expect((trace["premises"] as? [Any])?.count == 4)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "errors": 3, "warnings": 0, "infos": 2, "findings": 5, "suppressed": 0])
    }

    @Test func fingerprintsSurviveReformattingAndMovingDeclarations() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("d.lumen")
        let first = """
            resolution r "R" {
              measure a "A" {
                undermines 8.5
              }
              measure b "B" {
                advances 8.5
              }
            }

            """
        let moved = """
            # moved and reformatted
            resolution r "R" { measure b "B" { advances 8.5 }


              measure a "A" { undermines 8.5 } }

            """
        func fingerprints(_ text: String) throws -> [String] {
            try Data(text.utf8).write(to: file)
            let out = lumen(["check", "--format", "json", file.path]).out
            let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            return ((object?["findings"] as? [[String: Any]]) ?? []).compactMap { $0["fingerprint"] as? String }.sorted()
        }
        let before = try fingerprints(first)
        #expect(!before.isEmpty)
        #expect(try fingerprints(moved) == before)
    }

    @Test func sarifHasRulesResultsAndRelatedLocations() throws {
        let run = check(["--format", "sarif"], "Examples/climate")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "vertical-conflict" && ($0["fullDescription"] as? [String: String])?["text"] != nil })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 5)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect((result["partialFingerprints"] as? [String: String])?["lumenFingerprint/v1"]?.count == 32)
            #expect(!((result["relatedLocations"] as? [Any]) ?? []).isEmpty)
        }
    }

    @Test func outputFileIsWrittenAndTheSummaryGoesToStandardError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.sarif")
        let run = lumen(["check", "--format", "sarif", "--output", target.path, Paths.repository.appendingPathComponent(Self.example).path])
        #expect(run.status == 1)
        #expect(run.out.isEmpty)
        #expect(run.error == "checked 1 file: 1 error, 1 info\n")
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.sarif"])
    }

    @Test func unwritableOutputIsAnError() {
        let run = lumen(["check", "--output", "/nonexistent/dir/report.txt", Paths.repository.appendingPathComponent(Self.example).path])
        #expect(run.status == 2)
        #expect(run.error == "error: cannot create a file beside `/nonexistent/dir/report.txt`: No such file or directory\n")
    }

    @Test func invalidFormatIsAUsageError() {
        let run = lumen(["check", "--format", "pdf", "x"])
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: Invalid value for '--format': expected text, json, sarif, junit, github, markdown\n"))
    }

    @Test func githubCommandsEscapeTheirData() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("d,1:x.lumen")
        try Data("rule odd warning \"100% {M}\\nnext\" when measure(M) at M\nresolution r \"R\" {\n  measure a \"A\"\n}\n".utf8).write(to: file)
        let out = lumen(["check", "--no-stdlib", "--format", "github", file.path]).out
        #expect(out == "::warning file=\(directory.path)/d%2C1%3Ax.lumen,line=3,col=11,endLine=3,endColumn=12,title=lumen odd::100%25 r.a%0Anext\n")
    }

    @Test func machineFormatsAreDeterministic() {
        for format in ["json", "sarif", "junit", "github", "markdown"] {
            #expect(check(["--format", format], "Examples").out == check(["--format", format], "Examples").out)
        }
    }
}
