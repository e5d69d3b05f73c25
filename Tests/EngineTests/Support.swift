import Diagnostics
import Syntax

@testable import Engine
@testable import Semantics

/// Parses, checks and evaluates `text`; fails the precondition on any error.
func evaluate(_ text: String, options: EvaluationOptions = EvaluationOptions()) -> Model {
    let file = SourceFile(id: 0, path: "test.lumen", text: text)
    let (unit, syntax) = Parser.parse(file)
    precondition(syntax.isEmpty, "syntax: \(syntax.map(\.message))")
    let context = Checker.check([unit])
    let errors = context.diagnostics.filter { $0.severity == .error }
    precondition(errors.isEmpty, "errors: \(errors.map(\.message))")
    return Evaluator.evaluate(context.program, options: options)
}

/// The tuples of a relation written as `a,b` strings, sorted.
func rows(_ model: Model, _ relation: String) -> [String] {
    model.tuples(relation).map { $0.map(\.description).joined(separator: ",") }
}
