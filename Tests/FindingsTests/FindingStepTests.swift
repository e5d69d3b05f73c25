import Diagnostics
import Engine
import Semantics
import Syntax
import Testing

@testable import Findings

/// Each step between a model and the findings a run reports, on its own.
@Suite struct FindingStepTests {
    /// Two rules: `empty` finds each measure that helps nothing, `lonely` each
    /// measure's resolution; a comment accepts the finding of `lonely` on `r1`.
    static let text = """
        # lumen: allow lonely "reviewed"
        resolution r1 "R1" {
          measure a "A"
        }
        resolution r2 "R2" {
          measure b "B"
        }
        relation helps(m: measure)
        helps(r2.b).
        rule empty warning "{M} helps nothing" when measure(M), not helps(M) at M
        rule lonely info "{R} holds {M}" when in(M, R) at R
        """

    static func evaluated() -> (Model, SourceMap, [Suppression]) {
        var sources = SourceMap()
        let file = sources.add(path: "test.lumen", bytes: Array(text.utf8))
        let (unit, syntax) = Parser.parse(file)
        precondition(syntax.isEmpty, "syntax: \(syntax.map(\.message))")
        let context = Checker.check([unit])
        precondition(!context.diagnostics.hasErrors, "errors: \(context.diagnostics.map(\.message))")
        let (suppressions, problems) = Suppressions.parse([unit], sources: sources)
        precondition(problems.isEmpty)
        return (Evaluator.evaluate(context.program, options: EvaluationOptions()), sources, suppressions)
    }

    @Test func collectGivesOneFindingPerBindingInOrder() {
        let (model, _, _) = Self.evaluated()
        let findings = FindingCollector.findings(in: model)
        #expect(findings.map(\.message) == ["r1 holds r1.a", "r1.a helps nothing", "r2 holds r2.b"])
        #expect(findings.map(\.severity) == [.info, .warning, .info])
    }

    @Test func configureDisablesOverridesAndNamesUnknownRules() {
        let (model, _, _) = Self.evaluated()
        let findings = FindingCollector.findings(in: model)
        var policy = FindingPolicy(today: "2026-01-01")
        policy.disabledRules = ["lonely", "lonley"]
        policy.severityOverrides = ["empty": .error]
        policy.configurationPath = "lumen.json"
        let (kept, diagnostics) = FindingSet.configure(findings, policy: policy, ruleIDs: ["empty", "lonely"])
        #expect(kept.map(\.rule) == ["empty"])
        #expect(kept.map(\.severity) == [.error])
        #expect(diagnostics.map(\.message) == ["unknown rule `lonley` in the configuration"])
        #expect(diagnostics.map(\.help) == ["did you mean `lonely`?"])
        #expect(diagnostics.map(\.path) == ["lumen.json"])
    }

    @Test func separateKeepsKnownFingerprintsApart() {
        let (model, _, _) = Self.evaluated()
        let findings = FindingCollector.findings(in: model)
        let known: Set<String> = [Fingerprint.of(findings[0])]
        let (fresh, old) = FindingSet.separate(findings, known: known)
        #expect(fresh.map(\.message) == ["r1.a helps nothing", "r2 holds r2.b"])
        #expect(old.map(\.message) == ["r1 holds r1.a"])
        #expect(FindingSet.separate(findings, known: nil).known.isEmpty)
    }

    @Test func ofRunsEveryStepInOrder() {
        let (model, sources, suppressions) = Self.evaluated()
        var policy = FindingPolicy(today: "2026-01-01")
        policy.knownFingerprints = [Fingerprint.of(FindingCollector.findings(in: model)[2])]
        let set = FindingSet.of(model, suppressions: suppressions, policy: policy, sources: sources)
        #expect(set.findings.map(\.message) == ["r1.a helps nothing"])
        #expect(set.suppressed.map(\.finding.message) == ["r1 holds r1.a"])
        #expect(set.suppressed.map(\.suppression.reason) == ["reviewed"])
        #expect(set.baselined.map(\.message) == ["r2 holds r2.b"])
        #expect(set.diagnostics.isEmpty)
    }

    /// Without a model (an invalid program), the comments are still read, so
    /// that a malformed one is reported.
    @Test func withoutAModelOnlyTheCommentsAreRead() {
        var sources = SourceMap()
        let file = sources.add(path: "bad.lumen", bytes: Array("# lumen: allow\nresolution r \"R\"\n".utf8))
        let (unit, _) = Parser.parse(file)
        let set = FindingSet.of(nil, units: [unit], policy: FindingPolicy(today: "2026-01-01"), sources: sources)
        #expect(set.findings.isEmpty)
        #expect(set.diagnostics.map(\.message) == ["malformed suppression: expected `allow RULE \"reason\"`"])
    }

    @Test func resolvedNamesWhatTheEarlierRunHadAndThisOneHasNot() {
        let (model, sources, _) = Self.evaluated()
        let earlier = FindingSet.of(model, suppressions: [], policy: FindingPolicy(today: "2026-01-01"), sources: sources)
        let now: Set<String> = [Fingerprint.of(earlier.findings[1])]
        let resolved = ResolvedFinding.resolved(earlier: earlier, now: now)
        #expect(resolved.map(\.message) == ["r1 holds r1.a", "r2 holds r2.b"])
        #expect(resolved.map(\.rule) == ["lonely", "lonely"])
        #expect(ResolvedFinding.resolved(earlier: earlier, now: earlier.fingerprints).isEmpty)
    }
}
