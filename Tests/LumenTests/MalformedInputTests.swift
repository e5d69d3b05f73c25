import Foundation
import Testing

/// Every malformed input yields diagnostics with file:line:col and exit status
/// 2, never a crash or a hang; the exact output is golden-tested.
@Suite struct MalformedInputTests {
    static let directory = Paths.fixtures.appendingPathComponent("malformed")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".lumen") }.sorted()
    }

    @Test func corpusHasAtLeastFortyFiles() {
        #expect(Self.files.count >= 40)
    }

    @Test(arguments: files)
    func malformedFileIsDiagnosed(_ name: String) {
        let path = Self.directory.appendingPathComponent(name).path
        let run = lumen(["check", path])
        #expect(run.status == 2)
        let output = relativize(run.out, to: Self.directory)
        // A located diagnostic: `--> file.lumen:line:col`.
        #expect(output.range(of: #"--> [a-z0-9-]+\.lumen:\d+:\d+"#, options: .regularExpression) != nil)
        expectGolden(output, "malformed/\(name.replacingOccurrences(of: ".lumen", with: ".txt"))")
    }

    @Test func tenMegabyteLineIsDiagnosedQuickly() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("long.lumen")
        let line = "resolution r \"" + String(repeating: "x", count: 10_000_000) + "\" { level @ }\n"
        try Data(line.utf8).write(to: file)
        let run = lumen(["check", file.path])
        #expect(run.status == 2)
        let output = relativize(run.out, to: directory)
        #expect(output.contains("error[L0001]: unexpected character `@`"))
        #expect(output.contains("--> long.lumen:1:10000025"))
        // The excerpt is a window around the error, not the whole line.
        #expect(output.count < 2_000)
    }

    @Test func tooManyErrorsAreCappedWithACount() {
        let path = Self.directory.appendingPathComponent("many-errors.lumen").path
        let run = lumen(["check", path])
        #expect(run.out.components(separatedBy: "error[L0001]").count - 1 == 100)
        #expect(run.out.contains("note[L0007]: too many errors; 200 more in this file not shown"))
    }
}
