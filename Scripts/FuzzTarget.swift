// libFuzzer entry point: the whole pipeline on arbitrary bytes. Built by
// Scripts/fuzz.sh with all library sources compiled into one module.
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parsed standard library files, shared by all inputs.
nonisolated(unsafe) let standardLibraryCache = ParseCache()

/// The first byte chooses what the input is: a draft checked with the
/// standard library (0 mod 8), lines typed into a REPL session (1), a program
/// whose reports must keep their formats' own rules (3), a `use` path that
/// must not lead out of a project (4), text read as `lumen suggest` reads it
/// (5), a published resolution read as `lumen import` reads it and as an
/// account's CSV data file (6), bytes sent
/// to the language server (7), or a program run through every stage on its own
/// (otherwise).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch bytes.first.map({ $0 % 8 }) {
    case 0: return checkWithStandardLibrary(bytes)
    case 1: return session(bytes)
    case 3: return formats(Array(bytes.dropFirst()))
    case 4: return usePath(Array(bytes.dropFirst()))
    case 5: return text(Array(bytes.dropFirst()))
    case 6: return importDocument(Array(bytes.dropFirst()))
    case 7: return languageServer(Array(bytes.dropFirst()))
    default: return pipeline(bytes)
    }
}

/// Bytes sent to the language server, as they come and as framed messages
/// (a line each): it answers every request it can read and never stops
/// before the input ends or `exit`.
func languageServer(_ bytes: [UInt8]) -> CInt {
    var framed: [UInt8] = []
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
        framed += Array("Content-Length: \(line.count)\r\n\r\n".utf8) + line
    }
    for input in [bytes, framed] {
        var remaining = input[...]
        let server = LanguageServer(
            channel: .init(
                read: {
                    guard !remaining.isEmpty else { return nil }
                    let piece = Array(remaining.prefix(61))
                    remaining = remaining.dropFirst(piece.count)
                    return piece
                },
                waitForInput: { _ in !remaining.isEmpty }, write: { _ in }),
            today: "2026-12-04")
        _ = server.run()
    }
    return 0
}

/// Bytes read as Akoma Ntoso and as text, as `lumen import` reads them: each
/// resolution found makes a draft that parses (whatever its titles hold).
func importDocument(_ bytes: [UInt8]) -> CInt {
    var sources = SourceMap()
    for path in ["fuzz.xml", "fuzz.md"] {
        let file = sources.add(path: path, bytes: bytes)
        guard case .success(let resolutions) = ImportReader.read(file, level: "national") else { continue }
        for resolution in resolutions {
            var suggester: Suggester?
            var cache = StemCache()
            let text = DraftWriter.draft(resolution, source: path, suggester: &suggester, cache: &cache)
            guard Lumen.format(text, path: "fuzz.lumen").formatted != nil else {
                fatalError("an imported draft does not parse:\n\(text)")
            }
        }
    }
    // The same bytes as an account's data file: every value read has its year and
    // a span inside the file, and two readings agree.
    let csv = sources.add(path: "fuzz.csv", bytes: bytes)
    for (series, area) in [(nil, nil), ("EN_ATM_PM25", "Lindhaven")] as [(String?, String?)] {
        let (items, _) = ObservationData.read(csv, written: "fuzz.csv", indicator: "13.2.2", series: series, area: area)
        let again = ObservationData.read(csv, written: "fuzz.csv", indicator: "13.2.2", series: series, area: area).items
        precondition(items == again, "reading a data file is not deterministic")
        for item in items {
            guard case .observed(let point, _) = item.kind else { fatalError("a data file gave another item") }
            precondition((1000...9999).contains(point.year.value), "a year out of range")
            precondition(point.value.span.end <= bytes.count + 3, "a span outside the file")
        }
    }
    return 0
}

/// Text through the analyser in both languages and each word through both
/// stemmers: terms in order of position, none empty, the same twice.
func text(_ bytes: [UInt8]) -> CInt {
    let text = String(decoding: bytes, as: UTF8.self)
    for language in Language.allCases {
        let terms = Analyzer.terms(of: text, language: language)
        precondition(terms == Analyzer.terms(of: text, language: language), "analysis is not deterministic")
        precondition(zip(terms, terms.dropFirst()).allSatisfy { $0.position < $1.position }, "positions out of order")
        precondition(terms.allSatisfy { !$0.stem.isEmpty && !$0.word.isEmpty }, "an empty term")
    }
    for word in Tokenizer.words(text) {
        _ = EnglishStemmer.stem(word.text)
        _ = FrenchStemmer.stem(word.text)
    }
    return 0
}

/// A program's findings in every format, each checked against its format's
/// own rules: a GitHub command per line, a CSV row per finding, well-formed
/// XML, parseable JSON and SARIF, Markdown rows of the header's width, and no
/// control character in text output.
func formats(_ bytes: [UInt8]) -> CInt {
    var options = CheckOptions()
    options.useStandardLibrary = false
    options.maxTuples = 5_000
    options.timeout = 5
    let report = Pipeline.load(paths: [], options: options, inputs: [("fuzz.lumen", String(decoding: bytes, as: UTF8.self))])
        .report()
    let findings = report.findings.count
    let problems = report.diagnostics.count
    let github = report.render(.github, failOn: .error)
    let lines = github.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    guard lines.count == findings + problems, lines.allSatisfy({ $0.hasPrefix("::") }), !github.contains("\r") else {
        fatalError("a GitHub annotation is not one line")
    }
    for format in [OutputFormat.json, .sarif] {
        guard (try? JSONSerialization.jsonObject(with: Data(report.render(format, failOn: .error).utf8))) != nil else {
            fatalError("\(format) is not JSON")
        }
    }
    let junit = report.render(.junit, failOn: .error)
    guard XMLParser(data: Data(junit.utf8)).parse() else { fatalError("JUnit is not well-formed XML") }
    let text = report.render(.text, failOn: .error, fullTraces: true)
    guard !text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }) else {
        fatalError("a control character reaches the terminal")
    }
    let markdown = report.render(.markdown, failOn: .error)
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
    // The pipes of a row that are not escaped with a backslash: one more than its cells.
    func cells(_ row: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\"
        }
        return count
    }
    if let header = rows.last(where: { $0.hasPrefix("| severity | rule | location") }) {
        let width = cells(header)
        for row in rows.drop(while: { $0 != header }).dropFirst() where cells(row) != width { fatalError("a Markdown row is broken") }
    }
    if let model = report.model {
        let audit = Audit.make(model: model, findings: report.findings, sources: report.sources, files: 1, version: "fuzz")
        var csv = ""
        AuditCSV.render("findings.csv", of: audit, into: { csv += $0 })
        guard csvRows(csv) == audit.items.count + 1 else { fatalError("a CSV row is broken") }
    }
    return 0
}

/// The records of an RFC 4180 text, with a check that no field is a formula.
func csvRows(_ text: String) -> Int {
    var rows = 0
    var quoted = false
    var atFieldStart = true
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        if quoted {
            if scalar == "\"" { quoted = false }
            continue
        }
        if atFieldStart, ["=", "+", "-", "@"].contains(scalar) { fatalError("a CSV field is a formula") }
        atFieldStart = false
        switch scalar {
        case "\"": quoted = true
        case ",": atFieldStart = true
        case "\n":
            rows += 1
            atFieldStart = true
        default: break
        }
    }
    return rows
}

/// A project with a draft inside and a secret outside, made once.
let project: (root: String, outside: String) = {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-fuzz-\(getpid())")
    let root = base.appendingPathComponent("proj/drafts")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
    try? Data("country inside \"In\"\n".utf8).write(to: root.appendingPathComponent("in.lumen"))
    try? Data("country secret \"OUTSIDE\"\n".utf8).write(to: base.appendingPathComponent("outside/o.lumen"))
    try? FileManager.default.createSymbolicLink(
        atPath: root.appendingPathComponent("link.lumen").path, withDestinationPath: base.appendingPathComponent("outside/o.lumen").path)
    return (FileReading.realPath(root.path) ?? root.path, base.appendingPathComponent("outside").path)
}()

/// A `use` of an arbitrary path from a draft in the project: nothing outside the root is ever read.
func usePath(_ bytes: [UInt8]) -> CInt {
    let path = String(decoding: bytes.prefix(512), as: UTF8.self)
    let literal = path.unicodeScalars.map { scalar -> String in
        scalar == "\"" || scalar == "\\" ? "\\" + String(scalar)
            : scalar.value < 0x20 ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
    let draft = (project.root as NSString).appendingPathComponent("main.lumen")
    try? Data("use \"\(literal)\"\n".utf8).write(to: URL(fileURLWithPath: draft))
    var options = CheckOptions()
    options.useStandardLibrary = false
    options.root = project.root
    let report = Lumen.check(paths: [draft], options: options)
    for file in report.sources.files {
        let real = FileReading.realPath(file.path) ?? file.path
        guard FileReading.isInside(real, root: project.root) else { fatalError("read outside the project: \(real)") }
    }
    guard !report.render(.text, failOn: .never).contains("OUTSIDE") else { fatalError("printed a file outside the project") }
    return 0
}

/// A draft with the standard library, as `lumen check` sees it, in every format.
func checkWithStandardLibrary(_ bytes: [UInt8]) -> CInt {
    var options = CheckOptions()
    options.maxTuples = 20_000
    options.timeout = 5
    let text = String(decoding: bytes, as: UTF8.self)
    let report = Pipeline.load(paths: [], options: options, inputs: [("fuzz.lumen", text)], cache: standardLibraryCache).report()
    for format in OutputFormat.allCases {
        _ = report.render(format, failOn: .error, fullTraces: true, showSuppressed: true)
    }
    _ = report.baseline
    // The cache is for the standard library; the input's entry would outlive the run.
    standardLibraryCache.forget("fuzz.lumen")
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
    // The standard library's line scanner reads a text as the parser does: when
    // neither reading has a problem, they give the same declarations, spans and all.
    let scanned = Parser.parse(file, scanningInteractions: true)
    if diagnostics.isEmpty && scanned.diagnostics.isEmpty {
        var (byScanner, byParser) = ("", "")
        dump(scanned.unit.declarationsInOrder, to: &byScanner)
        dump(unit.declarations, to: &byParser)
        guard byScanner == byParser else { fatalError("the line scanner and the parser read a text differently") }
    }
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
        version: "fuzz", sources: sources, diagnostics: context.diagnostics, findings: findings, proofs: ProofReader(model),
        program: context.program, checkedFiles: ["fuzz.lumen"], failingSeverities: [.error])
    TextFormat.write(input) { _ in }
    _ = JSONReport.render(input)
    _ = SARIFReport.render(input)
    _ = JUnitReport.render(input)
    _ = GitHubReport.render(input)
    _ = MarkdownReport.render(input)
    return 0
}

