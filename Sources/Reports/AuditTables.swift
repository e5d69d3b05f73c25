// The audit as Markdown, CSV and JSON: the same numbers as the HTML report,
// every row (the HTML page may show only the first rows of a large corpus).
import Diagnostics
import Syntax

/// Where a large report is written piece by piece (a file, or a string in tests).
package typealias TextSink = (String) -> Void

/// `lumen audit --markdown`.
package enum AuditMarkdown {
    /// Writes the report in pieces of at most one row each.
    package static func render(_ audit: Audit, into sink: TextSink) {
        var out = "# Coherence audit\n\n"
        out += "| | |\n|---|---:|\n"
        for (label, value) in AuditSummary.rows(audit) { out += "| \(label) | \(value) |\n" }
        if !audit.rules.isEmpty {
            out += "\n## Findings by rule\n\n| rule | severity | findings |\n|---|---|---:|\n"
            for entry in audit.rules { out += "| `\(entry.rule)` | \(entry.severity.rawValue) | \(entry.count) |\n" }
        }
        out += "\n## Coverage of the goals\n\nMeasures advancing a target of each goal; `*` marks a goal in scope, `gap` one in scope that no measure advances.\n\n"
        out += "| resolution | " + audit.goals.map(String.init).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: audit.goals.count) + "\n"
        for resolution in audit.resolutions {
            flush(&out, sink)
            let cells = audit.goals.indices.map { column -> String in
                let goal = audit.goals[column]
                let count = resolution.coverage[column]
                guard resolution.scope.contains(goal) else { return count == 0 ? "" : "\(count)" }
                return count == 0 ? "gap" : "\(count)*"
            }
            out += "| " + String(repeating: "  ", count: min(resolution.depth, 6)) + cell(resolution.id) + " | "
            out += cells.joined(separator: " | ") + " |\n"
        }
        out += "\n## Scorecard\n\n| " + AuditSummary.scorecardHeader.joined(separator: " | ") + " |\n"
        out += "|---|---|" + String(repeating: "---:|", count: AuditSummary.scorecardHeader.count - 2) + "\n"
        for row in AuditSummary.scorecardRows(audit) { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        out += "\n## Findings\n\n"
        if audit.items.isEmpty { out += "No findings.\n" }
        for item in audit.items {
            flush(&out, sink)
            out += "- **\(item.severity.rawValue)** `\(item.rule)` \(cell(item.message)) (`\(cell(item.location))`)\n"
        }
        sink(out)
    }

    private static func cell(_ text: String) -> String { MarkdownReport.cell(text) }
}

/// Hands `out` to the sink once it holds 64 KiB, so that a large report is never whole in memory.
func flush(_ out: inout String, _ sink: TextSink) {
    if out.utf8.count >= 1 << 16 {
        sink(out)
        out = ""
    }
}

/// `lumen audit --csv DIR`: `findings.csv`, `coverage.csv` and `scorecard.csv`
/// (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed).
package enum AuditCSV {
    /// The file names, in the order they are written.
    package static let names = ["accounts.csv", "coverage.csv", "findings.csv", "scorecard.csv"]

    /// Writes one of the files in pieces.
    package static func render(_ name: String, of audit: Audit, into sink: TextSink) {
        switch name {
        case "accounts.csv":
            sink(table(AccountStatement.csvHeader + audit.accounts.csvRows()))
        case "coverage.csv":
            var coverage = [["resolution"] + audit.goals.map { "goal \($0)" } + ["scope", "gaps"]]
            for resolution in audit.resolutions {
                coverage.append(
                    [resolution.id] + resolution.coverage.map(String.init)
                        + [resolution.scope.map(String.init).joined(separator: " "), resolution.gaps.map(String.init).joined(separator: " ")])
            }
            sink(table(coverage))
        case "findings.csv":
            var out = table([["severity", "rule", "location", "resolution", "resolutions", "message"]])
            for item in audit.items {
                flush(&out, sink)
                out += table([[
                    item.severity.rawValue, item.rule, item.location, item.resolution ?? "",
                    item.resolutions.joined(separator: " "), item.message,
                ]])
            }
            sink(out)
        default:
            sink(table([AuditSummary.scorecardHeader] + AuditSummary.scorecardRows(audit)))
        }
    }

    private static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field: quoted when it holds a comma, a quote or a line break (tested on
    /// scalars: `\r\n` is one Character); and a field a spreadsheet would read
    /// as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return) starts with `'`, as OWASP's advice on CSV injection has it. A
    /// plain number (`-165`, `-0.25`) is a number, not a formula, and stays as it is.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), ExactDecimal(text) == nil {
            text = "'" + text
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}

/// `lumen audit --json`.
package enum AuditJSON {
    /// Writes the report in pieces (one finding at a time), laid out exactly as
    /// `JSONValue.rendered()` would lay out the whole document.
    package static func render(_ audit: Audit, into sink: TextSink) {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func numbers(_ values: [Int]) -> JSONValue { .array(values.map(JSONValue.number)) }
        let summary: JSONValue = .object([
            ("files", .number(audit.files)), ("resolutions", .number(audit.resolutions.count)),
            ("measures", .number(audit.measures)), ("measuresWithIndicator", .number(audit.measuresWithIndicator)),
            ("inferredMappings", .number(audit.inferredMappings)),
            ("errors", .number(audit.errors)), ("warnings", .number(audit.warnings)), ("infos", .number(audit.infos)),
            ("goalsCovered", numbers(audit.goalsCovered)),
        ])
        let rules = audit.rules.map { entry -> JSONValue in
            .object([("rule", .string(entry.rule)), ("severity", .string(entry.severity.rawValue)), ("findings", .number(entry.count))])
        }
        let resolutions = audit.resolutions.map { r -> JSONValue in
            .object([
                ("id", .string(r.id)), ("title", .string(r.title)), ("level", .string(r.level)),
                ("implements", r.parent.map(JSONValue.string) ?? .null), ("location", .string(r.location)),
                ("measures", .number(r.measures)), ("measuresWithIndicator", .number(r.measuresWithIndicator)),
                ("unmappedMeasures", .number(r.unmappedMeasures)), ("inferredMappings", .number(r.inferredMappings)),
                ("coverage", numbers(r.coverage)),
                ("scope", numbers(r.scope)), ("gaps", numbers(r.gaps)), ("errors", .number(r.errors)),
                ("warnings", .number(r.warnings)), ("infos", .number(r.infos)),
            ])
        }
        let nodes = audit.nodes.map { node -> JSONValue in
            .object([("target", .string(node.target)), ("goal", .number(node.goal)), ("measures", .number(node.measures))])
        }
        let edges = audit.edges.map { edge -> JSONValue in
            .object([
                ("from", .string(edge.from)), ("to", .string(edge.to)), ("kind", .string(edge.kind.rawValue)),
                ("weight", .number(edge.weight)),
            ])
        }
        let members: [(String, JSONValue)] = [
            ("version", .string(audit.version)), ("summary", summary), ("rules", .array(rules)),
            ("resolutions", .array(resolutions)), ("network", .object([("nodes", .array(nodes)), ("edges", .array(edges))])),
            ("accounts", audit.accounts.json()),
        ]
        var out = "{\n"
        for (key, value) in members {
            out += "  " + JSONValue.quote(key) + ": "
            value.write(into: &out, indent: 1)
            out += ",\n"
        }
        out += "  \"findings\": " + (audit.items.isEmpty ? "[]" : "[\n")
        for (index, item) in audit.items.enumerated() {
            flush(&out, sink)
            let finding = JSONValue.object([
                ("rule", .string(item.rule)), ("severity", .string(item.severity.rawValue)), ("message", .string(item.message)),
                ("location", .string(item.location)), ("resolution", item.resolution.map(JSONValue.string) ?? .null),
                ("resolutions", strings(item.resolutions)), ("trace", strings(audit.trace(item))),
            ])
            out += "    "
            finding.write(into: &out, indent: 2)
            out += index + 1 < audit.items.count ? ",\n" : "\n  ]"
        }
        sink(out + "\n}\n")
    }
}

/// Rows shared by the text formats.
package enum AuditSummary {
    /// The summary as label and value, as every format shows it.
    package static func rows(_ audit: Audit) -> [(String, String)] {
        [
            ("files", "\(audit.files)"), ("resolutions", "\(audit.resolutions.count)"), ("measures", "\(audit.measures)"),
            ("errors", "\(audit.errors)"), ("warnings", "\(audit.warnings)"), ("info", "\(audit.infos)"),
            ("measures with an indicator", audit.indicatorPercent.map { "\(audit.measuresWithIndicator) (\($0)%)" } ?? "0"),
            ("goals covered", "\(audit.goalsCovered.count) of \(audit.goals.count)"),
            ("mappings inferred from kinds", "\(audit.inferredMappings)"),
        ]
    }

    package static let scorecardHeader = [
        "resolution", "level", "measures", "with indicator", "unmapped", "inferred mappings", "goals covered",
        "gaps in scope", "errors", "warnings", "info",
    ]

    package static func scorecardRows(_ audit: Audit) -> [[String]] {
        audit.resolutions.map { r in
            [
                r.id, r.level, "\(r.measures)", "\(r.measuresWithIndicator)", "\(r.unmappedMeasures)", "\(r.inferredMappings)",
                "\(r.goalsCovered)",
                "\(r.gaps.count)", "\(r.errors)", "\(r.warnings)", "\(r.infos)",
            ]
        }
    }
}
