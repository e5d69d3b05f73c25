// `lumen suggest`: kinds (and targets) for measures that declare neither, from
// the words of their titles and descriptions, ranked by the `Suggester` over
// the profiles of targets and kinds (Rules/suggest/, Rules/mapping/) and the
// titles of the targets and their indicators.
import Diagnostics
import Foundation
import Semantics
import Syntax
import TextAnalysis

extension Lumen {
    /// Suggestions for the measures of the given drafts. `includeMapped` also
    /// covers measures that already declare kinds or mappings (to measure how
    /// often the suggestions agree with what drafters wrote).
    public static func suggest(
        paths: [String], options: CheckOptions = CheckOptions(), includeMapped: Bool = false, settings: SuggestSettings = SuggestSettings()
    ) -> SuggestReport {
        var options = options
        options.loadsProfiles = true
        let run = Pipeline.load(paths: paths, options: options)
        let (loader, context, diagnostics) = (run.loader, run.context, run.diagnostics)
        var suggester = Suggester(program: context.program)
        let language = settings.language.flatMap(Language.init(rawValue:))
        var cache = StemCache()
        var measures: [Suggested.Measure] = []
        let drafts = Set(loader.draftPaths)
        for unit in loader.units {
            guard let file = loader.sources.file(unit.file), drafts.contains(file.path) else { continue }
            for case .resolution(let resolution) in unit.declarations {
                for case .measure(let measure) in resolution.items.map(\.kind) {
                    let declared = measure.items.compactMap { item -> [String]? in
                        switch item.kind {
                        case .advances(let targets): targets.map(\.value)
                        // Suggestions already written wait for a person: not suggested again.
                        case .kinds, .undermines, .restricts, .suggested: []
                        default: nil
                        }
                    }
                    let isMapped = !declared.isEmpty
                    guard includeMapped || !isMapped else { continue }
                    let text = Suggester.text(of: measure)
                    let location = file.location(of: measure.id.span.start)
                    let suggested = suggester.suggest(text, language: language, minimum: settings.minimumScore, cache: &cache)
                    measures.append(
                        Suggested.Measure(
                            id: "\(resolution.id.value).\(measure.id.value)", text: text, path: file.path, line: location.line,
                            column: location.column, declaredTargets: declared.flatMap { $0 }, isMapped: isMapped,
                            suggestion: suggested, insertion: Insertion(measure: measure, in: file)))
                }
            }
        }
        return SuggestReport(
            sources: loader.sources, diagnostics: diagnostics,
            Suggested(
                measures: measures,
                kindTargets: context.program.kinds.mapValues { Set($0.mappings.filter { $0.relation == "advances" }.map(\.subject)) },
                includesMapped: includeMapped, top: settings.top))
    }

    /// Suggestions for a text given on its own (`lumen suggest --text`), as one
    /// measure named `text`.
    public static func suggest(text: String, options: CheckOptions = CheckOptions(), settings: SuggestSettings = SuggestSettings())
        -> SuggestReport
    {
        var options = options
        options.loadsProfiles = true
        let run = Pipeline.load(paths: [], options: options)
        var suggester = Suggester(program: run.context.program)
        var cache = StemCache()
        let suggested = suggester.suggest(
            text, language: settings.language.flatMap(Language.init(rawValue:)), minimum: settings.minimumScore, cache: &cache)
        let measure = Suggested.Measure(
            id: "text", text: text, path: "<text>", line: 1, column: 1, declaredTargets: [], isMapped: false,
            suggestion: suggested, insertion: nil)
        return SuggestReport(
            sources: run.sources, diagnostics: run.diagnostics,
            Suggested(measures: [measure], kindTargets: [:], includesMapped: false, top: settings.top))
    }
}

/// How `lumen suggest` ranks and cuts its suggestions.
public struct SuggestSettings: Sendable {
    /// The lowest score shown; nil for the suggester's threshold (`--min-score`).
    public var minimumScore: Double?
    /// Suggestions shown per measure, of each sort (`--top`).
    public var top = 3
    /// `en` or `fr`; nil to tell from the text (`--language`).
    public var language: String?

    public init() {}

    /// The languages the suggester reads.
    public static let languages = Language.allCases.map(\.rawValue)
}

/// Where `--apply` writes its suggestions into a measure, and how: as the
/// first items of its block (a measure without a block gets one).
struct Insertion: Sendable {
    /// The byte offset to insert at.
    let offset: Int
    /// The indentation of the `measure` line.
    let indent: String
    enum Shape: Sendable {
        /// A block over several lines: one item per line after the brace.
        case lines
        /// A block on the measure's line: the items on it, after the brace.
        case inline
        /// No block: one is added.
        case noBlock
    }
    let shape: Shape

    init?(measure: MeasureDecl, in file: SourceFile) {
        let bytes = file.bytes
        // Only `.lumen` drafts are rewritten.
        guard file.path.hasSuffix(".lumen"), measure.span.end <= bytes.count, measure.span.start < measure.span.end else {
            return nil
        }
        var lineStart = measure.span.start
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        indent = String(decoding: bytes[lineStart..<measure.span.start].prefix { $0 == 0x20 }, as: UTF8.self)
        if bytes[measure.span.end - 1] == UInt8(ascii: "}") {
            guard let brace = bytes[measure.span.start..<measure.span.end].firstIndex(of: UInt8(ascii: "{")) else { return nil }
            offset = brace + 1
            shape = bytes[(brace + 1)..<measure.span.end].contains(UInt8(ascii: "\n")) ? .lines : .inline
        } else {
            offset = measure.span.end
            shape = .noBlock
        }
    }

    /// The text that puts these items into the measure.
    func text(_ items: [String]) -> String {
        switch shape {
        case .lines: items.map { "\n\(indent)  \($0)" }.joined()
        case .inline: items.map { " " + $0 }.joined()
        case .noBlock: " {" + items.map { "\n\(indent)  \($0)" }.joined() + "\n\(indent)}"
        }
    }
}

/// What `lumen suggest` found: each measure with its ranked suggestions.
public struct Suggested: RunOutcome {
    struct Measure: Sendable {
        let id: String
        let text: String
        let path: String
        let line: Int
        let column: Int
        /// Targets the measure declares it advances (for measuring accuracy).
        let declaredTargets: [String]
        /// True when the measure declares kinds or mappings already.
        let isMapped: Bool
        let suggestion: Suggester.Suggestion
        let insertion: Insertion?
        var kinds: [Suggester.Match] { suggestion.kinds }
        var targets: [Suggester.Match] { suggestion.targets }
    }

    let measures: [Measure]
    let kindTargets: [String: Set<String>]
    /// True when measures with kinds or mappings were included (`--all`).
    let includesMapped: Bool
    /// Suggestions shown per measure, of each sort.
    var top = 3

    public var isComplete: Bool { true }

    /// Each measure with its ranked suggestions and the words that matched.
    public var text: String {
        var out = ""
        for measure in measures {
            out += "\(measure.path):\(measure.line):\(measure.column): \(measure.id) \"\(measure.text.split(separator: "\n").first ?? "")\"\n"
            if measure.kinds.isEmpty && measure.targets.isEmpty { out += "  no suggestion: no word scored enough\n" }
            for match in measure.kinds.prefix(top) {
                out += "  kind \(match.id) (\(match.name))  score \(Suggested.shown(match.score)), matched "
                out += match.words.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
            for match in measure.targets.prefix(top) {
                out += "  target \(match.id) (\(match.name))  score \(Suggested.shown(match.score)), matched "
                out += match.words.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
        }
        let suggested = measures.filter { !$0.kinds.isEmpty }.count
        out += "\(measures.count) measure\(measures.count == 1 ? "" : "s")\(includesMapped ? "" : " without kind or mapping"), "
        out += "\(suggested) with a suggested kind\n"
        if includesMapped {
            let (right, judged, declaring) = accuracy
            out += "of \(declaring) measures that declare targets, \(judged) got a kind suggested; for \(right) of them the kind "
            out += "maps to a target they declare\n"
            let targets = targetAgreement
            out += "of \(targets.measures) measures that declare targets, \(targets.suggested) got a target suggested; for "
            out += "\(targets.right) of them the best target is one they declare\n"
        }
        return out
    }

    /// A score with two decimals.
    static func shown(_ score: Double) -> String { Suggester.hundredths(score).hundredthsText }

    /// The suggestions as JSON (`--format json`): per measure, its qualified
    /// id, where it is, the language read, and the kinds, targets and goals
    /// suggested, best first, with their scores and the words that matched.
    public var json: String {
        func matches(_ list: [Suggester.Match]) -> JSONValue {
            .array(
                list.prefix(top).map { match in
                    .object([
                        ("id", .string(match.id)), ("name", .string(match.name)),
                        ("score", .hundredths(Suggester.hundredths(match.score))),
                        ("words", .array(match.words.map(JSONValue.string))),
                    ])
                })
        }
        let items = measures.map { measure -> JSONValue in
            .object([
                ("measure", .string(measure.id)), ("path", .string(measure.path)), ("line", .number(measure.line)),
                ("column", .number(measure.column)), ("language", .string(measure.suggestion.language.rawValue)),
                ("kinds", matches(measure.kinds)), ("targets", matches(measure.targets)),
                (
                    "goals",
                    .array(
                        measure.suggestion.goals.prefix(top).map { goal in
                            .object([
                                ("goal", .number(Int(goal.goal) ?? 0)), ("score", .hundredths(Suggester.hundredths(goal.score))),
                            ])
                        })
                ),
            ])
        }
        let summary: JSONValue = .object([
            ("measures", .number(measures.count)), ("withKind", .number(measures.filter { !$0.kinds.isEmpty }.count)),
            ("withTarget", .number(measures.filter { !$0.targets.isEmpty }.count)),
        ])
        return JSONValue.object([
            ("version", .number(1)), ("tool", .object([("name", .string("lumen")), ("version", .string(Lumen.version))])),
            ("measures", .array(items)), ("summary", summary),
        ]).rendered()
    }

    /// How often the best kind's targets include a target the drafter declared,
    /// over the measures that declare targets and got a kind suggested.
    public var accuracy: (right: Int, suggested: Int, measures: Int) {
        let judged = measures.filter { !$0.declaredTargets.isEmpty }
        let suggested = judged.filter { !$0.kinds.isEmpty }
        let right = suggested.filter { measure in
            guard let best = measure.kinds.first else { return false }
            return !(kindTargets[best.id] ?? []).isDisjoint(with: measure.declaredTargets)
        }
        return (right.count, suggested.count, judged.count)
    }

    /// How often the best target suggested is one the drafter declared, over
    /// the measures that declare targets and got a target suggested.
    public var targetAgreement: (right: Int, suggested: Int, measures: Int) {
        let judged = measures.filter { !$0.declaredTargets.isEmpty }
        let suggested = judged.filter { !$0.targets.isEmpty }
        let right = suggested.filter { measure in measure.targets.first.map { measure.declaredTargets.contains($0.id) } ?? false }
        return (right.count, suggested.count, judged.count)
    }
}

extension Report where Outcome == Suggested {
    /// The drafts with each unmapped measure's suggestions written into it, in
    /// the form rules read apart until a person confirms them: `suggested kind
    /// K score S` for the best kind, `suggested advances T score S` for each
    /// target shown. By path, each with the bytes it had when read (the writer
    /// refuses a file changed since); only `.lumen` drafts (the others are
    /// listed in `skipped`).
    public var applied: (files: [(path: String, text: String, original: [UInt8])], skipped: [String]) {
        var byPath: [String: [(Insertion, [String])]] = [:]
        var skipped: [String] = []
        // Measures that declare kinds or mappings (listed with `--all`) are left as they are.
        for measure in outcome.measures where !measure.isMapped {
            let items =
                measure.kinds.prefix(1).map { "suggested kind \($0.id) score \(Int($0.score.rounded()))" }
                + measure.targets.prefix(outcome.top).map { "suggested advances \($0.id) score \(Int($0.score.rounded()))" }
            guard !items.isEmpty else { continue }
            guard let insertion = measure.insertion else {
                skipped.append(measure.id)
                continue
            }
            byPath[measure.path, default: []].append((insertion, items))
        }
        var files: [(path: String, text: String, original: [UInt8])] = []
        for (path, edits) in byPath.sorted(by: { $0.key < $1.key }) {
            guard let file = sources.files.first(where: { $0.path == path }) else { continue }
            var bytes = file.bytes
            // From the end, so that earlier offsets stay valid.
            for (insertion, items) in edits.sorted(by: { $0.0.offset > $1.0.offset }) {
                bytes.insert(contentsOf: Array(insertion.text(items).utf8), at: insertion.offset)
            }
            // Laid out as `lumen fmt` would (a block on one line may have grown past the width).
            let text = String(decoding: bytes, as: UTF8.self)
            files.append((path, Lumen.format(text, path: path).formatted ?? text, file.bytes))
        }
        return (files, skipped)
    }
}
