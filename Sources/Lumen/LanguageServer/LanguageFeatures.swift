// What the language server answers about one document: hover, definition,
// references, completion, code actions, formatting and its symbols.
import Diagnostics
import Engine
import Findings
import Foundation
import Reports
import Semantics
import Syntax

struct LanguageFeatures {
    let document: String
    let path: String
    let uri: String
    let analysis: LanguageAnalysis?
    let encoding: PositionEncoding
    let context: AnalysisContext

    static func capabilities(_ encoding: PositionEncoding) -> JSONValue {
        .object([
            (
                "capabilities",
                .object([
                    ("positionEncoding", .string(encoding.rawValue)),
                    ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .number(1))])),
                    ("hoverProvider", .bool(true)), ("definitionProvider", .bool(true)), ("referencesProvider", .bool(true)),
                    ("completionProvider", .object([("triggerCharacters", .array([.string(".")]))])),
                    ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
                    ("documentFormattingProvider", .bool(true)), ("documentSymbolProvider", .bool(true)),
                ])
            ),
            ("serverInfo", .object([("name", .string("lumen")), ("version", .string(Lumen.version))])),
        ])
    }

    private var file: SourceFile? { analysis?.file }
    private var lines: LineMap? { file.map { LineMap(file: $0, encoding: encoding) } }

    // MARK: What is at a position

    /// The word of the language at a position (an id such as `13.2`, `carbon-tax`,
    /// `plan.coal-exit`) and its span.
    private func word(at position: (line: Int, character: Int)) -> (text: String, span: Span)? {
        guard let file, let lines else { return nil }
        let offset = lines.offset(line: position.line, character: position.character)
        let bytes = file.bytes
        var start = offset
        while start > 0, Self.isIDByte(bytes[start - 1]) { start -= 1 }
        var end = offset
        while end < bytes.count, Self.isIDByte(bytes[end]) { end += 1 }
        // A full stop or a dash at an end is punctuation, not part of the id.
        while end > start, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
        while start < end, bytes[start] == 0x2E || bytes[start] == 0x2D { start += 1 }
        guard start < end else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), Span(file: file.id, start: start, end: end))
    }

    enum Subject {
        case entity(ValueType, String, Entity)
        case rule(CheckedRule)
        case relation(RelationSchema)
    }

    /// What a word names, looked up as the language would: a qualified measure,
    /// a catalogue entry, a measure of the resolution it is written in, a rule, a relation.
    private func subject(_ word: String, at offset: Int) -> Subject? {
        guard let program = analysis?.program else { return nil }
        for type in [ValueType.measure, .target, .indicator, .goal, .principle, .kind, .level, .country, .resolution] {
            if let entity = program.entity(type, word) { return .entity(type, word, entity) }
        }
        if let resolution = enclosingResolution(offset), let entity = program.entity(.measure, "\(resolution).\(word)") {
            return .entity(.measure, "\(resolution).\(word)", entity)
        }
        if let rule = program.rules.first(where: { $0.rule.id.value == word }) { return .rule(rule) }
        if let relation = program.relations[word] { return .relation(relation) }
        return nil
    }

    private func enclosingResolution(_ offset: Int) -> String? {
        for case .resolution(let resolution) in analysis?.unit?.declarations ?? []
        where resolution.span.start <= offset && offset <= resolution.span.end {
            return resolution.id.value
        }
        return nil
    }

    // MARK: Hover

    func hover(_ position: (line: Int, character: Int)) -> JSONValue {
        guard let analysis, let lines, let (word, span) = word(at: position), let subject = subject(word, at: span.start) else {
            return .null
        }
        let catalog = Catalog(program: analysis.program, sources: analysis.sources)
        var text: String
        switch subject {
        case .entity(.target, let id, _): text = catalog.target(id).text
        case .entity(.indicator, let id, _): text = catalog.indicator(id).text
        case .entity(.goal, let id, _): text = catalog.goal(id).text
        case .entity(.principle, let id, _): text = catalog.principle(id).text
        case .entity(.kind, let id, _): text = catalog.kind(id).text
        case .entity(.level, let id, _): text = catalog.level(id).text
        case .entity(.measure, let id, let entity): text = measureHover(id, entity)
        case .entity(let type, let id, let entity):
            text = "\(type.rawValue) \(id)" + (entity.title.map { "  \($0)" } ?? "") + "\n"
            if let description = analysis.program.descriptions[id] { text += "\n\(description)\n" }
        case .rule(let checked):
            let rule = checked.rule
            text = "rule \(rule.id.value) (\(rule.severity.value.rawValue))  \(rule.message.value.raw)\n"
            if let description = rule.description { text += "\n\(description.value)\n" }
        case .relation(let schema):
            let columns = zip(schema.columnNames, schema.columns).map { ($0.0.map { "\($0): " } ?? "") + $0.1.rawValue }
            text = "relation \(schema.name)(\(columns.joined(separator: ", ")))\n\n\(schema.summary)\n"
        }
        return .object([
            ("contents", .object([("kind", .string("markdown")), ("value", .string("```text\n" + text + "```"))])),
            ("range", lines.range(span)),
        ])
    }

    /// A measure's title and what it advances, undermines and restricts, each
    /// said as declared or as inferred (from a kind).
    private func measureHover(_ id: String, _ entity: Entity) -> String {
        var text = "measure \(id)" + (entity.title.map { "  \"\($0)\"" } ?? "") + "\n"
        guard let analysis, let model = analysis.model else { return text }
        let measure = Value.id(id)
        let declared = Set(
            analysis.program.facts.filter { $0.values.first == measure }.map { $0.relation + " " + $0.values.map(\.description).joined(separator: " ") })
        var rows: [String] = []
        for relation in ["advances", "undermines", "restricts"] {
            for tuple in model.tuples(relation) where tuple.first == measure && tuple.count == 2 {
                let key = relation + " " + tuple.map(\.description).joined(separator: " ")
                let title = analysis.program.entity(relation == "restricts" ? .principle : .target, ValueFormatter.key(tuple[1]))?.title
                rows.append(
                    "  \(relation) \(ValueFormatter.key(tuple[1]))" + (title.map { " (\($0))" } ?? "")
                        + (declared.contains(key) ? "" : "  inferred from its kind"))
            }
        }
        text += rows.isEmpty ? "\nno mapping: it advances no target\n" : "\n" + rows.sorted().joined(separator: "\n") + "\n"
        return text
    }

    // MARK: Definition and references

    func definition(_ position: (line: Int, character: Int)) -> JSONValue {
        if let used = usedFile(at: position) { return used }
        guard let analysis, let (word, span) = word(at: position), let subject = subject(word, at: span.start) else { return .null }
        let target: Span? =
            switch subject {
            case .entity(_, _, let entity): entity.span
            case .rule(let checked): checked.rule.id.span
            case .relation(let schema): schema.declaredAt
            }
        return target.flatMap { analysis.location($0, encoding: encoding) } ?? .null
    }

    /// The file a `use "path"` under the position names, as the loader resolves it (beside the document).
    private func usedFile(at position: (line: Int, character: Int)) -> JSONValue? {
        guard let lines else { return nil }
        let offset = lines.offset(line: position.line, character: position.character)
        for case .use(let use) in analysis?.unit?.declarations ?? []
        where !use.isPack && use.path.span.start <= offset && offset <= use.path.span.end {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            let target = URL(fileURLWithPath: use.path.value, relativeTo: directory).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: target) else { return nil }
            let start: JSONValue = .object([("line", .number(0)), ("character", .number(0))])
            return .object([("uri", .string(DocumentURI.uri(target))), ("range", .object([("start", start), ("end", start)]))])
        }
        return nil
    }

    /// Every place in the document and the files it uses where the word under the position is written.
    func references(_ position: (line: Int, character: Int)) -> JSONValue {
        guard let analysis, let (word, _) = word(at: position) else { return .null }
        let local = word.split(separator: ".").last.map(String.init) ?? word
        var found: [JSONValue] = []
        for source in analysis.sources.files where !source.path.hasPrefix("<") {
            let bytes = source.bytes
            let pattern = Array(local.utf8)
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern),
                    index == 0 || !Self.isIDByte(bytes[index - 1]) || bytes[index - 1] == 0x2E,
                    index + pattern.count == bytes.count || !Self.isIDByte(bytes[index + pattern.count])
                        || (bytes[index + pattern.count] == 0x2E && !Self.startsID(bytes, index + pattern.count + 1))
                {
                    if let location = analysis.location(Span(file: source.id, start: index, end: index + pattern.count), encoding: encoding) {
                        found.append(location)
                    }
                    index += pattern.count
                } else {
                    index += 1
                }
            }
        }
        return .array(found)
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            || byte == 0x2E
    }

    private static func startsID(_ bytes: [UInt8], _ index: Int) -> Bool {
        index < bytes.count && isIDByte(bytes[index]) && bytes[index] != 0x2E
    }

    // MARK: Completion

    func completion(_ position: (line: Int, character: Int)) -> JSONValue {
        guard let file, let lines, let program = analysis?.program else { return .array([]) }
        let offset = lines.offset(line: position.line, character: position.character)
        var start = offset
        while start > 0, Self.isIDByte(file.bytes[start - 1]) { start -= 1 }
        let prefix = String(decoding: file.bytes[start..<offset], as: UTF8.self)
        var items: [JSONValue] = []
        func add(_ label: String, _ kind: Int, _ detail: String?) {
            guard label.hasPrefix(prefix) else { return }
            var members: [(String, JSONValue)] = [("label", .string(label)), ("kind", .number(kind))]
            if let detail { members.append(("detail", .string(detail))) }
            items.append(.object(members))
        }
        var keywords = DeclarationKeyword.allCases.map(\.rawValue)
        for word in ItemKeywords.resolution + ItemKeywords.measure + ItemKeywords.kind + ItemKeywords.principle + ItemKeywords.account
        where !keywords.contains(word) {
            keywords.append(word)
        }
        for keyword in keywords { add(keyword, 14, nil) }
        for (type, kind) in [(ValueType.target, 21), (.indicator, 12), (.principle, 20), (.kind, 7), (.level, 20), (.country, 20)] {
            for id in program.ids(of: type).sorted(by: CatalogOrder.precedes) {
                add(id, kind, type == .kind ? program.kinds[id]?.name : program.entity(type, id)?.title)
            }
        }
        for name in program.relationOrder { add(name, 3, program.relations[name]?.summary) }
        return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
    }

    // MARK: Code actions

    func codeActions(_ params: JSONDocument.Node?) -> JSONValue {
        guard let file, let lines else { return .array([]) }
        var actions: [JSONValue] = []
        func edit(_ title: String, _ edits: [(Span, String)], _ diagnostic: JSONDocument.Node? = nil) {
            let changes: JSONValue = .array(edits.map { .object([("range", lines.range($0.0)), ("newText", .string($0.1))]) })
            var members: [(String, JSONValue)] = [
                ("title", .string(title)), ("kind", .string("quickfix")),
                ("edit", .object([("changes", .object([(uri, changes)]))])),
            ]
            if let diagnostic, let json = Self.json(diagnostic) { members.append(("diagnostics", .array([json]))) }
            actions.append(.object(members))
        }
        let diagnostics: [JSONDocument.Node]
        if case .array(let list)? = params?.member("context")?.member("diagnostics")?.value { diagnostics = list } else { diagnostics = [] }
        for diagnostic in diagnostics {
            guard let range = span(diagnostic.member("range")) else { continue }
            let data = diagnostic.member("data")
            if case .string(let replacement)? = data?.member("replacement")?.value {
                edit("Replace with `\(replacement)`", [(range, replacement)], diagnostic)
            }
            guard case .string(let rule)? = data?.member("rule")?.value else { continue }
            if case .array(let suggested)? = data?.member("suggestions")?.value, let measure = measure(at: range.start) {
                for case .string(let target) in suggested.map(\.value) {
                    if let insertion = Insertion(measure: measure, in: file) {
                        let at = Span(file: file.id, start: insertion.offset, end: insertion.offset)
                        edit("Add `advances \(target)`", [(at, insertion.text(["advances \(target)"]))], diagnostic)
                    }
                }
            }
            // A suppression on its own line above the finding's line, with a reason to write and an expiry.
            let lineStart = file.lineStarts[file.lineIndex(of: range.start)]
            let indent = String(decoding: file.bytes[lineStart...].prefix { $0 == 0x20 }, as: UTF8.self)
            let comment = "\(indent)# lumen: allow \(rule) \"TODO: why this finding is acceptable\" until \(expiry())\n"
            edit("Suppress `\(rule)` here until \(expiry())", [(Span(file: file.id, start: lineStart, end: lineStart), comment)], diagnostic)
        }
        // A suggestion in the range: confirm it as the drafter's own.
        if let range = span(params?.member("range")) {
            for measure in measures() {
                for item in measure.items where item.span.start <= range.end && range.start <= item.span.end {
                    guard case .suggested(let relation, let subject, _) = item.kind else { continue }
                    let confirmed = relation.value == "kind" ? "kind \(subject.value)" : "advances \(subject.value)"
                    edit("Confirm `\(confirmed)`", [(item.span, confirmed)])
                }
            }
        }
        return .array(actions)
    }

    /// 90 days after today, as YYYY-MM-DD.
    private func expiry() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let today = context.today.flatMap { formatter.date(from: $0) } ?? Date()
        return formatter.string(from: today.addingTimeInterval(90 * 86_400))
    }

    private func span(_ range: JSONDocument.Node?) -> Span? {
        guard let file, let lines, let start = point(range?.member("start")), let end = point(range?.member("end")) else { return nil }
        let from = lines.offset(line: start.line, character: start.character)
        return Span(file: file.id, start: from, end: max(from, lines.offset(line: end.line, character: end.character)))
    }

    private func point(_ node: JSONDocument.Node?) -> (line: Int, character: Int)? {
        guard case .number(let line)? = node?.member("line")?.value, case .number(let character)? = node?.member("character")?.value,
            line >= 0, character >= 0, line < 1e9, character < 1e9
        else { return nil }
        return (Int(line), Int(character))
    }

    private func measures() -> [MeasureDecl] {
        var found: [MeasureDecl] = []
        for case .resolution(let resolution) in analysis?.unit?.declarations ?? [] {
            for case .measure(let measure) in resolution.items.map(\.kind) { found.append(measure) }
        }
        return found
    }

    private func measure(at offset: Int) -> MeasureDecl? {
        measures().first { $0.id.span.start == offset }
    }

    /// A node of a request as the JSON value written back (a diagnostic named by an action).
    private static func json(_ node: JSONDocument.Node) -> JSONValue? {
        switch node.value {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? .number(Int(value)) : .string(String(value))
        case .string(let value): return .string(value)
        case .array(let values): return .array(values.compactMap(json))
        case .object(let members): return .object(members.compactMap { member in json(member.value).map { (member.key.text, $0) } })
        }
    }

    // MARK: Formatting and symbols

    func formatting() -> JSONValue {
        guard let file, let lines, let formatted = Lumen.format(document, path: path).formatted else { return .null }
        guard formatted != document else { return .array([]) }
        let all = Span(file: file.id, start: 0, end: file.bytes.count)
        return .array([.object([("range", lines.range(all)), ("newText", .string(formatted))])])
    }

    func symbols() -> JSONValue {
        guard let lines else { return .array([]) }
        var out: [JSONValue] = []
        for case .resolution(let resolution) in analysis?.unit?.declarations ?? [] {
            var children: [JSONValue] = []
            for case .measure(let measure) in resolution.items.map(\.kind) {
                children.append(
                    Self.symbol(measure.id.value, measure.title?.value, kind: 12, measure.span, measure.id.span, [], lines))
            }
            out.append(Self.symbol(resolution.id.value, resolution.title?.value, kind: 2, resolution.span, resolution.id.span, children, lines))
        }
        return .array(out)
    }

    private static func symbol(
        _ name: String, _ detail: String?, kind: Int, _ span: Span, _ selection: Span, _ children: [JSONValue], _ lines: LineMap
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name))]
        if let detail { members.append(("detail", .string(detail))) }
        members += [
            ("kind", .number(kind)), ("range", lines.range(span)), ("selectionRange", lines.range(selection)),
            ("children", .array(children)),
        ]
        return .object(members)
    }
}
