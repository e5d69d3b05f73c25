import Diagnostics
import Testing

@testable import Syntax

@Suite struct InteractionLinesTests {
    /// Everything a parse gives, spans included (a `Located` compares by value only).
    private func everything(_ text: String, scanning: Bool) -> String {
        let file = SourceFile(id: 3, path: "base.lumen", text: text)
        let (unit, diagnostics) = Parser.parse(file, scanningInteractions: scanning)
        var out = ""
        dump(unit.declarationsInOrder, to: &out)
        dump(unit.comments, to: &out)
        dump(diagnostics.map { "\($0.code) \($0.message) \(String(describing: $0.primary?.span))" }, to: &out)
        return out
    }

    private let mixed = """
        # The base, in every shape a line may take.
        citation("S", "Somebody (2020)").

        interaction 1.1 -> 1.2 synergy evidence 1 source "S"
        interaction 13.a -> 2.4 trade-off source "S"
        interaction 1.1 -> 1.2 +2 source "S"
        interaction 1.1 -> 1.3 -3 source "S"
        interaction 1.1 -> 1.4 0 source "S"
        interaction 1.1 -> 1.5 +12 source "S"
        interaction 1.1 -> 1.6 3 source "S"
        interaction 1.1 -> 1.4 unspecified evidence 12 source "S" # a comment after it
        interaction 1.1 -> 1.5  synergy source "S"
        interaction 1.1 -> 1.6 synergy source "an \\"escaped\\" quote"
        interaction 1.1 -> 1.7 synergy evidence 0 source "S"
        interaction 1.1 -> 1.8 synergy evidence 3 source "Sé, 2019"
        test "reads the base" {
          interaction 2.1 -> 2.2 synergy source "S"
          expect no finding
        }
        interaction 1.1 -> 1.9 synergy source "S"
        """

    @Test func scannedLinesAreTheDeclarationsTheParserReads() {
        #expect(everything(mixed, scanning: true) == everything(mixed, scanning: false))
    }

    @Test func onlyLinesInTheFormattersFormAreScanned() {
        let file = SourceFile(id: 0, path: "base.lumen", text: mixed)
        let scanned = InteractionLines.scan(file).declarations.map { "\($0.from.value) -> \($0.to.value)" }
        // Not a score of two digits or without its sign, the comment after, the double space,
        // the escape, the zero count, the indented line.
        #expect(scanned == ["1.1 -> 1.2", "13.a -> 2.4", "1.1 -> 1.2", "1.1 -> 1.3", "1.1 -> 1.4", "1.1 -> 1.8", "1.1 -> 1.9"])
    }

    @Test func aMalformedFileGivesTheParsersDiagnostics() {
        let text = """
            interaction 1.1 -> 1.2 synergy source "S"
            interaction 1.1 -> 1.3 synergy source
            interaction 1.1 -> 1.4 synergy source "S"
            interaction 1.1 -> 1.5 synergy source "S
            """
        #expect(everything(text, scanning: true) == everything(text, scanning: false))
        #expect(parse(text).diagnostics.count == 2)
    }
}
