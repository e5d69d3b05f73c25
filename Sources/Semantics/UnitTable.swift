import Diagnostics
import Syntax

/// Units by id: each leads, through the factors of its declaration, to a base unit.
package struct UnitTable: Sendable {
    /// How many of its base unit one of the unit is.
    package private(set) var conversions: [String: (base: String, factor: ExactDecimal)] = [:]
    package private(set) var symbols: [String: String] = [:]

    /// Places kept when a conversion divides (from a smaller unit to a larger one).
    package static let divisionPlaces = 9

    package init() {}

    init(_ declarations: [UnitDecl], report: (Diagnostic) -> Void) {
        var byID: [String: UnitDecl] = [:]
        for unit in declarations {
            if let first = byID[unit.id.value] {
                report(
                    .invalidAccount(
                        unit.id.span, "unit `\(unit.id.value)` is declared twice", help: "remove one of the declarations",
                        first: first.id.span))
                continue
            }
            byID[unit.id.value] = unit
            symbols[unit.id.value] = unit.symbol?.value ?? unit.id.value
        }
        for id in byID.keys.sorted() {
            guard let unit = byID[id] else { continue }
            if let factor = unit.factor, factor.value.signum <= 0 {
                report(.invalidAccount(factor.span, "a unit converts by a positive factor", help: "write how many of the other unit one `\(id)` is"))
                continue
            }
            if let base = unit.base, byID[base.value] == nil {
                report(.unknownUnit(base, suggestion: EditDistance.suggestion(for: base.value, among: byID.keys.sorted())))
                continue
            }
            // Follow the chain to the unit that converts to nothing else.
            var current = unit
            var factor = ExactDecimal(1)
            var seen: Set<String> = [id]
            var valid = true
            while let base = current.base, let next = byID[base.value], let step = current.factor?.value {
                guard seen.insert(base.value).inserted else {
                    report(.invalidAccount(unit.id.span, "unit `\(id)` converts back to itself", help: "one unit of the chain must convert to nothing"))
                    valid = false
                    break
                }
                guard let product = factor * step else {
                    valid = false
                    break
                }
                factor = product
                current = next
            }
            if valid { conversions[id] = (current.id.value, factor) }
        }
    }

    package func knows(_ unit: String) -> Bool { conversions[unit] != nil }
    package func symbol(_ unit: String) -> String { symbols[unit] ?? unit }
    package var ids: [String] { conversions.keys.sorted() }

    /// True when both units lead to the same base.
    package func converts(_ a: String, to b: String) -> Bool {
        guard let x = conversions[a], let y = conversions[b] else { return false }
        return x.base == y.base
    }

    /// A value in unit `from`, in unit `to` (nil when they do not convert).
    package func convert(_ value: ExactDecimal, from: String, to: String) -> ExactDecimal? {
        // In its own unit a value is what it is, however large (no detour through the base unit).
        if from == to, knows(from) { return value }
        guard let x = conversions[from], let y = conversions[to], x.base == y.base, let inBase = value * x.factor else {
            return nil
        }
        return inBase.divided(by: y.factor, places: Self.divisionPlaces)
    }

    /// `1,240.5 kt CO2e`
    package func show(_ value: ExactDecimal, _ unit: String) -> String {
        "\(value.grouped) \(symbol(unit))"
    }
}
