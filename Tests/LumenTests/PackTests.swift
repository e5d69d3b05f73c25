import Findings
import Foundation
import Testing

@testable import Lumen
@testable import Reports

/// Optional packs of the standard library: off by default, turned on by a draft.
@Suite struct PackTests {
    @Test func swedishInteractionsAreOffByDefault() throws {
        let (directory, path) = try writeDraft("resolution plan \"Plan\"\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["query", "interaction(A, B, S)", path]).out == "A  B  S\n0 rows\n")
        #expect(lumen(["query", "interaction-set(R, X)", path]).out == "R     X\nplan  default-interactions\n1 row\n")
        #expect(lumen(["query", "interaction-in(X, A, B, S)", path]).out == "X  A  B  S\n0 rows\n")
    }

    @Test func usePackLoadsThePublishedMatrixWithItsSource() throws {
        let (directory, path) = try writeDraft("use pack interactions-sweden\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["query", "pack-interaction(P, A, B, S), S <= -2", path])
        #expect(
            run.out == """
                P                    A      B     S
                interactions-sweden  13.1   7.2   -2
                interactions-sweden  13.2   2.2   -2
                interactions-sweden  17.11  12.5  -2
                interactions-sweden  17.11  13.1  -2
                interactions-sweden  7.2    6.6   -2
                5 rows

                """)
        let program = Lumen.check(paths: [path]).program
        #expect(program.facts.filter { $0.relation == "pack-interaction" }.count == 1_122)
        // A pack that a draft turns on applies to no resolution but the draft's.
        #expect(program.facts.filter { $0.relation == "interaction" }.isEmpty)
        // Every shipped interaction names its source in its declaration.
        let text = embeddedRuleFiles.first { $0.path == "packs/interactions-sweden/interactions.lumen" }?.text ?? ""
        let declarations = text.split(separator: "\n").filter { $0.hasPrefix("interaction ") }
        #expect(declarations.count == 1_122)
        #expect(declarations.allSatisfy { $0.contains(" source \"Weitz, Carlsen, Nilsson and Skanberg (2018)") })
    }

    @Test func packMatchesTheReferenceMatrix() throws {
        let reference = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/interactions-sweden.tsv")
        guard let text = try? String(contentsOf: reference, encoding: .utf8) else { return }
        let (directory, path) = try writeDraft("use pack interactions-sweden\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let facts = Set(
            Lumen.check(paths: [path]).program.facts.filter { $0.relation == "pack-interaction" }.map {
                $0.values.dropFirst().map(\.description).joined(separator: "\t")
            })
        let rows = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map(String.init))
        #expect(facts == rows)
    }

    @Test func aDraftsInteractionOverridesThePacksForItsResolutions() throws {
        let (directory, path) = try writeDraft(
            """
            use pack interactions-sweden
            interaction 7.2 -> 6.6 +1 source "our own assessment"

            resolution plan "Plan"

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The pack scores 7.2 -> 6.6 at -2; the draft's own +1 replaces it for the draft's resolution.
        #expect(lumen(["query", "interaction-set(plan, _X), interaction-in(_X, 7.2, 6.6, S)", path]).out == "S\n1\n1 row\n")
        #expect(lumen(["query", "pack-interaction(_P, 7.2, 6.6, S)", path]).out == "S\n-2\n1 row\n")
        let set = lumen(["query", "interaction-set(plan, X)", path])
        #expect(relativize(set.out, to: directory) == "X\ninteractions-sweden + draft.lumen\n1 row\n")
    }

    static let hydroAndRivers = """
          measure hydro "Hydropower expansion" {
            advances 7.2
            indicator 7.2.1
          }
          measure rivers "River restoration" {
            advances 6.6
            indicator 6.6.1
          }
        }

        """

    @Test func packInteractionsFeedTheRules() throws {
        let (directory, path) = try writeDraft("use pack interactions-sweden\n\nresolution plan \"Plan\" {\n" + Self.hydroAndRivers)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.out.contains("warning[target-tradeoff]: plan.hydro advances 7.2 (Increase the share of renewable energy), which counteracts 6.6 (Protect and restore water-related ecosystems) (score -2), and plan.rivers advances 6.6 (Protect and restore water-related ecosystems)"))
        // The trace says which pack the score comes from, where the draft turns it on, and the score's source.
        #expect(run.out.contains("interaction-set(plan, interactions-sweden)  declared at \(path):1:10\n"))
        #expect(run.out.contains("interaction-in(interactions-sweden, 7.2, 6.6, -2)  declared at <stdlib>/packs/interactions-sweden/interactions.lumen:"))
        #expect(run.out.contains(" (source: Weitz, Carlsen, Nilsson and Skanberg (2018), Towards systemic"))
    }

    /// A pack applies to the resolutions of the file that turns it on, and of the
    /// files that `use` that file; never to the other drafts of the run.
    @Test func aPackAppliesOnlyToTheResolutionsThatTurnItOn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(("use pack interactions-sweden\n\nresolution sweden \"Swedish plan\" {\n" + Self.hydroAndRivers).utf8)
            .write(to: directory.appendingPathComponent("sweden.lumen"))
        try Data(("resolution kenya \"Kenyan plan\" {\n" + Self.hydroAndRivers).utf8)
            .write(to: directory.appendingPathComponent("kenya.lumen"))
        try Data(("use \"sweden.lumen\"\n\nresolution town \"Swedish town\" {\n  implements sweden\n" + Self.hydroAndRivers).utf8)
            .write(to: directory.appendingPathComponent("town.lumen"))
        let report = Lumen.check(paths: [directory.path])
        let tradeoffs = report.findings.filter { $0.rule == "target-tradeoff" }.map { ValueFormatter.key($0.anchorValue ?? .integer(0)) }
        #expect(tradeoffs == ["sweden.hydro", "town.hydro"])
        // The Kenyan plan alone gives the same findings as beside the others.
        let alone = Lumen.check(paths: [directory.appendingPathComponent("kenya.lumen").path])
        #expect(alone.findings.map(\.message) == report.findings.filter { $0.message.contains("kenya") }.map(\.message))
    }

    /// Interactions declared in a draft apply to its own resolutions; a file of
    /// interactions that no resolution sees (a matrix) applies to all of them.
    @Test func aDraftsOwnInteractionsApplyToItsResolutionsAndAMatrixToAll() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(("interaction 7.2 -> 6.6 -3 source \"own assessment\"\nresolution a \"A\" {\n" + Self.hydroAndRivers).utf8)
            .write(to: directory.appendingPathComponent("a.lumen"))
        try Data(("resolution b \"B\" {\n" + Self.hydroAndRivers).utf8).write(to: directory.appendingPathComponent("b.lumen"))
        let scoped = Lumen.check(paths: [directory.path]).findings.filter { $0.rule == "target-tradeoff" }
        #expect(scoped.map(\.message).map { $0.contains("(score -3)") } == [true])
        #expect(scoped.first?.anchorValue == .id("a.hydro"))
        try Data("interaction 7.2 -> 6.6 -2 source \"a shared matrix\"\n".utf8).write(to: directory.appendingPathComponent("matrix.lumen"))
        let shared = Lumen.check(paths: [directory.path]).findings.filter { $0.rule == "target-tradeoff" }
        #expect(shared.map { $0.anchorValue.map(ValueFormatter.key) ?? "" } == ["a.hydro", "b.hydro"])
        #expect(shared.map { $0.message.contains("(score -3)") } == [true, false])
    }

    @Test func unknownPackIsAnError() throws {
        let (directory, path) = try writeDraft("use pack interactions-swedn\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: directory) == """
                error[L0204]: unknown pack `interactions-swedn`
                 --> draft.lumen:1:10
                  |
                1 | use pack interactions-swedn
                  |          ^^^^^^^^^^^^^^^^^^ not a pack of the standard library
                  |
                  = note: the packs are `interactions-sweden`
                  = help: did you mean `interactions-sweden`?

                checked 1 file: 1 error

                """)
    }

    @Test func oneFileStatesAPairOnce() throws {
        let (directory, path) = try writeDraft(
            """
            interaction 7.2 -> 6.6 +1 source "a"
            interaction 7.2 -> 6.6 -1 source "b"

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L1010]: interaction `7.2 -> 6.6` is declared twice\n"))
    }
}
