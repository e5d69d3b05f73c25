import Foundation
import Testing

@testable import Syntax

/// The VS Code extension's files parse, and its grammar knows every keyword of the language.
@Suite struct EditorTests {
    static let directory = Paths.repository.appendingPathComponent("Editors/vscode")

    private func json(_ name: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: Self.directory.appendingPathComponent(name).path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theExtensionStartsTheServerForLumenFiles() throws {
        let package = try json("package.json")
        let contributes = try #require(package["contributes"] as? [String: Any])
        let languages = try #require(contributes["languages"] as? [[String: Any]])
        #expect(languages.first?["extensions"] as? [String] == [".lumen"])
        let script = try #require(FileManager.default.contents(atPath: Self.directory.appendingPathComponent("extension.js").path))
        #expect(String(decoding: script, as: UTF8.self).contains("args: [\"lsp\"]"))
        _ = try json("language-configuration.json")
    }

    @Test func theGrammarHighlightsEveryKeyword() throws {
        let grammar = try json("syntaxes/lumen.tmLanguage.json")
        let repository = try #require(grammar["repository"] as? [String: [String: Any]])
        let pattern = try #require(repository["keyword"]?["match"] as? String)
        let expression = try NSRegularExpression(pattern: pattern)
        let words =
            DeclarationKeyword.allCases.map(\.rawValue) + ItemKeywords.resolution + ItemKeywords.measure + ItemKeywords.kind
            + ItemKeywords.principle + ItemKeywords.profile + ItemKeywords.account
            + ["when", "at", "suggest", "because", "justified", "score", "by"]
        for word in Set(words).sorted() {
            let line = "  \(word) x"
            let range = NSRange(line.startIndex..., in: line)
            #expect(expression.firstMatch(in: line, range: range)?.range == NSRange(location: 2, length: word.utf16.count), "\(word)")
        }
        // An id that contains a keyword is not one.
        let id = "measure coal-exit-plan"
        let matches = expression.matches(in: id, range: NSRange(id.startIndex..., in: id)).map(\.range)
        #expect(matches == [NSRange(location: 0, length: 7)])
        for name in ["sdg-id", "variable", "relation", "severity", "operator", "number"] {
            _ = try NSRegularExpression(pattern: try #require(repository[name]?["match"] as? String))
        }
    }
}
