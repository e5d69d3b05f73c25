import Foundation
import Testing

/// One test per hostile input of the robustness issue, each asserting the
/// diagnostic and the exit status (docs/robustness.md lists them).
@Suite struct HostileInputTests {
    /// Writes files into a fresh directory and checks it with `lumen check ARGUMENTS DIR`.
    func check(_ files: [String: [UInt8]], _ arguments: [String] = [], terminal: Bool = false) throws -> (run: Run, directory: URL) {
        let directory = try temporaryDirectory()
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let run = lumen(["check"] + arguments + [directory.path], terminal: terminal)
        return (Run(status: run.status, out: relativize(run.out, to: directory), error: run.error), directory)
    }

    func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    @Test func invalidUTF8IsReportedAndTheRestOfTheFileChecked() throws {
        let (run, directory) = try check(["bad.lumen": text("country a \"A") + [0xFF, 0xFE] + text("\"\nrelation r(\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.contains("error[L0005]: invalid UTF-8 in file\n --> bad.lumen:1:13\n"))
        #expect(run.out.contains("error[L0101]"), "the syntax error after the bad bytes is reported too")
    }

    /// A key given twice in any JSON Lumen reads is refused at the second: a reader
    /// would otherwise keep one of the two silently.
    @Test func duplicateKeysAreRefused() throws {
        let (run, directory) = try check(["twice.json": text(#"{"resolutions": [{"id": "a", "title": "A", "id": "b"}]}"# + "\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0207]: malformed JSON: the key `id` appears twice in this object; keep one\n --> twice.json:1:44\n"))
        let config = directory.appendingPathComponent("lumen.json")
        try Data(#"{"failOn": "error", "failOn": "never"}"#.utf8).write(to: config)
        let configured = lumen(["check", "--config", config.path])
        #expect(configured.status == 2)
        #expect(configured.out.contains("the key `failOn` appears twice in this object; keep one"))
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let (run, directory) = try check(["bom.lumen": [0xEF, 0xBB, 0xBF] + text("country a \"A\"\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(run.out == "checked 1 file: no problems\n")
    }

    @Test func crlfLineEndingsGiveTheSameColumns() throws {
        let (run, directory) = try check(["crlf.lumen": text("country a \"A\"\r\ncountry b @\r\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0001]: unexpected character `@`\n --> crlf.lumen:2:11\n"))
        #expect(!run.out.contains("\r"))
    }

    /// A file with a NUL byte is not a draft's text: the diagnostic gives the
    /// place and names the character, and no line of the file is printed.
    @Test func nulBytesAreDiagnosedWithoutAnExcerpt() throws {
        let (run, directory) = try check(["nul.lumen": text("country a \"A\"\0\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0001]: unexpected character `\\u{0}`\n --> nul.lumen:1:14\n  = help: "))
        #expect(!run.out.contains("country a"))
        #expect(!run.out.contains("\0"))
    }

    @Test func aHundredThousandCharacterIdentifierIsElidedInMessagesAndWindowedInExcerpts() throws {
        let name = "r" + String(repeating: "x", count: 100_000)
        let (run, directory) = try check(["long.lumen": text("rule \(name) error \"m\" when \(name)(X) at X\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        let elided = "`r" + String(repeating: "x", count: 38) + "…" + String(repeating: "x", count: 19) + "`"
        #expect(run.out.hasPrefix("error[L1006]: unknown relation \(elided)\n --> long.lumen:1:100023\n"))
        #expect(run.out.count < 2_000)
    }

    @Test func tenThousandErrorsAreCappedWithACount() throws {
        let (run, directory) = try check(["errors.lumen": text(String(repeating: "@\n", count: 10_000))])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.components(separatedBy: "error[L0001]").count - 1 == 100)
        #expect(run.out.contains("note[L0007]: too many errors; 9900 more in this file not shown"))
    }

    @Test func symlinkLoopsAndUnreadableFilesAreReportedAndTheRestChecked() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = FileManager.default
        try manager.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("sub/loop").path, withDestinationPath: directory.path)
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("self.lumen").path, withDestinationPath: "self.lumen")
        let secret = directory.appendingPathComponent("secret.lumen")
        try Data("country s \"S\"\n".utf8).write(to: secret)
        try manager.setAttributes([.posixPermissions: 0], ofItemAtPath: secret.path)
        defer { try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path) }
        try Data("country ok \"OK\"\n".utf8).write(to: directory.appendingPathComponent("ok.lumen"))
        let run = lumen(["check", directory.path])
        #expect(run.status == 2)
        let out = relativize(run.out, to: directory)
        #expect(out.contains("error[L0203]: cannot read `self.lumen`"))
        // Running as root, permissions do not stop reading; otherwise the file is reported.
        if getuid() != 0 { #expect(out.contains("error[L0203]: cannot read `secret.lumen`: permission denied")) }
        #expect(out.hasSuffix(getuid() == 0 ? "checked 2 files: 1 error\n" : "checked 1 file: 2 errors\n"))
    }

    @Test(arguments: [
        ("use \"../outside.lumen\"\n", "../outside.lumen"), ("use \"/etc/hosts.lumen\"\n", "/etc/hosts.lumen"),
    ])
    func usePathsMayNotLeaveTheProjectRoot(_ source: String, _ path: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let project = directory.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try Data(source.utf8).write(to: project.appendingPathComponent("main.lumen"))
        try Data("country x \"X\"\n".utf8).write(to: directory.appendingPathComponent("outside.lumen"))
        let run = lumen(["check", project.path])
        #expect(run.status == 2)
        #expect(relativize(run.out, to: project).hasPrefix("error[L0201]: `use \"\(path)\"` leaves the project root\n --> main.lumen:1:5\n"))
    }

    @Test func aJSONDraftNestedAMillionLevelsDeepStopsAtTheLimit() throws {
        let (run, directory) = try check([
            "deep.json": text("{\"resolutions\": " + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000) + "}")
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0207]: malformed JSON: JSON nested more than 512 levels deep (`--max-nesting`)\n --> deep.json:1:528\n"))
    }

    @Test func aCSVWithAMillionColumnsIsCappedWithACount() throws {
        let header = (["resolution", "measure"] + Array(repeating: "x", count: 1_000_000)).joined(separator: ",")
        let (run, directory) = try check(["wide.csv": text(header + "\nr,m\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 2)
        #expect(run.out.components(separatedBy: "error[L0207]: unknown column").count - 1 == 100)
        #expect(run.out.contains("note[L0007]: too many errors; 999900 more in this file not shown"))
    }

    /// `{`, `}` and `%` in user text are text: never placeholders or format directives.
    @Test func formatStringsInUserTextAreNotInterpreted() throws {
        let source = """
            relation note(resolution, text)
            resolution r "100% {X} %s %d %n {{" {
            }
            note(r, "%s%s%n {R} {{}} %@").
            rule noted warning "note on {R}: {T} (100%)" when note(R, T) at R

            """
        let (run, directory) = try check(["format.lumen": text(source)], ["--no-stdlib"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        #expect(run.out.contains("warning[noted]: note on r: %s%s%n {R} {{}} %@ (100%)\n"))
    }

    @Test func terminalEscapesInTitlesAndMessagesAreNeverPrintedRaw() throws {
        let source = """
            goal 1 "\\u{1B}]0;owned\\u{7}\\u{1B}[31mRed" {
              target 1.1 "\\u{1B}[2JCleared"
            }
            relation note(target, text)
            note(1.1, "\\u{1B}[5mblink").
            rule noted warning "{T}: {N}" when note(T, N) at T

            """
        let (run, directory) = try check(["escape.lumen": text(source)], ["--no-stdlib"], terminal: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(run.status == 0)
        // Colour codes of Lumen's own are allowed; the input's escape sequences are not.
        for sequence in ["\u{1B}]0;", "\u{1B}[2J", "\u{1B}[5m", "\u{7}"] {
            #expect(!run.out.contains(sequence), "raw \(sequence.debugDescription) printed")
        }
        #expect(run.out.contains("1.1 (␛[2JCleared): ␛[5mblink"))
    }

    @Test func htmlInTitlesIsEscapedInEveryMarkupReport() throws {
        let source = """
            goal 1 "<b>Bold</b>" {
              target 1.1 "<script>alert(1)</script> & more"
            }
            relation note(target, text)
            note(1.1, "<img src=x onerror=alert(1)>").
            rule noted warning "{T}: {N}" when note(T, N) at T

            """
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(source.utf8).write(to: directory.appendingPathComponent("html.lumen"))
        // Markup formats escape it; JSON, SARIF and GitHub annotations carry the text as it is.
        for format in ["junit", "markdown"] {
            let run = lumen(["check", "--no-stdlib", "--format", format, directory.path])
            #expect(run.status == 0, "\(format)")
            #expect(!run.out.contains("<script>"), "raw <script> in \(format)")
            #expect(!run.out.contains("<img"), "raw <img in \(format)")
        }
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(lumen(["check", "--no-stdlib", "--format", "json", directory.path]).out.utf8))
                as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.first?["message"] as? String == "1.1 (<script>alert(1)</script> & more): <img src=x onerror=alert(1)>")
        let junit = lumen(["check", "--no-stdlib", "--format", "junit", directory.path]).out
        #expect(junit.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        let markdown = lumen(["check", "--no-stdlib", "--format", "markdown", directory.path]).out
        #expect(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
}

/// Files Lumen writes replace the old file in one rename: a reader that
/// opened the old file still reads all of it, never a mix, and no temporary
/// file is left behind.
@Suite struct AtomicWriteTests {
    /// Opens `path`, runs `write`, and returns what the open handle then reads.
    func contentSeenByAnEarlierReader(of path: String, during write: () -> Void) throws -> String {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        write()
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test(arguments: ["output", "baseline", "fmt"])
    func everyWrittenFileIsReplacedByRename(_ kind: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let draft = directory.appendingPathComponent("draft.lumen")
        try Data("country   x \"X\"\n".utf8).write(to: draft)
        let target = kind == "fmt" ? draft : directory.appendingPathComponent("written.txt")
        let old = kind == "fmt" ? "country   x \"X\"\n" : "the old file\n"
        try Data(old.utf8).write(to: target)
        let arguments: [String] =
            switch kind {
            case "output": ["check", "--no-stdlib", "--output", target.path, draft.path]
            case "baseline": ["check", "--no-stdlib", "--write-baseline", target.path, draft.path]
            default: ["fmt", "--write", draft.path]
            }
        var status: Int32 = -1
        let seen = try contentSeenByAnEarlierReader(of: target.path) { status = lumen(arguments).status }
        #expect(status == 0)
        #expect(seen == old, "an open reader saw a changed file")
        let now = try String(contentsOf: target, encoding: .utf8)
        #expect(now != old)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == (kind == "fmt" ? ["draft.lumen"] : ["draft.lumen", "written.txt"]))
    }
}
