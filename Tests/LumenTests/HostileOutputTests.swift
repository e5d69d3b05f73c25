import Foundation
import Testing

@testable import Lumen

/// User text reaches every report: each format escapes it by its own rules,
/// so that no draft forges a workflow command, a spreadsheet formula, a link,
/// a mention or a terminal escape (docs/robustness.md, the threat model).
@Suite struct HostileOutputTests {
    /// A draft whose rule writes a hostile text into a finding's message.
    static func draft(_ text: String) -> String {
        let literal = text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            default: return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }.joined()
        return """
            relation note(m: measure, text: text)
            resolution plan "Plan" {
              measure m1 "M1" {
                advances 2.3
                indicator 2.3.1
              }
            }
            note(plan.m1, "\(literal)").
            rule noted warning "{T}" when note(M, T) at M

            """
    }

    func run(_ text: String, _ arguments: [String]) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.draft(text).utf8).write(to: directory.appendingPathComponent("plan.lumen"))
        let run = lumen(arguments + [directory.path])
        return Run(status: run.status, out: relativize(run.out, to: directory), error: run.error)
    }

    @Test(arguments: ["\r\n::error::forged", "\n::stop-commands::token", "\r::error::forged", "a\u{2028}::error::b"])
    func githubAnnotationsStayOneLineEach(_ text: String) throws {
        let out = try run(text, ["check", "--format", "github"]).out
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") || $0.hasPrefix("::error ") })
        #expect(!out.contains("\r") && !out.contains("\u{2028}"))
        #expect(!out.contains("\n::error::") && !out.contains("\n::stop-commands"))
    }

    @Test func markdownShowsUserTextAsText() throws {
        let out = try run("![x](http://evil.example/p.png) @octocat [a](javascript:alert(1)) <b>|</b>\r\n| row |", ["check", "--format", "markdown"]).out
        let row = try #require(out.split(separator: "\n").first { $0.hasPrefix("| warning | `noted`") })
        #expect(row == "| warning | `noted` | `plan.lumen:3:11` | &#33;&#91;x&#93;(http&#58;//evil.example/p.png) &#64;octocat &#91;a&#93;(javascript:alert(1)) &lt;b&gt;\\|&lt;/b&gt;  \\| row \\| |")
        #expect(!out.contains("\r"))
    }

    @Test func csvCellsAreNeitherFormulasNorBrokenRows() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drafts = directory.appendingPathComponent("drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        try Data(Self.draft("=HYPERLINK(\"http://evil\")\r\nx,y").utf8).write(to: drafts.appendingPathComponent("plan.lumen"))
        let csv = directory.appendingPathComponent("csv")
        #expect(lumen(["audit", drafts.path, "--csv", csv.path]).status == 0)
        let findings = try String(contentsOf: csv.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(findings.contains("\"'=HYPERLINK(\"\"http://evil\"\")\r\nx,y\"\r\n"))
        // One header and one row: the line break is inside the quoted field.
        #expect(findings.components(separatedBy: "\"\r\n").count == 2)
    }

    @Test func htmlLinksToDraftsCannotCarryAScheme() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("resolution plan \"Plan\" {\n  measure m \"M\"\n}\n".utf8).write(to: directory.appendingPathComponent("javascript:alert(1).lumen"))
        let html = directory.appendingPathComponent("report.html")
        #expect(lumen(["audit", directory.path, "--html", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("href=\"./javascript:alert(1).lumen#L2\""))
        #expect(!page.contains("href=\"javascript:"))
    }

    @Test func noEscapeReachesTheTerminal() throws {
        let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m"
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("pack.lumen")
        try Data("kind evil \"Evil\\u{1b}[2J\" {\n  definition \"x\\u{9b}31m\"\n}\n".utf8).write(to: pack)
        let catalog = lumen(["catalog", "--rules", pack.path, "kind", "evil"])
        #expect(catalog.status == 0)
        let plan = directory.appendingPathComponent("plan.lumen")
        try Data(Self.draft(escape).utf8).write(to: plan)
        let eval = lumen(["eval", plan.path])
        let query = lumen(["query", "note(M, T)", plan.path])
        let repl = lumen(["repl", plan.path], input: Array("note(M, T)\n:findings\n".utf8))
        let check = lumen(["check", plan.path])
        for (name, output) in [("catalog", catalog.out), ("eval", eval.out), ("query", query.out), ("repl", repl.out), ("check", check.out)] {
            #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || (0x80...0x9F).contains($0.value) || $0 == "\u{07}" }, "\(name)")
        }
        // The tab-separated model keeps one line per tuple, the escape written out.
        #expect(eval.out.contains("note\tplan.m1\t\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{9b}31m\n"))
    }
}
