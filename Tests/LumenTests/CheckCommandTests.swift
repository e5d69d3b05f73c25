import Foundation
import Testing

@testable import Lumen

@Suite struct CheckCommandTests {
    static let examples = Paths.repository.appendingPathComponent("Examples")

    /// Each example draft, checked as a user would, with its reviewed output.
    @Test(arguments: ["climate", "agriculture", "united-for-good"])
    func exampleFindingsAreAsReviewed(_ example: String) {
        let run = lumen(["check", Self.examples.appendingPathComponent(example).path])
        // Each example contains at least one finding of severity error.
        #expect(run.status == 1)
        expectGolden(relativize(run.out, to: Paths.repository), "examples/\(example).txt")
    }

    @Test func examplesShowEveryStandardRuleFiring() {
        let run = lumen(["check", Self.examples.path])
        let fired = Set(
            run.out.split(separator: "\n").compactMap { line -> String? in
                guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"),
                    ["error", "warning", "info"].contains(String(line[..<open]))
                else { return nil }
                return String(line[line.index(after: open)..<close])
            })
        let standard: Set = [
            "undermined-target", "self-contradiction", "target-tradeoff", "indirect-tradeoff",
            "unjustified-restriction", "unmapped-measure", "unmeasured-measure", "indicator-mismatch",
            "uncovered-goal", "no-means-of-implementation", "vertical-conflict", "literature-tradeoff",
            "contested-tradeoff",
        ]
        #expect(standard.subtracting(fired).isEmpty, "never fired: \(standard.subtracting(fired).sorted())")
    }

    /// A reader wants the most severe findings first: errors, then warnings, then
    /// info, each severity by place.
    @Test func textOutputShowsTheMostSevereFindingsFirst() {
        let run = lumen(["check", Self.examples.path])
        let severities = run.out.split(separator: "\n").compactMap { line -> Int? in
            ["error[": 0, "warning[": 1, "info[": 2].first { line.hasPrefix($0.key) }?.value
        }
        #expect(severities.count == 32)
        #expect(severities == severities.sorted())
        #expect(Set(severities) == [0, 1, 2])
    }

    @Test func withoutTheStandardLibraryTargetsAreUnknown() {
        let run = lumen(["check", "--no-stdlib", Self.examples.appendingPathComponent("climate/national-climate-plan.lumen").path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L1001]: unknown target `7.2`"))
        // The levels are the standard library's too.
        #expect(run.out.contains("error[L1018]: unknown level `national`"))
        #expect(run.out.hasSuffix("checked 1 file: 12 errors\n"))
    }

    @Test func missingPathIsAnErrorWithItsName() {
        let run = lumen(["check", "/nonexistent/drafts"])
        #expect(run.status == 2)
        #expect(
            run.out == """
                error[L0203]: cannot read `/nonexistent/drafts`: no such file or directory
                 --> /nonexistent/drafts

                checked 0 files: 1 error

                """)
    }

    @Test func directoriesAreSearchedRecursivelyInSortedOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        for (path, text) in [
            ("b/c/z.lumen", "country @ \"Z\"\n"), ("a.lumen", "country $ \"A\"\n"), ("b/y.lumen", "country % \"Y\"\n"),
            (".hidden/x.lumen", "@@@\n"), ("notes.txt", "@@@\n"),
        ] {
            try Data(text.utf8).write(to: directory.appendingPathComponent(path))
        }
        let run = lumen(["check", directory.path])
        #expect(run.status == 2)
        let order = run.out.components(separatedBy: "\n").filter { $0.contains("-->") }
        // Sorted by path, so the order never depends on the file system.
        #expect(order == [" --> \(directory.path)/a.lumen:1:9", " --> \(directory.path)/b/c/z.lumen:1:9", " --> \(directory.path)/b/y.lumen:1:9"])
        #expect(run.out.hasSuffix("checked 3 files: 3 errors\n"))
    }

    @Test func useIsRelativeToTheIncludingFileAndLoadsOnce() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try Data("use \"shared/countries.lumen\"\nuse \"shared/principles.lumen\"\n".utf8)
            .write(to: directory.appendingPathComponent("main.lumen"))
        try Data("use \"countries.lumen\"\nprinciple p \"P\" {\n  enshrined atlantis \"Art. 1\"\n}\n".utf8)
            .write(to: directory.appendingPathComponent("shared/principles.lumen"))
        try Data("country atlantis \"Atlantis\"\n".utf8).write(to: directory.appendingPathComponent("shared/countries.lumen"))
        let run = lumen(["check", directory.appendingPathComponent("main.lumen").path])
        #expect(run.out == "checked 1 file: no problems\n")
        #expect(run.status == 0)
    }

    @Test func rootOptionWidensWhereUseMayReach() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data("use \"../common.lumen\"\n".utf8).write(to: directory.appendingPathComponent("drafts/d.lumen"))
        try Data("country atlantis \"Atlantis\"\n".utf8).write(to: directory.appendingPathComponent("common.lumen"))
        let draft = directory.appendingPathComponent("drafts/d.lumen").path
        let confined = lumen(["check", draft])
        #expect(confined.status == 2)
        #expect(confined.out.contains("error[L0201]: `use \"../common.lumen\"` leaves the project root"))
        #expect(lumen(["check", "--root", directory.path, draft]).status == 0)
    }

    @Test func rulePacksAreLoadedBeforeTheDrafts() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("pack"), withIntermediateDirectories: true)
        try Data("country atlantis \"Atlantis\"\n".utf8).write(to: directory.appendingPathComponent("pack/countries.lumen"))
        try Data("principle p \"P\" {\n  enshrined atlantis \"Art. 1\"\n}\n".utf8).write(to: directory.appendingPathComponent("d.lumen"))
        let draft = directory.appendingPathComponent("d.lumen").path
        #expect(lumen(["check", draft]).status == 2)
        let run = lumen(["check", "--rules", directory.appendingPathComponent("pack").path, draft])
        #expect(run.status == 0)
        #expect(run.out == "checked 1 file: no problems\n")
    }

    @Test func symlinkLoopsAndUnreadableFilesDoNotStopTheRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("sub/loop").path, withDestinationPath: directory.path)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("dangling.lumen").path, withDestinationPath: "/nonexistent.lumen")
        try Data("country ok \"OK\"\n".utf8).write(to: directory.appendingPathComponent("ok.lumen"))
        let run = lumen(["check", directory.path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L0203]: cannot read `\(directory.path)/dangling.lumen`: broken link or missing file"))
        #expect(run.out.hasSuffix("checked 1 file: 1 error\n"))
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        let path = Paths.fixtures.appendingPathComponent("malformed/stray-character.lumen").path
        #expect(lumen(["check", path], terminal: true).out.contains("\u{1B}["))
        #expect(!lumen(["check", path], terminal: true, environment: ["NO_COLOR": "1"]).out.contains("\u{1B}["))
        #expect(!lumen(["check", path], terminal: false).out.contains("\u{1B}["))
        #expect(lumen(["check", "--color", "always", path]).out.contains("\u{1B}["))
    }

    @Test func outputIsDeterministic() {
        let path = Paths.fixtures.appendingPathComponent("malformed").path
        let first = lumen(["check", path])
        let second = lumen(["check", path])
        #expect(first.out == second.out)
        #expect(first.status == 2)
    }
}
