import Foundation
@testable import Lumen
import Testing

/// A finding keeps where its proof is, not the proof: the tree is built from
/// the model when a report asks for it.
@Suite struct FindingProofTests {
    @Test func eachFindingsTraceIsTheProofOfItsOwnTuple() throws {
        let examples = Paths.repository.appendingPathComponent("Examples").path
        let report = Lumen.check(paths: [examples])
        let model = try #require(report.model)
        // Findings of many rules, sorted by place: each must still name its own tuple.
        #expect(Set(report.findings.map(\.rule)).count > 5)
        for finding in report.findings {
            let relation = "rule:" + finding.rule
            let trace = finding.trace
            // The tuple also holds the values of `{all V}` lists; each subject is bound as the finding says.
            #expect(trace.relation == relation, "\(finding.message)")
            #expect(finding.subjects.allSatisfy { trace.bindings[$0.name] == $0.value }, "\(finding.message)")
            #expect(trace == model.proof(relation, trace.values, maxDepth: CheckOptions().traceDepth))
        }
    }

    @Test func theTraceDepthOfTheRunCutsTheProofsBuiltLater() throws {
        let examples = Paths.repository.appendingPathComponent("Examples").path
        var options = CheckOptions()
        options.traceDepth = 0
        let report = Lumen.check(paths: [examples], options: options)
        let finding = try #require(report.findings.first)
        // Depth 0: the finding's own step, its premises cut.
        #expect(finding.trace.premises.isEmpty && finding.trace.truncated)
        let deeper = Lumen.check(paths: [examples]).findings.first
        #expect(deeper?.trace.premises.isEmpty == false)
    }
}
