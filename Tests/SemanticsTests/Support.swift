import Diagnostics
import Foundation
import Syntax

@testable import Semantics

/// A small catalogue the cases build on.
let catalogue = """
    goal 7 "Energy" {
      target 7.2 "Renewables"
      target 7.a "Cooperation"
    }
    goal 13 "Climate" {
      target 13.1 "Resilience"
      target 13.2 "Policy" {
        indicator 13.2.2 "Emissions" also 7.2.9
      }
    }
    country germany "Germany"
    principle property "Property" {
      enshrined germany "Art. 14" in "Basic Law"
    }
    resolution plan "Plan" {
      measure m1 "One" {
        advances 7.2
      }
      measure m2 "Two"
    }

    """

/// Checks the catalogue followed by `text` (which may hold a `↓` marker).
/// Returns the context and the marker's byte offset in the checked file.
func check(_ text: String, through pass: CheckPass = .lower) -> (context: CheckContext, offset: Int) {
    var source = catalogue + text
    var offset = -1
    if let range = source.range(of: "↓") {
        offset = source.utf8.distance(from: source.startIndex, to: range.lowerBound)
        source.replaceSubrange(range, with: "")
    }
    let file = SourceFile(id: 0, path: "test.lumen", text: source)
    let (unit, syntax) = Parser.parse(file)
    precondition(syntax.isEmpty, "syntax errors: \(syntax.map(\.message))")
    return (Checker.check([unit], through: pass), offset)
}
