import Foundation
import Lumen
import Testing

/// The README's language tour stays true: every unlabelled code block is Lumen that
/// parses and is canonically formatted.
@Suite struct ReadmeTests {
    static var languageBlocks: [String] {
        let url = Paths.repository.appendingPathComponent("README.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var blocks: [String] = []
        var current: [String]?
        var inForeignBlock = false
        for line in text.components(separatedBy: "\n") {
            if inForeignBlock {
                if line == "```" { inForeignBlock = false }
            } else if let lines = current {
                if line == "```" {
                    blocks.append(lines.joined(separator: "\n") + "\n")
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if line == "```" {
                current = []
            } else if line.hasPrefix("```") {
                inForeignBlock = true
            }
        }
        // Unlabelled blocks are Lumen; output and shell blocks are labelled (```text, ```sh).
        return blocks.filter { !$0.isEmpty }
    }

    /// The README counts the standard library's files that every run loads (its packs aside).
    @Test func theStandardLibrarysFileCountIsTrue() throws {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let count = Lumen.standardLibraryFiles.filter { !$0.hasPrefix("packs/") }.count
        #expect(readme.contains("the standard library's \(count) files"))
    }

    /// The fact `:help` gives as an example of `:why FACT` names a relation that exists.
    @Test func theHelpsExampleOfWhyIsAFactOfTheExamples() throws {
        let session = Session(paths: [Paths.repository.appendingPathComponent("Examples/climate").path])
        let help = session.run(":help").text
        let example = try #require(help.range(of: "`:why ").flatMap { start in
            help[start.upperBound...].range(of: "`").map { String(help[start.upperBound..<$0.lowerBound]) }
        })
        #expect(example == "goal-advanced-in(city-energy, 7)")
        let reply = session.run(":why " + example)
        #expect(!reply.isError, "\(reply.text)")
        #expect(reply.text.hasPrefix("goal-advanced-in(city-energy, 7)  derived by a rule for `goal-advanced-in`"))
    }

    @Test func thereAreLanguageExamples() {
        #expect(Self.languageBlocks.count >= 4)
    }

    @Test(arguments: languageBlocks)
    func exampleParsesAndIsFormatted(_ block: String) {
        let run = lumen(["fmt", "-"], input: Array(block.utf8))
        #expect(run.status == 0, "\(run.error)")
        #expect(run.out == block)
    }
}

/// The README's REPL transcript is a real session: its inputs are replayed and
/// the replies must be the ones shown. `LUMEN_UPDATE_GOLDENS=1` rewrites it.
@Suite struct ReadmeTranscriptTests {
    static let opening = "```text\n$ lumen repl Examples\n"

    @Test func replTranscriptIsWhatTheSessionAnswers() throws {
        guard FileManager.default.currentDirectoryPath == Paths.repository.path else {
            Issue.record("run the tests from the repository root, as `swift test` in .ci/run does")
            return
        }
        let url = Paths.repository.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(readme.range(of: Self.opening), "README has no transcript starting with `$ lumen repl Examples`")
        let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let shown = String(readme[start.upperBound..<end.lowerBound]) + "\n"
        var inputs: [[String]] = []
        for line in shown.components(separatedBy: "\n") {
            if line.hasPrefix("lumen> ") {
                inputs.append([String(line.dropFirst(7))])
            } else if line.hasPrefix("  ...> "), !inputs.isEmpty {
                inputs[inputs.count - 1].append(String(line.dropFirst(7)))
            }
        }
        #expect(inputs.count >= 5)
        let session = Session(paths: ["Examples"])
        var replayed = session.greeting.text + Session.hint
        for input in inputs {
            replayed += "lumen> " + input[0] + "\n" + input.dropFirst().map { "  ...> " + $0 + "\n" }.joined()
            replayed += session.run(input.joined(separator: "\n")).text
        }
        if ProcessInfo.processInfo.environment["LUMEN_UPDATE_GOLDENS"] == "1" {
            let updated = readme.replacingCharacters(in: start.upperBound..<end.lowerBound, with: String(replayed.dropLast()))
            try Data(updated.utf8).write(to: url)
            return
        }
        #expect(shown == replayed)
    }
}
