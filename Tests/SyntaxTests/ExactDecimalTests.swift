import Testing

@testable import Syntax

/// Exact decimals: what drafts write for indicators and effects, and what reports print.
@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("620", "620"), ("1240.5", "1240.5"), ("-12.50", "-12.50"), ("+0.25", "0.25"), ("0.001", "0.001"),
        ("-0.5", "-0.5"), ("999999999999999999", "999999999999999999"),
    ])
    func readsAndWritesDigits(text: String, written: String) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.description == written)
    }

    @Test(arguments: ["", "-", ".5", "5.", "1.2.3", "1e3", "12a", "9999999999999999999", "0.1234567890123456789"])
    func refusesWhatIsNotADecimal(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test func sumsAndProductsAreExact() throws {
        let a = try #require(ExactDecimal("0.1"))
        let b = try #require(ExactDecimal("0.2"))
        #expect((a + b)?.description == "0.3")
        #expect((try #require(ExactDecimal("1240.5")) - ExactDecimal(620))?.description == "620.5")
        #expect((try #require(ExactDecimal("-45")) * ExactDecimal(1000))?.description == "-45000")
        #expect((try #require(ExactDecimal("1.5")) * #require(ExactDecimal("0.25")))?.description == "0.375")
        // Past 18 digits: no number, never a wrapped one.
        #expect(ExactDecimal(Int.max) + ExactDecimal(1) == nil)
        #expect(ExactDecimal(Int.max / 2) * ExactDecimal(3) == nil)
        // 18 digits is the limit whatever fits in 64 bits: a literal of 19 digits is refused, so is a result.
        #expect((ExactDecimal(999_999_999_999_999_999) + ExactDecimal(0))?.description == "999999999999999999")
        #expect(ExactDecimal(999_999_999_999_999_999) + ExactDecimal(1) == nil)
        #expect(ExactDecimal(500_000_000_000_000_000) * ExactDecimal(2) == nil)
        #expect(ExactDecimal(999_999_999_999_999_999).divided(by: ExactDecimal(units: 1, scale: 1), places: 0) == nil)
    }

    @Test func comparesAcrossScales() throws {
        #expect(try #require(ExactDecimal("1.50")) == ExactDecimal(units: 15, scale: 1))
        #expect(try #require(ExactDecimal("-0.25")) < ExactDecimal(0))
        #expect(try #require(ExactDecimal("2.05")) > #require(ExactDecimal("2.0499")))
    }

    @Test(arguments: [
        ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("2.45", 1, "2.5"), ("2.449", 1, "2.4"), ("-0.05", 1, "-0.1"),
        ("1.25", 2, "1.25"), ("0.0004", 3, "0"),
    ])
    func roundsHalvesAwayFromZero(text: String, places: Int, rounded: String) throws {
        #expect(try #require(ExactDecimal(text)).rounded(to: places).description == rounded)
    }

    @Test func dividesToAStatedNumberOfPlaces() throws {
        #expect(ExactDecimal(1).divided(by: ExactDecimal(3), places: 9)?.description == "0.333333333")
        #expect(ExactDecimal(2).divided(by: ExactDecimal(3), places: 9)?.description == "0.666666667")
        #expect(ExactDecimal(120000).divided(by: ExactDecimal(1000), places: 9)?.description == "120")
        #expect(try #require(ExactDecimal("-45.5")).divided(by: ExactDecimal(1000), places: 9)?.description == "-0.0455")
        #expect(ExactDecimal(1).divided(by: ExactDecimal(0), places: 9) == nil)
        // An exact quotient is never scaled past the range on the way: 1,382 Mt in tonnes
        // (the conversion divides by a factor of 1), and a fine dividend by a coarse divisor.
        #expect(ExactDecimal(-1_382_000_000).divided(by: ExactDecimal(1), places: 9)?.description == "-1382000000")
        #expect(ExactDecimal(units: 15, scale: 1).divided(by: ExactDecimal(units: 25, scale: 2), places: 9)?.description == "6")
        #expect(ExactDecimal(-2).divided(by: ExactDecimal(3), places: 9)?.description == "-0.666666667")
        #expect(ExactDecimal(units: 1, scale: 18).divided(by: ExactDecimal(3), places: 9)?.description == "0")
        // A quotient past the range is no number.
        #expect(ExactDecimal(100_000_000_000_000_000).divided(by: ExactDecimal(units: 1, scale: 3), places: 9) == nil)
    }

    @Test func groupsThousandsForReports() throws {
        #expect(try #require(ExactDecimal("1240.5")).grouped == "1,240.5")
        #expect(ExactDecimal(-1234567).grouped == "-1,234,567")
        #expect(ExactDecimal(620).grouped == "620")
    }
}
