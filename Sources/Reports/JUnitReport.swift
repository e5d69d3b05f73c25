import Diagnostics
import Semantics
import Syntax

/// `--format junit`: JUnit XML as CI servers render it. One test case per
/// checked file; it fails when the file has errors, or findings at or above the
/// failure threshold, and the failure lists each with its location.
package enum JUnitReport {
    package static func render(_ input: ReportInput) -> String {
        struct Problem {
            let file: String
            let line: String
            let failing: Bool
        }
        var problems: [Problem] = []
        for diagnostic in input.diagnostics {
            let region = diagnostic.primary.flatMap { input.region($0.span) }
            let file = region?.path ?? diagnostic.path ?? ""
            let place = region.map { "\($0.path):\($0.line):\($0.column)" } ?? file
            problems.append(
                Problem(
                    file: file, line: "\(place): \(diagnostic.severity.rawValue)[\(diagnostic.code.id)] \(diagnostic.message)",
                    failing: diagnostic.severity == .error))
        }
        for finding in input.findings {
            guard let region = input.region(finding.anchor) else { continue }
            problems.append(
                Problem(
                    file: region.path,
                    line: "\(region.path):\(region.line):\(region.column): \(finding.severity.rawValue)[\(finding.rule)] \(finding.messageWithHelp)",
                    failing: input.failingSeverities.contains(finding.severity)))
        }
        var files = input.checkedFiles
        for problem in problems where !files.contains(problem.file) && !problem.file.isEmpty { files.append(problem.file) }
        let failures = files.filter { file in problems.contains { $0.file == file && $0.failing } }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"lumen\" tests=\"\(files.count + input.resolved.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        out += "  <testsuite name=\"lumen check\" tests=\"\(files.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in files {
            let mine = problems.filter { $0.file == file }
            out += "    <testcase classname=\"lumen.check\" name=\"\(escape(file))\""
            let failing = mine.filter(\.failing)
            if mine.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            if !failing.isEmpty {
                let message = "\(failing.count) problem\(failing.count == 1 ? "" : "s") at or above the failure threshold"
                out += "      <failure message=\"\(escape(message))\" type=\"lumen\">"
                out += escape(failing.map(\.line).joined(separator: "\n")) + "</failure>\n"
            }
            let others = mine.filter { !$0.failing }
            if !others.isEmpty {
                out += "      <system-out>" + escape(others.map(\.line).joined(separator: "\n")) + "</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        if !input.resolved.isEmpty {
            // What the change resolved: a check that now passes is a passing test case.
            out += "  <testsuite name=\"lumen resolved\" tests=\"\(input.resolved.count)\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
            for entry in input.resolved {
                out += "    <testcase classname=\"lumen.resolved\" name=\"\(escape("\(entry.rule): \(entry.message)"))\"/>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Text and attribute escaping; characters XML 1.0 forbids are replaced.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
