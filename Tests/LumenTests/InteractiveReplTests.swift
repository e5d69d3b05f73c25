import Foundation
import Glibc
import LumenCLI
import Testing

/// `lumen repl` on a real pseudo-terminal, in a process of its own: the test
/// binary runs itself again with `LUMEN_REPL_HOST` set, and `replHost` then
/// runs the REPL on that process's standard streams (the terminal).
@Suite struct InteractiveReplTests {
    static let hostVariable = "LUMEN_REPL_HOST"

    /// Not a test of its own: the REPL host, run only in the child process.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[hostVariable] != nil))
    func replHost() {
        let arguments = (ProcessInfo.processInfo.environment[Self.hostVariable] ?? "").split(separator: "\u{1F}").map(String.init)
        exit(LumenCommand.main(["repl"] + arguments, console: .standard))
    }

    /// Starts `lumen repl ARGUMENTS` on the terminal, with HOME in `home`.
    func start(_ arguments: [String], on terminal: PseudoTerminal, home: URL) throws -> ChildProcess {
        try ChildProcess(
            executable: CommandLine.arguments[0], arguments: ["--testing-library", "swift-testing", "--filter", "replHost"],
            environment: [
                Self.hostVariable: arguments.joined(separator: "\u{1F}"), "HOME": home.path, "TERM": "xterm", "NO_COLOR": "1",
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ], terminal: terminal.slave)
    }

    @Test func aSessionOnATerminalEditsCompletesAndKeepsHistory() throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal()
        let process = try start([Paths.repository.appendingPathComponent("Examples/climate").path], on: terminal, home: home)
        try terminal.read(until: "lumen> ")
        #expect(!terminal.isCooked, "the terminal is raw while a line is edited")
        var mark = terminal.mark
        terminal.send("goal(G), G >" + Keys.enter)
        try terminal.read(until: "  ...> ", from: mark)
        mark = terminal.mark
        terminal.send("16" + Keys.enter)
        // The answer, then the prompt again.
        let answer = try terminal.read(until: "1 row\r\n\rlumen> ", from: mark)
        #expect(answer.contains("\r\nG\r\n17\r\n1 row"))
        #expect(terminal.isCooked == false)
        mark = terminal.mark
        terminal.send("target-of-g" + Keys.tab + "(T, 13)" + Keys.enter)
        let completed = try terminal.read(until: "5 rows\r\n\rlumen> ", from: mark)
        #expect(completed.contains("lumen> target-of-goal(T, 13)\u{1B}[K"))
        mark = terminal.mark
        terminal.send(Keys.up)
        try terminal.read(until: "target-of-goal(T, 13)", from: mark)
        terminal.send(Keys.control("u") + ":quit" + Keys.enter)
        #expect(process.wait() == .exited(0))
        #expect(terminal.isCooked, "the terminal is restored when the REPL ends")
        let history = try String(contentsOf: home.appendingPathComponent(".lumen_history"), encoding: .utf8)
        #expect(history == "goal(G), G >\n16\ntarget-of-goal(T, 13)\n:quit\n")
    }

    @Test func controlDOnAnEmptyLineQuits() throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal()
        let process = try start(["--no-stdlib"], on: terminal, home: home)
        try terminal.read(until: "lumen> ")
        terminal.send("goal" + Keys.control("c"))
        // Keys typed before the next prompt would meet the terminal's own line editing.
        try terminal.read(until: "^C\r\r\n\rlumen> ")
        terminal.send(Keys.control("d"))
        #expect(process.wait() == .exited(0))
        #expect(terminal.isCooked)
    }

    @Test(arguments: [SIGSEGV, SIGTERM, SIGABRT])
    func theTerminalIsRestoredWhenTheProcessDiesOfASignal(_ signal: Int32) throws {
        let home = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal()
        let process = try start(["--no-stdlib"], on: terminal, home: home)
        try terminal.read(until: "lumen> ")
        #expect(!terminal.isCooked)
        kill(process.pid, signal)
        #expect(process.wait() == .signalled(signal))
        #expect(terminal.isCooked, "raw mode was left on after signal \(signal)")
    }
}
