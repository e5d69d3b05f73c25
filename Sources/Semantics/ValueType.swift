import Diagnostics
import Syntax

/// The type of a relation column.
package enum ValueType: String, Sendable, CaseIterable, Hashable {
    case goal, target, indicator, principle, country, resolution, measure, kind, level, text, integer, symbol
    /// An exact decimal with its unit (or none): `12.5 kt-co2e`, `0.95`.
    case quantity

    /// The types a finding can point at: each value of them has a declaration.
    package var isAnchorable: Bool {
        switch self {
        case .goal, .target, .indicator, .principle, .country, .resolution, .measure, .kind, .level: true
        case .text, .integer, .symbol, .quantity: false
        }
    }

    /// Types whose values are ordered integers (a variable may hold both).
    package var isNumeric: Bool { self == .integer || self == .goal }

    /// Types whose values are numbers, for comparisons and arithmetic.
    package var isNumber: Bool { isNumeric || self == .quantity }

    /// "a target", "an indicator": for messages.
    package var withArticle: String {
        switch self {
        case .indicator, .integer: "an \(rawValue)"
        case .quantity: "a quantity"
        default: "a \(rawValue)"
        }
    }
}

/// A constant of the language after checking. Goals are numbers; every declared
/// thing (target, principle, measure `res.m`, ...) and every symbol is an id.
package enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
    case integer(Int)
    case text(String)
    case id(String)
    /// An exact decimal with the id of its unit ("" for none), kept normalized
    /// (no trailing zeros) so that `1.50 t` and `1.5 t` are one value.
    case quantity(ExactDecimal, unit: String)

    /// A quantity, normalized.
    package static func number(_ value: ExactDecimal, unit: String) -> Value {
        .quantity(value.normalized, unit: unit)
    }

    package var description: String {
        switch self {
        case .integer(let value): String(value)
        case .text(let value): "\"\(value)\""
        case .id(let value): value
        case .quantity(let value, let unit): unit.isEmpty ? value.description : "\(value) \(unit)"
        }
    }

    package static func < (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x < y
        case (.text(let x), .text(let y)), (.id(let x), .id(let y)): x < y
        case (.quantity(let x, let u), .quantity(let y, let v)): u != v ? u < v : x < y
        case (.integer, _): true
        case (.quantity, .text), (.quantity, .id): true
        case (.text, .id): true
        default: false
        }
    }
}
