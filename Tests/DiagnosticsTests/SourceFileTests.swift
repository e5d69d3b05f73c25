import Foundation
import Testing

@testable import Diagnostics

@Suite struct SourceFileTests {
    @Test(arguments: [
        ("abc\ndef", 0, 1, 1),
        ("abc\ndef", 5, 2, 2),
        ("abc\ndef", 7, 2, 4),
        ("a\r\nb", 3, 2, 1),
        ("é\nx", 2, 1, 2),
        ("\tx", 1, 1, 2),
        ("", 0, 1, 1),
    ])
    func locationIsLineAndCharacterColumn(text: String, offset: Int, line: Int, column: Int) {
        let file = SourceFile(id: 0, path: "f", text: text)
        #expect(file.location(of: offset) == SourceLocation(line: line, column: column))
    }

    @Test func lineBytesDropTheTerminator() {
        let file = SourceFile(id: 0, path: "f", text: "one\r\ntwo\nthree")
        #expect(String(decoding: file.lineBytes(0), as: UTF8.self) == "one")
        #expect(String(decoding: file.lineBytes(1), as: UTF8.self) == "two")
        #expect(String(decoding: file.lineBytes(2), as: UTF8.self) == "three")
        #expect(file.lineBytes(7).isEmpty)
    }

    @Test func displayWidthOfTabsWideAndCombiningCharacters() {
        #expect(DisplayWidth.of("\t") == 4)
        #expect(DisplayWidth.of("気候") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.printable("a\u{0}b\u{7F}") == "a\u{2400}b\u{2421}")
    }

    @Test func onlyWordsLongerThanTheLimitAreShortened() {
        let short = Array(repeating: "word", count: 40).joined(separator: " ")
        #expect(DisplayWidth.elidingLongWords(short, limit: 10) == short)
        // Ten characters in more than ten bytes: a word is measured in characters.
        let accented = "éééééééééé and more words to pass the limit"
        #expect(DisplayWidth.elidingLongWords(accented, limit: 10) == accented)
        #expect(DisplayWidth.elidingLongWords("x " + String(repeating: "a", count: 30), limit: 10) == "x aaaaa…aa")
        let path = "see /" + String(repeating: "p", count: 30)
        #expect(DisplayWidth.elidingLongWords(path, limit: 10) == path)
    }

    @Test func editDistanceSuggestsOnlyCloseNames() {
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "propery", among: ["property", "privacy"]) == "property")
        #expect(EditDistance.suggestion(for: "xyz", among: ["property", "privacy"]) == nil)
    }

    @Test func everyDiagnosticCodeIsUniqueSortedAndExplained() {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for code in DiagnosticCode.all {
            #expect(code.id.range(of: #"^L[0-9]{4}$"#, options: .regularExpression) != nil)
            #expect(!code.explanation.isEmpty)
            #expect(DiagnosticCode.named(code.id.lowercased()) == code)
        }
    }
}

@Suite struct SuggestionTests {
    @Test func uniqueSuggestionOnlyWhenOneCandidateIsClosest() {
        #expect(EditDistance.uniqueSuggestion(for: "13.22", among: ["13.1", "13.2", "13.3", "13.a"]) == "13.2")
        #expect(EditDistance.uniqueSuggestion(for: "13.9", among: ["13.1", "13.2", "13.3"]) == nil)
    }
}
