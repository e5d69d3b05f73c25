import Foundation
import Testing

/// Every limit has a flag, a default and a diagnostic when it is reached.
@Suite struct LimitTests {
    func directory(_ files: [String: String]) throws -> URL {
        let directory = try temporaryDirectory()
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test func timeoutStopsAJoinThatDerivesNothing() throws {
        // 62 million candidate bindings (500 × 250 × 500), none of which satisfies the comparisons.
        let facts = (1...500).map { "n(\($0))." }.joined(separator: "\n")
        let source = """
            relation n(integer)
            relation cycle(integer, integer, integer)
            \(facts)
            cycle(A, B, C) :- n(A), n(B), n(C), A > B, B > C, C > A.

            """
        let folder = try directory(["slow.lumen": source])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--timeout", "0.05", folder.path])
        #expect(run.status == 2)
        let out = relativize(run.out, to: folder)
        #expect(
            out == """
                error[L2009]: evaluation stopped after 0.05 s (`--timeout`) while deriving `cycle`
                   --> slow.lumen:503:1
                    |
                503 | cycle(A, B, C) :- n(A), n(B), n(C), A > B, B > C, C > A.
                    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ this rule was running
                    |
                    = help: check the rule for an unintended cross product (`--stats` shows its scans), or raise `--timeout`

                checked 1 file: 1 error

                """)
    }

    @Test func timeoutStopsAQueryInTheCommandLineAndInTheREPL() throws {
        let facts = (1...500).map { "n(\($0))." }.joined(separator: "\n")
        let folder = try directory(["numbers.lumen": "relation n(integer)\n\(facts)\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let query = "n(A), n(B), n(C), A > B, B > C, C > A"
        let run = lumen(["query", "--no-stdlib", "--timeout", "0.05", query, folder.path])
        #expect(run.status == 2)
        #expect(
            run.out == """
                error[L2009]: the query stopped after 0.05 s (`--timeout`)
                  = help: bind a variable early with a more selective literal, or raise `--timeout`


                """)
        let repl = lumen(["repl", "--no-stdlib", "--timeout", "0.05", folder.path], input: Array((query + "\nn(500)\n").utf8))
        #expect(repl.status == 2)
        #expect(repl.error.hasPrefix("error[L2009]: the query stopped after 0.05 s (`--timeout`)\n"))
        #expect(repl.out == "checked 1 file: no problems\nyes\n")
    }

    @Test func aFileLargerThanTheLimitIsNotRead() throws {
        let folder = try directory(["big.lumen": "# " + String(repeating: "x", count: 2 << 20) + "\n", "small.lumen": "country a \"A\"\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--max-file-size", "1", folder.path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: folder) == """
                error[L0208]: `big.lumen` is larger than the limit of 1 MiB per file
                 --> big.lumen
                  = help: split the input, or raise the limit with `--max-file-size`

                checked 2 files: 1 error

                """)
        #expect(lumen(["check", "--no-stdlib", folder.path]).status == 0)
    }

    @Test func filesPastTheTotalInputLimitAreNotRead() throws {
        let half = "# " + String(repeating: "x", count: 700_000) + "\n"
        let folder = try directory(["a.lumen": half, "b.lumen": half, "c.lumen": half])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--max-input-size", "1", folder.path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: folder).hasPrefix(
                "error[L0208]: the files given are larger than the limit of 1 MiB in all; `b.lumen` and the files after it were not loaded\n"
            ))
    }

    /// From eight files up, files are read ahead in parallel: no further than the limit.
    @Test func readingAheadStopsAtTheTotalInputLimit() throws {
        let part = "# " + String(repeating: "x", count: 300_000) + "\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map { "\($0).lumen" }
        let folder = try directory(Dictionary(uniqueKeysWithValues: names.map { ($0, part) }))
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--max-input-size", "1", folder.path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: folder).hasPrefix(
                "error[L0208]: the files given are larger than the limit of 1 MiB in all; `d.lumen` and the files after it were not loaded\n"
            ))
    }

    @Test func moreDeclarationsThanTheLimitStopTheRun() throws {
        let resolutions = (1...10).map { "resolution r\($0) \"R\" {\n}\n" }.joined()
        let folder = try directory(["many.lumen": resolutions, "z.lumen": "country z \"Z\"\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--max-declarations", "5", folder.path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: folder).hasPrefix(
                "error[L0208]: more than 5 declarations in the files given; the files after `many.lumen` were not loaded\n"))
        #expect(lumen(["check", "--no-stdlib", "--max-declarations", "11", folder.path]).status == 0)
    }

    @Test func jsonNestingHasItsOwnLimit() throws {
        let folder = try directory(["deep.json": String(repeating: "[", count: 20) + String(repeating: "]", count: 20)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = lumen(["check", "--no-stdlib", "--max-nesting", "10", folder.appendingPathComponent("deep.json").path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: folder).hasPrefix(
                "error[L0207]: malformed JSON: JSON nested more than 10 levels deep (`--max-nesting`)\n --> deep.json:1:11\n"))
    }

    @Test func proofsInOutputAreCutAtTheDepthLimit() throws {
        let resolutions = (1...31).map { "resolution r\($0) \"R\" {\n}" }.joined(separator: "\n")
        let chain = (1...30).map { "edge(r\($0), r\($0 + 1))." }.joined(separator: "\n")
        let source = """
            relation edge(resolution, resolution)
            relation path(resolution, resolution)
            \(resolutions)
            \(chain)
            path(A, B) :- edge(A, B).
            path(A, C) :- path(A, B), edge(B, C).
            rule far info "{A} reaches {B}" when path(A, B), A = r1, B = r31 at A

            """
        let folder = try directory(["chain.lumen": source])
        defer { try? FileManager.default.removeItem(at: folder) }
        let shallow = lumen(["check", "--no-stdlib", "--explain", "--max-proof-depth", "3", folder.path])
        #expect(shallow.status == 0)
        #expect(shallow.out.components(separatedBy: "(proof cut at the depth or size limit)").count - 1 == 1)
        let deep = lumen(["check", "--no-stdlib", "--explain", folder.path])
        #expect(!deep.out.contains("proof cut"))
        #expect(deep.out.components(separatedBy: "derived by a rule for `path`").count - 1 == 30)
    }

    @Test(arguments: [
        (["--timeout", "0"], "Invalid value for '--timeout': expected a positive number of seconds"),
        (["--timeout", "soon"], "Invalid value for '--timeout': expected a positive number of seconds"),
        (["--max-nesting", "100000"], "Invalid value for '--max-nesting': expected a positive integer of at most 10000"),
        (["--max-file-size", "-1"], "Invalid value for '--max-file-size': expected a positive integer of at most 4095"),
        // Offsets in a file are kept in 32 bits (`Span`): a file has at most 4 GiB.
        (["--max-file-size", "4096"], "Invalid value for '--max-file-size': expected a positive integer of at most 4095"),
        (["--max-declarations", "x"], "Invalid value for '--max-declarations': expected a positive integer"),
        (["--max-tuples", "0"], "Invalid value for '--max-tuples': expected a positive integer of at most 1000000000"),
        // Tuples are numbered in 32 bits: the budget stops at a billion.
        (["--max-tuples", "1000000001"], "Invalid value for '--max-tuples': expected a positive integer of at most 1000000000"),
        // Proofs are built and printed by recursion: a level of proof takes a frame of the stack.
        (["--max-proof-depth", "257"], "Invalid value for '--max-proof-depth': expected a positive integer of at most 256"),
    ])
    func invalidLimitsAreUsageErrors(_ flags: [String], _ message: String) {
        for command in ["check", "query"] {
            let arguments = command == "query" ? ["query"] + flags + ["goal(G)"] : [command] + flags + ["Examples"]
            let run = lumen(arguments)
            #expect(run.status == 2)
            #expect(run.error.hasPrefix("Error: \(message)\n"), "\(command)")
        }
    }
}
