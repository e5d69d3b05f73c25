import Diagnostics
import Foundation
import Semantics
import Syntax
import Testing

@testable import Lumen

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

/// `fmt` never changes what a program means: every file of Rules/ and
/// Examples/, respaced at random (the same tokens and line breaks, other
/// spaces and indentation, comments dropped), then formatted, lowers to the
/// same facts, rules and reporting rules, with the same diagnostics, as the original.
@Suite struct FormattingMeaningTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// The text with the same tokens and line structure but random spacing.
    static func respaced(_ text: String, _ random: inout Generator) -> String {
        var sources = SourceMap()
        let file = sources.add(path: "x.lumen", bytes: Array(text.utf8))
        var out = ""
        var previousEnd = 0
        for token in Lexer.tokenize(file).tokens where token.kind != .endOfFile {
            let gap = file.bytes[previousEnd..<token.span.start]
            let breaks = gap.filter { $0 == UInt8(ascii: "\n") }.count
            if breaks > 0 {
                out += String(repeating: "\n", count: min(breaks, 2))
                if !token.atColumnOne { out += String(repeating: " ", count: 1 + random.next(6)) }
            } else if previousEnd > 0 {
                out += [" ", "  ", "\t", gap.isEmpty ? "" : " "][random.next(4)]
            }
            out += token.text
            previousEnd = token.span.end
        }
        return out + "\n"
    }

    /// What a file lowers to, checked together with the standard library
    /// (files of Rules/ alone, since they are the standard library).
    static func meaning(_ text: String, path: String, withStandardLibrary: Bool) -> String {
        var options = CheckOptions()
        options.useStandardLibrary = withStandardLibrary
        let run = Pipeline.load(paths: [], options: options, inputs: [(path, text)])
        let context = Checker.check(run.loader.orderedUnits)
        let program = context.program
        var lines = program.facts.map { "fact \($0.relation)\($0.values)" }
        lines += program.clauses.map { clause in
            Formatter.atom(clause.clause.head) + " :- " + clause.clause.body.map(Formatter.literal).joined(separator: ", ")
        }
        lines += program.rules.map { checked in
            let rule = checked.rule
            return "rule \(rule.id.value) \(rule.severity.value) \(rule.message.value.raw) "
                + rule.body.map(Formatter.literal).joined(separator: ", ") + " at \(rule.anchor.value)"
        }
        lines += context.diagnostics.map { "\($0.code.id) \($0.message)" }
        return lines.joined(separator: "\n")
    }

    static var files: [(path: String, standardLibrary: Bool)] {
        var files: [(String, Bool)] = []
        for (folder, withStandardLibrary) in [("Rules", false), ("Examples", true)] {
            let root = Paths.repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".lumen") {
                files.append((root.appendingPathComponent(relative).path, withStandardLibrary))
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func formattingRespacedFilesKeepsTheirFactsAndRules() throws {
        var random = Generator(state: 2026)
        var compared = 0
        for (path, withStandardLibrary) in Self.files {
            let original = try String(contentsOfFile: path, encoding: .utf8)
            let messy = Self.respaced(original, &random)
            let formatted = try #require(Lumen.format(messy, path: path).formatted, "respaced \(path) does not parse")
            #expect(messy != formatted, "respacing changed nothing in \(path)")
            let expected = Self.meaning(original, path: path, withStandardLibrary: withStandardLibrary)
            #expect(Self.meaning(messy, path: path, withStandardLibrary: withStandardLibrary) == expected, "respaced \(path)")
            #expect(Self.meaning(formatted, path: path, withStandardLibrary: withStandardLibrary) == expected, "formatted \(path)")
            compared += 1
        }
        #expect(compared >= 30)
    }
}
