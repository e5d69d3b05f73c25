import Diagnostics
import Syntax

/// The type of a relation column.
package enum ValueType: String, Sendable, CaseIterable, Hashable {
    case goal, target, indicator, principle, country, resolution, measure, kind, level, text, integer, symbol

    /// The types a finding can point at: each value of them has a declaration.
    package var isAnchorable: Bool {
        switch self {
        case .goal, .target, .indicator, .principle, .country, .resolution, .measure, .kind, .level: true
        case .text, .integer, .symbol: false
        }
    }

    /// Types whose values are ordered numbers.
    package var isNumeric: Bool { self == .integer || self == .goal }

    /// "a target", "an indicator": for messages.
    package var withArticle: String {
        switch self {
        case .indicator, .integer: "an \(rawValue)"
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

    package var description: String {
        switch self {
        case .integer(let value): String(value)
        case .text(let value): "\"\(value)\""
        case .id(let value): value
        }
    }

    package static func < (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x < y
        case (.text(let x), .text(let y)), (.id(let x), .id(let y)): x < y
        case (.integer, _): true
        case (.text, .id): true
        default: false
        }
    }
}
