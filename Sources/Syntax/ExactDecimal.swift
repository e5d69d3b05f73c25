/// A decimal number kept exactly: an integer count of `10^-scale` (so `1240.5`
/// is 12405 at scale 1), never a binary float. Drafts write the values of
/// indicators and the effects of measures with it; what a report prints is
/// computed with it, and rounded only where it says so (half away from zero).
package struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times `10^scale`.
    package let units: Int
    /// Digits after the point (0 to 18).
    package let scale: Int

    package static let maximumScale = 18

    package init(units: Int, scale: Int) {
        self.units = units
        self.scale = scale
    }

    package init(_ integer: Int) {
        self.init(units: integer, scale: 0)
    }

    /// Reads `-12`, `1240.5` or `+0.25`; nil for anything else or a value past
    /// 18 significant digits.
    package init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var units = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflowTimes) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowSum else { return nil }
            units = sum
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0, !(seenPoint && scale == 0), scale <= Self.maximumScale else { return nil }
        self.init(units: negative ? -units : units, scale: scale)
    }

    /// The value at a larger scale (nil when it no longer fits).
    package func scaled(to target: Int) -> ExactDecimal? {
        guard target >= scale else { return nil }
        var units = self.units
        for _ in scale..<target {
            let (next, overflow) = units.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            units = next
        }
        return ExactDecimal(units: units, scale: target)
    }

    /// The same value with no trailing zeros after the point.
    package var normalized: ExactDecimal {
        var (units, scale) = (self.units, self.scale)
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return ExactDecimal(units: units, scale: scale)
    }

    /// The largest number of units a result may have: 18 digits, as a literal.
    package static let maximumUnits = 999_999_999_999_999_999

    package static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? {
        guard let (x, y) = aligned(a, b) else { return nil }
        let (sum, overflow) = x.units.addingReportingOverflow(y.units)
        guard !overflow else { return nil }
        let result = ExactDecimal(units: sum, scale: x.scale).normalized
        return result.units.magnitude <= UInt(maximumUnits) ? result : nil
    }

    package static prefix func - (a: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: -a.units, scale: a.scale)
    }

    package static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? { a + -b }

    package static func * (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = a.units.multipliedReportingOverflow(by: b.units)
        guard !overflow else { return nil }
        let result = ExactDecimal(units: product, scale: a.scale + b.scale).normalized
        let fitted = result.scale <= maximumScale ? result : result.rounded(to: maximumScale)
        return fitted.units.magnitude <= UInt(maximumUnits) ? fitted : nil
    }

    /// Rounded to `places` digits after the point, halves away from zero.
    package func rounded(to places: Int) -> ExactDecimal {
        guard scale > places else { return self }
        var divisor = 1
        for _ in places..<scale { divisor *= 10 }
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: divisor)
        let away = abs(remainder) * 2 >= divisor ? (units < 0 ? -1 : 1) : 0
        return ExactDecimal(units: quotient + away, scale: places).normalized
    }

    /// A binary float rounded to `places` digits after the point, halves away
    /// from zero (for printing a rate); nil when it is not finite or too large.
    package init?(approximating value: Double, places: Int) {
        var scaled = value
        for _ in 0..<places { scaled *= 10 }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        guard rounded.isFinite, abs(rounded) < 9e18 else { return nil }
        self.init(units: Int(rounded), scale: places)
    }

    /// An approximation, for rates and powers (never printed as it is).
    package var double: Double {
        var divisor = 1.0
        for _ in 0..<scale { divisor *= 10 }
        return Double(units) / divisor
    }

    package var isZero: Bool { units == 0 }
    package var signum: Int { units.signum() }

    /// `1240.5`, `-0.25`, `620`: plain digits, a point only when needed.
    package var description: String {
        let magnitude = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// `1,240.5`: thousands grouped with commas, for reports.
    package var grouped: String {
        let text = description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first.map(String.init) ?? "")
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (negative ? "-" : "") + out + (parts.count > 1 ? "." + parts[1] : "")
    }

    package static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        guard let (x, y) = aligned(a, b) else { return a.double < b.double }
        return x.units < y.units
    }

    package static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        guard let (x, y) = aligned(a, b) else { return false }
        return x.units == y.units
    }

    package func hash(into hasher: inout Hasher) {
        let plain = normalized
        hasher.combine(plain.units)
        hasher.combine(plain.scale)
    }

    private static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) -> (ExactDecimal, ExactDecimal)? {
        let scale = max(a.scale, b.scale)
        guard let x = a.scaled(to: scale), let y = b.scaled(to: scale) else { return nil }
        return (x, y)
    }
}

extension ExactDecimal {
    /// The quotient, rounded to `places` digits after the point (halves away
    /// from zero); nil when dividing by zero or past the range of the type.
    package func divided(by divisor: ExactDecimal, places: Int) -> ExactDecimal? {
        guard !divisor.isZero else { return nil }
        // a / b = (|a.units| / |b.units|) x 10^(b.scale - a.scale), by long
        // division: the integer part, then a digit at a time, until the quotient
        // is exact or has one digit past `places` after its point (then rounded).
        // Nothing is scaled up ahead, so an exact quotient never overflows on the way.
        let (n, d) = (units.magnitude, divisor.units.magnitude)
        var (quotient, remainder) = n.quotientAndRemainder(dividingBy: d)
        let digits = Swift.max(0, places + 1 - scale + divisor.scale)
        var taken = 0
        while taken < digits && remainder != 0 {
            let wide = remainder.multipliedFullWidth(by: 10)
            let (digit, rest) = d.dividingFullWidth((wide.high, wide.low))
            let (shifted, overflowShift) = quotient.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) = shifted.addingReportingOverflow(digit)
            if overflowShift || overflowAdd { return nil }
            (quotient, remainder, taken) = (next, rest, taken + 1)
        }
        var resultScale = taken + scale - divisor.scale
        // An exact quotient of a finer dividend by a coarser divisor: units times a power of ten.
        while resultScale < 0 {
            let (next, overflow) = quotient.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            (quotient, resultScale) = (next, resultScale + 1)
        }
        guard quotient <= UInt(Int.max), resultScale <= Self.maximumScale + places + 1 else { return nil }
        let negative = (units < 0) != (divisor.units < 0)
        let result = ExactDecimal(units: negative ? -Int(quotient) : Int(quotient), scale: resultScale).rounded(to: places)
        return result.units.magnitude <= UInt(Self.maximumUnits) ? result : nil
    }
}
