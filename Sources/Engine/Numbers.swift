import Semantics
import Syntax

/// The numbers among the interned values: each id's integer, or its quantity
/// (an exact decimal and the number of its unit), and how the units convert,
/// so that a comparison reads two ids and orders their numbers.
package struct Numbers: Sendable {
    package struct Quantity: Sendable {
        package let value: ExactDecimal
        /// Its unit's number (0: none).
        package let unit: Int32
    }

    package internal(set) var integers: [Int?] = []
    package internal(set) var quantities: [Quantity?] = []
    /// Whether any quantity was interned (comparisons of ids alone skip the rest).
    package private(set) var hasQuantities = false
    /// The units by number, 0 being none; each one's base unit and how many of it one is.
    package internal(set) var unitNames: [String] = [""]
    private var unitNumbers: [String: Int32] = ["": 0]
    private var bases: [Int32] = [0]
    private var factors: [ExactDecimal] = [ExactDecimal(1)]
    private var conversions = UnitTable()

    mutating func append(integer: Int?) {
        integers.append(integer)
        quantities.append(nil)
    }

    mutating func setQuantity(_ id: Int32, _ value: ExactDecimal, unit: String) {
        quantities[Int(id)] = Quantity(value: value, unit: number(ofUnit: unit))
        hasQuantities = true
    }

    mutating func useUnits(_ units: UnitTable) {
        conversions = units
        for index in unitNames.indices { convert(Int32(index)) }
    }

    /// The number of a unit, added (with its base) the first time it is seen.
    mutating func number(ofUnit unit: String) -> Int32 {
        if let known = unitNumbers[unit] { return known }
        let number = Int32(unitNames.count)
        unitNames.append(unit)
        unitNumbers[unit] = number
        bases.append(number)
        factors.append(ExactDecimal(1))
        convert(number)
        return number
    }

    /// A unit that converts leads to its base; any other is a base of its own.
    private mutating func convert(_ number: Int32) {
        guard let conversion = conversions.conversions[unitNames[Int(number)]] else { return }
        let base = conversion.base == unitNames[Int(number)] ? number : self.number(ofUnit: conversion.base)
        bases[Int(number)] = base
        factors[Int(number)] = conversion.factor
    }

    /// What an id stands for as a number: its value and unit (an integer has none).
    package func quantity(_ id: Int32) -> Quantity? {
        let index = Int(id)
        guard index >= 0, index < integers.count else { return nil }
        if let integer = integers[index] { return Quantity(value: ExactDecimal(integer), unit: 0) }
        return quantities[index]
    }

    /// How two numbers compare, once in the same unit.
    package enum Order: Sendable, Equatable {
        case less, equal, greater
        /// Not both numbers.
        case notNumbers
        /// Units that do not convert, or a conversion past the range.
        case mismatch
    }

    package func order(_ a: Int32, _ b: Int32) -> Order {
        guard let x = quantity(a), let y = quantity(b) else { return .notNumbers }
        guard let (p, q) = inOneUnit(x, y) else { return .mismatch }
        return p < q ? .less : p == q ? .equal : .greater
    }

    /// Two quantities' values in one unit: as they are when their units are
    /// the same, else both in their common base; nil when they have none.
    package func inOneUnit(_ x: Quantity, _ y: Quantity) -> (ExactDecimal, ExactDecimal)? {
        // Zero without a unit is zero in any unit: `V > 0` reads whatever V counts.
        if x.unit == y.unit || (x.unit == 0 && x.value.isZero) || (y.unit == 0 && y.value.isZero) { return (x.value, y.value) }
        guard bases[Int(x.unit)] == bases[Int(y.unit)], let p = x.value * factors[Int(x.unit)], let q = y.value * factors[Int(y.unit)]
        else { return nil }
        return (p, q)
    }

    /// A value in its unit, converted to `unit` (nil when they do not convert, or past the range).
    package func converted(_ x: Quantity, to unit: Int32) -> ExactDecimal? {
        if x.unit == unit { return x.value }
        guard bases[Int(x.unit)] == bases[Int(unit)], let inBase = x.value * factors[Int(x.unit)] else { return nil }
        return inBase.divided(by: factors[Int(unit)], places: UnitTable.divisionPlaces)
    }
}

