import Foundation
import Testing

@Suite struct FormatCommandTests {
    /// Every `.lumen` file of the repository that parses: Rules/, Examples/ and test fixtures.
    static var repositoryFiles: [String] {
        var files: [String] = []
        for folder in ["Rules", "Examples", "Tests"] {
            let root = Paths.repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".lumen") {
                files.append(root.appendingPathComponent(relative).path)
            }
        }
        return files.sorted()
    }

    @Test func formattingIsIdempotentOverEveryFileOfTheRepository() throws {
        var formattedCount = 0
        for path in Self.repositoryFiles {
            let once = lumen(["fmt", path])
            guard once.status == 0 else { continue }  // the malformed corpus
            formattedCount += 1
            let twice = lumen(["fmt", "-"], input: Array(once.out.utf8))
            #expect(twice.status == 0)
            #expect(twice.out == once.out, "not idempotent: \(path)")
        }
        #expect(formattedCount >= 3)
    }

    @Test func rulesAndExamplesAreCanonicallyFormatted() {
        let run = lumen([
            "fmt", "--check", Paths.repository.appendingPathComponent("Rules").path,
            Paths.repository.appendingPathComponent("Examples").path,
        ])
        #expect(run.out.isEmpty)
        #expect(run.status == 0)
    }

    @Test func checkListsFilesThatWouldChange() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = directory.appendingPathComponent("messy.lumen")
        let tidy = directory.appendingPathComponent("tidy.lumen")
        try Data("country   x \"X\"".utf8).write(to: messy)
        try Data("country x \"X\"\n".utf8).write(to: tidy)
        let run = lumen(["fmt", "--check", directory.path])
        #expect(run.status == 1)
        #expect(run.out == messy.path + "\n")
        #expect(run.error == "1 file would be reformatted; run `lumen fmt --write`\n")
        // --check never writes.
        #expect(try String(contentsOf: messy, encoding: .utf8) == "country   x \"X\"")
    }

    @Test func writeRewritesOnlyWhatChanges() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = directory.appendingPathComponent("messy.lumen")
        try Data("country   x \"X\"  # keep me".utf8).write(to: messy)
        let run = lumen(["fmt", "--write", messy.path])
        #expect(run.status == 0)
        #expect(try String(contentsOf: messy, encoding: .utf8) == "country x \"X\"  # keep me\n")
        #expect(lumen(["fmt", "--check", messy.path]).status == 0)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["messy.lumen"])
    }

    @Test func fileWithSyntaxErrorsIsNeverRewritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.lumen")
        try Data("country   x \"X\nresolution @".utf8).write(to: broken)
        let run = lumen(["fmt", "--write", broken.path])
        #expect(run.status == 2)
        #expect(run.error.contains("error[L0002]: unterminated string"))
        #expect(run.error.contains("broken.lumen:1:13"))
        #expect(try String(contentsOf: broken, encoding: .utf8) == "country   x \"X\nresolution @")
    }

    @Test func standardInputGoesToStandardOutput() {
        let run = lumen(["fmt", "-"], input: Array("goal 1 \"x\" {target 1.1 \"y\"}".utf8))
        #expect(run.status == 0)
        #expect(run.out == "goal 1 \"x\" {\n  target 1.1 \"y\"\n}\n")
    }

    @Test func standardInputErrorsNameStdin() {
        let run = lumen(["fmt", "-"], input: Array("goal @".utf8))
        #expect(run.status == 2)
        #expect(run.error.contains("--> <stdin>:1:6"))
    }
}

@Suite struct FormatSafetyTests {
    @Test func invalidUTF8IsNeverRewritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("latin1.lumen")
        let bytes: [UInt8] = Array("country x \"Caf".utf8) + [0xE9] + Array("\"\n".utf8)
        try Data(bytes).write(to: file)
        let run = lumen(["fmt", "--write", file.path])
        #expect(run.status == 2)
        #expect(run.error.contains("error[L0005]: invalid UTF-8 in file"))
        #expect(try [UInt8](Data(contentsOf: file)) == bytes)
        #expect(lumen(["fmt", "-"], input: bytes).status == 2)
    }
}
