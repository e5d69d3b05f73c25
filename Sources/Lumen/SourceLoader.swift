import Diagnostics
import Foundation
import Semantics
import Syntax

/// Finds, reads and parses the files of a run: the standard library, the
/// paths given, and every file they `use`.
///
/// `use` paths are relative to the including file and must stay inside the
/// project root; a file is loaded once however often it is used; a cycle of
/// `use` is an error. Directories are walked in sorted order, so file numbers
/// (and so the order of all output) do not depend on the file system.
struct SourceLoader {
    var sources = SourceMap()
    var units: [SourceUnit] = []
    private var origins: [Origin] = []
    var diagnostics: [Diagnostic] = []
    private var packs: [String: [(path: String, text: String)]] = [:]
    private var loadedPacks: Set<String> = []
    /// Where each file's interactions apply, by file number (see `InteractionSets`).
    private(set) var scopes: [Int: FileScope] = [:]
    /// The origin of the files being loaded now.
    private var currentOrigin = Origin.draft
    /// Files given by the user (not the standard library, not `use`d).
    private(set) var userFileCount = 0
    /// `.json` and `.csv` files under the directories given that are not drafts.
    private var skippedByWalker: [String] = []
    /// The files under the directories given that are neither drafts nor data files a draft reads.
    var skippedPaths: [String] {
        skippedByWalker.filter { path in
            dataFiles[URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path] == nil
        }
    }
    private var loadedPaths: [String: Int] = [:]
    /// The paths named on the command line (files or directories).
    private var named: Set<String> = []
    private let root: String
    private let limits: Limits
    /// Bytes and declarations of the files given (not the standard library).
    private var inputBytes = 0
    private var declarations = 0
    /// Set when a limit was reached: no more files are read.
    private var stopped = false

    /// How much input one run reads (see `CheckOptions`).
    struct Limits {
        var fileBytes = 64 << 20
        var inputBytes = 1 << 30
        var nesting = 512
        var declarations = 1_000_000
        /// When the run must stop (`--timeout`, uptime nanoseconds).
        var deadline: UInt64?
    }

    /// Called after each file given is loaded (see `CheckOptions.onFileLoaded`).
    var onFileLoaded: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Files read and parsed ahead, by path (see `prefetch`).
    private var prefetched: [String: Prefetched] = [:]
    /// The data files accounts read, by real path, each read and registered once.
    private var dataFiles: [String: SourceFile] = [:]

    /// Parsed files kept between runs of a session, or nil.
    private let cache: ParseCache?

    init(root: String, cache: ParseCache? = nil, limits: Limits = Limits()) {
        self.root = root
        self.cache = cache
        self.limits = limits
    }

    /// `64 MiB`, or a number of bytes when it is not a whole number of MiB.
    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Adds a text typed at a prompt as a draft.
    mutating func addInput(path: String, text: String) {
        add(path: path, realPath: nil, bytes: Array(text.utf8), origin: .draft)
    }

    /// The common directory of the paths, used as the project root.
    static func commonRoot(of paths: [String]) -> String {
        let directories = paths.map { path -> [String] in
            let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let directory = exists && isDirectory.boolValue ? url : url.deletingLastPathComponent()
            return directory.pathComponents
        }
        guard var common = directories.first else {
            return FileManager.default.currentDirectoryPath
        }
        for components in directories.dropFirst() {
            common = Array(zip(common, components).prefix { $0 == $1 }.map(\.0))
        }
        return common.isEmpty ? "/" : NSString.path(withComponents: common)
    }

    // MARK: Loading

    /// Loads the standard library, except its optional packs (`packs/NAME/`),
    /// which a draft turns on with `use pack NAME`.
    mutating func loadStandardLibrary(_ files: [(path: String, text: String)]) {
        for file in files {
            if file.path.hasPrefix("packs/") {
                let name = String(file.path.dropFirst("packs/".count).prefix { $0 != "/" })
                packs[name, default: []].append(file)
                continue
            }
            add(path: "<stdlib>/" + file.path, realPath: nil, bytes: Array(file.text.utf8), origin: .standardLibrary)
        }
    }

    /// Loads an optional pack once; reports an unknown name.
    /// Loads an optional pack named by a configuration; false if there is none of that name.
    /// A pack the project file names applies to every resolution of the run.
    mutating func loadPack(named name: String) -> Bool {
        guard let files = packs[name] else { return false }
        guard loadedPacks.insert(name).inserted else { return true }
        for file in files {
            let unit = add(path: "<stdlib>/" + file.path, realPath: nil, bytes: Array(file.text.utf8), origin: .pack)
            scopes[units[unit].file]?.kind = .everywhere
        }
        return true
    }

    /// The names of the optional packs.
    var packNames: [String] { packs.keys.sorted() }

    /// A pack a draft turns on applies to the resolutions of that draft and of the
    /// drafts that use it; one that a `--rules` pack turns on applies everywhere.
    private mutating func loadPack(_ use: UseDecl, in file: Int) {
        let name = use.path.value
        scopes[file]?.packs.append(use.path)
        guard let files = packs[name] else {
            let suggestion = EditDistance.suggestion(for: name, among: packs.keys)
            let known = packs.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
            diagnostics.append(.unknownPack(use.path, suggestion: suggestion, known: known))
            return
        }
        let everywhere = scopes[file]?.kind == .everywhere
        guard loadedPacks.insert(name).inserted else {
            // Turned on before by a draft, now by a rule pack: it applies everywhere.
            if everywhere {
                for (number, scope) in scopes where scope.kind == .pack(name) { scopes[number]?.kind = .everywhere }
            }
            return
        }
        for packFile in files {
            let unit = add(path: "<stdlib>/" + packFile.path, realPath: nil, bytes: Array(packFile.text.utf8), origin: .pack)
            scopes[units[unit].file]?.kind = everywhere ? .everywhere : .pack(name)
        }
    }

    /// Where a unit comes from; later origins override earlier ones (a draft's
    /// interaction replaces a pack's, which replaces the standard library's).
    enum Origin: Int, Comparable {
        case standardLibrary, pack, rulePack, draft
        static func < (a: Origin, b: Origin) -> Bool { a.rawValue < b.rawValue }
    }

    /// Paths of the drafts that were loaded (given or used), in load order.
    var draftPaths: [String] {
        units.indices.filter { origins[$0] == .draft }.compactMap { sources.file(units[$0].file)?.path }
    }

    /// The units in the order the checker must see them: by origin, then load order.
    var orderedUnits: [SourceUnit] {
        units.indices.sorted { (origins[$0], $0) < (origins[$1], $1) }.map { units[$0] }
    }

    /// Loads files and directories given on the command line.
    mutating func load(paths: [String], countAsChecked: Bool = true) {
        currentOrigin = countAsChecked ? .draft : .rulePack
        let (files, problems, skipped) = Lumen.expandPaths(paths, exported: true, root: root)
        for problem in problems { diagnostics.append(.unreadable(problem.path, reason: problem.reason)) }
        if countAsChecked { skippedByWalker += skipped }
        // A file named on the command line is read wherever it is; one found by a walk must lie inside the root.
        named.formUnion(paths)
        let distinct = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        if countAsChecked { userFileCount += distinct.count }
        prefetch(files)
        defer { prefetched = [:] }
        for (index, file) in files.enumerated() {
            loadFile(file, usedAt: nil)
            if countAsChecked { onFileLoaded?(index + 1, files.count) }
        }
    }

    /// Loads one file and, depth first, everything it uses.
    private mutating func loadFile(_ path: String, usedAt: Span?) {
        if let deadline = limits.deadline, !stopped, DispatchTime.now().uptimeNanoseconds > deadline {
            stopped = true
            diagnostics.append(.runTimeout("reading `\(path)`; it and the files after it were not read", path: path))
        }
        guard let first = read(path, usedAt: usedAt) else { return }
        // Iterative depth-first walk over `use` so that long chains cannot overflow the stack.
        var stack: [(unit: Int, next: Int)] = [(first, 0)]
        while let top = stack.last {
            let uses = units[top.unit].declarations.compactMap { declaration -> UseDecl? in
                if case .use(let use) = declaration { return use }
                return nil
            }
            guard top.next < uses.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let use = uses[top.next]
            let includingFile = units[top.unit].file
            if use.isPack {
                loadPack(use, in: includingFile)
                continue
            }
            // Checked on the path as written: a NUL would end the string the system sees before the one checked.
            guard !FileReading.hasControlCharacter(use.path.value) else {
                diagnostics.append(.unreadable(use.path.value, reason: "the path contains a control character", at: use.path.span))
                continue
            }
            guard let including = sources.file(units[top.unit].file), !including.path.hasPrefix("<stdlib>/") else {
                diagnostics.append(.unreadable(use.path.value, reason: "the standard library cannot use files", at: use.path.span))
                continue
            }
            let base = URL(fileURLWithPath: including.path).deletingLastPathComponent()
            let target = URL(fileURLWithPath: use.path.value, relativeTo: base).standardizedFileURL
            let real = target.resolvingSymlinksInPath().path
            guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                diagnostics.append(.useEscapesRoot(use.path, root: root))
                continue
            }
            if let loaded = loadedPaths[real] {
                scopes[includingFile]?.uses.append(loaded)
                if let position = stack.firstIndex(where: { units[$0.unit].file == loaded }) {
                    let chain = stack[position...].compactMap { sources.file(units[$0.unit].file)?.path }
                    diagnostics.append(.useCycle(use.path, chain: chain + [chain.first ?? use.path.value]))
                }
                continue
            }
            let display = relativeDisplayPath(of: target.path, from: including.path, written: use.path.value)
            if let unit = read(display, usedAt: use.path.span, realPath: real) {
                scopes[includingFile]?.uses.append(units[unit].file)
                stack.append((unit, 0))
            }
        }
    }

    /// A used file's path as the user would write it from the working directory.
    private func relativeDisplayPath(of absolute: String, from including: String, written: String) -> String {
        if including.hasPrefix("/") { return absolute }
        let joined = ((including as NSString).deletingLastPathComponent as NSString).appendingPathComponent(written)
        return (joined as NSString).standardizingPath
    }

    /// Reads and parses one file; returns its unit index, or nil if it was
    /// loaded already or could not be read.
    private mutating func read(_ path: String, usedAt: Span?, realPath: String? = nil) -> Int? {
        let real = realPath ?? URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if loadedPaths[real] != nil || stopped { return nil }
        let confinedTo = usedAt != nil || !named.contains(path) ? root : nil
        // `use` takes drafts only: another file of the project (a key, a data file) is never parsed and shown.
        if usedAt != nil, !(path.hasSuffix(".lumen") || path.hasSuffix(".json") || path.hasSuffix(".csv")) {
            diagnostics.append(.unreadable(path, reason: "`use` takes .lumen, .json and .csv drafts only", at: usedAt))
            return nil
        }
        if let ready = prefetched.removeValue(forKey: path), ready.file.id == sources.files.count {
            guard count(ready.byteCount, of: path, usedAt: usedAt), sources.add(ready.file) else { return nil }
            loadedPaths[real] = ready.file.id
            return addParsed(ready.file, ready.unit, ready.diagnostics, invalid: ready.invalid, origin: nil)
        }
        guard let bytes = readCounted(path, shownAs: path, inside: confinedTo, usedAt: usedAt) else { return nil }
        return add(path: path, realPath: real, bytes: bytes)
    }

    /// A file's bytes within the limit per file, counted against the limit on all
    /// input; nil (and the diagnostic) when it is too large, unreadable, or past the limit.
    private mutating func readCounted(_ path: String, shownAs display: String, inside: String?, usedAt: Span?) -> [UInt8]? {
        switch FileReading.read(path, limit: limits.fileBytes, inside: inside) {
        case .failure(.tooLarge):
            diagnostics.append(
                .inputLimit(
                    "`\(display)` is larger than the limit of \(SourceLoader.size(limits.fileBytes)) per file", flag: "--max-file-size",
                    at: usedAt, path: display))
            return nil
        case .failure(.unreadable(let reason)):
            diagnostics.append(.unreadable(display, reason: reason, at: usedAt))
            return nil
        case .success(let bytes):
            return count(bytes.count, of: display, usedAt: usedAt) ? bytes : nil
        }
    }

    /// The unit with the values its accounts' `data` files hold, read from
    /// beside the draft (inside the project root, within the limits on input).
    private mutating func withData(_ unit: SourceUnit, of including: SourceFile) -> SourceUnit {
        guard !unit.accountData.isEmpty else { return unit }
        return unit.withAccountData { account, item in
            guard case .data(let path, let series, let area) = item.kind, let file = dataFile(path, from: including) else { return [] }
            let (items, problems) = ObservationData.read(
                file, written: path.value, indicator: account.indicator.value, series: series?.value, area: area?.value)
            diagnostics += problems
            return items
        }
    }

    /// Adds the values of the data files the project file names (`data` in
    /// `lumen.json`) to the drafts' accounts of their indicators, as a draft's
    /// own `data` item would; a file whose indicator no draft keeps an account
    /// of is reported, since its values would go nowhere.
    mutating func addConfiguredData(_ sources: [DataSource], configuration: String?) {
        let workingDirectory = FileManager.default.currentDirectoryPath
        for source in sources where !stopped {
            let absolute = URL(fileURLWithPath: source.path).standardizedFileURL.path
            let display = absolute.hasPrefix(workingDirectory + "/") ? String(absolute.dropFirst(workingDirectory.count + 1)) : absolute
            // The project file confined the path to its own directory; a link inside it is followed only to stay there.
            let project = configuration.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path } ?? "/"
            let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            guard let file = readDataFile(real: real, display: display, usedAt: nil, inside: project) else { continue }
            var read: [AccountItem]?
            var matched = 0
            for index in units.indices where origins[index] == .draft {
                units[index] = units[index].addingToAccounts { resolution, account in
                    guard account.indicator.value == source.indicator, source.resolution.map({ $0 == resolution }) ?? true else { return [] }
                    matched += 1
                    if let read { return read }
                    let (items, problems) = ObservationData.read(
                        file, written: source.written, indicator: source.indicator, series: source.series, area: source.area)
                    diagnostics += problems
                    read = items
                    return items
                }
            }
            if matched == 0 {
                let whose = source.resolution.map { "resolution `\($0)` keeps no account of it" } ?? "no resolution keeps an account of it"
                diagnostics.append(
                    Diagnostic(
                        .invalidDataFile, "`\(source.written)` is named for \(source.indicator), but \(whose)",
                        at: nil,
                        help: "add `indicator \(source.indicator) { unit ... }` to the resolution whose values these are, or remove the entry",
                        path: configuration))
            }
        }
    }

    /// A data file named by a draft, read once.
    private mutating func dataFile(_ path: Located<String>, from including: SourceFile) -> SourceFile? {
        guard !FileReading.hasControlCharacter(path.value) else {
            diagnostics.append(.unreadable(path.value, reason: "the path contains a control character", at: path.span))
            return nil
        }
        guard !including.path.hasPrefix("<") else {
            diagnostics.append(.unreadable(path.value, reason: "only a draft on disk reads data files beside it", at: path.span))
            return nil
        }
        let base = URL(fileURLWithPath: including.path).deletingLastPathComponent()
        let target = URL(fileURLWithPath: path.value, relativeTo: base).standardizedFileURL
        let real = target.resolvingSymlinksInPath().path
        guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            diagnostics.append(.unreadable(path.value, reason: "the data file is outside the project root `\(root)`", at: path.span))
            return nil
        }
        let display = relativeDisplayPath(of: target.path, from: including.path, written: path.value)
        return readDataFile(real: real, display: display, usedAt: path.span, inside: root)
    }

    /// A data file at its real path, read and registered once (shown as `display`).
    private mutating func readDataFile(real: String, display: String, usedAt: Span?, inside: String) -> SourceFile? {
        if let file = dataFiles[real] { return file }
        guard let raw = readCounted(real, shownAs: display, inside: inside, usedAt: usedAt) else { return nil }
        let (bytes, _) = UTF8Repair.repair(raw)
        let file = sources.add(path: display, bytes: bytes, showsExcerpts: !bytes.contains(0))
        dataFiles[real] = file
        return file
    }

    /// Counts a file's bytes against `--max-input-size`; false (and a diagnostic,
    /// and no more reading) when they pass it.
    private mutating func count(_ bytes: Int, of path: String, usedAt: Span?) -> Bool {
        inputBytes += bytes
        guard inputBytes > limits.inputBytes else { return true }
        stopped = true
        diagnostics.append(
            .inputLimit(
                "the files given are larger than the limit of \(SourceLoader.size(limits.inputBytes)) in all; "
                    + "`\(path)` and the files after it were not loaded", flag: "--max-input-size", at: usedAt, path: path))
        return false
    }

    @discardableResult
    private mutating func add(path: String, realPath: String?, bytes raw: [UInt8], origin: Origin? = nil) -> Int {
        // The standard library's files (its packs' too) were Swift strings: valid UTF-8, nothing to repair.
        let (bytes, invalid) = [.standardLibrary, .pack].contains(origin) ? (raw, []) : UTF8Repair.repair(raw)
        let file = sources.add(path: path, bytes: bytes, showsExcerpts: Self.isDraftText(path, bytes, invalid: invalid))
        if let realPath { loadedPaths[realPath] = file.id }
        let limits = self.limits
        let (unit, parsedDiagnostics) =
            cache?.lookup(file) ?? cache?.store(file, Self.parse(file, limits, origin: origin))
            ?? Self.parse(file, limits, origin: origin)
        return addParsed(file, unit, parsedDiagnostics, invalid: invalid, origin: origin)
    }

    /// Records a parsed file: its diagnostics, its unit, its origin, and its declarations against the limit.
    private mutating func addParsed(
        _ file: SourceFile, _ unit: SourceUnit, _ parsedDiagnostics: [Diagnostic], invalid: [Int], origin: Origin?
    ) -> Int {
        let path = file.path
        var parsed = parsedDiagnostics
        for offset in invalid.prefix(Lexer.errorLimit) {
            parsed.append(.invalidUTF8(at: Span(file: file.id, start: offset, end: offset + 3)))
        }
        diagnostics += parsed
        units.append((origin ?? currentOrigin) == .draft ? withData(unit, of: file) : unit)
        origins.append(origin ?? currentOrigin)
        // Packs are told apart by their loader; the standard library and `--rules` apply everywhere.
        scopes[file.id] = FileScope(kind: (origin ?? currentOrigin) == .draft ? .draft : .everywhere, path: path)
        scopes[file.id]?.isStandardLibrary = [.standardLibrary, .pack].contains(origin ?? currentOrigin)
        if (origin ?? currentOrigin) >= .rulePack {
            declarations += unit.declarationCount
            if declarations > limits.declarations && !stopped {
                stopped = true
                diagnostics.append(
                    .inputLimit(
                        "more than \(limits.declarations) declarations in the files given; "
                            + "the files after `\(path)` were not loaded", flag: "--max-declarations", at: nil, path: path))
            }
        }
        return units.count - 1
    }

    /// Whether a file's lines may be shown in diagnostics: a draft's text (a
    /// `.lumen`, `.json` or `.csv` file, or a text typed at a prompt) that is
    /// valid UTF-8 without NUL bytes. Anything else a `use` or a link led to is
    /// never printed.
    static func isDraftText(_ path: String, _ bytes: [UInt8], invalid: [Int]) -> Bool {
        let kind = path.hasPrefix("<") || path.hasSuffix(".lumen") || path.hasSuffix(".json") || path.hasSuffix(".csv")
        return kind && invalid.isEmpty && !bytes.contains(0)
    }

    private static func parse(_ file: SourceFile, _ limits: Limits, origin: Origin? = nil) -> (SourceUnit, [Diagnostic]) {
        let path = file.path
        // The standard library's interaction bases, and its packs', are read by a line scanner (see `InteractionLines`).
        return path.hasSuffix(".json")
            ? JSONDraftReader.read(file, maxDepth: limits.nesting)
            : path.hasSuffix(".csv")
                ? CSVDraftReader.read(file)
                : Parser.parse(file, scanningInteractions: origin == .standardLibrary || origin == .pack)
    }

    // MARK: Reading ahead

    /// A file read and parsed ahead of its turn, under the number it gets if
    /// the files are loaded in order.
    struct Prefetched: Sendable {
        let file: SourceFile
        let unit: SourceUnit
        let diagnostics: [Diagnostic]
        let invalid: [Int]
        let byteCount: Int
    }

    /// Reads and parses the files given on all cores before they are loaded one
    /// by one. Loading stays sequential and deterministic: a file whose number
    /// turns out different (a file before it `use`d others) is parsed again in
    /// its turn; files past the size limit, and sessions with a parse cache, are
    /// left to the sequential path.
    private mutating func prefetch(_ given: [String]) {
        guard given.count >= 8, cache == nil, !stopped else { return }
        // Only as many files as the input limit lets the sequential load read:
        // reading ahead must not read what the limit exists to refuse.
        var budget = limits.inputBytes - inputBytes
        var count = 0
        for path in given {
            budget -= FileReading.size(path) ?? 0
            if budget < 0 { break }
            count += 1
        }
        let paths = Array(given.prefix(count))
        let first = sources.files.count
        let limits = self.limits
        let (named, root) = (self.named, self.root)
        let results = PrefetchResults(count: paths.count)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: paths.count, by: workers) {
                let path = paths[index]
                // Read as the sequential load would; a file it would refuse is left to it, to say why.
                guard case .success(let data) = FileReading.read(path, limit: limits.fileBytes, inside: named.contains(path) ? nil : root)
                else { continue }
                let (bytes, invalid) = UTF8Repair.repair(data)
                var file = SourceFile(id: first + index, path: path, bytes: bytes)
                file.showsExcerpts = Self.isDraftText(path, bytes, invalid: invalid)
                let (unit, diagnostics) = Self.parse(file, limits)
                results.set(
                    index, Prefetched(file: file, unit: unit, diagnostics: diagnostics, invalid: invalid, byteCount: data.count))
            }
        }
        for (index, entry) in results.all.enumerated() {
            if let entry { prefetched[paths[index]] = entry }
        }
    }
}

/// Slots filled by parallel workers, each slot by one worker only.
private final class PrefetchResults: @unchecked Sendable {
    private var slots: [SourceLoader.Prefetched?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: SourceLoader.Prefetched) {
        lock.withLock { slots[index] = value }
    }

    var all: [SourceLoader.Prefetched?] { lock.withLock { slots } }
}

/// Parsed files of a session, reused when a file is loaded again with the same
/// number and the same bytes (spans hold the file number, so both must match).
final class ParseCache {
    private var entries: [String: (file: SourceFile, unit: SourceUnit, diagnostics: [Diagnostic])] = [:]
    /// Files parsed and files reused since the cache was made, for `:stats`.
    private(set) var parsed = 0
    private(set) var reused = 0

    func lookup(_ file: SourceFile) -> (SourceUnit, [Diagnostic])? {
        guard let entry = entries[file.path], entry.file.id == file.id, entry.file.bytes == file.bytes else { return nil }
        reused += 1
        return (entry.unit, entry.diagnostics)
    }

    func store(_ file: SourceFile, _ result: (SourceUnit, [Diagnostic])) -> (SourceUnit, [Diagnostic]) {
        entries[file.path] = (file, result.0, result.1)
        parsed += 1
        return result
    }

    /// Drops a file's entry, so that a cache kept for the standard library does
    /// not also hold the last input parsed beside it.
    func forget(_ path: String) {
        entries[path] = nil
    }
}

/// Replaces invalid UTF-8 by U+FFFD, reporting where (in the repaired bytes).
enum UTF8Repair {
    static func repair(_ bytes: [UInt8]) -> (bytes: [UInt8], invalidOffsets: [Int]) {
        if isValid(bytes) { return (bytes, []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var invalid: [Int] = []
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes, at: i)
            if length > 0 {
                out.append(contentsOf: bytes[i..<(i + length)])
                i += length
            } else {
                invalid.append(out.count)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
            }
        }
        return (out, invalid)
    }

    /// True when every sequence is valid; checked in place, without making a string.
    private static func isValid(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0 if none starts there.
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        for k in 1..<length {
            let byte = bytes[i + k]
            let (min, max) = k == 1 ? (low, high) : (0x80, 0xBF)
            if byte < min || byte > max { return 0 }
        }
        return length
    }
}
