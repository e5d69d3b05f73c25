import Foundation
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
