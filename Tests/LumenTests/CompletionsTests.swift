import Foundation
import Testing

/// `lumen completions`: scripts each shell reads, completing what the commands take.
@Suite struct CompletionsTests {
    private func shell(_ path: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func bashCompletesSubcommandsAndTheirOptions() throws {
        let script = lumen(["completions", "bash"])
        #expect(script.status == 0)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("lumen.bash").path
        try Data(script.out.utf8).write(to: URL(fileURLWithPath: path))
        let probe = """
            source '\(path)'
            COMP_WORDS=(lumen im); COMP_CWORD=1; _lumen; echo "${COMPREPLY[@]}"
            COMP_WORDS=(lumen import --f); COMP_CWORD=2; _lumen; echo "${COMPREPLY[@]}"
            COMP_WORDS=(lumen check --fo); COMP_CWORD=2; _lumen; echo "${COMPREPLY[@]}"
            """
        let run = try shell("/bin/bash", ["-c", probe])
        #expect(run.status == 0)
        #expect(run.out == "import\n--force\n--format\n")
    }

    /// zsh and fish read their scripts without a syntax error (where they are installed).
    @Test(arguments: [("zsh", "/usr/bin/zsh"), ("fish", "/usr/bin/fish")])
    func otherShellsReadTheirScripts(_ name: String, _ path: String) throws {
        let script = lumen(["completions", name])
        #expect(script.status == 0)
        #expect(script.out.contains("lsp"))
        guard FileManager.default.isExecutableFile(atPath: path) else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lumen.\(name)").path
        try Data(script.out.utf8).write(to: URL(fileURLWithPath: file))
        #expect(try shell(path, ["-n", file]).status == 0)
    }

    @Test func anUnknownShellIsAUsageError() {
        let run = lumen(["completions", "powershell"])
        #expect(run.status == 2)
        #expect(run.error.contains("Unknown shell 'powershell': expected bash, zsh or fish"))
    }
}

/// `lumen explain RULE`: what a rule of the standard library reports, and where it is.
@Suite struct ExplainRuleTests {
    @Test func aRuleIsExplained() {
        let run = lumen(["explain", "unmapped-measure"])
        #expect(run.status == 0)
        #expect(
            run.out == """
                unmapped-measure (warning): {M} advances no SDG target

                A measure should say which SDG targets it advances.

                unmapped-measure (warning): a measure advances no SDG target, so nothing says
                what it contributes.

                defined at <stdlib>/coherence/unmapped-measure.lumen:4:1

                """)
        let unknown = lumen(["explain", "no-such-rule"])
        #expect(unknown.status == 2)
        #expect(unknown.error == "Error: unknown diagnostic code or rule 'no-such-rule'; run 'lumen explain' to list the codes\n")
    }
}
