import Foundation
import Testing

@testable import Lumen

/// `lumen eval`: the model of a program, as tuples or counts.
@Suite struct EvalCommandTests {
    static let program = """
        relation edge(integer, integer)
        relation path(integer, integer)
        relation label(integer, text)
        relation unreached(integer)
        edge(1, 2).
        edge(2, 3).
        edge(10, 2).
        label(3, "three\\tthird").
        path(A, B) :- edge(A, B).
        path(A, C) :- path(A, B), edge(B, C).
        unreached(A) :- edge(A, _), not path(_, A).

        """

    func run(_ arguments: [String], _ source: String = program) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("graph.lumen")
        try Data(source.utf8).write(to: file)
        let run = lumen(["eval", "--no-stdlib"] + arguments + [file.path])
        return Run(status: run.status, out: relativize(run.out, to: directory), error: relativize(run.error, to: directory))
    }

    @Test func printsEveryTupleSortedByRelationAndValues() throws {
        let run = try run([])
        #expect(run.status == 0)
        #expect(run.error == "")
        #expect(
            run.out == """
                edge\t1\t2
                edge\t2\t3
                edge\t10\t2
                label\t3\tthree\\tthird
                path\t1\t2
                path\t1\t3
                path\t2\t3
                path\t10\t2
                path\t10\t3
                unreached\t1
                unreached\t10

                """)
    }

    @Test func theModelIsTheSameWithoutProvenance() throws {
        let with = try run([])
        let without = try run(["--no-provenance"])
        #expect(without.status == 0)
        #expect(without.out == with.out)
        #expect(try run(["--no-provenance", "--count"]).out == "path\t5\nunreached\t2\n")
    }

    @Test func countPrintsDerivedRelationsOnly() throws {
        let run = try run(["--count"])
        #expect(run.status == 0)
        #expect(run.out == "path\t5\nunreached\t2\n")
    }

    @Test func invalidProgramsPrintDiagnosticsOnStandardError() throws {
        let run = try run([], "relation p(integer)\np(X) :- q(X).\n")
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(run.error.hasPrefix("error[L1006]: unknown relation `q`\n --> graph.lumen:2:9\n"))
    }

    /// A rule whose comparison reads one literal's columns only: the literal is filtered ahead.
    static let lowScores = """
        relation score(integer, integer)
        relation low(integer)
        score(1, 5). score(2, 1). score(3, 2). score(4, 9).
        low(A) :- score(A, S), S < 3.

        """

    @Test func statsNameWhatWasBuiltAheadOfARule() throws {
        let run = try run(["--stats"], Self.lowScores)
        #expect(run.status == 0)
        // The comparison over `score`'s own columns is applied to it first: two tuples pass.
        #expect(run.error.contains("low: `score(A, S)` filtered ahead by `S < 3` (2 rows)\n"), "\(run.error)")
        #expect(run.out.contains("low\t2\n") && run.out.contains("low\t3\n"))
    }

    /// A relation built ahead of a rule is a step of the rule's plan: the plan
    /// says so before the join that reads it.
    @Test func explainPlanShowsWhatWasBuiltAhead() throws {
        let run = try run(["--explain-plan"], Self.lowScores)
        #expect(run.status == 0)
        #expect(
            run.out == """
                stratum 1 (1 round)
                  a rule for `low` at graph.lumen:4:1: derived 2
                    built ahead: `score(A, S)` filtered ahead by `S < 3` (2 rows)
                    plan 1 of 1, reads every literal in full:
                      1.  scan score(A, S) where S < 3  ~2 per binding  of 2

                """)
    }

    /// `--explain-plan`: each rule's plans, the planner's estimates and what the
    /// rule derived, the same bytes every time (no times).
    @Test func explainPlanPrintsEachRulesPlans() throws {
        let source = """
            relation edge(integer, integer)
            relation blocked(integer)
            relation path(integer, integer)
            edge(1, 2). edge(2, 3). edge(3, 4). edge(2, 5).
            blocked(5).
            path(A, B) :- edge(A, B), not blocked(B).
            path(A, C) :- path(A, B), edge(B, C), B < C.

            """
        let run = try run(["--explain-plan"], source)
        #expect(run.status == 0)
        #expect(
            run.out == """
                stratum 1 (4 rounds)
                  a rule for `path` at graph.lumen:6:1: derived 3
                    plan 1 of 1, reads every literal in full:
                      1.  scan edge(A, B)       ~4 per binding  of 4
                      2.  check not blocked(B)                  of 1
                  a rule for `path` at graph.lumen:7:1: derived 4
                    plan 1 of 2, reads every literal in full:
                      1.  scan path(A, B)                      ~0 per binding    of 0
                      2.  index edge(B, C) (and 1 comparison)  ~1.3 per binding  of 4
                    plan 2 of 2, reads the new tuples of `path(A, B)`:
                      1.  scan new path(A, B)                  ~0 per binding    of 0
                      2.  index edge(B, C) (and 1 comparison)  ~1.3 per binding  of 4

                """)
        #expect(try self.run(["--explain-plan"], source).out == run.out)
    }

    @Test func limitsApply() throws {
        let run = try run(["--max-tuples", "3"])
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(run.error.hasPrefix("error[L2008]: evaluation stopped after deriving 3 tuples"))
    }
}

/// `lumen eval --facts DIR`: relations filled from Soufflé-style fact files.
@Suite struct FactsFileTests {
    static let program = """
        relation edge(integer, integer)
        relation name(integer, text)
        relation path(integer, integer)
        path(A, B) :- edge(A, B).
        path(A, C) :- path(A, B), edge(B, C).

        """

    static let amounts = """
        unit t "t"
        unit kt "kt" = 1000 t
        relation amount(integer, quantity)
        relation heavy(integer)
        heavy(N) :- amount(N, V), V > 1.3 kt.

        """

    func run(_ files: [String: String], _ arguments: [String] = [], program text: String = FactsFileTests.program) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let facts = directory.appendingPathComponent("facts")
        try FileManager.default.createDirectory(at: facts, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: facts.appendingPathComponent(name)) }
        let program = directory.appendingPathComponent("graph.lumen")
        try Data(text.utf8).write(to: program)
        let run = lumen(["eval", "--no-stdlib", "--facts", facts.path] + arguments + [program.path])
        return Run(status: run.status, out: run.out, error: relativize(run.error, to: directory))
    }

    @Test func quantitiesAreReadWithTheirUnits() throws {
        let run = try run(["amount.facts": "1\t1200 t\n2\t1.5 kt\n3\t2\n"], ["--count"], program: Self.amounts)
        #expect(run.status == 0, "\(run.error)")
        // 1200 t is below 1.3 kt, 1.5 kt above it; 2 without a unit is no mass (and says so).
        #expect(run.out == "heavy\t1\n")
        #expect(run.error.contains("warning[L2014]: a rule of `heavy` met units that do not convert once, first with 2 and 1.3 kt"))
        let bad = try self.run(["amount.facts": "1\t12,5 kt\n"], program: Self.amounts)
        #expect(bad.status == 2)
        #expect(bad.error.contains("error[L0209]: expected a number and its unit in column 2 (`12.5 kt-co2e`), found `12,5 kt`\n --> facts/amount.facts:1:3"))
    }

    @Test func factsFilesFillTheRelationsTheyName() throws {
        let run = try run(["edge.facts": "1\t2\r\n2\t3\n\n-4\t1\n", "name.facts": "1\tthe first\n"])
        #expect(run.status == 0)
        #expect(run.error == "", "a relation filled from a file is not reported empty")
        #expect(
            run.out == """
                edge\t-4\t1
                edge\t1\t2
                edge\t2\t3
                name\t1\tthe first
                path\t-4\t1
                path\t-4\t2
                path\t-4\t3
                path\t1\t2
                path\t1\t3
                path\t2\t3

                """)
        let counted = try self.run(["edge.facts": "1\t2\n2\t3\n"], ["--count"])
        #expect(counted.out == "path\t3\n")
        // A relation no file fills is still reported empty.
        #expect(counted.error.contains("relation `name` has no facts and no rule derives it"))
        #expect(!counted.error.contains("relation `edge` has no facts"))
    }

    @Test func statisticsSayHowLongReadingTheFilesTook() throws {
        let run = try run(["edge.facts": "1\t2\n2\t3\n"], ["--count", "--stats"])
        #expect(run.status == 0)
        // Times vary; which phases are named, in which order, does not.
        let time = run.error.split(separator: "\n").last.map(String.init) ?? ""
        let phases = time.split(separator: ",").map { $0.split(separator: " ").dropLast(2).joined(separator: " ") }
        #expect(phases == ["time: reading fact files", "planning", "rules", "evaluation in all"], "\(run.error)")
        #expect(run.out == "path\t3\n")
    }

    @Test func aValueRepeatedFromTheLineBeforeIsTheSameValue() throws {
        // Repeats take the id of the line before; a different value of the same length does not.
        let run = try run(["name.facts": "1\tsame\n2\tsame\n3\tsamf\n4\tsamf\n5\tsame\n6\tsam\n7\tsame\n"])
        #expect(run.status == 0)
        #expect(
            run.out == """
                name\t1\tsame
                name\t2\tsame
                name\t3\tsamf
                name\t4\tsamf
                name\t5\tsame
                name\t6\tsam
                name\t7\tsame

                """)
    }

    @Test func repeatsSkipBlankAndBadLinesAndKeepCarriageReturnsInsideFields() throws {
        // A repeat takes the value of the last valid line above it; a bad line ends the
        // run of repeats; a carriage return is dropped only at the end of a line.
        let run = try run([
            "name.facts": "1\tsame\r\n\n2\tsame\nx\tsame\n3\tsame\n3\ts\rx\n4\ts\rx\r\n5\t\r\n5\t",
        ])
        #expect(run.status == 2)
        #expect(run.error.contains("facts/name.facts:4:1"))
        let valid = try self.run([
            "name.facts": "1\tsame\r\n\n2\tsame\n3\tsame\n3\ts\rx\n4\ts\rx\r\n5\t\r\n5\t",
        ])
        #expect(valid.status == 0)
        #expect(
            valid.out == """
                name\t1\tsame
                name\t2\tsame
                name\t3\ts\\rx
                name\t3\tsame
                name\t4\ts\\rx
                name\t5\t

                """)
    }

    @Test func fieldsOfEveryLengthEndAtTheirTab() throws {
        // Fields are scanned eight bytes at a time: a tab or line end at each place in a word.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let names = (0..<20).map { (length: Int) -> String in String((0..<length).map { letters[($0 * 7 + length) % 26] }) }
        let text = names.enumerated().map { "\($0.offset)\t\($0.element)" }.joined(separator: "\n")
        let run = try run(["name.facts": text + "\r\n"])
        #expect(run.status == 0)
        let expected = names.enumerated().map { "name\t\($0.offset)\t\($0.element)" }.sorted { a, b in
            let x = Int(a.split(separator: "\t", omittingEmptySubsequences: false)[1]) ?? 0
            let y = Int(b.split(separator: "\t", omittingEmptySubsequences: false)[1]) ?? 0
            return x < y
        }
        #expect(run.out == expected.joined(separator: "\n") + "\n")
    }

    @Test func aFileReadInPiecesKeepsItsLineNumbersAndItsErrorLimit() throws {
        // 120,000 lines (past a megabyte, so two pieces): a bad line every 800 lines
        // from line 800 on (150 of them), and a value repeated across every piece's end.
        var lines: [String] = []
        for line in 1...120_000 {
            lines.append(line % 800 == 0 ? "x\tbad" : "\(line)\t\(line / 1000 % 2 == 0 ? "even" : "odd")")
        }
        let text = lines.joined(separator: "\n")
        #expect(text.utf8.count > FactsReader.pieceSize)
        let run = try run(["name.facts": text], ["--count"])
        #expect(run.status == 2)
        let places = run.error.components(separatedBy: "\n").filter { $0.contains("--> facts/name.facts:") }
        #expect(places.count == FactsReader.errorLimit)
        #expect(places.first == " --> facts/name.facts:800:1")
        #expect(places.last == " --> facts/name.facts:80000:1")
        #expect(run.error.contains("too many errors; 50 more in this file not shown"))
        let valid = try self.run(["name.facts": lines.filter { !$0.hasPrefix("x") }.joined(separator: "\n")])
        #expect(valid.status == 0)
        let tuples = valid.out.split(separator: "\n")
        #expect(tuples.count == 120_000 - 150)
        let evens = lines.filter { !$0.hasPrefix("x") && $0.hasSuffix("\teven") }.count
        #expect(tuples.filter { $0.hasSuffix("\teven") }.count == evens)
    }

    @Test func badLinesAndUnknownFilesAreDiagnosedWithTheirPlace() throws {
        let run = try run(["edge.facts": "1\t2\nx\t3\n4\n1\t2\t3\n", "edges.facts": "1\t2\n", "name.facts": ""])
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(
            run.error == """
                error[L0209]: expected an integer in column 1, found `x`
                 --> facts/edge.facts:2:1
                  = help: one tuple per line: 2 values separated by tabs (integer, integer)

                error[L0209]: line has 1 value, the relation has 2 columns
                 --> facts/edge.facts:3:1
                  = help: one tuple per line: 2 values separated by tabs (integer, integer)

                error[L0209]: line has 3 values, the relation has 2 columns
                 --> facts/edge.facts:4:1
                  = help: one tuple per line: 2 values separated by tabs (integer, integer)

                error[L0209]: `edges.facts` names no relation of the program
                 --> facts/edges.facts
                  = help: did you mean `edge.facts`?


                """)
    }

    @Test(arguments: [("missing", "no such directory"), ("graph.lumen", "not a directory")])
    func factsMustNameADirectory(_ name: String, _ reason: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = directory.appendingPathComponent("graph.lumen")
        try Data(Self.program.utf8).write(to: program)
        let run = lumen(["eval", "--no-stdlib", "--facts", directory.appendingPathComponent(name).path, program.path])
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(
            relativize(run.error, to: directory).hasSuffix("""
                error[L0203]: cannot read `\(name)`: \(reason)
                 --> \(name)
                  = help: give `--facts` the directory that holds the `<relation>.facts` files


                """))
    }
}
