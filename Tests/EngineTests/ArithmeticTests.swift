import Diagnostics
import Syntax
import Testing

@testable import Engine
@testable import Semantics

/// Quantities and arithmetic in rules, on small programs worked out by hand.
@Suite struct ArithmeticTests {
    static let amounts = """
        unit t "t"
        unit kt "kt" = 1000 t
        unit p "%"
        relation amount(r: symbol, v: quantity)
        amount(a, 1200 t).
        amount(b, 1.5 kt).
        amount(c, 3 p).
        amount(d, 2 kt).

        """

    @Test func quantitiesCompareInOneUnit() {
        let model = evaluate(
            Self.amounts + """
                relation above(symbol)
                above(R) :- amount(R, V), V > 1 kt.
                relation same(symbol, symbol)
                same(R, S) :- amount(R, V), amount(S, W), R != S, V = W.
                relation half(symbol)
                half(R) :- amount(R, V), V <= 1500 t, V >= 1.2 kt.
                """)
        // 1200 t is 1.2 kt: above 1 kt, as are 1.5 kt and 2 kt; 3 % is no mass at all.
        #expect(rows(model, "above") == ["a", "b", "d"])
        #expect(rows(model, "same") == [])
        #expect(rows(model, "half") == ["a", "b"])
        // A comparison of 3 % with a mass has no result, and is counted: once for `above`,
        // six times for `same` (c against a, b and d, both ways), once for `half`.
        let statistics = model.statistics.filter { $0.unresolved > 0 }
        #expect(statistics.map(\.unresolved) == [1, 6, 1])
        #expect(statistics.first?.firstUnresolved == .init(values: "3 p and 1 kt", reason: "units that do not convert"))
    }

    @Test func equalQuantitiesInTwoUnitsAreEqual() {
        let model = evaluate(
            """
            unit t "t"
            unit kt "kt" = 1000 t
            relation amount(r: symbol, v: quantity)
            amount(a, 1500 t).
            amount(b, 1.5 kt).
            amount(c, 1.50 kt).
            relation same(symbol, symbol)
            same(R, S) :- amount(R, V), amount(S, W), R != S, V = W.
            relation distinct(quantity)
            distinct(V) :- amount(_, V).
            """)
        #expect(rows(model, "same") == ["a,b", "a,c", "b,a", "b,c", "c,a", "c,b"])
        // As values, 1.5 kt and 1.50 kt are one (normalized); 1500 t is written in another unit.
        #expect(rows(model, "distinct") == ["1.5 kt", "1500 t"])
    }

    @Test func headsComputeInTheLeftOperandsUnit() {
        let model = evaluate(
            Self.amounts + """
                relation doubled(r: symbol, v: quantity)
                doubled(R, V * 2) :- amount(R, V).
                relation plus(r: symbol, v: quantity)
                plus(R, V + 300 t) :- amount(R, V), R != c.
                relation share(r: symbol, s: symbol, q: quantity)
                share(R, S, V / W) :- amount(R, V), amount(S, W), R != S, R != c, S != c.
                relation years(n: integer)
                years(2030 - 2015 + 1) :- amount(a, _).
                """)
        #expect(rows(model, "doubled") == ["a,2400 t", "b,3 kt", "c,6 p", "d,4 kt"])
        // 1.5 kt + 300 t = 1.8 kt; 1200 t + 300 t = 1500 t.
        #expect(rows(model, "plus") == ["a,1500 t", "b,1.8 kt", "d,2.3 kt"])
        // 1200 t / 1.5 kt = 0.8; 2 kt / 1200 t = 1.666666667 (9 places, halves away from zero).
        #expect(
            rows(model, "share") == ["a,b,0.8", "a,d,0.6", "b,a,1.25", "b,d,0.75", "d,a,1.666666667", "d,b,1.333333333"])
        #expect(rows(model, "years") == ["16"])
    }

    @Test func aComputedComparisonFiltersTheBindings() {
        let model = evaluate(
            Self.amounts + """
                relation near(symbol, symbol)
                near(R, S) :- amount(R, V), amount(S, W), R != S, R != c, S != c, V - W < 400 t, W - V < 400 t.
                """)
        // |1200 t - 1.5 kt| = 300 t and |1.5 kt - 2 kt| = 500 t; |1200 t - 2 kt| = 800 t.
        #expect(rows(model, "near") == ["a,b", "b,a"])
    }

    @Test func arithmeticWithoutAResultDerivesNothingAndIsCounted() {
        let model = evaluate(
            Self.amounts + """
                relation ratio(r: symbol, q: quantity)
                ratio(R, V / W) :- amount(R, V), amount(c, W).
                relation zero(q: quantity)
                zero(V / 0) :- amount(a, V).
                relation huge(q: quantity)
                huge(V * 1000000000000000000) :- amount(b, V).
                """)
        // Mass over a percentage has no meaning: only 3 % / 3 % = 1 comes out.
        #expect(rows(model, "ratio") == ["c,1"])
        #expect(rows(model, "zero") == [] && rows(model, "huge") == [])
        let reasons = model.statistics.compactMap(\.firstUnresolved).map(\.reason)
        #expect(reasons == ["units that do not convert", "a division by zero", "a result past 18 digits"])
        #expect(model.statistics.map(\.unresolved).filter { $0 > 0 } == [3, 1, 1])
        #expect(model.statistics.compactMap(\.firstUnresolved).first?.values == "R = a, V = 1200 t, W = 3 p")
    }

    @Test func integersStayIntegersExceptByDivision() {
        let model = evaluate(
            """
            relation n(integer)
            n(7).
            n(-2).
            relation sums(integer, integer)
            sums(A, A * 3 - 1) :- n(A).
            relation halves(integer, quantity)
            halves(A, A / 2) :- n(A).
            """)
        #expect(rows(model, "sums") == ["-2,-7", "7,20"])
        #expect(rows(model, "halves") == ["-2,-1", "7,3.5"])
    }

    @Test func aggregatesAddQuantitiesInTheFirstValuesUnit() {
        let model = evaluate(
            Self.amounts + """
                relation total(q: quantity)
                total(sum V) :- amount(R, V), R != c.
                relation least(q: quantity)
                least(min V) :- amount(R, V), R != c.
                relation most(q: quantity)
                most(max V) :- amount(R, V), R != c.
                relation mixed(q: quantity)
                mixed(sum V) :- amount(_, V).
                """)
        // 1200 t + 1.5 kt + 2 kt, in tonnes (the first value's unit).
        #expect(rows(model, "total") == ["4700 t"])
        #expect(rows(model, "least") == ["1200 t"])
        #expect(rows(model, "most") == ["2 kt"])
        // Tonnes and percentages do not add up: no total, and the problem is counted.
        #expect(rows(model, "mixed") == [])
        #expect(model.statistics.contains { $0.firstUnresolved?.reason == "units that do not convert" })
    }

    @Test func aComputedTupleKeepsThePremisesOfItsBinding() throws {
        let model = evaluate(
            Self.amounts + """
                relation doubled(r: symbol, v: quantity)
                doubled(R, V * 2) :- amount(R, V).
                """)
        let proof = try #require(model.proof("doubled", [.id("b"), .number(ExactDecimal(3), unit: "kt")]))
        #expect(proof.premises.map(\.relation) == ["amount"])
        #expect(proof.premises.first?.values == [.id("b"), .quantity(ExactDecimal(units: 15, scale: 1), unit: "kt")])
        #expect(proof.bindings["V"] == .quantity(ExactDecimal(units: 15, scale: 1), unit: "kt"))
    }
}
