import Diagnostics
import Engine
import Findings
import Reports
import Semantics
import Syntax

extension Lumen {
    /// Runs the `test` blocks of the given files (of the standard library when
    /// no path is given). Each test is checked and evaluated on its own: the
    /// files' other declarations plus the test's, so tests cannot disturb each other.
    public static func test(paths: [String], options: CheckOptions = CheckOptions()) -> TestReport {
        let run = Pipeline.load(paths: paths, options: options)
        let (loader, diagnostics) = (run.loader, run.diagnostics)
        guard !diagnostics.hasErrors else {
            return TestReport(sources: loader.sources, diagnostics: diagnostics, Tested(results: []))
        }
        let withoutTests = loader.orderedUnits.map { unit in
            var copy = unit
            copy.declarations = unit.declarations.filter { if case .test = $0 { false } else { true } }
            return copy
        }
        var results: [TestResult] = []
        for unit in loader.units {
            let isStandardLibrary = loader.sources.file(unit.file)?.path.hasPrefix("<stdlib>/") ?? false
            guard paths.isEmpty == isStandardLibrary else { continue }
            for case .test(let test) in unit.declarations {
                let testUnit = SourceUnit(file: unit.file, declarations: test.declarations, comments: [])
                results.append(runTest(test, units: withoutTests + [testUnit], scopes: loader.scopes, options: options))
            }
        }
        return TestReport(sources: loader.sources, diagnostics: diagnostics, Tested(results: results))
    }

    private static func runTest(
        _ test: TestDecl, units: [SourceUnit], scopes: [Int: FileScope], options: CheckOptions
    ) -> TestResult {
        let context = Checker.check(units, scopes: scopes)
        let errors = context.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            return TestResult(test: test, failures: [], diagnostics: errors)
        }
        let (model, stopped) = Pipeline.evaluate(context.program, options: options)
        if let stopped {
            return TestResult(test: test, failures: [], diagnostics: [stopped])
        }
        let findings = FindingCollector.findings(in: model, traceDepth: 1)
        let ruleIDs = Set(context.program.rules.map(\.rule.id.value))
        var failures: [(Span, String)] = []
        for expectation in test.expectations {
            let rule = expectation.rule.value
            guard ruleIDs.contains(rule) else {
                let suggestion = EditDistance.suggestion(for: rule, among: ruleIDs)
                failures.append((expectation.rule.span, "there is no rule `\(rule)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")))
                continue
            }
            let ofRule = findings.filter { $0.rule == rule }
            let anchors = ofRule.compactMap { $0.anchorValue.map(ValueFormatter.key) }
            let found = expectation.anchor.map { anchor in anchors.contains(anchor.value) } ?? !ofRule.isEmpty
            let place = expectation.anchor.map { " at `\($0.value)`" } ?? ""
            let seen = anchors.isEmpty ? "none" : anchors.map { "`\($0)`" }.joined(separator: ", ")
            if expectation.negated && found {
                failures.append((expectation.span, "expected no finding of `\(rule)`\(place), found one (findings at: \(seen))"))
            } else if !expectation.negated && !found {
                failures.append((expectation.span, "expected a finding of `\(rule)`\(place), found none (findings at: \(seen))"))
            }
        }
        if test.expectations.isEmpty {
            failures.append((test.name.span, "the test expects nothing; add `expect RULE at ID` or `expect no RULE`"))
        }
        return TestResult(test: test, failures: failures, diagnostics: [])
    }
}

/// The outcome of one test block.
struct TestResult: Sendable {
    let test: TestDecl
    /// Expectations that did not hold, with their place.
    let failures: [(Span, String)]
    /// Errors in the test's declarations.
    let diagnostics: [Diagnostic]

    var passed: Bool { failures.isEmpty && diagnostics.isEmpty }
}

/// The outcome of `lumen test`: each test's result.
public struct Tested: RunOutcome {
    let results: [TestResult]

    /// A failed test is a finding of the run, not an error of its input.
    public var isComplete: Bool { true }

    /// The number of tests that passed and failed.
    public var passedCount: Int { results.filter(\.passed).count }
    public var failedCount: Int { results.count - passedCount }
}

extension Report where Outcome == Tested {

    /// 2 for invalid files, 1 if a test failed, else 0.
    public var exitStatus: Int32 {
        if diagnostics.hasErrors { return 2 }
        return outcome.failedCount > 0 ? 1 : 0
    }

    /// One line per test, the failures in detail, then `N passed, N failed`.
    public func render(colors: Bool) -> String {
        let renderer = DiagnosticRenderer(colors: colors)
        var out = renderer.render(diagnostics, sources: sources)
        guard !diagnostics.hasErrors else { return out }
        for result in outcome.results {
            var place = ""
            if let (path, location) = sources.position(of: result.test.name.span) { place = "\(path):\(location)" }
            let mark = result.passed ? (colors ? "\u{1B}[32m✔\u{1B}[0m" : "✔") : (colors ? "\u{1B}[31m✘\u{1B}[0m" : "✘")
            out += "\(mark) \(DisplayWidth.printable(result.test.name.value))  (\(place))\n"
            for (span, message) in result.failures {
                var at = ""
                if let (path, location) = sources.position(of: span) { at = " at \(path):\(location)" }
                out += "    \(DisplayWidth.printable(message))\(at)\n"
            }
            if !result.diagnostics.isEmpty {
                out += renderer.render(result.diagnostics, sources: sources)
                    .split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
                    .joined(separator: "\n")
            }
        }
        out += "\(outcome.passedCount) passed, \(outcome.failedCount) failed\n"
        return out
    }
}
