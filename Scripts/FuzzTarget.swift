// libFuzzer entry point: the whole pipeline on arbitrary bytes. Built by
// Scripts/fuzz.sh with all library sources compiled into one module.
import Foundation

/// Parsed standard library files, shared by all inputs.
nonisolated(unsafe) let standardLibraryCache = ParseCache()

/// The first byte chooses what the input is: a draft checked with the
/// standard library (0 mod 4), lines typed into a REPL session (1 mod 4), or a
/// program run through every stage on its own (otherwise).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch bytes.first.map({ $0 % 4 }) {
    case 0: return checkWithStandardLibrary(bytes)
    case 1: return session(bytes)
    default: return pipeline(bytes)
    }
}

/// A draft with the standard library, as `lumen check` sees it, in every format.
func checkWithStandardLibrary(_ bytes: [UInt8]) -> CInt {
    var options = CheckOptions()
    options.maxTuples = 20_000
    options.timeout = 5
    let text = String(decoding: bytes, as: UTF8.self)
    let (loader, context) = Lumen.loadUnits(paths: [], options: options, inputs: [("fuzz.lumen", text)], cache: standardLibraryCache)
    let report = Lumen.evaluate(loader, context, options: options)
    for format in OutputFormat.allCases {
        _ = report.render(format, failOn: .error, fullTraces: true, showSuppressed: true)
    }
    _ = report.baseline
    return 0
}

/// Each line of the input typed at the prompt of a session without the standard library.
func session(_ bytes: [UInt8]) -> CInt {
    var options = CheckOptions()
    options.useStandardLibrary = false
    options.maxTuples = 5_000
    options.timeout = 5
    let session = Session(paths: [], options: options)
    var pending = ""
    for line in String(decoding: bytes.dropFirst(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
        pending += (pending.isEmpty ? "" : "\n") + line
        guard Session.isComplete(pending) || line.isEmpty else { continue }
        _ = session.run(pending)
        pending = ""
    }
    _ = session.run(pending)
    for command in [":findings", ":why 1", ":rules", ":relations", ":stats", ":undo"] { _ = session.run(command) }
    return 0
}

/// Every stage on its own: readers, parser, formatter, checker, engine, reports.
func pipeline(_ bytes: [UInt8]) -> CInt {
    var sources = SourceMap()
    let (repaired, _) = UTF8Repair.repair(bytes)
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

