// libFuzzer entry point: the whole pipeline on arbitrary bytes. Built by
// Scripts/fuzz.sh with all library sources compiled into one module.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var sources = SourceMap()
    let (repaired, _) = FuzzUTF8.repair(bytes)
    let file = sources.add(path: "fuzz.lumen", bytes: repaired)
    // Every reader must answer with diagnostics, never crash.
    _ = JSONDraftReader.read(file)
    _ = CSVDraftReader.read(file)
    let (unit, diagnostics) = Parser.parse(file)
    _ = DiagnosticRenderer(colors: true).render(diagnostics, sources: sources)
    if !diagnostics.contains(where: { $0.severity == .error }) {
        // Formatting is a fixed point and keeps the syntax tree.
        let once = Formatter.format(unit, source: file)
        let again = sources.add(path: "fuzz-formatted.lumen", bytes: Array(once.utf8))
        let (reparsed, problems) = Parser.parse(again)
        if problems.contains(where: { $0.severity == .error }) || reparsed != unit
            || Formatter.format(reparsed, source: again) != once
        {
            fatalError("formatting is not a fixed point")
        }
    }
    let context = Checker.check([unit])
    _ = DiagnosticRenderer().render(context.diagnostics, sources: sources)
    guard !context.diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    var options = EvaluationOptions()
    options.maxDerivedTuples = 5_000
    let model = Evaluator.evaluate(context.program, options: options)
    guard model.limitReached == nil else { return 0 }
    let findings = FindingCollector.findings(in: model, traceDepth: 16)
    let input = ReportInput(
        version: "fuzz", sources: sources, diagnostics: context.diagnostics, findings: findings, model: model,
        program: context.program, checkedFiles: ["fuzz.lumen"], failingSeverities: [.error])
    _ = TextReport(fullTraces: true).render(findings, model: model, sources: sources)
    _ = JSONReport.render(input)
    _ = SARIFReport.render(input)
    _ = JUnitReport.render(input)
    _ = GitHubReport.render(input)
    _ = MarkdownReport.render(input)
    return 0
}

/// The loader's UTF-8 repair lives in the Lumen module, which the fuzzer does
/// not build; this is the same rule, written against the standard library.
enum FuzzUTF8 {
    static func repair(_ bytes: [UInt8]) -> ([UInt8], Int) {
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, 0) }
        return (Array(String(decoding: bytes, as: UTF8.self).utf8), 1)
    }
}
