import Diagnostics

/// Prints a syntax tree in the one canonical layout of the language.
///
/// Layout: two-space indentation, one item per line, lists joined by `, `,
/// blank lines between items kept (at most one), none at the start or end of
/// a block. Comments are kept: a comment alone on its line stays before the
/// item that follows it, a comment after an item stays at the end of its line,
/// and a comment inside a multi-line rule moves above the rule. The output of
/// formatting is a fixed point: formatting it again changes nothing.
package struct Formatter {
    private let source: SourceFile
    private let comments: [Comment]
    private var nextComment = 0
    private var output = ""
    private var lastEnd = 0
    /// Lines longer than this are broken (rule bodies one literal per line).
    package static let lineWidth = 100

    private init(source: SourceFile, unit: SourceUnit) {
        self.source = source
        self.comments = unit.comments
    }

    /// The canonical text of a parsed file.
    package static func format(_ unit: SourceUnit, source: SourceFile) -> String {
        var formatter = Formatter(source: source, unit: unit)
        formatter.lastEnd = 0
        for declaration in unit.declarations {
            let isRule: Bool
            switch declaration {
            case .clause, .rule: isRule = true
            default: isRule = false
            }
            formatter.item(declaration.span, indent: 0, hoistInnerComments: isRule) { $0.declaration(declaration) }
        }
        formatter.flushComments(before: Int.max, indent: 0)
        var text = formatter.output
        while text.hasSuffix("\n\n") { text.removeLast() }
        while text.hasPrefix("\n") { text.removeFirst() }
        return text.isEmpty ? "" : text
    }

    // MARK: Items and comments

    /// Emits the comments before `span`, the item itself, and its trailing comment.
    private mutating func item(
        _ span: Span, indent: Int, hoistInnerComments: Bool = false, _ body: (inout Formatter) -> Void
    ) {
        flushComments(before: span.start, indent: indent)
        if output.isEmpty == false, hasBlankLine(from: lastEnd, to: span.start) {
            output += "\n"
        }
        // Comments inside a multi-line rule move above it.
        if hoistInnerComments { flushComments(before: span.end, indent: indent, insideItem: true) }
        output += String(repeating: "  ", count: indent)
        body(&self)
        lastEnd = span.end
        // A comment right after the item on its last line is its trailing comment.
        if nextComment < comments.count, !comments[nextComment].ownLine,
            onlySpaces(from: span.end, to: comments[nextComment].span.start)
        {
            output += "  #" + trimmed(comments[nextComment].text)
            lastEnd = comments[nextComment].span.end
            nextComment += 1
        }
        output += "\n"
    }

    private mutating func flushComments(before offset: Int, indent: Int, insideItem: Bool = false) {
        while nextComment < comments.count, comments[nextComment].span.start < offset {
            let comment = comments[nextComment]
            if insideItem, !comment.ownLine {
                // A comment after the last token of the item is its trailing comment.
                let endLine = source.lineIndex(of: max(offset - 1, 0))
                if source.lineIndex(of: comment.span.start) == endLine { return }
            }
            if !output.isEmpty, !insideItem, hasBlankLine(from: lastEnd, to: comment.span.start) {
                output += "\n"
            }
            output += String(repeating: "  ", count: indent) + "#" + trimmed(comment.text) + "\n"
            if !insideItem { lastEnd = comment.span.end }
            nextComment += 1
        }
    }

    private mutating func block(open: Span, close: Span, indent: Int, _ body: (inout Formatter) -> Void) {
        output += " {\n"
        lastEnd = open.end
        body(&self)
        flushComments(before: close.end, indent: indent + 1)
        output += String(repeating: "  ", count: indent) + "}"
    }

    /// True when the whitespace between two offsets holds an empty line.
    private func hasBlankLine(from start: Int, to end: Int) -> Bool {
        guard start < end, end <= source.bytes.count else { return false }
        var newlines = 0
        for byte in source.bytes[start..<end] {
            if byte == UInt8(ascii: "\n") {
                newlines += 1
                if newlines >= 2 { return true }
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                newlines = 0
            }
        }
        return false
    }

    private func onlySpaces(from start: Int, to end: Int) -> Bool {
        guard start <= end, end <= source.bytes.count else { return false }
        return source.bytes[start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }

    // MARK: Declarations

    private mutating func declaration(_ declaration: Declaration) {
        switch declaration {
        case .use(let d):
            output += d.isPack ? "use pack \(d.path.value)" : "use \(Self.quote(d.path.value))"
        case .goal(let d):
            output += "goal \(d.number.value)" + title(d.title)
            if !d.targets.isEmpty {
                nested(d.span, indent: 0, d.targets) { f, t in f.target(t) }
            }
        case .principle(let d):
            output += "principle \(d.id.value)" + title(d.title)
            if !d.items.isEmpty { nested(d.span, indent: 0, d.items) { f, i in f.principleItem(i) } }
        case .country(let d):
            output += "country \(d.id.value)" + title(d.title)
        case .kind(let d):
            output += "kind \(d.id.value)" + title(d.title)
            if !d.items.isEmpty { nested(d.span, indent: 0, d.items) { f, i in f.kindItem(i) } }
        case .profile(let d):
            output += "profile \(d.subject.value)"
            nested(d.span, indent: 0, d.terms) { f, list in f.termList(list) }
        case .level(let d):
            output += "level \(d.id.value)" + title(d.title)
            if let below = d.below { output += " below \(below.value)" }
        case .interaction(let d):
            output += "interaction \(d.from.value) -> \(d.to.value) "
            if let score = d.score { output += signed(score.value) }
            if let sign = d.reported { output += sign.value.rawValue }
            if let evidence = d.evidence { output += " evidence \(evidence.value)" }
            if let source = d.source { output += " source \(Self.quote(source.value))" }
        case .unit(let d):
            output += "unit \(d.id.value)" + title(d.symbol)
            if let factor = d.factor, let base = d.base { output += " = \(factor.value) \(base.value)" }
        case .resolution(let d):
            output += "resolution \(d.id.value)" + title(d.title)
            if !d.items.isEmpty { nested(d.span, indent: 0, d.items) { f, i in f.resolutionItem(i, indent: 1) } }
        case .relation(let d):
            let columns = d.columns.map { column in
                (column.name.map { "\($0.value): " } ?? "") + column.type.value
            }
            output += "relation \(d.name.value)(\(columns.joined(separator: ", ")))"
        case .clause(let d):
            clause(d, indent: 0)
        case .rule(let d):
            rule(d)
        case .absent(let d):
            output += "absent \(Self.atom(d.pattern)) \(Self.quote(d.text.value.raw))"
            if let instead = d.instead {
                let literals = instead.body.map(Self.literal)
                let oneLine = "\n  instead \(Self.quote(instead.text.value.raw)) when " + literals.joined(separator: ", ")
                if oneLine.count - 1 <= Formatter.lineWidth {
                    output += oneLine
                } else {
                    output += "\n  instead \(Self.quote(instead.text.value.raw))\n  when\n"
                    output += literals.map { "    " + $0 }.joined(separator: ",\n")
                }
            }
        case .test(let d):
            output += "test \(Self.quote(d.name.value))"
            testBody(d)
        }
    }

    private mutating func target(_ target: TargetDecl) {
        output += "target \(target.id.value)" + title(target.title)
        if !target.indicators.isEmpty {
            nested(target.span, indent: 1, target.indicators) { f, indicator in
                if indicator.retired {
                    f.output += "retired \(indicator.id.value)" + f.title(indicator.title)
                    if let successor = indicator.successor { f.output += " by \(successor.value)" }
                    return
                }
                f.output += "indicator \(indicator.id.value)" + f.title(indicator.title)
                if let code = indicator.code { f.output += " code \(Self.quote(code.value))" }
                if !indicator.aliases.isEmpty {
                    f.output += " also " + indicator.aliases.map(\.value).joined(separator: ", ")
                }
            }
        }
    }

    private mutating func kindItem(_ item: KindItem) {
        switch item.kind {
        case .definition(let text):
            output += "definition \(Self.quote(text.value))"
        case .terms(let list):
            termList(list)
        case .maps(let relation, let subjects, let because, let source):
            output += "\(relation.value) " + subjects.map(\.value).joined(separator: ", ") + " because \(Self.quote(because.value))"
            if let source { output += " source \(Self.quote(source.value))" }
        case .offsets(let kind, let targets, let because, let source):
            output += "offsets \(kind.value) on " + targets.map(\.value).joined(separator: ", ")
            output += " because \(Self.quote(because.value))"
            if let source { output += " source \(Self.quote(source.value))" }
        }
    }

    private mutating func termList(_ list: TermList) {
        output += "terms " + (list.language.map { $0.value + " " } ?? "")
        output += list.terms.map { Self.quote($0.value) }.joined(separator: ", ")
    }

    private mutating func principleItem(_ item: PrincipleItem) {
        switch item.kind {
        case .description(let text):
            output += "description \(Self.quote(text.value))"
        case .enshrined(let country, let reference, let document, let note, let checked):
            output += "enshrined \(country.value) \(Self.quote(reference.value))"
            if let document { output += " in \(Self.quote(document.value))" }
            if let note { output += " note \(Self.quote(note.value))" }
            if let checked { output += " checked \(Self.quote(checked.value))" }
        }
    }

    private mutating func resolutionItem(_ item: ResolutionItem, indent: Int) {
        switch item.kind {
        case .description(let text): output += "description \(Self.quote(text.value))"
        case .level(let level): output += "level \(level.value)"
        case .jurisdiction(let country): output += "jurisdiction \(country.value)"
        case .implements(let ids): output += "implements " + ids.map(\.value).joined(separator: ", ")
        case .scope(let goals): output += "scope " + goals.map { String($0.value) }.joined(separator: ", ")
        case .adopted(let date): output += "adopted \(Self.quote(date.value))"
        case .issuedBy(let body): output += "issued-by \(Self.quote(body.value))"
        case .source(let uri): output += "source \(Self.quote(uri.value))"
        case .recalls(let ids): output += "recalls " + ids.map(\.value).joined(separator: ", ")
        case .measure(let measure):
            output += "measure \(measure.id.value)" + title(measure.title)
            if !measure.items.isEmpty {
                nested(measure.span, indent: indent, measure.items) { f, i in f.measureItem(i) }
            }
        case .account(let account):
            output += "indicator \(account.indicator.value)" + title(account.title)
            if !account.items.isEmpty {
                nested(account.span, indent: indent, account.items) { f, i in f.accountItem(i) }
            }
        }
    }

    private mutating func accountItem(_ item: AccountItem) {
        switch item.kind {
        case .unit(let unit): output += "unit \(unit.value)"
        case .monitors(let targets): output += "monitors " + targets.map(\.value).joined(separator: ", ")
        case .better(let direction): output += "better \(direction.value.rawValue)"
        case .baseline(let point): output += "baseline \(point.value.value) in \(point.year.value)"
        case .target(let point): output += "target \(point.value.value) by \(point.year.value)"
        case .observed(let point, let source):
            output += "observed \(point.value.value) in \(point.year.value)"
            if let source { output += " source \(Self.quote(source.value))" }
        case .data(let file, let series, let area):
            output += "data \(Self.quote(file.value))"
            if let series { output += " series \(Self.quote(series.value))" }
            if let area { output += " area \(Self.quote(area.value))" }
        }
    }

    private mutating func measureItem(_ item: MeasureItem) {
        switch item.kind {
        case .description(let text): output += "description \(Self.quote(text.value))"
        case .kinds(let names): output += "kind " + names.map(\.value).joined(separator: ", ")
        case .advances(let ids): output += "advances " + ids.map(\.value).joined(separator: ", ")
        case .undermines(let ids): output += "undermines " + ids.map(\.value).joined(separator: ", ")
        case .restricts(let principle, let justification):
            output += "restricts \(principle.value)"
            if let justification { output += " justified \(Self.quote(justification.value))" }
        case .indicators(let ids): output += "indicator " + ids.map(\.value).joined(separator: ", ")
        case .tags(let names): output += "tag " + names.map(\.value).joined(separator: ", ")
        case .rejects(let relation, let subject, let reason):
            output += "not \(relation.value) \(subject.value) because \(Self.quote(reason.value))"
        case .suggested(let relation, let subject, let score):
            output += "suggested \(relation.value) \(subject.value)" + (score.map { " score \($0.value)" } ?? "")
        case .paragraph(let reference): output += "paragraph \(Self.quote(reference.value))"
        case .effect(let indicator, let amount, let unit, let year):
            output += "effect \(indicator.value) \(amount.value) \(unit.value) by \(year.value)"
        case .implements(let measure): output += "implements \(measure.value)"
        case .cost(let amount, let unit): output += "cost \(amount.value) \(unit.value)"
        }
    }

    /// Items of a block, one per line, one level deeper than `indent`.
    private mutating func nested<Item>(
        _ span: Span, indent: Int, _ items: [Item], _ render: (inout Formatter, Item) -> Void
    ) where Item: Spanned {
        let open = openBrace(in: span)
        let close = Span(file: span.file, start: max(span.start, span.end - 1), end: span.end)
        block(open: open, close: close, indent: indent) { f in
            for element in items {
                f.item(element.itemSpan, indent: indent + 1) { render(&$0, element) }
            }
        }
    }

    private func openBrace(in span: Span) -> Span {
        var offset = span.start
        while offset < span.end, offset < source.bytes.count, source.bytes[offset] != UInt8(ascii: "{") {
            offset += 1
        }
        return Span(file: span.file, start: offset, end: offset + 1)
    }

    private mutating func testBody(_ test: TestDecl) {
        let open = openBrace(in: test.span)
        let close = Span(file: test.span.file, start: max(test.span.start, test.span.end - 1), end: test.span.end)
        output += " {\n"
        lastEnd = open.end
        for element in test.items {
            switch element {
            case .declaration(let declaration):
                let isRule: Bool
                switch declaration {
                case .clause, .rule: isRule = true
                default: isRule = false
                }
                item(declaration.span, indent: 1, hoistInnerComments: isRule) { f in
                    f.indented(1) { $0.declaration(declaration) }
                }
            case .expectation(let e):
                item(e.span, indent: 1) { f in
                    f.output += "expect " + (e.negated ? "no " : "") + e.rule.value + (e.anchor.map { " at \($0.value)" } ?? "")
                }
            }
        }
        flushComments(before: close.end, indent: 1)
        output += "}"
    }

    /// Renders with every line after the first indented by `levels` more.
    private mutating func indented(_ levels: Int, _ body: (inout Formatter) -> Void) {
        let start = output.endIndex
        let before = output
        body(&self)
        let added = String(output[start...])
        let pad = String(repeating: "  ", count: levels)
        output = before + added.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
            i == 0 || line.isEmpty ? String(line) : pad + line
        }.joined(separator: "\n")
    }

    // MARK: Rules

    private mutating func clause(_ clause: Clause, indent: Int) {
        let head = Self.head(clause)
        guard !clause.body.isEmpty else {
            output += head + "."
            return
        }
        let literals = clause.body.map(Self.literal)
        let oneLine = "\(head) :- \(literals.joined(separator: ", "))."
        if oneLine.count <= Formatter.lineWidth {
            output += oneLine
        } else {
            output += "\(head) :-\n"
            output += literals.map { "  " + $0 }.joined(separator: ",\n") + "."
        }
    }

    private mutating func rule(_ rule: RuleDecl) {
        output += "rule \(rule.id.value) \(rule.severity.value.rawValue) \(Self.quote(rule.message.value.raw))\n"
        if let description = rule.description {
            output += "  description \(Self.quote(description.value))\n"
        }
        let literals = rule.body.map(Self.literal)
        let oneLine = "  when " + literals.joined(separator: ", ")
        if oneLine.count <= Formatter.lineWidth {
            output += oneLine + "\n"
        } else {
            output += "  when\n" + literals.map { "    " + $0 }.joined(separator: ",\n") + "\n"
        }
        output += "  at \(rule.anchor.value)"
        if let suggest = rule.suggest { output += "\n  suggest \(suggest.value)" }
    }

    /// An atom as written in the language.
    package static func atom(_ atom: Atom) -> String {
        "\(atom.relation.value)(\(atom.arguments.map(term).joined(separator: ", ")))"
    }

    /// A clause's head as written, its aggregate included.
    package static func head(_ clause: Clause) -> String {
        guard let aggregate = clause.aggregate else { return atom(clause.head) }
        let arguments = clause.head.arguments.enumerated().map { column, argument in
            column == aggregate.column
                ? aggregate.kind.rawValue + (aggregate.variable.map { " " + $0.value } ?? "") : term(argument)
        }
        return "\(clause.head.relation.value)(\(arguments.joined(separator: ", ")))"
    }

    /// A body literal as written in the language.
    package static func literal(_ literal: Literal) -> String {
        switch literal {
        case .positive(let a): atom(a)
        case .negative(let a, _): "not " + atom(a)
        case .comparison(let l, let op, let r, _): "\(term(l)) \(op.rawValue) \(term(r))"
        }
    }

    /// A term as written in the language.
    package static func term(_ term: Term) -> String {
        switch term {
        case .variable(let name), .sdgID(let name), .symbol(let name), .measure(let name): name.value
        case .wildcard: "_"
        case .integer(let value): String(value.value)
        case .quantity(let value, let unit): value.value.description + (unit.map { " " + $0.value } ?? "")
        case .arithmetic(let op, let left, let right, _):
            // Parentheses where the tree needs them: around a looser operation, and
            // around one of the same precedence on the right (`A - (B - C)`).
            "\(operand(left, of: op, right: false)) \(op.rawValue) \(operand(right, of: op, right: true))"
        case .string(let value): Self.quote(value.value)
        }
    }

    private static func operand(_ term: Term, of parent: ArithmeticOperator, right: Bool) -> String {
        guard case .arithmetic(let op, _, _, _) = term,
            op.precedence < parent.precedence || (right && op.precedence == parent.precedence)
        else { return Self.term(term) }
        return "(" + Self.term(term) + ")"
    }

    // MARK: Literals

    private func title(_ title: Located<String>?) -> String {
        title.map { " " + Self.quote($0.value) } ?? ""
    }

    private func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : String(value)
    }

    /// A string literal whose value is `text`.
    package static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Anything the formatter lays out as one line of a block.
package protocol Spanned {
    var itemSpan: Span { get }
}

extension TargetDecl: Spanned { package var itemSpan: Span { span } }
extension IndicatorDecl: Spanned { package var itemSpan: Span { span } }
extension PrincipleItem: Spanned { package var itemSpan: Span { span } }
extension ResolutionItem: Spanned { package var itemSpan: Span { span } }
extension MeasureItem: Spanned { package var itemSpan: Span { span } }
extension AccountItem: Spanned { package var itemSpan: Span { span } }
extension KindItem: Spanned { package var itemSpan: Span { span } }
extension TermList: Spanned { package var itemSpan: Span { span } }
