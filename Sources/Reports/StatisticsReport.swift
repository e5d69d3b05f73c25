import Diagnostics
import Foundation
import Engine

/// `--stats`: per rule, the tuples derived, the time taken and how its
/// literals were read (whole-relation scans or index lookups); per stratum,
/// the rounds of evaluation; then where the time went: reading fact files (if
/// any were read), planning, the rules, and evaluation in all.
package enum StatisticsReport {
    package static func render(_ model: Model, sources: SourceMap, factsNanoseconds: UInt64? = nil) -> String {
        var rows: [[String]] = [["rule", "derived", "ms", "scans", "lookups"]]
        for rule in model.rules {
            let stats = model.statistics[rule.number]
            var place = "-"
            if let (path, location) = sources.position(of: rule.span) { place = "\(path):\(location)" }
            let name = rule.reportingRule.map { "rule \($0)" } ?? model.relationNames[rule.target]
            rows.append([
                "\(name) (\(place))", String(stats.derived),
                String(format: "%.3f", Double(stats.nanoseconds) / 1_000_000), String(stats.scans), String(stats.indexLookups),
            ])
        }
        var out = Table(rows: rows, rightAligned: [1, 2, 3, 4]).render()
        // Joins first, then filters, as the report has always listed them.
        for kind in [AheadStep.Kind.join, .filter] {
            for rule in model.rules where model.layouts.indices.contains(rule.number) {
                let name = rule.reportingRule.map { "rule \($0)" } ?? model.relationNames[rule.target]
                for step in model.layouts[rule.number].ahead where step.kind == kind {
                    out += "\(name): \(PlanReport.describe(step, of: rule, model))\n"
                }
            }
        }
        for (number, rounds) in model.iterations.enumerated() {
            out += "stratum \(number + 1): \(rounds) round\(rounds == 1 ? "" : "s")\n"
        }
        let rules = model.statistics.reduce(UInt64(0)) { $0 + $1.nanoseconds }
        var phases: [String] = []
        if let factsNanoseconds { phases.append("reading fact files \(milliseconds(factsNanoseconds))") }
        phases.append("planning \(milliseconds(model.planningNanoseconds))")
        phases.append("rules \(milliseconds(rules))")
        phases.append("evaluation in all \(milliseconds(model.evaluationNanoseconds))")
        return out + "time: " + phases.joined(separator: ", ") + "\n"
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1_000_000)
    }
}

/// Aligned columns of text, the first row a header.
package struct Table: Sendable {
    package let rows: [[String]]
    package var rightAligned: Set<Int> = []

    package init(rows: [[String]], rightAligned: Set<Int> = []) {
        self.rows = rows
        self.rightAligned = rightAligned
    }

    package func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
                let printable = DisplayWidth.printable(cell)
                if i == row.count - 1 && !rightAligned.contains(i) { return printable }
                return rightAligned.contains(i) ? padding + printable : printable + padding
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
