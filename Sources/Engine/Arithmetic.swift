import Semantics
import Syntax

/// Arithmetic over interned values (see `Numbers`): the computed values of a
/// rule's head and the comparisons of computed values in its body, as
/// `Evaluator.compute` makes them from each binding of the body. Integers stay
/// integers except by `/`; a quantity keeps the unit of the left operand, the
/// right one converted to it; a number without a unit multiplies and divides
/// any. Every step is exact or gives no result (see `Problem`), never a rounded
/// number in silence: a division keeps 9 places, halves away from zero.
package enum Arithmetic {
    /// A number: its exact value, its unit's number in `Numbers` (0: none), and
    /// whether it is an integer (which a column of integers holds).
    package struct Number: Sendable, Equatable {
        package let value: ExactDecimal
        package let unit: Int32
        package let isInteger: Bool
    }

    /// Why a computation has no result.
    package enum Problem: Error, Sendable, Equatable {
        case notANumber
        case units
        case divisionByZero
        case range

        package var reason: String {
            switch self {
            case .notANumber: "a value that is not a number"
            case .units: "units that do not convert"
            case .divisionByZero: "a division by zero"
            case .range: "a result past 18 digits"
            }
        }
    }

    /// The number of an id.
    static func number(_ id: Int32, _ numbers: Numbers) -> Number? {
        guard let quantity = numbers.quantity(id) else { return nil }
        let index = Int(id)
        return Number(value: quantity.value, unit: quantity.unit, isInteger: numbers.integers[index] != nil)
    }

    /// The value of an expression for a binding of the rule's registers.
    static func evaluate(
        _ expression: CompiledRule.Expression, _ binding: (Int) -> Int32, _ numbers: Numbers
    ) -> Result<Number, Problem> {
        switch expression {
        case .argument(let argument):
            let id: Int32
            switch argument {
            case .variable(let register): id = binding(register)
            case .constant(let constant): id = constant
            case .wildcard: return .failure(.notANumber)
            }
            guard let number = number(id, numbers) else { return .failure(.notANumber) }
            return .success(number)
        case .arithmetic(let op, let left, let right):
            switch (evaluate(left, binding, numbers), evaluate(right, binding, numbers)) {
            case (.failure(let problem), _), (_, .failure(let problem)): return .failure(problem)
            case (.success(let x), .success(let y)): return combine(op, x, y, numbers)
            }
        }
    }

    package static func combine(_ op: ArithmeticOperator, _ x: Number, _ y: Number, _ numbers: Numbers) -> Result<Number, Problem> {
        if x.isInteger && y.isInteger && op != .divide {
            let a = x.value.units
            let b = y.value.units
            let (result, overflow) =
                switch op {
                case .plus: a.addingReportingOverflow(b)
                case .minus: a.subtractingReportingOverflow(b)
                default: a.multipliedReportingOverflow(by: b)
                }
            // Past 18 digits an integer could not be read back as a decimal: the same limit for both.
            guard !overflow, result.magnitude < 1_000_000_000_000_000_000 else { return .failure(.range) }
            return .success(Number(value: ExactDecimal(result), unit: 0, isInteger: true))
        }
        switch op {
        case .plus, .minus:
            guard let right = same(y, as: x, numbers) else { return .failure(.units) }
            guard let value = op == .plus ? x.value + right : x.value - right else { return .failure(.range) }
            return .success(Number(value: value, unit: x.unit, isInteger: false))
        case .times:
            guard x.unit == 0 || y.unit == 0 else { return .failure(.units) }
            guard let value = x.value * y.value else { return .failure(.range) }
            return .success(Number(value: value, unit: x.unit == 0 ? y.unit : x.unit, isInteger: false))
        case .divide:
            let (divisor, unit): (ExactDecimal?, Int32) = y.unit == 0 ? (y.value, x.unit) : (same(y, as: x, numbers), 0)
            guard let divisor else { return .failure(.units) }
            guard !divisor.isZero else { return .failure(.divisionByZero) }
            guard let value = x.value.divided(by: divisor, places: UnitTable.divisionPlaces) else { return .failure(.range) }
            return .success(Number(value: value, unit: unit, isInteger: false))
        }
    }

    /// `y` in the unit of `x`: as it is when they share it, converted when it converts.
    private static func same(_ y: Number, as x: Number, _ numbers: Numbers) -> ExactDecimal? {
        if y.unit == x.unit || (y.unit == 0 && y.value.isZero) { return y.value }
        guard x.unit != 0, y.unit != 0 else { return nil }
        return numbers.converted(Numbers.Quantity(value: y.value, unit: y.unit), to: x.unit)
    }

    /// Whether two numbers compare as `op` says, once in one unit.
    static func holds(_ op: Comparison, _ x: Number, _ y: Number, _ numbers: Numbers) -> Result<Bool, Problem> {
        guard
            let (a, b) = numbers.inOneUnit(
                Numbers.Quantity(value: x.value, unit: x.unit), Numbers.Quantity(value: y.value, unit: y.unit))
        else { return .failure(.units) }
        switch op {
        case .equal: return .success(a == b)
        case .notEqual: return .success(!(a == b))
        case .less: return .success(a < b)
        case .lessEqual: return .success(!(b < a))
        case .greater: return .success(b < a)
        case .greaterEqual: return .success(!(a < b))
        }
    }

    /// What a rule with arithmetic gives for one binding of its body (see
    /// `Evaluator.compute`): its head's values, ids or numbers yet to intern; or
    /// nothing, when a comparison does not hold; or why it has no result.
    enum Row {
        enum Cell {
            case id(Int32)
            case number(Number)
        }

        case values([Cell])
        case fails
        case unresolved(Problem)
    }

    /// The row of one binding. It reads `numbers` and interns nothing, so that
    /// the caller interns with no copy of the table alive (a copy held while
    /// interning would make every new value copy the whole table).
    static func row(_ computation: CompiledRule.Computation, _ binding: (Int) -> Int32, quantityColumns: [Bool], _ numbers: Numbers) -> Row {
        for (op, left, right) in computation.comparisons {
            switch (evaluate(left, binding, numbers), evaluate(right, binding, numbers)) {
            case (.failure(let problem), _), (_, .failure(let problem)): return .unresolved(problem)
            case (.success(let x), .success(let y)):
                switch holds(op, x, y, numbers) {
                case .failure(let problem): return .unresolved(problem)
                case .success(false): return .fails
                case .success(true): continue
                }
            }
        }
        var cells: [Row.Cell] = []
        cells.reserveCapacity(computation.arguments.count)
        for (column, argument) in computation.arguments.enumerated() {
            switch argument {
            case .argument(.variable(let register)): cells.append(.id(binding(register)))
            case .argument(.constant(let id)): cells.append(.id(id))
            case .argument(.wildcard): cells.append(.id(-1))
            case .arithmetic:
                switch evaluate(argument, binding, numbers) {
                case .failure(let problem): return .unresolved(problem)
                case .success(let result):
                    // A whole number computed into a column of quantities is a quantity without a unit there.
                    let quantity = column < quantityColumns.count && quantityColumns[column]
                    cells.append(.number(result.isInteger && quantity ? Number(value: result.value, unit: 0, isInteger: false) : result))
                }
            }
        }
        return .values(cells)
    }
}
