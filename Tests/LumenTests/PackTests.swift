import Foundation
import Testing

@testable import Lumen

/// Optional packs of the standard library: off by default, turned on by a draft.
@Suite struct PackTests {
    private func draft(_ text: String) throws -> (directory: URL, path: String) {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("draft.lumen")
        try Data(text.utf8).write(to: file)
        return (directory, file.path)
    }

    @Test func swedishInteractionsAreOffByDefault() throws {
        let (directory, path) = try draft("country x \"X\"\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["query", "interaction(A, B, S)", path]).out == "A  B  S\n0 rows\n")
    }

    @Test func usePackLoadsThePublishedMatrixWithItsSource() throws {
        let (directory, path) = try draft("use pack interactions-sweden\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["query", "interaction(A, B, S), S <= -2", path])
        #expect(
            run.out == """
                A      B     S
                13.1   7.2   -2
                13.2   2.2   -2
                17.11  12.5  -2
                17.11  13.1  -2
                7.2    6.6   -2
                5 rows

                """)
        let program = Lumen.check(paths: [path]).program
        let interactions = program.facts.filter { $0.relation == "interaction" }
        #expect(interactions.count == 1_122)
        // Every shipped interaction names its source in its declaration.
        let text = embeddedRuleFiles.first { $0.path == "packs/interactions-sweden/interactions.lumen" }?.text ?? ""
        let declarations = text.split(separator: "\n").filter { $0.hasPrefix("interaction ") }
        #expect(declarations.count == 1_122)
        #expect(declarations.allSatisfy { $0.contains(" source \"Weitz, Carlsen, Nilsson and Skanberg (2018)") })
    }

    @Test func packMatchesTheReferenceMatrix() throws {
        let reference = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/interactions-sweden.tsv")
        guard let text = try? String(contentsOf: reference, encoding: .utf8) else { return }
        let (directory, path) = try draft("use pack interactions-sweden\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let facts = Set(
            Lumen.check(paths: [path]).program.facts.filter { $0.relation == "interaction" }.map {
                $0.values.map(\.description).joined(separator: "\t")
            })
        let rows = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map(String.init))
        #expect(facts == rows)
    }

    @Test func aDraftsInteractionOverridesThePacks() throws {
        let (directory, path) = try draft(
            """
            use pack interactions-sweden
            interaction 7.2 -> 6.6 +1 source "our own assessment"

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(lumen(["query", "interaction(7.2, 6.6, S)", path]).out == "S\n1\n1 row\n")
    }

    @Test func packInteractionsFeedTheRules() throws {
        let (directory, path) = try draft(
            """
            use pack interactions-sweden

            resolution plan "Plan" {
              measure hydro "Hydropower expansion" {
                advances 7.2
                indicator 7.2.1
              }
              measure rivers "River restoration" {
                advances 6.6
                indicator 6.6.1
              }
            }

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", path])
        #expect(run.out.contains("warning[target-tradeoff]: plan.hydro advances 7.2 (Increase the share of renewable energy), which counteracts 6.6 (Protect and restore water-related ecosystems) (score -2), advanced by plan.rivers"))
        #expect(run.out.contains("interaction(7.2, 6.6, -2)  declared at <stdlib>/packs/interactions-sweden/interactions.lumen:"))
    }

    @Test func unknownPackIsAnError() throws {
        let (directory, path) = try draft("use pack interactions-swedn\n")
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
        let (directory, path) = try draft(
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
