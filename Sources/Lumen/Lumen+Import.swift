// `lumen import`: published resolutions (Akoma Ntoso XML, numbered plain
// text) -> one canonical `.lumen` draft per resolution, each operative
// paragraph a measure that keeps its eId (`paragraph "para_3"`), with the
// kinds and targets its words suggest in the `suggested` form that rules read
// apart until a person confirms them. This stage only makes the drafts and
// says what would happen to each; the CLI writes them.
import Diagnostics
import Foundation
import Syntax
import TextAnalysis

/// How `lumen import` reads and writes.
public struct ImportSettings: Sendable {
    /// The level of a resolution whose document does not say it is international.
    public var level = "national"
    /// Whether measures get their suggested kinds and targets.
    public var suggests = true
    /// Whether a draft that differs from what the import writes is replaced.
    public var force = false

    public init() {}
}

/// What `lumen import` made: a draft per resolution, and what becomes of it.
public struct Imported: RunOutcome {
    public enum Status: String, Sendable {
        /// No file was there: it is written.
        case new
        /// The file there is byte for byte this draft: left as it is.
        case unchanged
        /// The file there differs and --force was given: it is replaced.
        case replaced
        /// The file there differs (a person may have edited it): left as it is.
        case kept
    }

    public struct Draft: Sendable {
        /// Where the draft goes.
        public let path: String
        public let text: String
        public let status: Status
        let resolution: String
        let measures: Int
        let source: String
    }

    public let drafts: [Draft]
    public var isComplete: Bool { true }

    /// One line per draft, then a count.
    public var text: String {
        var out = ""
        for draft in drafts {
            let verb =
                switch draft.status {
                case .new: "wrote"
                case .unchanged: "unchanged"
                case .replaced: "replaced"
                case .kept: "kept (edited; --force replaces it)"
                }
            out += "\(draft.source): \(draft.resolution) -> \(draft.path), \(draft.measures) measure\(draft.measures == 1 ? "" : "s"): \(verb)\n"
        }
        let written = drafts.filter { $0.status == .new || $0.status == .replaced }.count
        out += "\(drafts.count) resolution\(drafts.count == 1 ? "" : "s") imported, \(written) draft\(written == 1 ? "" : "s") written\n"
        return out
    }
}

public typealias ImportReport = Report<Imported>

extension Lumen {
    /// The levels of government the standard library declares (`Rules/levels/`), sorted.
    public static var standardLevels: [String] {
        Pipeline.load(paths: [], options: CheckOptions()).program.ids(of: .level)
    }

    /// The drafts of the resolutions in `paths` (files, or directories searched
    /// for .xml, .akn, .txt and .md files), to be written into `output`.
    public static func importResolutions(paths: [String], output: String, settings: ImportSettings = ImportSettings()) -> ImportReport {
        var sources = SourceMap()
        var diagnostics: [Diagnostic] = []
        var read: [(source: String, resolutions: [ImportedResolution])] = []
        for path in importFiles(paths, &diagnostics) {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.unreadableFile, "cannot read `\(path)`", at: nil, path: path))
                continue
            }
            let file = sources.add(path: path, bytes: [UInt8](data))
            switch ImportReader.read(file, level: settings.level) {
            case .success(let resolutions): read.append((path, resolutions))
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        // One resolution per id: a second one of the same id is not imported.
        var firstSource: [String: String] = [:]
        var all: [(source: String, resolution: ImportedResolution)] = []
        for (source, resolutions) in read {
            for resolution in resolutions {
                if let first = firstSource[resolution.id] {
                    diagnostics.append(
                        Diagnostic(
                            .invalidResolutionDocument, "resolution `\(resolution.id)` was imported already, from `\(first)`",
                            at: nil, help: "give each resolution its own number (FRBRnumber), or import the files apart", path: source))
                    continue
                }
                firstSource[resolution.id] = source
                all.append((source, resolution))
            }
        }
        let citing = Citations.recalls(all.map(\.resolution))
        var suggester: Suggester?
        if settings.suggests {
            var options = CheckOptions()
            options.loadsProfiles = true
            suggester = Suggester(program: Pipeline.load(paths: [], options: options).context.program)
        }
        var cache = StemCache()
        var drafts: [Imported.Draft] = []
        for (index, (source, var resolution)) in all.enumerated() {
            resolution.recalls = citing[index]
            let path = URL(fileURLWithPath: output).appendingPathComponent(resolution.id + ".lumen").path
            let written = DraftWriter.draft(resolution, source: source, suggester: &suggester, cache: &cache)
            guard let text = Lumen.format(written, path: path).formatted else {
                diagnostics.append(Diagnostic(.internalError, "the draft of `\(resolution.id)` could not be laid out", at: nil, path: source))
                continue
            }
            var status = Imported.Status.new
            if let existing = FileManager.default.contents(atPath: path) {
                if existing == Data(text.utf8) {
                    status = .unchanged
                } else if settings.force {
                    status = .replaced
                } else {
                    status = .kept
                    diagnostics.append(
                        Diagnostic(
                            .importedDraftEdited, "`\(path)` differs from the draft of `\(resolution.id)`: not overwritten",
                            at: nil, help: "a person may have edited it; compare them, or pass --force to replace it", path: path))
                }
            }
            drafts.append(
                .init(path: path, text: text, status: status, resolution: resolution.id, measures: resolution.paragraphs.count, source: source))
        }
        return ImportReport(sources: sources, diagnostics: diagnostics.sortedForOutput(), Imported(drafts: drafts))
    }

    /// The files to import: those given, and those of the directories given
    /// with an extension `lumen import` reads, sorted.
    private static func importFiles(_ paths: [String], _ diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.unreadableFile, "no such file or directory: `\(path)`", at: nil, path: path))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            files += found.filter { ImportReader.readsExtension(($0 as NSString).pathExtension) }.sorted()
                .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        }
        return files
    }
}
