import Diagnostics
import Semantics
import Syntax

/// `--format github`: GitHub Actions workflow commands, which show each problem
/// as an annotation on the pull request's diff.
package enum GitHubReport {
    package static func render(_ input: ReportInput) -> String {
        var out = ""
        for diagnostic in input.diagnostics {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            let region = diagnostic.primary.flatMap { input.region($0.span) }
            out += line(
                command, file: region?.path ?? diagnostic.path, region: region, title: "lumen \(diagnostic.code.id)",
                message: diagnostic.message + (diagnostic.help.map { "\nhelp: \($0)" } ?? ""))
        }
        for finding in input.findings {
            let command = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            let region = input.region(finding.anchor)
            out += line(command, file: region?.path, region: region, title: "lumen \(finding.rule)", message: finding.messageWithHelp)
        }
        // What the change resolved: notices without a place, shown in the run's summary.
        for entry in input.resolved {
            out += line("notice", file: nil, region: nil, title: "lumen resolved \(entry.rule)", message: entry.message)
        }
        return out
    }

    private static func line(
        _ command: String, file: String?, region: (path: String, line: Int, column: Int, endLine: Int, endColumn: Int)?,
        title: String, message: String
    ) -> String {
        var properties: [String] = []
        if let file, !file.hasPrefix("<") { properties.append("file=\(property(file))") }
        if let region, !region.path.hasPrefix("<") {
            properties += [
                "line=\(region.line)", "col=\(region.column)", "endLine=\(region.endLine)", "endColumn=\(region.endColumn)",
            ]
        }
        properties.append("title=\(property(title))")
        return "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
    }

    /// Escaping of a command's message (line separators of every kind too, since
    /// a log viewer may break a line at them).
    static func data(_ text: String) -> String {
        text.replacingPercentEncoded([
            "%": "%25", "\r": "%0D", "\n": "%0A", "\u{0B}": "%0B", "\u{0C}": "%0C", "\u{85}": "%C2%85",
            "\u{2028}": "%E2%80%A8", "\u{2029}": "%E2%80%A9",
        ])
    }

    /// Escaping of a property value, which also may not contain `:` or `,`.
    static func property(_ text: String) -> String {
        data(text).replacingPercentEncoded([":": "%3A", ",": "%2C"])
    }
}

extension String {
    /// Replaces scalars, not characters: `\r\n` is one Character in Swift, and a
    /// table of `\r` and `\n` would let it through, forging a workflow command
    /// on the next line.
    fileprivate func replacingPercentEncoded(_ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
