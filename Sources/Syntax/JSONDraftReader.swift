import Diagnostics

/// Reads a draft exported as JSON into the same syntax tree a `.lumen` file
/// gives, with every name's span inside the JSON, so that findings and errors
/// point at `file:line:col` in it.
///
///     {"interactions": [{"from": "2.3", "to": "15.5", "score": -2, "source": "..."}],
///      "resolutions": [{"id": "food", "title": "...", "level": "national", "implements": "parent",
///        "scope": [2, 15], "measures": [{"id": "m1", "title": "...", "advances": ["2.3"],
///        "undermines": ["15.5"], "restricts": ["property", {"principle": "privacy", "justification": "..."}],
///        "indicators": ["2.3.1"], "tags": ["agriculture"], "kinds": ["farm-input-subsidy"]}]}]}
package struct JSONDraftReader {
    private var problems = DraftProblems()

    package static func read(_ file: SourceFile, maxDepth: Int = JSONDocument.maxDepth) -> (
        unit: SourceUnit, diagnostics: [Diagnostic]
    ) {
        var reader = JSONDraftReader()
        var declarations: [Declaration] = []
        switch JSONDocument.parse(file, maxDepth: maxDepth) {
        case .failure(let error):
            reader.report("malformed JSON: \(error.message)", error.span)
        case .success(let root):
            declarations = reader.draft(root)
        }
        return (SourceUnit(file: file.id, declarations: declarations, comments: []), reader.problems.all)
    }

    private mutating func report(_ message: String, _ span: Span, help: String? = nil) {
        problems.report(message, span, help: help)
    }

    /// The members of an object, reporting unknown keys.
    private mutating func members(_ node: JSONDocument.Node, _ what: String, keys: [String]) -> [String: JSONDocument.Node]? {
        guard case .object(let members) = node.value else {
            report("\(what) must be an object, not \(node.typeName)", node.span)
            return nil
        }
        var result: [String: JSONDocument.Node] = [:]
        for (key, value) in members {
            guard keys.contains(key.text) else {
                let suggestion = EditDistance.suggestion(for: key.text, among: keys)
                report(
                    "unknown key `\(key.text)` in \(what)", key.span,
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "the keys are " + keys.map { "`\($0)`" }.joined(separator: ", "))
                continue
            }
            result[key.text] = value
        }
        return result
    }

    private mutating func array(_ node: JSONDocument.Node?, _ what: String) -> [JSONDocument.Node] {
        guard let node else { return [] }
        guard case .array(let items) = node.value else {
            report("`\(what)` must be an array, not \(node.typeName)", node.span)
            return []
        }
        return items
    }

    private mutating func string(_ node: JSONDocument.Node?, _ what: String) -> Located<String>? {
        guard let node else { return nil }
        guard case .string(let text) = node.value else {
            report("`\(what)` must be a string, not \(node.typeName)", node.span)
            return nil
        }
        // The span of a name is the string without its quotes.
        let inner = Span(file: node.span.file, start: node.span.start + 1, end: max(node.span.start + 1, node.span.end - 1))
        return Located(text, inner)
    }

    private mutating func strings(_ node: JSONDocument.Node?, _ what: String) -> [Name] {
        array(node, what).compactMap { string($0, what) }
    }

    private mutating func integer(_ node: JSONDocument.Node?, _ what: String) -> Located<Int>? {
        guard let node else { return nil }
        guard case .number(let value) = node.value, value.rounded() == value, abs(value) < 1e15 else {
            report("`\(what)` must be an integer, not \(node.typeName)", node.span)
            return nil
        }
        return Located(Int(value), node.span)
    }

    private mutating func draft(_ root: JSONDocument.Node) -> [Declaration] {
        guard let top = members(root, "the draft", keys: ["interactions", "resolutions"]) else { return [] }
        var declarations: [Declaration] = []
        for node in array(top["interactions"], "interactions") {
            guard let fields = members(node, "an interaction", keys: ["from", "to", "score", "source"]) else { continue }
            guard let from = string(fields["from"], "from"), let to = string(fields["to"], "to"),
                let score = integer(fields["score"], "score")
            else {
                if fields["from"] == nil || fields["to"] == nil || fields["score"] == nil {
                    report("an interaction needs `from`, `to` and `score`", node.span)
                }
                continue
            }
            declarations.append(
                .interaction(InteractionDecl(from: from, to: to, score: score, source: string(fields["source"], "source"), span: node.span)))
        }
        for node in array(top["resolutions"], "resolutions") {
            if let resolution = resolution(node) { declarations.append(.resolution(resolution)) }
        }
        return declarations
    }

    private mutating func resolution(_ node: JSONDocument.Node) -> ResolutionDecl? {
        let keys = ["id", "title", "description", "level", "jurisdiction", "implements", "scope", "measures"]
        guard let fields = members(node, "a resolution", keys: keys) else { return nil }
        guard let id = string(fields["id"], "id") else {
            if fields["id"] == nil { report("a resolution needs an `id`", node.span) }
            return nil
        }
        var items: [ResolutionItem] = []
        if let description = string(fields["description"], "description") {
            items.append(ResolutionItem(kind: .description(description), span: description.span))
        }
        if let level = string(fields["level"], "level") { items.append(ResolutionItem(kind: .level(level), span: level.span)) }
        if let country = string(fields["jurisdiction"], "jurisdiction") {
            items.append(ResolutionItem(kind: .jurisdiction(country), span: country.span))
        }
        if let implements = fields["implements"] {
            let parents: [Name]
            if case .array = implements.value { parents = strings(implements, "implements") } else {
                parents = string(implements, "implements").map { [$0] } ?? []
            }
            if !parents.isEmpty { items.append(ResolutionItem(kind: .implements(parents), span: implements.span)) }
        }
        if let scope = fields["scope"] {
            let goals = array(scope, "scope").compactMap { integer($0, "scope") }
            if !goals.isEmpty { items.append(ResolutionItem(kind: .scope(goals), span: scope.span)) }
        }
        for measureNode in array(fields["measures"], "measures") {
            if let measure = measure(measureNode) { items.append(ResolutionItem(kind: .measure(measure), span: measure.span)) }
        }
        return ResolutionDecl(id: id, title: string(fields["title"], "title"), items: items, span: node.span)
    }

    private mutating func measure(_ node: JSONDocument.Node) -> MeasureDecl? {
        let keys = ["id", "title", "description", "kinds", "advances", "undermines", "restricts", "indicators", "tags"]
        guard let fields = members(node, "a measure", keys: keys) else { return nil }
        guard let id = string(fields["id"], "id") else {
            if fields["id"] == nil { report("a measure needs an `id`", node.span) }
            return nil
        }
        var items: [MeasureItem] = []
        func add(_ key: String, _ make: ([Name]) -> MeasureItem.Kind) {
            guard let list = fields[key] else { return }
            let names = strings(list, key)
            if !names.isEmpty { items.append(MeasureItem(kind: make(names), span: list.span)) }
        }
        if let description = string(fields["description"], "description") {
            items.append(MeasureItem(kind: .description(description), span: description.span))
        }
        add("kinds") { .kinds($0) }
        add("advances") { .advances($0) }
        add("undermines") { .undermines($0) }
        for restriction in array(fields["restricts"], "restricts") {
            if case .string = restriction.value, let principle = string(restriction, "restricts") {
                items.append(MeasureItem(kind: .restricts(principle: principle, justification: nil), span: restriction.span))
            } else if let detail = members(restriction, "a restriction", keys: ["principle", "justification"]) {
                guard let principle = string(detail["principle"], "principle") else {
                    if detail["principle"] == nil { report("a restriction needs a `principle`", restriction.span) }
                    continue
                }
                let justification = string(detail["justification"], "justification")
                items.append(MeasureItem(kind: .restricts(principle: principle, justification: justification), span: restriction.span))
            }
        }
        add("indicators") { .indicators($0) }
        add("tags") { .tags($0) }
        return MeasureDecl(id: id, title: string(fields["title"], "title"), items: items, span: node.span)
    }
}
