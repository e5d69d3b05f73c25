import Foundation
import Testing

@testable import LumenCLI

/// The line editor on a pseudo-terminal: keys in, the edited line out, and
/// the terminal in raw mode only while a line is edited. Serialized: one line
/// editor per process is in raw mode at a time, as in `lumen repl`.
@Suite(.serialized) struct LineEditorTests {
    struct Session {
        let outcome: LineEditor.Outcome?
        /// What the editor drew.
        let screen: String
        let rawWhileEditing: Bool
        let restoredAfter: Bool
    }

    /// Edits one line: waits for the prompt, types the keys, waits for the editor to return.
    func edit(
        _ keys: [String], history: History = History(path: nil), completions: [String] = [], columns: UInt16 = 80
    ) throws -> Session {
        let terminal = try PseudoTerminal(columns: columns)
        let editor = Box(LineEditor(input: terminal.slave, output: terminal.slave, history: history, completions: { completions }))
        let outcome = Box<LineEditor.Outcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            outcome.value = editor.value.readLine(prompt: "> ")
            done.signal()
        }
        try terminal.read(until: "> ")
        let raw = !terminal.isCooked
        for key in keys { terminal.send(key) }
        let deadline = Date().addingTimeInterval(20)
        while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            terminal.drain()
            if Date() > deadline {
                Issue.record("the editor did not return; screen: \(terminal.output.debugDescription)")
                terminal.send(Keys.control("c"))
                _ = done.wait(timeout: .now() + 5)
                break
            }
        }
        terminal.drain()
        return Session(outcome: outcome.value, screen: terminal.output, rawWhileEditing: raw, restoredAfter: terminal.isCooked)
    }

    @Test func arrowsHomeEndAndBackspaceEditTheLine() throws {
        let session = try edit(["goal(G)", Keys.home, "x", Keys.end, Keys.backspace, Keys.left, Keys.left, "y", Keys.right, Keys.enter])
        #expect(session.outcome == .line("xgoaly(G"))
        #expect(session.rawWhileEditing)
        #expect(session.restoredAfter)
    }

    @Test func emacsKeysKillAndMove() throws {
        let first = try edit(
            ["one two three", Keys.control("w"), Keys.control("a"), Keys.right, Keys.right, Keys.right, Keys.right, Keys.control("k"),
             Keys.control("e"), "four", Keys.enter])
        #expect(first.outcome == .line("one four"))
        let second = try edit(["abc", Keys.control("u"), "x", Keys.enter])
        #expect(second.outcome == .line("x"))
        let third = try edit(["abc", Keys.homeTilde, Keys.delete, Keys.endSS3, "d", Keys.control("b"), Keys.control("d"), Keys.enter])
        #expect(third.outcome == .line("bc"))
    }

    @Test func controlCDropsTheLineAndControlDOnAnEmptyLineEndsInput() throws {
        let interrupted = try edit(["goal(G)", Keys.control("c")])
        #expect(interrupted.outcome == .interrupted)
        #expect(interrupted.screen.contains("\r> goal(G)\u{1B}[K\r\u{1B}[9C^C\r"))
        #expect(interrupted.restoredAfter)
        let ended = try edit([Keys.control("d")])
        #expect(ended.outcome == .endOfInput)
        #expect(ended.restoredAfter)
    }

    @Test func wideAndAccentedCharactersAreOneCharacterEach() throws {
        let session = try edit(["é", "漢", Keys.left, "x", Keys.left, Keys.left, Keys.control("d"), Keys.enter])
        #expect(session.outcome == .line("x漢"))
        // The cursor is placed by display width: after the prompt (2) and `x漢` (3).
        let narrow = try edit(["漢字", Keys.enter])
        #expect(narrow.screen.contains("\r> 漢字\u{1B}[K\r\u{1B}[6C"))
    }

    @Test func aLongLineScrollsToKeepTheCursorVisible() throws {
        let text = String(repeating: "abcdefghij", count: 5)
        let session = try edit([text, Keys.enter], columns: 20)
        #expect(session.outcome == .line(text))
        // The last redraw shows the end of the line and fits in 20 columns.
        let last = try #require(session.screen.components(separatedBy: "\r> ").last)
        let drawn = String(last.prefix { $0 != "\u{1B}" })
        #expect(drawn == "efghijabcdefghij")
    }

    @Test func upAndDownWalkTheHistoryAndKeepTheLineBeingTyped() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(".lumen_history").path
        try Data("goal(1)\ngoal(2)\n".utf8).write(to: URL(fileURLWithPath: path))
        let back = try edit([Keys.up, Keys.up, Keys.down, Keys.enter], history: History(path: path))
        #expect(back.outcome == .line("goal(2)"))
        let typed = try edit(["draft", Keys.up, Keys.up, Keys.up, Keys.down, Keys.down, Keys.enter], history: History(path: path))
        #expect(typed.outcome == .line("draft"))
        var history = History(path: path)
        history.add("goal(3)")
        history.add("goal(3)")
        history.add("   ")
        history.add(":quit")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "goal(1)\ngoal(2)\ngoal(3)\n:quit\n")
        #expect(History(path: path).entries == ["goal(1)", "goal(2)", "goal(3)", ":quit"])
    }

    /// The history is a regular file: a FIFO or a device put in its place is
    /// neither waited on nor written (the REPL never blocks on it).
    @Test func aHistoryThatIsNotARegularFileIsLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(".lumen_history").path
        #expect(mkfifo(path, 0o600) == 0)
        var history = History(path: path)
        #expect(history.entries.isEmpty)
        history.add("goal(1)")
        history.compact()
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func historyKeepsTheLastThousandEntries() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(".lumen_history").path
        try Data((1...1200).map { "goal(\($0))\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        let history = History(path: path)
        #expect(history.entries.count == 1000)
        #expect(history.entries.first == "goal(201)")
        history.compact()
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 1000)
    }

    @Test func tabCompletesTheCommonPartThenTheWholeWord() throws {
        let words = [":why", ":whynot", "advances", "target", "target-of-goal"]
        let relation = try edit(["targ", Keys.tab, Keys.tab, "(T, 13)", Keys.enter], completions: words)
        #expect(relation.outcome == .line("target-of-goal(T, 13)"))
        let inside = try edit(["x(adv", Keys.tab, "(M, T)", Keys.enter], completions: words)
        #expect(inside.outcome == .line("x(advances(M, T)"))
        let command = try edit([":wh", Keys.tab, Keys.enter], completions: words)
        #expect(command.outcome == .line(":why"))
    }

    @Test func tabListsTheCandidatesWhenNothingCanBeAdded() throws {
        let words = [":why", ":whynot", ":load"]
        let session = try edit([":", Keys.tab, Keys.control("c")], completions: words)
        #expect(session.screen.contains("\n:load  :why  :whynot\r"))
        #expect(session.outcome == .interrupted)
    }

    @Test func keyDecoderReadsEscapeSequencesAndUTF8() {
        var bytes = Array("\u{1B}[A\u{1B}OH\u{1B}[4~\u{1B}[1;5C\u{1B}[3~é\u{1}\u{7F}\r".utf8)
        bytes.reverse()
        let decoder = KeyDecoder { bytes.popLast() }
        var keys: [Key] = []
        while let key = decoder.read() { keys.append(key) }
        #expect(keys == [.up, .home, .end, .right, .delete, .text("é"), .control("a"), .backspace, .enter])
    }
}
