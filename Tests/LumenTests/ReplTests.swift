import Foundation
import Testing

@testable import Lumen
@testable import LumenCLI

/// `lumen repl` driven through piped input, and the session behind it.
@Suite struct ReplTests {
    static let climate = Paths.repository.appendingPathComponent("Examples/climate").path

    static let town = """
        resolution town "Town plan" {
          scope 7, 13
          measure solar "Solar roofs" {
            advances 7.2
            indicator 7.2.1
          }
          measure coal "Keep the coal plant" {
            undermines 7.2
            indicator 7.1.1
          }
        }

        """

    /// A directory holding `town.lumen`, removed by the caller.
    static func townDirectory() throws -> URL {
        let directory = try temporaryDirectory()
        try Data(town.utf8).write(to: directory.appendingPathComponent("town.lumen"))
        return directory
    }

    /// Every command once, over the climate example: the whole transcript is reviewed.
    @Test func transcriptOfEveryCommandIsAsReviewed() {
        let script = """
            :help
            advances(M, T), target-of-goal(T, 13)
            :titles on
            advances(M, T), target-of-goal(T, 13)
            :titles off
            :limit 2
            advances(M, T), target-of-goal(T, 13)
            :limit none
            :findings
            :findings undermined-target
            :why 4
            :why implements(R, P)
            :whynot uncovered-goal(7, city-energy)
            :whynot implementation-advanced(city-energy, 8)
            :rules
            :relations
            :catalog 13.2
            :catalog property
            relation climate-measure(measure)
            climate-measure(M) :-
              advances(M, T),
              target-of-goal(T, 13).
            climate-measure(M)
            :undo
            :undo
            :quit
            advances(M, T)
            """
        // Tables align on the paths shown, so the draft is named as a user at the root would name it.
        guard FileManager.default.currentDirectoryPath == Paths.repository.path else {
            Issue.record("run the tests from the repository root, as `swift test` in .ci/run does")
            return
        }
        let run = lumen(["repl", "Examples/climate"], input: Array(script.utf8))
        #expect(run.status == 0)
        #expect(run.error == "")
        expectGolden(run.out, "repl/transcript.txt")
    }

    /// `:load`, `:reload` and `:stats` through the command line, with the draft
    /// edited while the session reads its input.
    @Test func loadReloadAndStatsThroughPipedInput() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("town.lumen")
        let lines = Box([":load \(directory.path)", ":reload", "EDIT", ":reload", ":stats", "goal(G), G > 16"])
        let recorder = Recorder()
        var console = recorder.console()
        console.readLine = {
            guard var pending = Optional(lines.value), !pending.isEmpty else { return nil }
            var line = pending.removeFirst()
            if line == "EDIT" {
                try? Data(Self.town.replacingOccurrences(of: "undermines 7.2", with: "advances 13.2").utf8).write(to: file)
                line = pending.removeFirst()
            }
            lines.value = pending
            return line
        }
        let status = LumenCommand.main(["repl"], console: console)
        #expect(status == 0)
        #expect(recorder.error == "")
        let out = recorder.out.replacingOccurrences(of: directory.path, with: "DIR")
        let parts = out.components(separatedBy: "rule                  ")
        #expect(parts.count == 2)
        #expect(
            parts[0] == """
                checked 0 files: no problems
                loaded DIR
                + info[no-means-of-implementation] DIR/town.lumen:1:12: goal 7 (Affordable and clean energy) is in the scope of town, but no measure advances its means of implementation
                + info[no-means-of-implementation] DIR/town.lumen:1:12: goal 13 (Climate action) is in the scope of town, but no measure advances its means of implementation
                + warning[uncovered-goal] DIR/town.lumen:1:12: goal 13 (Climate action) is in the scope of town, but none of its measures advances it
                + error[undermined-target] DIR/town.lumen:7:11: town.coal undermines target 7.2 (Increase the share of renewable energy), which town.solar of the same resolution advances
                + warning[unmapped-measure] DIR/town.lumen:7:11: town.coal advances no SDG target
                5 findings now (+5 −0)
                reloaded (no file changed)
                findings unchanged (5)
                reloaded (changed: DIR/town.lumen)
                + warning[indicator-mismatch] DIR/town.lumen:7:11: town.coal names indicator 7.1.1 (Population with access to electricity), which measures none of the targets it advances or undermines
                - warning[uncovered-goal] DIR/town.lumen:1:12: goal 13 (Climate action) is in the scope of town, but none of its measures advances it
                - error[undermined-target] DIR/town.lumen:7:11: town.coal undermines target 7.2 (Increase the share of renewable energy), which town.solar of the same resolution advances
                - warning[unmapped-measure] DIR/town.lumen:7:11: town.coal advances no SDG target
                3 findings now (+1 −3)

                """)
        let stats = parts[1]
        #expect(stats.contains("\nrule uncovered-goal (<stdlib>/coherence/uncovered-goal.lumen:7:1) "))
        #expect(stats.contains("\nstratum 1: 5 rounds\n"))
        #expect(stats.contains("\nlast evaluation: loaded and checked in "))
        #expect(stats.hasSuffix(" times since the session started\nG\n17\n1 row\n"))
    }

    /// `:plan RULE` shows one rule's plans; a misspelt name gets a suggestion.
    @Test func planShowsTheJoinOrderOfARule() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("relation edge(integer, integer)\nrelation hop(integer, integer)\nedge(1, 2). edge(2, 3).\nhop(A, C) :- edge(A, B), edge(B, C).\n".utf8)
            .write(to: directory.appendingPathComponent("g.lumen"))
        var options = CheckOptions()
        options.useStandardLibrary = false
        let session = Session(paths: [directory.path], options: options)
        let plan = session.run(":plan hop")
        #expect(!plan.isError)
        #expect(plan.text.hasPrefix("stratum 1 (1 round)\n  a rule for `hop` at "))
        #expect(plan.text.hasSuffix(
            "g.lumen:4:1: derived 1\n    plan 1 of 1, reads every literal in full:\n"
                + "      1.  scan edge(A, B)   ~2 per binding  of 2\n      2.  index edge(B, C)  ~1 per binding  of 2\n"))
        let wrong = session.run(":plan hoop")
        #expect(wrong.isError)
        #expect(wrong.text == "error: no rule `hoop` and no rule derives `hoop`; did you mean `hop`?\n")
    }

    @Test func errorsAreShownWithCaretsAndTheSessionGoesOn() {
        let script = """
            advances(M, T
            :findings undermined-targets
            :whatever
            advances(M, 99.1)
            :why 40
            resolution("unfinished"

            goal(G), G > 16
            """
        let run = lumen(["repl", Self.climate], input: Array(script.utf8))
        #expect(run.status == 2)
        #expect(run.out == "checked 2 files: 3 errors, 2 info\nG\n17\n1 row\n")
        expectGolden(relativize(run.error, to: Paths.repository), "repl/errors.txt")
    }

    @Test func aCommandEndsAnUnfinishedInput() {
        let run = lumen(["repl", Self.climate], input: Array("goal(G), G >\n:quit\ngoal(1)\n".utf8))
        #expect(run.status == 2)
        #expect(run.out == "checked 2 files: 3 errors, 2 info\n")
        #expect(run.error.hasPrefix("error[L0101]: expected a variable or a constant, found end of file\n --> <input 1>:1:13\n"))
    }

    @Test func jsonPrintsOneObjectPerAnswer() throws {
        let script = "goal(G), G >= 16\n:findings undermined-target\n:why 1\n:nonsense\ngoal(1)\n"
        let run = lumen(["repl", "--json", Self.climate], input: Array(script.utf8))
        #expect(run.status == 2)
        #expect(run.error == "")
        let lines = run.out.split(separator: "\n").map(String.init)
        let objects = try lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["kind"] as? String } == ["loaded", "answer", "findings", "proof", "message", "answer"])
        #expect(lines[1] == #"{"kind":"answer","columns":["G"],"rows":[["16"],["17"]],"count":2}"#)
        #expect(objects[0]["findings"] as? Int == 5)
        let findings = try #require(objects[2]["findings"] as? [[String: Any]])
        #expect(findings.map { $0["number"] as? Int } == [3, 4])
        #expect(findings.map { $0["rule"] as? String } == ["undermined-target", "undermined-target"])
        #expect(lines[4] == #"{"kind":"message","text":"unknown command `:nonsense`"}"#)
        #expect(lines[5] == #"{"kind":"answer","columns":[],"rows":[[]],"count":1}"#)
    }

    @Test func typedRulesAndFactsAreAddedAndUndone() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = Session(paths: [directory.path])
        let path = directory.appendingPathComponent("town.lumen").path
        #expect(
            session.report.findings.map(\.rule) == [
                "no-means-of-implementation", "no-means-of-implementation", "uncovered-goal", "undermined-target",
                "unmapped-measure",
            ])
        let added = session.run("resolution extra \"Extra\" {\n  scope 6\n}")
        #expect(
            added.text == """
                added <input 1>
                + info[no-means-of-implementation] <input 1>:1:12: goal 6 (Clean water and sanitation) is in the scope of extra, but no measure advances its means of implementation
                + warning[uncovered-goal] <input 1>:1:12: goal 6 (Clean water and sanitation) is in the scope of extra, but none of its measures advances it
                7 findings now (+2 −0)

                """)
        let fact = session.run("advances(town.coal, 13.2).")
        #expect(
            fact.text == """
                added <input 2>
                + warning[indicator-mismatch] \(path):7:11: town.coal names indicator 7.1.1 (Population with access to electricity), which measures none of the targets it advances or undermines
                - warning[uncovered-goal] \(path):1:12: goal 13 (Climate action) is in the scope of town, but none of its measures advances it
                - warning[unmapped-measure] \(path):7:11: town.coal advances no SDG target
                6 findings now (+1 −2)

                """)
        let refused = session.run("advances(town.coal, 99.9).")
        #expect(refused.isError)
        #expect(refused.text.hasPrefix("error[L1001]: unknown target `99.9`\n --> <input 3>:1:21\n"))
        #expect(refused.text.hasSuffix("not added\n"))
        #expect(session.run("advances(town.coal, T)").text == "T\n13.2\n1 row\n")
        let undone = session.run(":undo")
        #expect(undone.text.hasPrefix("removed <input 2>: advances(town.coal, 13.2).\n+ warning[uncovered-goal] \(path):1:12"))
        #expect(session.run("advances(town.coal, T)").text == "T\n0 rows\n")
        #expect(
            session.run(":undo").text == """
                removed <input 1>: resolution extra "Extra" {
                - info[no-means-of-implementation] <input 1>:1:12: goal 6 (Clean water and sanitation) is in the scope of extra, but no measure advances its means of implementation
                - warning[uncovered-goal] <input 1>:1:12: goal 6 (Clean water and sanitation) is in the scope of extra, but none of its measures advances it
                5 findings now (+0 −2)

                """)
        let nothing = session.run(":undo")
        #expect(nothing.isError)
        #expect(nothing.text == "nothing to undo: no rule or fact was typed in this session\n")
    }

    /// Ctrl-C (here `session.interrupt()`, which the REPL's handler calls) stops a
    /// long query, and the session answers the next input as before.
    @Test func anInterruptStopsALongQueryAndTheSessionGoesOn() throws {
        let numbers = (0..<3_000).map { "n(\($0))." }.joined(separator: "\n")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("relation n(integer)\n\(numbers)\n".utf8).write(to: directory.appendingPathComponent("n.lumen"))
        let session = Session(paths: [directory.path])
        // A thread of its own, as a signal would be: the test's own threads may all be busy.
        let interrupt = session.interrupter
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            interrupt()
        }
        interrupter.start()
        // Billions of combinations: far longer than the test, unless interrupted.
        let reply = session.run("n(A), n(B), n(C), A > B, B > C, C > A")
        #expect(reply.isError)
        #expect(reply.text == "interrupted: the query stopped (Ctrl-C)\n")
        #expect(session.run("n(X), X < 2").text == "X\n0\n1\n2 rows\n")
    }

    /// `:load` of a file that cannot be read is refused; the session answers as before.
    @Test func loadingAnUnreadableFileIsRefused() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = Session(paths: [directory.path])
        let before = session.report.findings.count
        let fifo = directory.appendingPathComponent("pipe.lumen").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reply = session.run(":load \(fifo)")
        #expect(reply.isError)
        #expect(reply.text.hasSuffix("not loaded: \(fifo)\n"))
        #expect(reply.text.contains("it is not a regular file"))
        #expect(session.report.findings.count == before)
        #expect(session.run("goal(G), G > 16").text == "G\n17\n1 row\n")
    }

    /// A declaration typed at the prompt is added whatever keyword starts it; a
    /// relation of the same name followed by `(` is a query.
    @Test func everyDeclarationKeywordTypedAtThePromptIsADeclaration() {
        let session = Session(paths: [])
        let typed = [
            "kind levy \"Levy\" {\n  definition \"A levy.\"\n}", "level district \"District\" below local",
            "country atlantis \"Atlantis\"", "relation flagged(measure)",
        ]
        for (number, text) in typed.enumerated() {
            #expect(session.run(text).text.contains("added <input \(number + 1)>\n"), "\(text)")
        }
        #expect(session.run("level-below(district, L)").text == "L\nlocal\n1 row\n")
        #expect(session.run("kind(M, levy)").text == "M\n0 rows\n")
    }

    @Test func reloadSaysWhatChangedAndReparsesOnlyChangedFiles() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("town.lumen")
        let session = Session(paths: [directory.path])
        #expect(session.run(":reload").text == "reloaded (no file changed)\nfindings unchanged (5)\n")
        try Data(Self.town.replacingOccurrences(of: "undermines 7.2", with: "advances 13.2").utf8).write(to: file)
        let reply = session.run(":reload")
        let path = file.path
        #expect(
            reply.text == """
                reloaded (changed: \(path))
                + warning[indicator-mismatch] \(path):7:11: town.coal names indicator 7.1.1 (Population with access to electricity), which measures none of the targets it advances or undermines
                - warning[uncovered-goal] \(path):1:12: goal 13 (Climate action) is in the scope of town, but none of its measures advances it
                - error[undermined-target] \(path):7:11: town.coal undermines target 7.2 (Increase the share of renewable energy), which town.solar of the same resolution advances
                - warning[unmapped-measure] \(path):7:11: town.coal advances no SDG target
                3 findings now (+1 −3)

                """)
        // A reload with no change evaluates nothing; after an edit only the edited draft is parsed again.
        let stats = session.run(":stats").text
        let files = Lumen.standardLibraryFiles.filter { !$0.hasPrefix("packs/") }.count
        #expect(stats.hasSuffix("files parsed \(files + 2) times, reused \(files) times since the session started\n"))
        try Data("resolution town {\n".utf8).write(to: file)
        let broken = session.run(":reload")
        #expect(broken.text.contains("error[L0102]"))
        #expect(broken.text.hasSuffix("the files have errors: nothing was evaluated\n"))
        let query = session.run("goal(1)")
        #expect(query.isError)
        #expect(query.text.hasSuffix("error: the files have errors, so nothing was evaluated; fix them and `:reload`\n"))
    }

    @Test func loadAddsFilesToTheSession() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = Session(paths: [])
        #expect(session.report.findings.isEmpty)
        let missing = session.run(":load \(directory.path)/nothing.lumen")
        #expect(missing.isError)
        #expect(missing.text == "error: no such file or directory: \(directory.path)/nothing.lumen\n")
        let loaded = session.run(":load \(directory.path)")
        #expect(loaded.text.hasPrefix("loaded \(directory.path)\n+ info[no-means-of-implementation] \(directory.path)/town.lumen:1:12"))
        #expect(loaded.text.hasSuffix("5 findings now (+5 −0)\n"))
        #expect(session.run(":load").text == "error: usage: :load PATH\n")
    }

    @Test func whyAndWhyNotExplainFactsAndFindings() throws {
        let directory = try Self.townDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = Session(paths: [directory.path])
        let path = directory.appendingPathComponent("town.lumen").path
        #expect(
            session.run(":why goal-advanced-in(town, G)").text == """
                goal-advanced-in(town, 7)  derived by a rule for `goal-advanced-in` at <stdlib>/coherence/uncovered-goal.lumen:5:1
                  in(town.solar, town)  declared at \(path):3:11
                  advances(town.solar, 7.2)  declared at \(path):4:14
                  target-of-goal(7.2, 7)  declared at <stdlib>/sdg/goals.lumen:255:10

                """)
        #expect(
            session.run(":why goal-advanced-in(town, 13)").text
                == "`goal-advanced-in(town, 13)` does not hold; `:whynot` tells which premise is missing\n")
        #expect(
            session.run(":whynot goal-advanced-in(town, 13)").text == """
                `goal-advanced-in(town, 13)` does not hold; 1 rule could derive it:

                goal-advanced-in(R, G) at <stdlib>/coherence/uncovered-goal.lumen:5:1
                  in(M, town)            holds (2 ways)
                  advances(M, T)         holds
                  target-of-goal(T, 13)  MISSING, e.g. for M = town.solar, T = 7.2

                """)
        #expect(
            session.run(":whynot uncovered-goal(7, town)").text == """
                `uncovered-goal(7, town)` does not hold; 1 rule could derive it:

                rule `uncovered-goal` at <stdlib>/coherence/uncovered-goal.lumen:7:1
                  scope(town, 7)                 holds
                  not goal-advanced-in(town, 7)  FAILS: the negated fact holds

                """)
        #expect(session.run(":whynot goal-advanced-in(town, 7)").text == "`goal-advanced-in(town, 7)` holds; `:why goal-advanced-in(town, 7)` shows its proof\n")
        // `advances` may be inferred from a measure's kind (Rules/mapping/mapping.lumen).
        #expect(
            session.run(":whynot advances(town.coal, 7.2)").text == """
                `advances(town.coal, 7.2)` does not hold; 1 rule could derive it:

                advances(M, T) at <stdlib>/mapping/mapping.lumen:10:1
                  kind(town.coal, K)                       MISSING
                  kind-advances(K, 7.2)                    not reached
                  not rejects-advances(town.coal, 7.2, _)  not reached

                """)
        #expect(
            session.run(":whynot measured-by(town.coal, 7.2.1)").text
                == "`measured-by(town.coal, 7.2.1)` does not hold: no rule derives `measured-by`, only declarations and facts do, and none states it\n")
        #expect(session.run(":whynot advances(M, 7.2)").text == "error: `:whynot` takes a fact with values, not variables: `advances(M, 7.2)`\n")
        #expect(session.run(":whynot uncovered-goal(7)").text == "error: the findings of `uncovered-goal` have 2 subjects: uncovered-goal(G, R)\n")
        #expect(session.run(":why advances(M, T), goal(1)").text == "error: `:why` takes one fact, as in `:why covered(city-energy, 7.2)`\n")
        let why = session.run(":why 4").text
        #expect(why.hasPrefix("error[undermined-target]: town.coal undermines target 7.2"))
        #expect(why.contains("advances(town.solar, 7.2)  declared at \(path):4:14"))
    }

    @Test(arguments: [
        ("goal(G)", true), ("advances(M, T),", false), ("advances(M,\n T)", true), ("resolution r {", false),
        ("resolution r {\n}", true), ("covered(R, T) :- in(M, R)", false), ("covered(R, T) :- in(M, R).", true),
        ("rule r error \"m\" when goal(G)", false), ("rule r error \"m\" when goal(G) at", false),
        ("rule r error \"m\" when goal(G) at G", true), ("goal(G), not", false), ("", true),
    ])
    func inputIsCompleteWhenItsBracketsAndClausesAreClosed(_ text: String, _ complete: Bool) {
        #expect(Session.isComplete(text) == complete)
    }

    @Test func linesAreJoinedIntoWholeInputs() {
        var inputs = InputAssembler()
        #expect(inputs.add("goal(G)") == ["goal(G)"])
        #expect(inputs.add("advances(M,") == [])
        #expect(inputs.rest == "advances(M,")
        #expect(inputs.add("  T)") == ["advances(M,\n  T)"])
        #expect(inputs.rest == nil)
        // A blank line ends an unfinished input; a command ends it and is an input of its own.
        #expect(inputs.add("resolution r {") == [])
        #expect(inputs.add("") == ["resolution r {\n"])
        #expect(inputs.add("goal(G),") == [])
        #expect(inputs.add(":quit") == ["goal(G),", ":quit"])
        #expect(inputs.rest == nil)
    }

    @Test func completionsNameCommandsRelationsRulesAndIDs() {
        let words = Session(paths: [Self.climate]).completions
        for word in [":whynot", ":reload", "target-of-goal", "undermined-target", "13.2", "13.2.1", "property", "city-energy.coal-exit"] {
            #expect(words.contains(word), "missing \(word)")
        }
        #expect(words == words.sorted())
    }
}
