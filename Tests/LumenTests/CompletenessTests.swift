import Foundation
import Lumen
import Testing

/// Every diagnostic code has a test that triggers it: a marked case naming the
/// code, or a golden file showing it. Only the internal-error code is exempt.
@Suite struct CompletenessTests {
    static var testTexts: String {
        var text = ""
        let root = Paths.repository.appendingPathComponent("Tests")
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift") || relative.hasSuffix(".txt"),
                !relative.hasSuffix("CompletenessTests.swift")
            else { continue }
            text += (try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)) ?? ""
        }
        return text
    }

    @Test func everyDiagnosticCodeIsTriggeredByATest() {
        let texts = Self.testTexts
        let untested = Lumen.diagnosticCodes.map(\.code).filter { code in
            code != "L9001" && !texts.contains("[\(code)]") && !texts.contains("\"\(code)\"")
        }
        #expect(untested == [])
    }
}
