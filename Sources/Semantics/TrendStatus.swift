#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Syntax

/// The progress of an indicator towards its target, by the progress measurement
/// methodology of Statistics Canada for the SDGs, as Open SDG implements it
/// (open-sdg.readthedocs.io, "Progress Measurement Methodology"): the compound
/// annual growth rate observed from the base year to the latest year, against
/// the rate needed to reach the target in its year; their ratio classes it at
/// 0.95, 0.6 and 0.
package enum TrendStatus: String, Sendable, CaseIterable {
    case targetAchieved = "target-achieved"
    case onTrack = "on-track"
    case needsAcceleration = "needs-acceleration"
    case limitedProgress = "limited-progress"
    case deterioration

    /// The reading of a series, or nil when it cannot be computed: the latest
    /// year is not after the base year, or a value is not positive (a growth
    /// rate needs positive values; a target of 0 is taken as 0.001, as Open SDG does).
    package static func classify(
        base: (value: ExactDecimal, year: Int), latest: (value: ExactDecimal, year: Int),
        target: (value: ExactDecimal, year: Int), lowerIsBetter: Bool
    ) -> (status: TrendStatus, observed: Double, required: Double, ratio: Double?)? {
        guard latest.year > base.year, target.year > base.year, base.value.signum > 0, latest.value.signum > 0,
            target.value.signum >= 0
        else { return nil }
        if lowerIsBetter ? latest.value <= target.value : latest.value >= target.value {
            return (.targetAchieved, 0, 0, nil)
        }
        let goal = target.value.isZero ? 0.001 : target.value.double
        let observed = growth(latest.value.double, from: base.value.double, years: latest.year - base.year)
        let required = growth(goal, from: base.value.double, years: target.year - base.year)
        // Values so far apart that a rate is not a number say nothing about a trend.
        guard observed.isFinite, required.isFinite else { return nil }
        // A target equal to the baseline, not reached: the value moved away from it.
        guard required != 0 else { return (.deterioration, observed, required, nil) }
        let ratio = observed / required
        guard ratio.isFinite else { return nil }
        let status: TrendStatus =
            ratio >= 0.95 ? .onTrack : ratio >= 0.6 ? .needsAcceleration : ratio >= 0 ? .limitedProgress : .deterioration
        return (status, observed, required, ratio)
    }

    /// The compound annual growth rate from `start` to `end` over `years`.
    static func growth(_ end: Double, from start: Double, years: Int) -> Double {
        pow(end / start, 1 / Double(years)) - 1
    }
}
