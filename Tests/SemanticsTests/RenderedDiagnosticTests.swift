import Diagnostics
import Foundation
import Syntax
import Testing

@testable import Semantics

/// The rendered text of every semantic diagnostic, reviewed as one golden file
/// (`LUMEN_UPDATE_GOLDENS=1 swift test` rewrites it; review with `git diff`).
@Suite struct RenderedDiagnosticTests {
    @Test func everySemanticCodeRendersAsReviewed() throws {
        var output = ""
        for testCase in semanticCases {
            var source = catalogue + testCase.source
            if let range = source.range(of: "↓") { source.replaceSubrange(range, with: "") }
            var sources = SourceMap()
            let file = sources.add(path: "\(testCase.code).lumen", bytes: Array(source.utf8))
            let context = Checker.check([Parser.parse(file).unit])
            let rendered = DiagnosticRenderer().render(context.diagnostics.filter { $0.code.id == testCase.code }, sources: sources)
            output += "=== \(testCase.code)\n" + rendered
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/codes.txt")
        if ProcessInfo.processInfo.environment["LUMEN_UPDATE_GOLDENS"] == "1" {
            try Data(output.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output == expected)
    }
}
