import Testing

@testable import Diagnostics

@Suite struct DiagnosticRendererTests {
    /// The byte offset of the first occurrence of `needle`.
    private func offset(of needle: String, in text: String) -> Int {
        let bytes = Array(text.utf8)
        let pattern = Array(needle.utf8)
        for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<(start + pattern.count)]) == pattern {
            return start
        }
        return -1
    }

    private func render(_ text: String, start: Int, end: Int, secondary: [Label] = []) -> String {
        var sources = SourceMap()
        let file = sources.add(path: "draft.lumen", bytes: Array(text.utf8))
        let diagnostic = Diagnostic(
            .unknownTarget, "unknown target `13.9`", at: Label(Span(file: file.id, start: start, end: end), "here"),
            secondary: secondary, notes: ["a note"], help: "a help")
        return DiagnosticRenderer(colors: false).render(diagnostic, sources: sources)
    }

    @Test func rendersHeaderLocationExcerptNotesAndHelp() {
        let text = "resolution r {\n  advances 13.9\n}\n"
        let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "1")) ?? 0
        #expect(
            render(text, start: start, end: start + 4) == """
                error[L1001]: unknown target `13.9`
                 --> draft.lumen:2:12
                  |
                2 |   advances 13.9
                  |            ^^^^ here
                  |
                  = note: a note
                  = help: a help

                """)
    }

    @Test func tabsExpandInBothTheLineAndTheCarets() {
        let text = "\t\tadvances 13.9\n"
        let start = 11
        let output = render(text, start: start, end: start + 4)
        #expect(output.contains("1 |         advances 13.9\n  |                  ^^^^ here\n"))
        // The column counts characters: two tabs, `advances `, then the id.
        #expect(output.contains("--> draft.lumen:1:12"))
    }

    @Test func wideCharactersTakeTwoColumns() {
        let text = "title \"気候\" 13.9\n"
        let start = offset(of: "13.9", in: text)
        let output = render(text, start: start, end: start + 4)
        #expect(output.contains("1 | title \"気候\" 13.9\n  |              ^^^^ here\n"))
        #expect(output.contains("--> draft.lumen:1:12"))
    }

    @Test func crlfLineEndingsDoNotShiftCaretsOrShowUp() {
        let text = "a\r\n  advances 13.9\r\nb\r\n"
        let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "1")) ?? 0
        let output = render(text, start: start, end: start + 4)
        #expect(output.contains("2 |   advances 13.9\n  |            ^^^^ here\n"))
        #expect(!output.contains("\r"))
    }

    @Test func controlCharactersAreNeverPrintedRaw() {
        let text = "title \u{1B}[31m 13.9\n"
        let start = offset(of: "13.9", in: text)
        let output = render(text, start: start, end: start + 4)
        #expect(!output.contains("\u{1B}"))
        #expect(output.contains("1 | title \u{241B}[31m 13.9\n  |             ^^^^ here\n"))
    }

    @Test func secondaryLabelsAreShownInSourceOrder() {
        let text = "m1\nm2\nm1\n"
        var sources = SourceMap()
        let file = sources.add(path: "d.lumen", bytes: Array(text.utf8))
        let diagnostic = Diagnostic(
            .duplicateDeclaration, "measure `m1` is declared twice", at: Label(Span(file: file.id, start: 6, end: 8), "again"),
            secondary: [Label(Span(file: file.id, start: 0, end: 2), "first")])
        #expect(
            DiagnosticRenderer().render(diagnostic, sources: sources) == """
                error[L1010]: measure `m1` is declared twice
                 --> d.lumen:3:1
                  |
                1 | m1
                  | -- first
                3 | m1
                  | ^^ again

                """)
    }

    @Test func colourUsesAnsiCodesOnlyWhenAsked() {
        var sources = SourceMap()
        let file = sources.add(path: "d.lumen", bytes: Array("x\n".utf8))
        let diagnostic = Diagnostic(.unexpectedCharacter, "unexpected character `x`", at: Label(Span(file: file.id, start: 0, end: 1)))
        let coloured = DiagnosticRenderer(colors: true).render(diagnostic, sources: sources)
        #expect(coloured.hasPrefix("\u{1B}[1;31merror[L0001]\u{1B}[0m"))
        #expect(!DiagnosticRenderer(colors: false).render(diagnostic, sources: sources).contains("\u{1B}"))
    }

    @Test func placeLessDiagnosticNamesItsPath() {
        let diagnostic = Diagnostic(.unreadableFile, "cannot read `x.lumen`: no such file", at: nil, path: "x.lumen")
        #expect(
            DiagnosticRenderer().render(diagnostic, sources: SourceMap())
                == "error[L0203]: cannot read `x.lumen`: no such file\n --> x.lumen\n")
    }

    @Test func spanAtEndOfFileGetsOneCaret() {
        let output = render("abc", start: 3, end: 3)
        #expect(output.contains("1 | abc\n  |    ^ here\n"))
    }

    /// A path is what a reader must fix: it is never shortened, however long the
    /// checkout's directory; a word without a `/` over 80 characters still is.
    @Test func longPathsAreKeptWholeAndLongWordsAreShortened() {
        let path = "/home/alice/src/" + String(repeating: "a-rather-long-directory/", count: 4) + "national-plan.lumen"
        let word = String(repeating: "x", count: 100)
        let diagnostic = Diagnostic(
            .unreadableFile, "cannot read `\(path)`: no such file, `\(word)`", at: nil,
            notes: ["declared at \(path):3:7"], path: path)
        let shortened = "`" + String(repeating: "x", count: 39) + "…" + String(repeating: "x", count: 19) + "`"
        #expect(
            DiagnosticRenderer().render(diagnostic, sources: SourceMap())
                == "error[L0203]: cannot read `\(path)`: no such file, \(shortened)\n --> \(path)\n  = note: declared at \(path):3:7\n")
    }
}
