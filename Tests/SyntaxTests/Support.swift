import Diagnostics
import Foundation

@testable import Syntax

/// Parses text as one file.
func parse(_ text: String) -> (unit: SourceUnit, diagnostics: [Diagnostic], file: SourceFile) {
    let file = SourceFile(id: 0, path: "test.lumen", text: text)
    let (unit, diagnostics) = Parser.parse(file)
    return (unit, diagnostics, file)
}

/// The declarations of text that must parse without diagnostics.
func declarations(_ text: String) -> [Declaration] {
    let result = parse(text)
    precondition(result.diagnostics.isEmpty, "unexpected diagnostics: \(result.diagnostics.map(\.message))")
    return result.unit.declarations
}

/// Splits `source` at a `↓` marker: the text without it and the marker's byte offset.
func marked(_ source: String) -> (text: String, offset: Int) {
    guard let range = source.range(of: "↓") else { return (source, -1) }
    let offset = source.utf8.distance(from: source.startIndex, to: range.lowerBound)
    return (source.replacingCharacters(in: range, with: ""), offset)
}
