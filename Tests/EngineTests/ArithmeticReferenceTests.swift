import Diagnostics
import Syntax
import Testing

@testable import Engine
@testable import Semantics

/// Random programs with quantities and arithmetic, evaluated by the engine and
/// by the reference evaluator's own arithmetic (`ReferenceArithmetic`), which
/// follows the README's rules on values, not the engine's code: both must give
/// the same tuples.
@Suite struct ArithmeticReferenceTests {
    @Test func engineAgreesWithTheReferenceOnProgramsWithArithmetic() {
        var compared = 0
        var computed = 0
        for seed: UInt64 in 1...400 {
            let text = ArithmeticProgramGenerator.program(seed: seed)
            guard let program = ReferenceEvaluatorTests.checked(text) else { continue }
            compared += 1
            let model = Evaluator.evaluate(program)
            let reference = ReferenceEvaluator(program)
            for relation in program.relationOrder {
                let expected = (reference.database[relation] ?? []).sorted { $0.lexicographicallyPrecedes($1) }
                #expect(model.tuples(relation) == expected, "seed \(seed), relation \(relation):\n\(text)")
                if relation.hasPrefix("c") { computed += expected.count }
            }
        }
        // Many programs are refused by the check (units the rules write that do not
        // convert, `5 + 3 kt`); those that check compute a good deal.
        #expect(compared > 100)
        #expect(computed > 1_000, "\(computed)")
    }
}

/// Programs over a relation of quantities in tonnes, kilotonnes, percent and
/// none, with rules that compare and compute.
enum ArithmeticProgramGenerator {
    static func program(seed: UInt64) -> String {
        var random = SeededGenerator(state: seed)
        var text = """
            unit t "t"
            unit kt "kt" = 1000 t
            unit mt "Mt" = 1000 kt
            unit p "%"
            relation m(integer, quantity)
            relation n(integer, integer)

            """
        let units = ["t", "kt", "mt", "p", ""]
        for key in 0..<Int.random(in: 2...7, using: &random) {
            let value = Int.random(in: -3000...3000, using: &random)
            let scale = Int.random(in: 0...3, using: &random)
            let decimal = ExactDecimal(units: value, scale: scale)
            let unit = units.randomElement(using: &random) ?? ""
            // A literal without a unit must be written so that it does not read as an id.
            let written = unit.isEmpty && scale > 0 ? "\(decimal) p" : (unit.isEmpty ? "\(value)" : "\(decimal) \(unit)")
            text += "m(\(key), \(written)).\n"
            text += "n(\(key), \(Int.random(in: -50...50, using: &random))).\n"
        }
        let operators = ["+", "-", "*", "/"]
        let comparisons = ["<", "<=", ">", ">=", "=", "!="]
        func operand(_ random: inout SeededGenerator) -> String {
            switch Int.random(in: 0...5, using: &random) {
            case 0: return "\(Int.random(in: 1...9, using: &random))"
            case 1: return "\(Int.random(in: 1...900, using: &random)) \(["t", "kt"].randomElement(using: &random) ?? "t")"
            case 2: return "I"
            default: return ["V", "W"].randomElement(using: &random) ?? "V"
            }
        }
        func expression(_ random: inout SeededGenerator) -> String {
            var out = operand(&random)
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                out = "\(out) \(operators.randomElement(using: &random) ?? "+") \(operand(&random))"
                if Bool.random(using: &random) { out = "(\(out))" }
            }
            return out
        }
        for rule in 0..<4 {
            text += "relation c\(rule)(integer, integer, quantity)\n"
            let body = ["m(A, V)", "m(B, W)", "n(A, I)"]
            var filters: [String] = []
            if Bool.random(using: &random) {
                filters.append("\(expression(&random)) \(comparisons.randomElement(using: &random) ?? "<") \(operand(&random))")
            }
            if Bool.random(using: &random) { filters.append("V \(comparisons.randomElement(using: &random) ?? "<") W") }
            text += "c\(rule)(A, B, \(expression(&random))) :- \((body + filters).joined(separator: ", ")).\n"
        }
        // A filter without a computed head, and integers computed into an integer column.
        text += "relation f0(integer, integer)\n"
        text += "f0(A, B) :- m(A, V), m(B, W), A != B, V - W \(comparisons.randomElement(using: &random) ?? "<") \(operand(&random)).\n"
        text += "relation g0(integer, integer)\n"
        text += "g0(A, I * \(Int.random(in: -3...3, using: &random)) - \(Int.random(in: 0...9, using: &random))) :- n(A, I).\n"
        return text
    }
}

/// Arithmetic on values, as the README states it: integers stay integers except
/// by `/`; a sum is in the unit of its left operand, the right one converted
/// (`UnitTable.convert`); a number without a unit multiplies and divides any;
/// two quantities of one kind divide into a number without a unit; zero without
/// a unit is zero in any unit; nothing past 18 digits; a division keeps 9 places.
enum ReferenceArithmetic {
    static func value(_ term: Term, _ binding: [String: Value], _ units: UnitTable) -> Value? {
        switch term {
        case .variable(let name): return binding[name.value]
        case .integer(let v): return .integer(v.value)
        case .quantity(let v, let unit): return .number(v.value, unit: unit?.value ?? "")
        case .arithmetic(let op, let left, let right, _):
            guard let a = value(left, binding, units), let b = value(right, binding, units) else { return nil }
            return combine(op, a, b, units)
        default: return nil
        }
    }

    private static func parts(_ value: Value) -> (ExactDecimal, String, Bool)? {
        switch value {
        case .integer(let n): (ExactDecimal(n), "", true)
        case .quantity(let d, let unit): (d, unit, false)
        default: nil
        }
    }

    /// `b` in the unit of `a`, or nil.
    private static func inUnitOf(_ a: (ExactDecimal, String, Bool), _ b: (ExactDecimal, String, Bool), _ units: UnitTable) -> ExactDecimal? {
        if a.1 == b.1 || (b.1.isEmpty && b.0.isZero) { return b.0 }
        guard !a.1.isEmpty, !b.1.isEmpty else { return nil }
        return units.convert(b.0, from: b.1, to: a.1)
    }

    static func combine(_ op: ArithmeticOperator, _ x: Value, _ y: Value, _ units: UnitTable) -> Value? {
        guard let a = parts(x), let b = parts(y) else { return nil }
        let limit = ExactDecimal(units: 999_999_999_999_999_999, scale: 0)
        func bounded(_ d: ExactDecimal?) -> ExactDecimal? {
            guard let d, !(limit < d), !(d < -limit) else { return nil }
            return d
        }
        if a.2 && b.2 && op != .divide {
            let result: ExactDecimal? =
                switch op {
                case .plus: a.0 + b.0
                case .minus: a.0 - b.0
                default: a.0 * b.0
                }
            return bounded(result).map { .integer($0.units) }
        }
        switch op {
        case .plus, .minus:
            guard let right = inUnitOf(a, b, units), let result = bounded(op == .plus ? a.0 + right : a.0 - right) else { return nil }
            return .number(result, unit: a.1)
        case .times:
            guard a.1.isEmpty || b.1.isEmpty, let result = bounded(a.0 * b.0) else { return nil }
            return .number(result, unit: a.1.isEmpty ? b.1 : a.1)
        case .divide:
            let divisor = b.1.isEmpty ? b.0 : inUnitOf(a, b, units)
            guard let divisor, !divisor.isZero, let result = bounded(a.0.divided(by: divisor, places: 9)) else { return nil }
            return .number(result, unit: b.1.isEmpty ? a.1 : "")
        }
    }

    /// An ordering or equality of two numbers in one unit; nil when they are not comparable.
    static func holds(_ op: ComparisonOperator, _ x: Value, _ y: Value, _ units: UnitTable) -> Bool? {
        guard let a = parts(x), let b = parts(y) else { return nil }
        let left: ExactDecimal
        let right: ExactDecimal
        if a.1 == b.1 || (a.1.isEmpty && a.0.isZero) || (b.1.isEmpty && b.0.isZero) {
            (left, right) = (a.0, b.0)
        } else if let converted = inUnitOf(a, b, units) {
            (left, right) = (a.0, converted)
        } else {
            return nil
        }
        switch op {
        case .equal: return left == right
        case .notEqual: return !(left == right)
        case .less: return left < right
        case .lessEqual: return !(right < left)
        case .greater: return right < left
        case .greaterEqual: return !(left < right)
        }
    }
}
