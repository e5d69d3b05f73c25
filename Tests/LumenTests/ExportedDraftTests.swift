import Foundation
import Testing

/// Drafts exported from other tools as JSON or CSV.
@Suite struct ExportedDraftTests {
    static let directory = Paths.fixtures.appendingPathComponent("exported")

    /// `rule: message` of every finding, in order.
    private func findings(_ file: String) -> [String] {
        let run = lumen(["check", Self.directory.appendingPathComponent(file).path])
        return run.out.split(separator: "\n").filter { $0.hasPrefix("error[") || $0.hasPrefix("warning[") || $0.hasPrefix("info[") }
            .map(String.init)
    }

    @Test func theSameDraftAsLumenJSONAndCSVGivesTheSameFindings() {
        let lumen = findings("same.lumen")
        // (m2 names 2.3.1, an indicator of the target it undermines: monitoring the harm is no mismatch.
        // Farm subsidies and reserves: the literature reports 2.3 -> 15.5 more often as a trade-off.)
        #expect(lumen.count == 4)
        #expect(lumen.contains { $0.hasPrefix("warning[contested-tradeoff]: in food, advancing 2.3") })
        #expect(findings("same.json") == lumen)
        #expect(findings("same.csv") == lumen)
    }

    @Test(arguments: [("same.json", "same.json:8:81"), ("same.csv", "same.csv:3:23")])
    func findingsPointInsideTheExportedFile(file: String, place: String) {
        let run = lumen(["check", Self.directory.appendingPathComponent(file).path])
        // The undermining measure's `undermines` premise is declared at its place in the file.
        #expect(relativize(run.out, to: Self.directory).contains("undermines(food.m2, 2.3)  declared at \(place)"))
    }

    /// A directory walk reads `.json` and `.csv` files that are drafts by their
    /// shape; a baseline, a `package.json` or a data table is skipped and named.
    @Test func aWalkSkipsJSONAndCSVFilesThatAreNotDrafts() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["same.json", "matrix.csv"] {
            try FileManager.default.copyItem(at: Self.directory.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        try Data("{\"name\": \"site\", \"resolutionsDir\": \"x\"}\n".utf8).write(to: directory.appendingPathComponent("package.json"))
        try Data("year,value\n2020,3\n".utf8).write(to: directory.appendingPathComponent("data.csv"))
        let baseline = directory.appendingPathComponent("lumen-baseline.json").path
        #expect(lumen(["check", "--write-baseline", baseline, directory.appendingPathComponent("same.json").path]).status == 0)
        let run = lumen(["check", directory.path])
        #expect(run.status == 1)
        let out = relativize(run.out, to: directory)
        #expect(
            out.hasSuffix(
                "note: skipped 3 files under the directories given that are not drafts (`data.csv`, `lumen-baseline.json`, `package.json`); "
                    + "a JSON draft has `resolutions` or `interactions`, a CSV draft the columns `resolution` and `measure` or a "
                    + "cross-impact matrix's target ids; name a file to check it anyway\nchecked 2 files: 2 errors, 2 warnings\n"))
        // In a machine format the note goes to standard error.
        let json = lumen(["check", "--format", "json", directory.path])
        #expect(relativize(json.error, to: directory).hasPrefix("note: skipped 3 files"))
        // Named on the command line, a file is read as a draft whatever its shape.
        #expect(lumen(["check", directory.appendingPathComponent("package.json").path]).status == 2)
    }

    @Test func crossImpactMatrixDeclaresInteractions() {
        let run = lumen(["query", "interaction(A, B, S)", Self.directory.appendingPathComponent("matrix.csv").path])
        #expect(run.out == "A     B     S\n13.2  7.2   1\n15.5  7.2   0\n7.2   13.2  2\n7.2   15.5  -1\n4 rows\n")
    }

    private func check(_ name: String, _ text: String) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        let run = lumen(["check", file.path])
        return Run(status: run.status, out: relativize(run.out, to: directory), error: run.error)
    }

    @Test(arguments: [
        ("d.json", "{\"resolutions\": [", "error[L0207]: malformed JSON: unexpected end of the file; a value is missing\n --> d.json:1:18\n"),
        ("d.json", "{\"resolution\": []}", "error[L0207]: unknown key `resolution` in the draft\n --> d.json:1:2\n"),
        ("d.json", "{\"resolutions\": [{\"id\": 3}]}", "error[L0207]: `id` must be a string, not a number\n --> d.json:1:25\n"),
        ("d.json", "{\"resolutions\": [{\"title\": \"x\"}]}", "error[L0207]: a resolution needs an `id`\n --> d.json:1:18\n"),
        ("d.json", "{\"resolutions\": [{\"id\": \"r\", \"scope\": [\"x\"]}]}", "error[L0207]: `scope` must be an integer, not a string\n --> d.json:1:40\n"),
        ("d.csv", "resolution,measure,titel\nr,m,x\n", "error[L0207]: unknown column `titel`\n --> d.csv:1:20\n"),
        ("d.csv", "resolution,measure,title\nr,m,\"open\n", "error[L0207]: unterminated quoted field\n --> d.csv:2:5\n"),
        ("d.csv", ",7.2\n13.2,big\n", "error[L0207]: `big` is not a score; write an integer from -3 to +3\n --> d.csv:2:6\n"),
        ("d.csv", "name,value\na,1\n", "error[L0207]: unrecognised CSV table\n --> d.csv:1:1\n"),
    ])
    func malformedExportsAreDiagnosedWithTheirPlace(name: String, text: String, expected: String) throws {
        let run = try check(name, text)
        #expect(run.status == 2)
        #expect(run.out.hasPrefix(expected), "\(run.out)")
    }

    @Test func unknownJSONKeyGetsASuggestion() throws {
        let run = try check("d.json", "{\"resolutions\": [{\"id\": \"r\", \"measures\": [{\"id\": \"m\", \"advance\": [\"7.2\"]}]}]}")
        #expect(run.out.contains("error[L0207]: unknown key `advance` in a measure"))
        #expect(run.out.contains("= help: did you mean `advances`?"))
    }

    @Test func directoriesIncludeExportedDraftsButNotTheProjectFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"paths\": []}".utf8).write(to: directory.appendingPathComponent("lumen.json"))
        try Data("{\"resolutions\": [{\"id\": \"r\", \"measures\": [{\"id\": \"m\"}]}]}".utf8).write(to: directory.appendingPathComponent("a.json"))
        try Data("resolution,measure\ns,n\n".utf8).write(to: directory.appendingPathComponent("b.csv"))
        let run = lumen(["check", directory.path])
        #expect(run.out.contains("warning[unmapped-measure]: r.m advances no SDG target"))
        #expect(run.out.contains("warning[unmapped-measure]: s.n advances no SDG target"))
        #expect(run.out.hasSuffix("checked 2 files: 2 warnings\n"))
    }

    @Test func hostileExportsEndWithADiagnostic() throws {
        let deep = try check("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(deep.status == 2)
        #expect(deep.out.hasPrefix("error[L0207]: malformed JSON: JSON nested more than 512 levels deep (`--max-nesting`)\n --> deep.json:1:513\n"))
        let wide = try check("wide.csv", (["resolution", "measure"] + Array(repeating: "x", count: 100_000)).joined(separator: ",") + "\nr,m\n")
        #expect(wide.status == 2)
        #expect(wide.out.components(separatedBy: "error[L0207]: unknown column").count - 1 == 100)
        #expect(wide.out.contains("note[L0007]: too many errors; 99900 more in this file not shown"))
    }
}
