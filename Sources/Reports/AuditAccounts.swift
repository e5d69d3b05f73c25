// AuditAccounts: the "Accounts" section of the audit page: each resolution's
// indicators with baseline, latest value, target, trend status and the effects
// its measures claim, and a small chart of each series (SVG, no script): the
// observed values joined, the path the target needs dashed, the target a ring.
import Syntax

enum AuditAccounts {
    static func section(_ statement: AccountStatement) -> String {
        var out = "<section id=\"accounts\" aria-labelledby=\"accounts-h\">\n<h2 id=\"accounts-h\">Accounts</h2>\n"
        guard !statement.isEmpty else {
            return out + "<p>No resolution keeps an account of an indicator (an <code>indicator</code> block with a unit, a baseline, a target and observed values).</p>\n</section>\n"
        }
        out += "<p>The indicators each resolution keeps books on, in their units: the baseline, the latest observed value, the target,"
        out += " and the trend status by Statistics Canada's progress measurement methodology for the SDGs, as Open SDG implements it"
        out += " (the growth rate observed since the baseline against the rate the target needs: a ratio of 0.95 or more is on track,"
        out += " 0.6 or more needs acceleration, 0 or more is limited progress, less is deterioration). Claimed: the changes its measures"
        out += " claim by the target's year, added, against the gap from the latest value to the target.</p>\n"
        var byResolution: [(String, [AccountStatement.Row])] = []
        for row in statement.rows {
            if byResolution.last?.0 == row.resolution { byResolution[byResolution.count - 1].1.append(row) } else { byResolution.append((row.resolution, [row])) }
        }
        for (resolution, rows) in byResolution {
            out += "<table><caption>\(escape(resolution))</caption>\n<thead><tr><th scope=\"col\">Indicator</th>"
            out += "<th scope=\"col\" class=\"n\">Baseline</th><th scope=\"col\" class=\"n\">Latest</th><th scope=\"col\" class=\"n\">Target</th>"
            out += "<th scope=\"col\">Status</th><th scope=\"col\">Claimed</th><th scope=\"col\">Trend</th></tr></thead><tbody>\n"
            for row in rows {
                out += "<tr><td>\(escape(row.indicator)) <span class=\"muted\">\(escape(row.title))</span><br/><span class=\"muted\">"
                out += row.localTargets.map { "local, monitors \(escape($0.joined(separator: ", "))); " } ?? ""
                out += escape(row.unit)
                out += row.better.isEmpty ? "" : ", \(escape(row.better)) is better"
                out += "</span></td>"
                out += "<td class=\"n\">\(point(row.baseline))</td><td class=\"n\">\(point(row.latest))</td><td class=\"n\">\(point(row.target))</td>"
                out += "<td>\(row.status.isEmpty ? "<span class=\"muted\">not computed</span>" : "<strong>\(escape(row.status))</strong>")"
                if !row.reading.isEmpty { out += "<br/><span class=\"muted\">\(escape(row.reading))</span>" }
                out += "</td><td>"
                out += row.effects.map { effect in
                    "\(escape(effect.measure)) \(AccountStatement.signed(effect.value)) by \(effect.year)"
                        + (effect.cost.map { " <span class=\"muted\">(cost \(escape($0)))</span>" } ?? "")
                }.joined(separator: "<br/>")
                if let claimed = row.claimed {
                    out += "<br/><strong>in all \(AccountStatement.signed(claimed))</strong>"
                    if !row.comparison.isEmpty { out += " (\(AccountStatement.comparisonWords(row.comparison)) the gap)" }
                }
                out += "</td><td>\(chart(row))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private static func point(_ point: AccountStatement.Point?) -> String {
        point.map { "\($0.value.grouped)<br/><span class=\"muted\">\($0.year)</span>" } ?? "&#8212;"
    }

    /// The series on a small chart: years across, values up.
    static func chart(_ row: AccountStatement.Row) -> String {
        let points = (row.baseline.map { [$0] } ?? []) + row.observed + (row.target.map { [$0] } ?? [])
        guard points.count >= 2 else { return "" }
        let (width, height, pad) = (160.0, 48.0, 5.0)
        let years = points.map(\.year)
        let values = points.map(\.value.double)
        let (firstYear, lastYear) = (years.min() ?? 0, years.max() ?? 1)
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        func x(_ year: Int) -> Double { pad + (width - 2 * pad) * Double(year - firstYear) / Double(max(lastYear - firstYear, 1)) }
        let span = max(high - low, 1e-9)
        func y(_ value: ExactDecimal) -> Double {
            let share: Double = (value.double - low) / span
            return height - pad - (height - 2 * pad) * share
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\""
        out += " aria-label=\"\(escape(row.indicator)): \(points.count) values from \(firstYear) to \(lastYear)\">"
        if let baseline = row.baseline, let target = row.target {
            out += "<path d=\"M \(AuditCharts.fixed(x(baseline.year))) \(AuditCharts.fixed(y(baseline.value))) L \(AuditCharts.fixed(x(target.year))) \(AuditCharts.fixed(y(target.value)))\""
            out += " stroke=\"#777777\" stroke-width=\"1\" stroke-dasharray=\"3 2\" fill=\"none\"><title>the path to the target</title></path>"
        }
        let series = (row.baseline.map { [$0] } ?? []) + row.observed
        if series.count >= 2 {
            let path = series.enumerated().map { index, p in "\(index == 0 ? "M" : "L") \(AuditCharts.fixed(x(p.year))) \(AuditCharts.fixed(y(p.value)))" }
            out += "<path d=\"\(path.joined(separator: " "))\" stroke=\"#19486A\" stroke-width=\"2\" fill=\"none\"><title>observed</title></path>"
        }
        for p in series {
            out += "<circle cx=\"\(AuditCharts.fixed(x(p.year)))\" cy=\"\(AuditCharts.fixed(y(p.value)))\" r=\"2.5\" fill=\"#19486A\"><title>\(p.value.grouped) in \(p.year)</title></circle>"
        }
        if let target = row.target {
            out += "<circle cx=\"\(AuditCharts.fixed(x(target.year)))\" cy=\"\(AuditCharts.fixed(y(target.value)))\" r=\"3.5\" fill=\"none\" stroke=\"#3F7E44\" stroke-width=\"1.5\"><title>target \(target.value.grouped) by \(target.year)</title></circle>"
        }
        return out + "</svg>"
    }

    private static func escape(_ text: String) -> String { JUnitReport.escape(text) }
}
