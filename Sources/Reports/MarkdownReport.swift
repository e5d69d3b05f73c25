import Diagnostics
import Semantics
import Syntax

/// `--format markdown`: a summary a bot can post on a pull request.
package enum MarkdownReport {
    package static func render(_ input: ReportInput) -> String {
        let counts = input.counts
        let files = input.checkedFiles.count
        var out = "## Lumen: "
        if counts.errors + counts.warnings + counts.infos == 0 {
            out += "no problems in \(files) file\(files == 1 ? "" : "s")\n"
            return out + resolvedSection(input)
        }
        out += "\(counts.errors) error\(counts.errors == 1 ? "" : "s"), \(counts.warnings) warning\(counts.warnings == 1 ? "" : "s"), "
        out += "\(counts.infos) info in \(files) file\(files == 1 ? "" : "s")\n\n"
        var byRule: [String: (severity: String, count: Int)] = [:]
        for finding in input.findings { byRule[finding.rule, default: (finding.severity.rawValue, 0)].count += 1 }
        for diagnostic in input.diagnostics { byRule[diagnostic.code.id, default: (diagnostic.severity.rawValue, 0)].count += 1 }
        out += "| rule | severity | count |\n|---|---|---:|\n"
        for (rule, entry) in byRule.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            out += "| `\(rule)` | \(entry.severity) | \(entry.count) |\n"
        }
        out += "\n| severity | rule | location | message |\n|---|---|---|---|\n"
        for diagnostic in input.diagnostics {
            let region = diagnostic.primary.flatMap { input.region($0.span) }
            let place = region.map { "\($0.path):\($0.line):\($0.column)" } ?? diagnostic.path ?? ""
            out += "| \(diagnostic.severity.rawValue) | `\(diagnostic.code.id)` | `\(cell(place))` | \(cell(diagnostic.message)) |\n"
        }
        for finding in input.findings {
            let place = input.region(finding.anchor).map { "\($0.path):\($0.line):\($0.column)" } ?? ""
            out += "| \(finding.severity.rawValue) | `\(finding.rule)` | `\(cell(place))` | \(cell(finding.message))\(finding.suggestionHelp.map { "<br>" + cell($0) } ?? "") |\n"
        }
        return out + resolvedSection(input)
    }

    /// The findings the change resolved (`--since`), as a table after the new ones.
    private static func resolvedSection(_ input: ReportInput) -> String {
        guard !input.resolved.isEmpty else { return "" }
        var out = "\n### Resolved (\(input.resolved.count))\n\n| severity | rule | message |\n|---|---|---|\n"
        for entry in input.resolved {
            out += "| \(entry.severity.rawValue) | `\(entry.rule)` | \(cell(entry.message)) |\n"
        }
        return out
    }

    /// Text safe inside a table cell of a comment a bot posts: pipes escaped,
    /// line breaks made spaces, HTML, links, images, mentions and autolinks
    /// neutralised (`[`, `]`, `!`, `@` and the `:` of `://` as entities), so that
    /// user text renders as the text it is. Scalar by scalar: `\r\n` is one
    /// Character and would slip past a test for `\n`.
    static func cell(_ text: String) -> String {
        let special: Set<UInt8> = [0x7C, 0x0A, 0x0D, 0x3C, 0x3E, 0x60, 0x5B, 0x5D, 0x21, 0x40, 0x3A, 0x26, 0x0B, 0x0C, 0xC2, 0xE2]
        if !text.utf8.contains(where: special.contains) { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "|": out += "\\|"
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`": out += "'"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "!": out += "&#33;"
            case "@": out += "&#64;"
            case ":" where index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/": out += "&#58;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
