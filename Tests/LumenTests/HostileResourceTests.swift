import Foundation
import Testing

/// Small inputs that asked for unbounded memory or time in a phase other than
/// evaluation: each now ends with the right output, within the default limits
/// (docs/robustness.md gives the figures before and after).
@Suite struct HostileResourceTests {
    func folder(_ name: String, _ text: String) throws -> URL {
        let directory = try temporaryDirectory()
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return directory
    }

    /// 600 bytes of rules whose proofs double at every level: the trace is cut
    /// at its node limit, and JSON writes a repeated derivation once.
    @Test func proofsThatDoubleAtEveryLevelAreCutAndShared() throws {
        let steps = (0..<60).map { "next(\($0), \($0 + 1))." }.joined(separator: "\n")
        let directory = try folder(
            "doubling.lumen",
            """
            relation a(integer)
            relation b(integer)
            relation next(integer, integer)
            a(0).
            b(0).
            \(steps)
            a(I) :- a(J), b(J), next(J, I).
            b(I) :- a(J), b(J), next(J, I).
            resolution r "R"
            rule deep info "{I}" when a(I), I > 57, resolution(R) at R

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = lumen(["check", "--no-stdlib", "--explain", directory.path])
        #expect(text.status == 0)
        #expect(text.out.contains("… (proof cut at the depth or size limit)"))
        let json = lumen(["check", "--no-stdlib", "--format", "json", directory.path])
        #expect(json.status == 0)
        #expect(json.out.utf8.count < 2_000_000)
        // The first finding's proof of `a` reads `a` and `b` at each level; the second reads that proof again.
        #expect(json.out.contains(#""sameAs": "/findings/0/trace/premises/0/premises/"#))
    }

    /// A long text named in the message of a thousand findings: messages and
    /// traces show its start and its size, and the value itself is shared.
    @Test func aLongTextInManyFindingsIsCutInMessagesAndTraces() throws {
        let long = String(repeating: "x", count: 65_536)
        let measures = (0..<1_000).map { "  measure m\($0) \"M\"" }.joined(separator: "\n")
        let directory = try folder(
            "notes.lumen",
            """
            relation note(text)
            note("\(long)").
            resolution r "R" {
            \(measures)
            }
            rule noted info "{M}: {T}" when in(M, _), note(T) at M

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = lumen(["check", "--no-stdlib", directory.path])
        #expect(text.status == 0)
        #expect(text.out.contains("… (65536 bytes)\n"))
        #expect(text.out.utf8.count < 5_000_000)
        let json = lumen(["check", "--no-stdlib", "--format", "json", directory.path])
        #expect(json.out.contains(#""message": "r.m0: "# + String(repeating: "x", count: 160) + #"… (65536 bytes)","#))
        #expect(json.out.contains("\"" + String(repeating: "x", count: 960) + "… (65536 bytes)\"\n"))
        #expect(json.out.utf8.count < 10_000_000)
    }

    /// Forty thousand facts are checked in time linear in their number (type checking copied the context per fact).
    @Test func fortyThousandFactsAreChecked() throws {
        let facts = (0..<40_000).map { "f(\($0))." }.joined(separator: "\n")
        let directory = try folder("facts.lumen", "relation f(integer)\n\(facts)\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["check", "--no-stdlib", directory.path]).out == "checked 1 file: no problems\n")
    }

    /// A rule of 24,000 literals is planned (the greedy order weighs a window of them).
    @Test func aRuleOfTwentyFourThousandLiteralsIsPlanned() throws {
        let body = Array(repeating: "f(X)", count: 24_000).joined(separator: ", ")
        let directory = try folder("long.lumen", "relation f(integer)\nrelation g(integer)\nf(1).\ng(X) :- \(body).\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["query", "--no-stdlib", "g(X)", directory.path]).out == "X\n1\n1 row\n")
    }

    /// Sixty unknown names of 2,000 characters get no "did you mean", not a quadratic search.
    @Test func longUnknownNamesGetNoSuggestion() throws {
        let names = (0..<60).map { n in "r" + String(repeating: "ab", count: 1_000) + "\(n)" }
        let declared = names.map { "relation \($0)(integer)" }.joined(separator: "\n")
        let used = names.map { String($0.dropLast()) + "z(1)." }.joined(separator: "\n")
        let directory = try folder("names.lumen", declared + "\n" + used + "\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", "--no-stdlib", directory.path])
        #expect(run.status == 2)
        #expect(run.out.components(separatedBy: "error[L1006]: unknown relation").count - 1 == 60)
        #expect(!run.out.contains("did you mean"))
    }

    /// A description of a megabyte is read once for the suggestions.
    @Test func aMegabyteDescriptionIsSuggestedFor() throws {
        let words = ["carbon", "solar", "water", "the", "of", "school", "forest"]
        let description = (0..<150_000).map { words[$0 % words.count] }.joined(separator: " ")
        let directory = try folder("big.lumen", "resolution r \"R\" {\n  measure m \"M\" {\n    description \"\(description)\"\n  }\n}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["suggest", directory.path])
        #expect(run.status == 0)
        #expect(run.out.hasSuffix("1 measure without kind or mapping, 1 with a suggested kind\n"))
    }

    /// A chain of 12,000 derivations, traced as deep as the flag allows, in every format.
    @Test func theDeepestProofTheFlagAllowsIsBuiltAndPrinted() throws {
        let chain = (0..<12_000).map { "next(\($0), \($0 + 1))." }.joined(separator: "\n")
        let directory = try folder(
            "chain.lumen",
            """
            relation next(integer, integer)
            relation reach(integer)
            reach(0).
            \(chain)
            reach(J) :- reach(I), next(I, J).
            resolution r "R"
            rule far info "{I}" when reach(I), I > 11998, resolution(R) at R

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["text", "json", "sarif"] {
            let run = lumen(["check", "--no-stdlib", "--explain", "--max-proof-depth", "256", "--format", format, directory.path])
            #expect(run.status == 0, "\(format)")
        }
        #expect(lumen(["check", "--no-stdlib", "--explain", "--max-proof-depth", "256", directory.path]).out.contains("proof cut"))
    }

    /// `--timeout` covers reading and checking, not evaluation alone.
    @Test func theTimeoutCoversEveryPhase() {
        let run = lumen(["check", "--timeout", "0.000001", Paths.repository.appendingPathComponent("Examples").path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L2009]: the run stopped (`--timeout`) while reading `"))
    }
}
