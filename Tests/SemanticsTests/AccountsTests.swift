import Diagnostics
import Syntax
import Testing

@testable import Semantics

/// The trend method and the unit conversions behind indicators' accounts.
@Suite struct AccountsTests {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text) ?? ExactDecimal(0) }

    /// Hand-worked series, one per class. From 100 in 2015 to a target of 144 by
    /// 2017 needs +20% a year (1.2 x 1.2 = 1.44); a value in 2016 then gives the
    /// observed rate directly: 120 is +20% (ratio 1), 116 is +16% (0.8), 105 is
    /// +5% (0.25), 95 is -5% (-0.25).
    @Test(arguments: [
        ("120", TrendStatus.onTrack, 1.0), ("116", .needsAcceleration, 0.8), ("105", .limitedProgress, 0.25),
        ("95", .deterioration, -0.25),
    ])
    func classifiesAHandWorkedSeries(latest: String, status: TrendStatus, ratio: Double) throws {
        let reading = try #require(
            TrendStatus.classify(
                base: (Self.decimal("100"), 2015), latest: (Self.decimal(latest), 2016), target: (Self.decimal("144"), 2017),
                lowerIsBetter: false))
        #expect(reading.status == status)
        #expect(abs(reading.required - 0.2) < 1e-12)
        #expect(abs((reading.ratio ?? .nan) - ratio) < 1e-9)
    }

    @Test func aLowerTargetIsReadTheSameWay() throws {
        // From 100 to 81 in two years needs -10% a year (0.9 x 0.9 = 0.81); 92 after one year is -8%: ratio 0.8.
        let reading = try #require(
            TrendStatus.classify(
                base: (Self.decimal("100"), 2015), latest: (Self.decimal("92"), 2016), target: (Self.decimal("81"), 2017),
                lowerIsBetter: true))
        #expect(reading.status == .needsAcceleration)
        #expect(abs(reading.observed + 0.08) < 1e-12 && abs(reading.required + 0.1) < 1e-12)
    }

    @Test func aTargetMetIsAchievedWhateverTheRate() throws {
        let lower = TrendStatus.classify(
            base: (Self.decimal("1240.5"), 2015), latest: (Self.decimal("600"), 2024), target: (Self.decimal("620"), 2030),
            lowerIsBetter: true)
        #expect(lower?.status == .targetAchieved)
        let higher = TrendStatus.classify(
            base: (Self.decimal("18"), 2015), latest: (Self.decimal("40"), 2021), target: (Self.decimal("40"), 2030),
            lowerIsBetter: false)
        #expect(higher?.status == .targetAchieved)
    }

    @Test func theThresholdsAreInclusive() throws {
        // +50% a year needed (1.5 x 1.5 = 2.25), +30% observed: a ratio of 0.6, which needs acceleration.
        let reading = TrendStatus.classify(
            base: (Self.decimal("100"), 2015), latest: (Self.decimal("130"), 2016), target: (Self.decimal("225"), 2017),
            lowerIsBetter: false)
        #expect(reading?.status == .needsAcceleration)
    }

    @Test func seriesThatCannotBeReadGiveNoStatus() {
        let base = (Self.decimal("100"), 2015)
        #expect(TrendStatus.classify(base: base, latest: (Self.decimal("90"), 2015), target: (Self.decimal("50"), 2030), lowerIsBetter: true) == nil)
        #expect(TrendStatus.classify(base: (Self.decimal("0"), 2015), latest: (Self.decimal("5"), 2018), target: (Self.decimal("10"), 2030), lowerIsBetter: false) == nil)
        #expect(TrendStatus.classify(base: base, latest: (Self.decimal("-3"), 2018), target: (Self.decimal("10"), 2030), lowerIsBetter: false) == nil)
    }

    static func units(_ text: String) -> (UnitTable, [Diagnostic]) {
        let (unit, _) = Parser.parse(SourceFile(id: 0, path: "units.lumen", text: text))
        let declarations = unit.declarations.compactMap { if case .unit(let d) = $0 { d } else { nil } }
        var problems: [Diagnostic] = []
        let table = UnitTable(declarations) { problems.append($0) }
        return (table, problems)
    }

    @Test func unitsConvertThroughTheirDeclarations() throws {
        let (table, problems) = Self.units(
            "unit t \"t\"\nunit kt \"kt\" = 1000 t\nunit mt \"Mt\" = 1000 kt\nunit third \"1/3\" = 3 t\nunit pct \"%\"\n")
        #expect(problems.isEmpty)
        #expect(table.convert(Self.decimal("-45"), from: "kt", to: "t")?.description == "-45000")
        #expect(table.convert(ExactDecimal(120000), from: "t", to: "kt")?.description == "120")
        #expect(table.convert(Self.decimal("0.5"), from: "mt", to: "kt")?.description == "500")
        #expect(table.convert(ExactDecimal(1), from: "t", to: "third")?.description == "0.333333333")
        #expect(table.convert(ExactDecimal(1), from: "pct", to: "t") == nil)
        #expect(table.converts("mt", to: "third") && !table.converts("pct", to: "kt"))
    }

    @Test func aUnitThatConvertsBackToItselfIsRefused() {
        let (table, problems) = Self.units("unit a \"a\" = 2 b\nunit b \"b\" = 3 a\n")
        #expect(problems.map(\.code.id) == ["L1030", "L1030"])
        #expect(!table.knows("a") && !table.knows("b"))
    }
}

/// Values a draft may write that no growth rate can be read from, or only a huge one.
@Suite struct ExtremeAccountTests {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text) ?? ExactDecimal(0) }

    @Test func ratesTooLargeToPrintAreWrittenAsFloatsNotAnIntegerThatTraps() {
        // From one millionth to 10^17 in a year: a rate of 10^23, past any integer,
        // towards a higher target: read, and its ratio is a (huge) finite number.
        let reading = TrendStatus.classify(
            base: (Self.decimal("0.000001"), 2015), latest: (Self.decimal("100000000000000000"), 2016),
            target: (Self.decimal("999999999999999999"), 2030), lowerIsBetter: false)
        #expect(reading?.status == .onTrack)
        #expect(reading?.ratio.map { $0 > 1e20 && $0.isFinite } == true)
        #expect(ExactDecimal(approximating: 1e23, places: 1) == nil)
        #expect(ExactDecimal(approximating: .nan, places: 2) == nil)
        #expect(ExactDecimal(approximating: -0.0149, places: 3)?.description == "-0.015")
    }

    @Test func divisionThatOverflowsGivesNoNumber() {
        #expect(ExactDecimal(units: Int.min, scale: 0).divided(by: ExactDecimal(-1), places: 0) == nil)
    }
}
