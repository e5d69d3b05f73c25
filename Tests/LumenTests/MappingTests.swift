import Foundation
import Lumen
import Testing

/// Measures mapped by their kinds (Rules/mapping/) behave as if the mappings
/// were written out.
@Suite struct MappingTests {
    /// The same resolution twice, one measure per line, so that findings point
    /// at the same lines: once by kinds, once with what those kinds map to.
    static let byKinds = """
        resolution plan "Climate plan" {
          scope 8, 13
          measure tax "Carbon tax" { kind carbon-tax indicator 13.2.2 }
          measure dividend "Carbon dividend" { kind revenue-recycling }
          measure coal "Coal exit" { kind coal-phase-out indicator 13.2.2 }
          measure training "Retraining" { kind vocational-training indicator 8.6.1 }
          measure records "Call records" { kind data-retention-duty }
        }

        """
    static let byHand = """
        resolution plan "Climate plan" {
          scope 8, 13
          measure tax "Carbon tax" { advances 13.2, 17.1 undermines 1.2 indicator 13.2.2 }
          measure dividend "Carbon dividend" { advances 10.4, 1.2 }
          measure coal "Coal exit" { advances 13.2, 3.9 undermines 8.5 indicator 13.2.2 }
          measure training "Retraining" { advances 4.4, 8.6 indicator 8.6.1 }
          measure records "Call records" { advances 16.1 restricts privacy }
        }

        """

    private func findings(_ text: String) throws -> [String] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(text.utf8).write(to: directory.appendingPathComponent("plan.lumen"))
        return Lumen.check(paths: [directory.path]).diagnosticSummaries.map { relativize($0, to: directory) }
    }

    @Test func kindsGiveTheFindingsOfTheMappingsWrittenOut() throws {
        let inferred = try findings(Self.byKinds)
        let written = try findings(Self.byHand)
        #expect(!written.isEmpty)
        #expect(inferred == written)
        // What the kinds bring in is really there: the carbon tax hurts the poor
        // (1.2), which the dividend advances; the coal exit costs jobs that
        // retraining helps (8.5 is not advanced here, so no conflict), and the
        // records restrict privacy without a justification.
        #expect(written.contains { $0.contains("error[undermined-target] plan.tax undermines target 1.2") })
        #expect(written.contains { $0.contains("error[unjustified-restriction] plan.records restricts privacy") })
    }

    @Test func aRejectedMappingIsNotInferred() throws {
        let rejected = Self.byKinds.replacingOccurrences(
            of: "{ kind carbon-tax indicator 13.2.2 }",
            with: "{ kind carbon-tax indicator 13.2.2 not undermines 1.2 because \"the dividend returns the revenue\" }")
        let found = try findings(rejected)
        #expect(!found.contains { $0.contains("undermined-target") })
        #expect(
            found.contains(
                "plan.lumen:3:11: info[rejected-mapping] plan.tax: the mapping of its kind carbon-tax to 1.2 (Halve poverty by national definitions) is rejected: the dividend returns the revenue"
            ))
    }

    @Test func tracesTellInferredFromDeclaredMappings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.byKinds.utf8).write(to: directory.appendingPathComponent("plan.lumen"))
        let run = lumen(["check", directory.path, "--explain", "--color", "never"])
        let text = relativize(run.out, to: directory)
        // The inferred `advances` is derived by the mapping rule, from the draft's
        // `kind` and the vocabulary's mapping line.
        #expect(text.contains("advances(plan.dividend, 1.2)  derived by a rule for `advances` at <stdlib>/mapping/mapping.lumen:10:1"))
        #expect(text.contains("kind(plan.dividend, revenue-recycling)  declared at plan.lumen:4:45"))
        #expect(text.contains("kind-advances(revenue-recycling, 1.2)  declared at <stdlib>/mapping/climate.lumen:"))
    }
}
