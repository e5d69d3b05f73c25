import Diagnostics

/// Recursive-descent parser from tokens to a `SourceUnit`.
///
/// Recovery: an error inside a block item skips to the next item of that block
/// (a keyword at the start of a line, or the closing `}`); an error at the top
/// level skips to the next declaration keyword at the start of a line. A
/// declaration keyword in the first column always ends an unclosed block, so a
/// missing `}` costs one diagnostic, not one per following line. The grammar
/// nests at most three blocks deep, so recursion depth is bounded whatever the input.
package struct Parser {
    private let source: SourceFile
    private let tokens: [Token]
    private var index = 0
    package private(set) var diagnostics: [Diagnostic] = []
    /// Parentheses open in the expression being read, and its operations so far:
    /// both bounded, so that a hostile file cannot make a tree deep enough to
    /// exhaust the stack of the passes that walk it.
    private var expressionDepth = 0
    private var expressionOperations = 0
    static let maximumExpressionDepth = 32
    static let maximumExpressionOperations = 256
    private var suppressedErrors = 0
    /// True while parsing the body of a test (tests do not nest).
    private var inTest = false

    /// Parse errors reported per file; the rest are counted in one note.
    package static let errorLimit = 100

    package static let declarationKeywords = Set(DeclarationKeyword.allCases.map(\.rawValue))

    /// Thrown after an error has been reported, to unwind to a recovery point.
    private struct Recover: Error {}

    private init(source: SourceFile, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Lexes and parses a file. Always returns a unit (possibly partial) and every
    /// diagnostic found, in source order.
    ///
    /// With `scanningInteractions` (for the standard library only), the lines
    /// that state a reported interaction in the formatter's form are read by
    /// `InteractionLines` instead of the lexer and the parser, which give the
    /// same declarations for them at many times the cost. A file with a problem
    /// is read again by the parser alone, so that its diagnostics are the parser's.
    package static func parse(
        _ file: SourceFile, scanningInteractions: Bool = false
    ) -> (unit: SourceUnit, diagnostics: [Diagnostic]) {
        let scanned = scanningInteractions ? InteractionLines.scan(file) : (ranges: [], declarations: [])
        let lexer = Lexer.tokenize(file, skipping: scanned.ranges)
        var parser = Parser(source: file, tokens: lexer.tokens)
        let declarations = parser.parseUnit()
        // A problem is reported as the parser alone sees it: where it stopped may lie on a scanned line.
        if !scanned.ranges.isEmpty && (!lexer.diagnostics.isEmpty || !parser.diagnostics.isEmpty) { return parse(file) }
        var diagnostics = lexer.diagnostics + parser.diagnostics
        let suppressed = lexer.suppressedErrors + parser.suppressedErrors
        if suppressed > 0 {
            let end = lexer.tokens.last?.span ?? Span(file: file.id, start: file.bytes.count, end: file.bytes.count)
            diagnostics.append(.tooManyErrors(suppressed, at: end))
        }
        var unit = SourceUnit(file: file.id, declarations: declarations, comments: lexer.comments)
        unit.scannedInteractions = scanned.declarations
        return (unit, diagnostics.sortedForOutput())
    }

    /// Parses a query: a rule body such as `advances(M, T), not undermines(M, T)`,
    /// optionally ended by `.`.
    package static func parseQuery(_ file: SourceFile) -> (literals: [Literal], diagnostics: [Diagnostic]) {
        let lexer = Lexer.tokenize(file)
        var parser = Parser(source: file, tokens: lexer.tokens)
        var literals: [Literal] = []
        do {
            if parser.atEnd {
                throw parser.fail(
                    .unexpectedToken(
                        expected: "a query", found: parser.current,
                        help: "write literals separated by commas, as in `advances(M, T), target-of-goal(T, 13)`"))
            }
            literals = try parser.parseBody()
            if parser.current.kind == .period { parser.advance() }
            if !parser.atEnd {
                throw parser.fail(.unexpectedToken(expected: "`,` or the end of the query", found: parser.current))
            }
        } catch {
            literals = []
        }
        return (literals, (lexer.diagnostics + parser.diagnostics).sortedForOutput())
    }

    // MARK: Token access

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    private var atEnd: Bool { current.kind == .endOfFile }

    @discardableResult
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func fail(_ diagnostic: Diagnostic) -> Recover {
        report(diagnostic)
        return Recover()
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        // A token the lexer already reported needs no second message.
        if current.kind == .invalid, diagnostic.code == .unexpectedToken { return }
        if diagnostics.count < Parser.errorLimit {
            diagnostics.append(diagnostic)
        } else {
            suppressedErrors += 1
        }
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String, help: String? = nil) throws -> Token {
        guard current.kind == kind else {
            throw fail(.unexpectedToken(expected: what, found: current, help: help))
        }
        return advance()
    }

    private mutating func expectKeyword(_ word: String) throws -> Token {
        guard current.isKeyword(word) else {
            throw fail(.unexpectedToken(expected: "`\(word)`", found: current))
        }
        return advance()
    }

    private func spanFrom(_ start: Token) -> Span {
        let last = tokens[max(0, min(index, tokens.count) - 1)]
        return start.span.to(last.span)
    }

    // MARK: Recovery

    /// A declaration keyword at the start of a line. `kind` and `level` also
    /// start items of blocks (a measure's kinds, a resolution's level), so when
    /// recovering they count only in the first column, where declarations are.
    private func isDeclarationStart(_ token: Token) -> Bool {
        guard token.startsLine, token.kind == .identifier, let keyword = DeclarationKeyword(rawValue: token.text) else {
            return false
        }
        return !keyword.alsoStartsAnItem || token.atColumnOne
    }

    /// Skips to the next token that can start a declaration.
    private mutating func synchronizeTopLevel() {
        // Always make progress past the token that caused the error.
        advance()
        while !atEnd {
            if isDeclarationStart(current) { return }
            if current.atColumnOne, current.kind == .identifier, peek(1).kind == .leftParen { return }
            advance()
        }
    }

    /// Skips to the next item of a block: a name starting a line, the `}` of
    /// this block, or a declaration in the first column.
    private mutating func synchronizeInBlock() {
        advance()
        var depth = 0
        while !atEnd {
            let token = current
            if token.atColumnOne && isDeclarationStart(token) { return }
            switch token.kind {
            case .leftBrace:
                depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
            case .identifier where depth == 0 && token.startsLine:
                // Items are one line each: a name starting a line starts the next one.
                return
            default:
                break
            }
            advance()
        }
    }

    // MARK: Declarations

    private mutating func parseUnit() -> [Declaration] {
        var declarations: [Declaration] = []
        while !atEnd {
            let before = index
            do {
                declarations.append(try parseDeclaration())
            } catch {
                if index == before || !isDeclarationStart(current) { synchronizeTopLevel() }
            }
        }
        return declarations
    }

    private mutating func parseDeclaration() throws -> Declaration {
        let token = current
        if token.kind == .identifier, peek(1).kind != .leftParen, let keyword = DeclarationKeyword(rawValue: token.text) {
            switch keyword {
            case .use: return .use(try parseUse())
            case .goal: return .goal(try parseGoal())
            case .principle: return .principle(try parsePrinciple())
            case .country: return .country(try parseCountry())
            case .kind: return .kind(try parseKind())
            case .profile: return .profile(try parseProfile())
            case .level: return .level(try parseLevel())
            case .interaction: return .interaction(try parseInteraction())
            case .resolution: return .resolution(try parseResolution())
            case .relation: return .relation(try parseRelation())
            case .rule: return .rule(try parseRule())
            case .absent: return .absent(try parseAbsent())
            case .unit: return .unit(try parseUnitDeclaration())
            case .test where !inTest: return .test(try parseTest())
            case .test:
                throw fail(.unexpectedToken(expected: "a declaration", found: token, help: "tests cannot be nested"))
            }
        }
        if token.kind == .identifier, peek(1).kind == .leftParen {
            return .clause(try parseClause())
        }
        let help = "declarations start with \(DeclarationKeyword.listed), or are facts and rules such as `name(args).`"
        if token.kind == .identifier {
            let suggestion = EditDistance.suggestion(for: token.text, among: Parser.declarationKeywords.sorted())
            throw fail(
                .unexpectedToken(
                    expected: "a declaration", found: token, help: suggestion.map { "did you mean `\($0)`?" } ?? help))
        }
        throw fail(.unexpectedToken(expected: "a declaration", found: token, help: help))
    }

    /// An item keyword that is not one of `words`: the error, with the nearest
    /// word as a suggestion when one is close (`advance` for `advances`).
    private func unknownItem(_ token: Token, expected words: [String], help: String? = nil) -> Diagnostic {
        let suggestion =
            token.kind == .identifier ? EditDistance.suggestion(for: token.text, among: words) : nil
        return .unexpectedToken(
            expected: ItemKeywords.listed(words), found: token, help: suggestion.map { "did you mean `\($0)`?" } ?? help)
    }

    private mutating func parseUse() throws -> UseDecl {
        let start = advance()
        if current.isKeyword("pack"), peek(1).kind == .identifier {
            advance()
            let name = advance()
            return UseDecl(path: Located(name.text, name.span), isPack: true, span: spanFrom(start))
        }
        let path = try parseString("a path string, as in `use \"common.lumen\"`, or `pack NAME`")
        return UseDecl(path: path, span: spanFrom(start))
    }

    private mutating func parseGoal() throws -> GoalDecl {
        let start = advance()
        let numberToken = current
        guard case .integer(let number) = numberToken.kind else {
            throw fail(.unexpectedToken(expected: "a goal number", found: numberToken))
        }
        advance()
        let title = try parseOptionalString()
        var targets: [TargetDecl] = []
        try parseBlock(what: "goal \(number)") { parser in
            targets.append(try parser.parseTarget())
        }
        return GoalDecl(number: Located(number, numberToken.span), title: title, targets: targets, span: spanFrom(start))
    }

    private mutating func parseTarget() throws -> TargetDecl {
        let start = try expectKeyword("target")
        let id = try parseSDGID("a target id such as `13.2`", parts: 2)
        let title = try parseOptionalString()
        var indicators: [IndicatorDecl] = []
        try parseBlock(what: "target \(id.value)") { parser in
            indicators.append(try parser.current.isKeyword("retired") ? parser.parseRetiredIndicator() : parser.parseIndicator())
        }
        return TargetDecl(id: id, title: title, indicators: indicators, span: spanFrom(start))
    }

    private mutating func parseIndicator() throws -> IndicatorDecl {
        let start = try expectKeyword("indicator")
        let id = try parseSDGID("an indicator id such as `13.2.2`", parts: 3)
        let title = try parseOptionalString()
        var code: Located<String>?
        if current.isKeyword("code") {
            advance()
            let token = current
            let text = try parseString("a UN Statistics Division code such as `\"C010101\"`")
            guard Self.isIndicatorCode(text.value) else {
                throw fail(.unexpectedToken(expected: "a UN Statistics Division code such as `\"C010101\"`", found: token))
            }
            code = text
        }
        var aliases: [Name] = []
        if current.isKeyword("also") {
            advance()
            aliases = try parseList { try $0.parseSDGID("an indicator id", parts: 3) }
        }
        return IndicatorDecl(id: id, title: title, code: code, aliases: aliases, span: spanFrom(start))
    }

    /// `retired 17.6.2 "renumbered 17.6.1 in the 2020 comprehensive review" by 17.6.1`
    private mutating func parseRetiredIndicator() throws -> IndicatorDecl {
        let start = try expectKeyword("retired")
        let id = try parseSDGID("the retired indicator id, as in `retired 13.3.2 \"deleted in 2020\"`", parts: 3)
        let note = try parseString("what became of the indicator, as in `\"deleted in the 2020 comprehensive review\"`")
        var successor: Name?
        if current.isKeyword("by") {
            advance()
            successor = try parseSDGID("the indicator id that replaces it", parts: 3)
        }
        return IndicatorDecl(id: id, title: note, aliases: [], retired: true, successor: successor, span: spanFrom(start))
    }

    /// `C` and six letters or digits, as the UN Statistics Division numbers indicators (`C010a04`).
    static func isIndicatorCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "C")
            && bytes.dropFirst().allSatisfy { (48...57).contains($0) || (97...122).contains($0) }
    }

    private mutating func parsePrinciple() throws -> PrincipleDecl {
        let start = advance()
        let id = try parseIdentifier("a principle id such as `property`")
        let title = try parseOptionalString()
        var items: [PrincipleItem] = []
        try parseBlock(what: "principle `\(id.value)`") { parser in
            let itemStart = parser.current
            switch PrincipleKeyword(rawValue: itemStart.kind == .identifier ? itemStart.text : "") {
            case .description?:
                parser.advance()
                let text = try parser.parseString("a description string")
                items.append(PrincipleItem(kind: .description(text), span: parser.spanFrom(itemStart)))
            case .enshrined?:
                parser.advance()
                let country = try parser.parseIdentifier("a country id such as `germany`")
                let reference = try parser.parseString("the article or section, as in `\"Art. 14\"`")
                var document: Located<String>?
                if parser.current.isKeyword("in") {
                    parser.advance()
                    document = try parser.parseString("the document, as in `\"Basic Law\"`")
                }
                var note: Located<String>?
                if parser.current.isKeyword("note") {
                    parser.advance()
                    note = try parser.parseString("the note, as in `note \"partial provision\"`")
                }
                var checked: Located<String>?
                if parser.current.isKeyword("checked") {
                    parser.advance()
                    checked = try parser.parseString("what the anchor was checked against, as in `checked \"the 2017 text\"`")
                }
                items.append(
                    PrincipleItem(
                        kind: .enshrined(
                            country: country, reference: reference, document: document, note: note, checked: checked),
                        span: parser.spanFrom(itemStart)))
            case nil:
                throw parser.fail(parser.unknownItem(itemStart, expected: ItemKeywords.principle))
            }
        }
        return PrincipleDecl(id: id, title: title, items: items, span: spanFrom(start))
    }

    /// `terms "a", "b"` or `terms fr "a", "b"`, at the word `terms`.
    private mutating func parseTerms() throws -> TermList {
        let start = advance()
        var language: Name?
        if current.kind == .identifier { language = try parseIdentifier("a language, `en` or `fr`") }
        let terms = try parseList { try $0.parseString("a term, as in `\"carbon tax\"`") }
        return TermList(language: language, terms: terms, span: spanFrom(start))
    }

    /// `profile 14.6 { terms ... }` or `profile carbon-tax { terms fr ... }`.
    private mutating func parseProfile() throws -> ProfileDecl {
        let start = advance()
        let subject =
            current.kind == .identifier
            ? try parseIdentifier("a target id such as `14.6` or a kind id")
            : try parseSDGID("a target id such as `14.6` or a kind id", parts: 2)
        var terms: [TermList] = []
        try parseBlock(what: "profile `\(subject.value)`") { parser in
            let item = parser.current
            guard item.kind == .identifier, ProfileKeyword(rawValue: item.text) != nil else {
                throw parser.fail(parser.unknownItem(item, expected: ItemKeywords.profile))
            }
            terms.append(try parser.parseTerms())
        }
        return ProfileDecl(subject: subject, terms: terms, span: spanFrom(start))
    }

    private mutating func parseKind() throws -> KindDecl {
        let start = advance()
        let id = try parseIdentifier("a kind id such as `carbon-tax`")
        let title = try parseOptionalString()
        var items: [KindItem] = []
        try parseBlock(what: "kind `\(id.value)`") { parser in
            let itemStart = parser.current
            let word = itemStart.kind == .identifier ? itemStart.text : ""
            switch KindKeyword(rawValue: word) {
            case .definition?:
                parser.advance()
                items.append(KindItem(kind: .definition(try parser.parseString("a definition string")), span: parser.spanFrom(itemStart)))
            case .terms?:
                items.append(KindItem(kind: .terms(try parser.parseTerms()), span: parser.spanFrom(itemStart)))
            case .advances?, .undermines?, .restricts?:
                parser.advance()
                let subjects =
                    word == "restricts"
                    ? try parser.parseList { try $0.parseIdentifier("a principle id such as `privacy`") }
                    : try parser.parseList { try $0.parseSDGID("a target id", parts: 2) }
                guard parser.current.isKeyword("because") else {
                    throw parser.fail(
                        .unexpectedToken(
                            expected: "`because` and the rationale", found: parser.current,
                            help: "every mapping says why: `\(word) ... because \"...\"`"))
                }
                parser.advance()
                let because = try parser.parseString("the rationale, as in `because \"...\"`")
                var source: Located<String>?
                if parser.current.isKeyword("source") {
                    parser.advance()
                    source = try parser.parseString("the source, as in `source \"...\"`")
                }
                items.append(
                    KindItem(
                        kind: .maps(relation: Name(word, itemStart.span), subjects: subjects, because: because, source: source),
                        span: parser.spanFrom(itemStart)))
            case .offsets?:
                parser.advance()
                let offset = try parser.parseIdentifier("the kind whose effect this kind offsets, as in `offsets carbon-tax on 1.2`")
                guard parser.current.isKeyword("on") else {
                    throw parser.fail(
                        .unexpectedToken(
                            expected: "`on` and the targets", found: parser.current,
                            help: "say which of its underminings is offset: `offsets \(offset.value) on 1.2 because \"...\"`"))
                }
                parser.advance()
                let targets = try parser.parseList { try $0.parseSDGID("a target id", parts: 2) }
                guard parser.current.isKeyword("because") else {
                    throw parser.fail(
                        .unexpectedToken(
                            expected: "`because` and the rationale", found: parser.current,
                            help: "an offset says why: `offsets \(offset.value) on ... because \"...\"`"))
                }
                parser.advance()
                let because = try parser.parseString("the rationale, as in `because \"...\"`")
                var source: Located<String>?
                if parser.current.isKeyword("source") {
                    parser.advance()
                    source = try parser.parseString("the source, as in `source \"...\"`")
                }
                items.append(
                    KindItem(
                        kind: .offsets(kind: offset, targets: targets, because: because, source: source),
                        span: parser.spanFrom(itemStart)))
            case nil:
                throw parser.fail(parser.unknownItem(itemStart, expected: ItemKeywords.kind))
            }
        }
        return KindDecl(id: id, title: title, items: items, span: spanFrom(start))
    }

    private mutating func parseCountry() throws -> CountryDecl {
        let start = advance()
        let id = try parseIdentifier("a country id such as `germany`")
        let title = try parseOptionalString()
        return CountryDecl(id: id, title: title, span: spanFrom(start))
    }

    private mutating func parseLevel() throws -> LevelDecl {
        let start = advance()
        let id = try parseIdentifier("a level id such as `national`")
        let title = try parseOptionalString()
        var below: Name?
        if current.isKeyword("below") {
            advance()
            below = try parseIdentifier("the level just above, as in `below national`")
        }
        return LevelDecl(id: id, title: title, below: below, span: spanFrom(start))
    }

    private mutating func parseInteraction() throws -> InteractionDecl {
        let start = advance()
        let from = try parseSDGID("a target id", parts: 2)
        _ = try expect(.arrow, "`->`", help: "write an interaction as `interaction 7.2 -> 13.2 +2 source \"...\"`")
        let to = try parseSDGID("a target id", parts: 2)
        let effectToken = current
        if effectToken.kind == .identifier, let sign = ReportedSign(rawValue: effectToken.text) {
            advance()
            var evidence: Located<Int>?
            if current.isKeyword("evidence") {
                advance()
                let countToken = current
                guard case .integer(let count) = countToken.kind, count >= 1 else {
                    throw fail(.unexpectedToken(expected: "the number of evidence entries, 1 or more", found: countToken))
                }
                advance()
                evidence = Located(count, countToken.span)
            }
            guard current.isKeyword("source") else {
                throw fail(
                    .unexpectedToken(
                        expected: "`source`", found: current,
                        help: "a reported interaction names where it is reported: `source \"Author (year), title\"`"))
            }
            advance()
            let source = try parseString("the source, as in `source \"Author (year), title\"`")
            return InteractionDecl(
                from: from, to: to, score: nil, reported: Located(sign, effectToken.span), evidence: evidence, source: source,
                span: spanFrom(start))
        }
        guard case .integer(let score) = effectToken.kind else {
            throw fail(
                .unexpectedToken(
                    expected: "a score from -3 to +3, or `synergy`, `trade-off` or `unspecified`", found: effectToken,
                    help: "scores follow Nilsson et al. (2016): +3 indivisible ... -3 cancelling; "
                        + "a sign without a score is an effect reported in the literature"))
        }
        advance()
        var source: Located<String>?
        if current.isKeyword("source") {
            advance()
            source = try parseString("the source, as in `source \"Author (year), title\"`")
        }
        return InteractionDecl(
            from: from, to: to, score: Located(score, effectToken.span), source: source, span: spanFrom(start))
    }

    private mutating func parseResolution() throws -> ResolutionDecl {
        let start = advance()
        let id = try parseIdentifier("a resolution id such as `city-energy`")
        let title = try parseOptionalString()
        var items: [ResolutionItem] = []
        try parseBlock(what: "resolution `\(id.value)`") { parser in
            let itemStart = parser.current
            let kind: ResolutionItem.Kind
            switch ResolutionKeyword(rawValue: itemStart.kind == .identifier ? itemStart.text : "") {
            case .description?:
                parser.advance()
                kind = .description(try parser.parseString("a description string"))
            case .level?:
                parser.advance()
                kind = .level(try parser.parseIdentifier("a level such as `local` or `national`"))
            case .jurisdiction?:
                parser.advance()
                kind = .jurisdiction(try parser.parseIdentifier("a country or union such as `germany` or `european-union`"))
            case .implements?:
                parser.advance()
                kind = .implements(try parser.parseList { try $0.parseIdentifier("a resolution id") })
            case .scope?:
                parser.advance()
                kind = .scope(try parser.parseList { try $0.parseGoalNumber() })
            case .measure?:
                kind = .measure(try parser.parseMeasure())
            case .adopted?:
                parser.advance()
                kind = .adopted(try parser.parseString("the date of adoption, as in `adopted \"2018-11-16\"`"))
            case .issuedBy?:
                parser.advance()
                kind = .issuedBy(try parser.parseString("the body that adopted it, as in `issued-by \"General Assembly\"`"))
            case .source?:
                parser.advance()
                kind = .source(try parser.parseString("where it is published, as in `source \"https://...\"`"))
            case .recalls?:
                parser.advance()
                kind = .recalls(try parser.parseList { try $0.parseIdentifier("a resolution id") })
            case .indicator?:
                kind = .account(try parser.parseAccount())
            case nil:
                throw parser.fail(parser.unknownItem(itemStart, expected: ItemKeywords.resolution))
            }
            items.append(ResolutionItem(kind: kind, span: parser.spanFrom(itemStart)))
        }
        return ResolutionDecl(id: id, title: title, items: items, span: spanFrom(start))
    }

    /// `unit kt-co2e "kt CO2e" = 1000 t-co2e`
    private mutating func parseUnitDeclaration() throws -> UnitDecl {
        let start = advance()
        let id = try parseIdentifier("a unit id such as `t-co2e`")
        let symbol = try parseOptionalString()
        var factor: Located<ExactDecimal>?
        var base: Name?
        if current.kind == .equal {
            advance()
            factor = try parseDecimal("how many of the other unit one is, as in `= 1000 t-co2e`")
            base = try parseIdentifier("the unit it converts to, as in `= 1000 t-co2e`")
        }
        return UnitDecl(id: id, symbol: symbol, factor: factor, base: base, span: spanFrom(start))
    }

    /// `indicator 13.2.2 { unit ...  better ...  baseline V in Y  target V by Y  observed V in Y }`,
    /// or a local indicator: `indicator cycling-share "Title" { monitors 11.2 ... }`.
    private mutating func parseAccount() throws -> AccountDecl {
        let start = advance()
        let indicator = try parseIndicatorReference()
        let title = try parseOptionalString()
        var items: [AccountItem] = []
        try parseBlock(what: "indicator `\(indicator.value)`") { parser in
            let itemStart = parser.current
            let kind: AccountItem.Kind
            switch AccountKeyword(rawValue: itemStart.kind == .identifier ? itemStart.text : "") {
            case .unit?:
                parser.advance()
                kind = .unit(try parser.parseIdentifier("a unit such as `kt-co2e`"))
            case .monitors?:
                parser.advance()
                kind = .monitors(try parser.parseList { try $0.parseSDGID("a target it monitors, as in `monitors 11.2`", parts: 2) })
            case .better?:
                parser.advance()
                let word = parser.current
                guard word.kind == .identifier, let direction = AccountItem.Direction(rawValue: word.text) else {
                    throw parser.fail(.unexpectedToken(expected: "`higher` or `lower`", found: word))
                }
                parser.advance()
                kind = .better(Located(direction, word.span))
            case .baseline?:
                parser.advance()
                kind = .baseline(try parser.parseYearValue(joiner: "in"))
            case .target?:
                parser.advance()
                kind = .target(try parser.parseYearValue(joiner: "by"))
            case .observed?:
                parser.advance()
                let point = try parser.parseYearValue(joiner: "in")
                var source: Located<String>?
                if parser.current.isKeyword("source") {
                    parser.advance()
                    source = try parser.parseString("where the value comes from, as in `source \"City inventory 2021\"`")
                }
                kind = .observed(point, source: source)
            case .data?:
                parser.advance()
                let file = try parser.parseString("a CSV file beside the draft, as in `data \"emissions.csv\"`")
                var series: Located<String>?
                var area: Located<String>?
                if parser.current.isKeyword("series") {
                    parser.advance()
                    series = try parser.parseString("a series code, as in `series \"EN_ATM_GHGT_AIP\"`")
                }
                if parser.current.isKeyword("area") {
                    parser.advance()
                    area = try parser.parseString("an area name, as in `area \"Sweden\"`")
                }
                kind = .data(file, series: series, area: area)
            case nil:
                throw parser.fail(parser.unknownItem(itemStart, expected: ItemKeywords.account))
            }
            items.append(AccountItem(kind: kind, span: parser.spanFrom(itemStart)))
        }
        return AccountDecl(indicator: indicator, title: title, items: items, span: spanFrom(start))
    }

    /// `1240.5 in 2015` (or `by` for a target).
    private mutating func parseYearValue(joiner: String) throws -> YearValue {
        let value = try parseDecimal("a number, as in `1240.5 \(joiner) 2015`")
        guard current.isKeyword(joiner) else {
            throw fail(.unexpectedToken(expected: "`\(joiner)` and a year, as in `\(value.value) \(joiner) 2015`", found: current))
        }
        advance()
        return YearValue(value: value, year: try parseYear())
    }

    private mutating func parseYear() throws -> Located<Int> {
        let token = current
        guard case .integer(let year) = token.kind, (1000...9999).contains(year) else {
            throw fail(.unexpectedToken(expected: "a year such as `2030`", found: token))
        }
        advance()
        return Located(year, token.span)
    }

    /// A number: `620`, `1240.5`, `-12.5` (written in digits, with a point for decimals).
    private mutating func parseDecimal(_ what: String) throws -> Located<ExactDecimal> {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            return Located(ExactDecimal(value), token.span)
        case .sdgID, .decimal:
            guard let value = ExactDecimal(token.text) else { break }
            advance()
            return Located(value, token.span)
        default:
            break
        }
        throw fail(.unexpectedToken(expected: what, found: token))
    }

    private mutating func parseMeasure() throws -> MeasureDecl {
        let start = advance()
        let id = try parseIdentifier("a measure id such as `m1`")
        let title = try parseOptionalString()
        var items: [MeasureItem] = []
        try parseBlock(what: "measure `\(id.value)`") { parser in
            let itemStart = parser.current
            let kind: MeasureItem.Kind
            switch MeasureKeyword(rawValue: itemStart.kind == .identifier ? itemStart.text : "") {
            case .description?:
                parser.advance()
                kind = .description(try parser.parseString("a description string"))
            case .kind?:
                parser.advance()
                kind = .kinds(try parser.parseList { try $0.parseIdentifier("a kind such as `carbon-tax`") })
            case .advances?:
                parser.advance()
                kind = .advances(try parser.parseList { try $0.parseSDGID("a target id", parts: 2) })
            case .undermines?:
                parser.advance()
                kind = .undermines(try parser.parseList { try $0.parseSDGID("a target id", parts: 2) })
            case .restricts?:
                parser.advance()
                let principle = try parser.parseIdentifier("a principle id such as `property`")
                var justification: Located<String>?
                if parser.current.isKeyword("justified") {
                    parser.advance()
                    justification = try parser.parseString("the justification, as in `justified \"...\"`")
                }
                kind = .restricts(principle: principle, justification: justification)
            case .indicator?:
                parser.advance()
                kind = .indicators(try parser.parseList { try $0.parseIndicatorReference() })
            case .tag?:
                parser.advance()
                kind = .tags(try parser.parseList { try $0.parseIdentifier("a tag") })
            case .not?:
                parser.advance()
                let relation = parser.current
                guard relation.kind == .identifier, ["advances", "undermines", "restricts"].contains(relation.text) else {
                    throw parser.fail(
                        .unexpectedToken(
                            expected: "`advances`, `undermines` or `restricts` after `not`", found: relation,
                            help: "reject an inferred mapping as in `not advances 8.2 because \"...\"`"))
                }
                parser.advance()
                let subject = relation.text == "restricts"
                    ? try parser.parseIdentifier("a principle id such as `privacy`")
                    : try parser.parseSDGID("a target id", parts: 2)
                guard parser.current.isKeyword("because") else {
                    throw parser.fail(
                        .unexpectedToken(
                            expected: "`because` and the reason", found: parser.current,
                            help: "a rejected mapping needs a reason: `not \(relation.text) \(subject.value) because \"...\"`"))
                }
                parser.advance()
                let reason = try parser.parseString("the reason, as in `because \"...\"`")
                kind = .rejects(relation: Name(relation.text, relation.span), subject: subject, reason: reason)
            case .suggested?:
                kind = try parser.parseSuggested()
            case .paragraph?:
                parser.advance()
                kind = .paragraph(try parser.parseString("the paragraph's reference, as in `paragraph \"para_3\"`"))
            case .effect?:
                parser.advance()
                let indicator = try parser.parseIndicatorReference()
                let amount = try parser.parseDecimal("the change it expects, as in `effect 13.2.2 -45 kt-co2e by 2030`")
                let unit = try parser.parseIdentifier("a unit such as `kt-co2e`")
                guard parser.current.isKeyword("by") else {
                    throw parser.fail(.unexpectedToken(expected: "`by` and a year, as in `-45 kt-co2e by 2030`", found: parser.current))
                }
                parser.advance()
                kind = .effect(indicator: indicator, amount: amount, unit: unit, year: try parser.parseYear())
            case .cost?:
                parser.advance()
                let amount = try parser.parseDecimal("what it costs, as in `cost 12.5 meur`")
                kind = .cost(amount: amount, unit: try parser.parseIdentifier("a unit such as `meur`, declared with `unit`"))
            case .implements?:
                parser.advance()
                let token = parser.current
                guard token.kind == .qualifiedName else {
                    throw parser.fail(.unexpectedToken(expected: "a measure of another resolution, as in `national-plan.renewables`", found: token))
                }
                parser.advance()
                kind = .implements(Name(token.text, token.span))
            case nil:
                throw parser.fail(parser.unknownItem(itemStart, expected: ItemKeywords.measure))
            }
            items.append(MeasureItem(kind: kind, span: parser.spanFrom(itemStart)))
        }
        return MeasureDecl(id: id, title: title, items: items, span: spanFrom(start))
    }

    /// `suggested advances 14.6 score 41` or `suggested kind carbon-tax score 40`, at `suggested`.
    private mutating func parseSuggested() throws -> MeasureItem.Kind {
        _ = advance()
        let relation = current
        guard relation.kind == .identifier, ["advances", "kind"].contains(relation.text) else {
            throw fail(
                .unexpectedToken(
                    expected: "`advances` or `kind` after `suggested`", found: relation,
                    help: "a suggestion reads `suggested advances 14.6 score 41` or `suggested kind carbon-tax score 40`"))
        }
        _ = advance()
        let subject =
            relation.text == "kind"
            ? try parseIdentifier("a kind such as `carbon-tax`") : try parseSDGID("a target id", parts: 2)
        var score: Located<Int>?
        if current.isKeyword("score") {
            _ = advance()
            guard case .integer(let value) = current.kind else {
                throw fail(
                    .unexpectedToken(
                        expected: "a whole score such as `41`", found: current,
                        help: "scores are whole numbers, as `lumen suggest --apply` writes them; or leave `score` out"))
            }
            score = Located(value, current.span)
            _ = advance()
        }
        return .suggested(relation: Name(relation.text, relation.span), subject: subject, score: score)
    }

    private mutating func parseRelation() throws -> RelationDecl {
        let start = advance()
        let name = try parseIdentifier("a relation name")
        _ = try expect(.leftParen, "`(`", help: "declare columns as `relation \(name.value)(measure, target)`")
        var columns: [RelationDecl.Column] = []
        if current.kind != .rightParen {
            columns = try parseList { parser in
                let first = try parser.parseIdentifier("a column type")
                if parser.current.kind == .colon {
                    parser.advance()
                    let type = try parser.parseIdentifier("a column type")
                    return RelationDecl.Column(name: first, type: type, span: first.span.to(type.span))
                }
                return RelationDecl.Column(name: nil, type: first, span: first.span)
            }
        }
        _ = try expect(.rightParen, "`)` or `,`")
        return RelationDecl(name: name, columns: columns, span: spanFrom(start))
    }

    private mutating func parseClause() throws -> Clause {
        let start = current
        let name = try parseIdentifier("a relation name")
        _ = try expect(.leftParen, "`(`")
        var arguments: [Term] = []
        var aggregates: [Aggregate] = []
        var column = 0
        if current.kind != .rightParen {
            arguments = try parseList { parser in
                defer { column += 1 }
                if let aggregate = parser.parseAggregate(column: column) {
                    aggregates.append(aggregate)
                    return aggregate.variable.map(Term.variable) ?? .integer(Located(0, aggregate.span))
                }
                return try parser.parseTerm()
            }
        }
        _ = try expect(.rightParen, "`)` or `,`")
        let head = Atom(relation: name, arguments: arguments, span: spanFrom(start))
        var body: [Literal] = []
        if current.kind == .turnstile {
            advance()
            body = try parseBody()
        }
        _ = try expect(.period, body.isEmpty ? "`.` or `:-`" : "`.` or `,`", help: "end a fact or rule with `.`")
        var clause = Clause(head: head, body: body, aggregate: aggregates.first, span: spanFrom(start))
        clause.extraAggregates = aggregates.dropFirst().map(\.span)
        return clause
    }

    /// `count`, or `sum`, `min` or `max` and a variable, as an argument of a head:
    /// words that are aggregates only there, and only followed by `,` or `)`
    /// (`count`) or by a variable (the others).
    private mutating func parseAggregate(column: Int) -> Aggregate? {
        guard current.kind == .identifier, let kind = Aggregate.Kind(rawValue: current.text) else { return nil }
        let word = current
        if kind == .count {
            guard peek(1).kind == .comma || peek(1).kind == .rightParen else { return nil }
            advance()
            return Aggregate(kind: kind, column: column, variable: nil, span: word.span)
        }
        guard peek(1).kind == .variable, peek(1).text != "_" else { return nil }
        advance()
        let variable = advance()
        return Aggregate(kind: kind, column: column, variable: Name(variable.text, variable.span), span: word.span.to(variable.span))
    }

    private mutating func parseRule() throws -> RuleDecl {
        let start = advance()
        let id = try parseIdentifier("a rule id such as `undermined-target`")
        let severityToken = current
        guard severityToken.kind == .identifier, let severity = RuleSeverity(rawValue: severityToken.text) else {
            throw fail(.invalidSeverity(severityToken))
        }
        advance()
        let message = try parseMessage()
        var description: Located<String>?
        if current.isKeyword("description") {
            advance()
            description = try parseString("a description string")
        }
        _ = try expectKeyword("when")
        let body = try parseBody()
        _ = try expectKeyword("at")
        let anchorToken = current
        guard anchorToken.kind == .variable, anchorToken.text != "_" else {
            throw fail(
                .unexpectedToken(
                    expected: "the variable the finding points at", found: anchorToken,
                    help: "end the rule with `at M`, naming a measure or another declared thing"))
        }
        advance()
        var suggest: Name?
        if current.isKeyword("suggest") {
            advance()
            let token = current
            guard token.kind == .variable, token.text != "_" else {
                throw fail(
                    .unexpectedToken(
                        expected: "the measure whose suggested targets the finding lists", found: token,
                        help: "write `suggest M`, naming the measure variable of the message or the anchor"))
            }
            advance()
            suggest = Name(token.text, token.span)
        }
        return RuleDecl(
            id: id, severity: Located(severity, severityToken.span), message: message, description: description,
            body: body, anchor: Name(anchorToken.text, anchorToken.span), suggest: suggest, span: spanFrom(start))
    }

    private mutating func parseAbsent() throws -> AbsentDecl {
        let start = advance()
        let pattern = try parseAtom()
        for argument in pattern.arguments {
            switch argument {
            case .variable, .wildcard: continue
            default:
                throw fail(
                    .unexpectedToken(
                        expected: "a variable for each column", found: tokenAt(argument.span),
                        help: "name each column with a variable, as in `absent \(pattern.relation.value)(R, G) \"...\"`"))
            }
        }
        let text = try parseMessage()
        var instead: AbsentDecl.Instead?
        if current.isKeyword("instead") {
            advance()
            let insteadText = try parseMessage()
            _ = try expectKeyword("when")
            instead = AbsentDecl.Instead(text: insteadText, body: try parseBody())
        }
        return AbsentDecl(pattern: pattern, text: text, instead: instead, span: spanFrom(start))
    }

    /// The token that starts at a span already parsed, for a diagnostic about it.
    private func tokenAt(_ span: Span) -> Token {
        tokens.last { $0.span.start == span.start } ?? current
    }

    private mutating func parseTest() throws -> TestDecl {
        let start = advance()
        let name = try parseString("the test's name, as in `test \"fires on a sibling measure\"`")
        var items: [TestItem] = []
        guard current.kind == .leftBrace else {
            throw fail(.unexpectedToken(expected: "`{`", found: current, help: "a test holds declarations and `expect` lines in braces"))
        }
        inTest = true
        defer { inTest = false }
        try parseBlock(what: "test \"\(name.value)\"") { parser in
            if parser.current.isKeyword("expect") {
                items.append(.expectation(try parser.parseExpectation()))
            } else {
                items.append(.declaration(try parser.parseDeclaration()))
            }
        }
        return TestDecl(name: name, items: items, span: spanFrom(start))
    }

    private mutating func parseExpectation() throws -> Expectation {
        let start = advance()
        var negated = false
        if current.isKeyword("no"), peek(1).kind == .identifier {
            negated = true
            advance()
        }
        let rule = try parseIdentifier("a rule id")
        var anchor: Name?
        if current.isKeyword("at") {
            advance()
            let token = current
            switch token.kind {
            case .identifier, .qualifiedName, .sdgID, .integer:
                advance()
                anchor = Name(token.text, token.span)
            default:
                throw fail(.unexpectedToken(expected: "the id the finding points at, such as `r.m1` or `13.2`", found: token))
            }
        }
        if !negated && anchor == nil {
            throw fail(
                .unexpectedToken(
                    expected: "`at`", found: current, help: "say where the finding must point: `expect \(rule.value) at r.m1`"))
        }
        return Expectation(negated: negated, rule: rule, anchor: anchor, span: spanFrom(start))
    }

    // MARK: Rule bodies

    private mutating func parseBody() throws -> [Literal] {
        try parseList { try $0.parseLiteral() }
    }

    private mutating func parseLiteral() throws -> Literal {
        let start = current
        if start.isKeyword("not"), peek(1).kind == .identifier {
            advance()
            let atom = try parseAtom()
            return .negative(atom, span: start.span.to(atom.span))
        }
        if start.kind == .identifier, peek(1).kind == .leftParen {
            return .positive(try parseAtom())
        }
        let left = try parseTerm()
        let operatorToken = current
        let op: ComparisonOperator
        switch operatorToken.kind {
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        default:
            throw fail(.unexpectedToken(expected: "a comparison operator (`=`, `!=`, `<`, `<=`, `>`, `>=`)", found: operatorToken))
        }
        advance()
        let right = try parseTerm()
        // An ordering compares numbers: `0.95` there is a decimal, not an id.
        let (a, b) = op.isOrdering ? (Self.numeric(left), Self.numeric(right)) : (left, right)
        return .comparison(a, op, b, span: left.span.to(right.span))
    }

    private mutating func parseAtom() throws -> Atom {
        let start = current
        let name = try parseIdentifier("a relation name")
        _ = try expect(.leftParen, "`(`")
        var arguments: [Term] = []
        if current.kind != .rightParen {
            arguments = try parseList { try $0.parseTerm() }
        }
        _ = try expect(.rightParen, "`)` or `,`")
        return Atom(relation: name, arguments: arguments, span: spanFrom(start))
    }

    /// A term, or arithmetic over terms: `T - L`, `(A + B) / 2`, `C * -1`,
    /// with `*` and `/` before `+` and `-`, left to right.
    private mutating func parseTerm() throws -> Term {
        if expressionDepth == 0 { expressionOperations = 0 }
        return try parseArithmetic(precedence: 1)
    }

    private mutating func parseArithmetic(precedence: Int) throws -> Term {
        var left = precedence == 1 ? try parseArithmetic(precedence: 2) : try parseOperand()
        while true {
            let token = current
            // `T-1` reads as `T` and the number `-1`: after a term, a sign is an operator.
            let isNumber: Bool
            switch token.kind {
            case .integer, .decimal: isNumber = true
            default: isNumber = false
            }
            let signed = isNumber && (token.text.hasPrefix("-") || token.text.hasPrefix("+"))
            let op: ArithmeticOperator
            switch token.kind {
            case .plus: op = .plus
            case .minus: op = .minus
            case .star: op = .times
            case .slash: op = .divide
            default:
                guard signed else { return left }
                op = token.text.hasPrefix("-") ? .minus : .plus
            }
            guard op.precedence == precedence else { return left }
            expressionOperations += 1
            guard expressionOperations <= Self.maximumExpressionOperations else {
                throw fail(
                    .unexpectedToken(
                        expected: "the end of the expression", found: token,
                        help: "an expression has at most \(Self.maximumExpressionOperations) operations; compute part of it in a rule of its own"))
            }
            let operand: Term
            if signed {
                operand = try parseSignedOperand()
            } else {
                advance()
                operand = try precedence == 1 ? parseArithmetic(precedence: 2) : parseOperand()
            }
            left = .arithmetic(op, Self.numeric(left), Self.numeric(operand), span: left.span.to(operand.span))
        }
    }

    /// The magnitude of a signed number that follows a term as its right operand
    /// (`T-1`: the lexer made `-1` one token), with the unit after it.
    private mutating func parseSignedOperand() throws -> Term {
        let token = advance()
        let digits = String(token.text.dropFirst())
        let span = Span(file: token.span.file, start: token.span.start + 1, end: token.span.end)
        if case .integer = token.kind, !unitFollows, let number = Int(digits) {
            return .integer(Located(number, span))
        }
        guard let value = ExactDecimal(digits) else {
            throw fail(.unexpectedToken(expected: "a number of at most 18 digits", found: token))
        }
        return .quantity(Located(value, span), unit: parseUnitName())
    }

    /// Words that may follow a number without being its unit: those that end a
    /// rule's body (`at`, `suggest`) or continue a declaration (`in`, `by`).
    private static let wordsAfterANumber: Set<String> = ["at", "suggest", "when", "instead", "not", "in", "by"]

    /// Whether an identifier that can be a unit follows a number (`5 percent`).
    private var unitFollows: Bool { Self.canBeAUnit(current) }

    private static func canBeAUnit(_ token: Token) -> Bool {
        token.kind == .identifier && !wordsAfterANumber.contains(token.text)
    }

    private mutating func parseUnitName() -> Name? {
        guard unitFollows else { return nil }
        let token = advance()
        return Name(token.text, token.span)
    }

    /// A digit-only id (`0.95`, `1.5`) where a number is meant is the decimal it spells.
    static func numeric(_ term: Term) -> Term {
        guard case .sdgID(let name) = term, !name.value.contains(where: { $0.isLetter }),
            name.value.split(separator: ".").count == 2, let value = ExactDecimal(name.value)
        else { return term }
        return .quantity(Located(value, name.span), unit: nil)
    }

    private mutating func parseOperand() throws -> Term {
        let token = current
        switch token.kind {
        case .leftParen:
            guard expressionDepth < Self.maximumExpressionDepth else {
                throw fail(
                    .unexpectedToken(
                        expected: "a variable or a constant", found: token,
                        help: "parentheses nest at most \(Self.maximumExpressionDepth) deep in an expression"))
            }
            advance()
            expressionDepth += 1
            defer { expressionDepth -= 1 }
            let inner = try parseTerm()
            _ = try expect(.rightParen, "`)`")
            return inner
        case .variable:
            advance()
            return token.text == "_" ? .wildcard(token.span) : .variable(Name(token.text, token.span))
        case .integer(let value):
            advance()
            if let unit = parseUnitName() { return .quantity(Located(ExactDecimal(value), token.span), unit: unit) }
            return .integer(Located(value, token.span))
        case .decimal:
            advance()
            let value = ExactDecimal(token.text) ?? ExactDecimal(0)
            return .quantity(Located(value, token.span), unit: parseUnitName())
        case .sdgID where unitFollowsNext:
            advance()
            guard let value = ExactDecimal(token.text) else {
                throw fail(.unexpectedToken(expected: "a number before the unit", found: token))
            }
            return .quantity(Located(value, token.span), unit: parseUnitName())
        case .string(let value):
            advance()
            return .string(Located(value, token.span))
        case .sdgID:
            advance()
            return .sdgID(Name(token.text, token.span))
        case .identifier:
            advance()
            return .symbol(Name(token.text, token.span))
        case .qualifiedName:
            advance()
            return .measure(Name(token.text, token.span))
        default:
            throw fail(.unexpectedToken(expected: "a variable or a constant", found: token))
        }
    }

    /// Whether the token after the current one can be a unit.
    private var unitFollowsNext: Bool { Self.canBeAUnit(peek(1)) }

    // MARK: Small pieces

    /// `{ item* }`, or nothing at all (a declaration without a block).
    private mutating func parseBlock(
        what: String, item: (inout Parser) throws -> Void
    ) throws {
        guard current.kind == .leftBrace else { return }
        let open = advance()
        while true {
            if current.kind == .rightBrace {
                advance()
                return
            }
            if atEnd || (current.atColumnOne && isDeclarationStart(current)) {
                report(.unclosedBlock(opened: open.span, at: current.span, what: what))
                return
            }
            let before = index
            do {
                try item(&self)
            } catch {
                let atItem =
                    current.kind == .rightBrace || (current.startsLine && current.kind == .identifier)
                    || (current.atColumnOne && isDeclarationStart(current))
                if index == before || !atItem {
                    synchronizeInBlock()
                }
            }
        }
    }

    private mutating func parseList<T>(_ element: (inout Parser) throws -> T) throws -> [T] {
        var items = [try element(&self)]
        while current.kind == .comma {
            advance()
            items.append(try element(&self))
        }
        return items
    }

    private mutating func parseIdentifier(_ what: String) throws -> Name {
        let token = current
        guard token.kind == .identifier else {
            var help: String?
            if token.kind == .variable {
                help = "ids start with a lower-case letter; names starting with an upper-case letter are variables"
            }
            throw fail(.unexpectedToken(expected: what, found: token, help: help))
        }
        advance()
        return Name(token.text, token.span)
    }

    private mutating func parseSDGID(_ what: String, parts: Int) throws -> Name {
        let token = current
        // Segments are counted, not split: the standard library holds thousands of ids.
        var actualParts = 1
        for byte in token.text.utf8 where byte == UInt8(ascii: ".") { actualParts += 1 }
        guard token.kind == .sdgID, actualParts == parts else {
            throw fail(.unexpectedToken(expected: what, found: token))
        }
        advance()
        return Name(token.text, token.span)
    }

    /// An indicator of the global framework (`13.2.2`) or a local one a draft declares (`cycling-share`).
    private mutating func parseIndicatorReference() throws -> Name {
        if current.kind == .identifier {
            let token = advance()
            return Name(token.text, token.span)
        }
        return try parseSDGID("an indicator id such as `13.2.2`, or the name of a local indicator", parts: 3)
    }

    private mutating func parseGoalNumber() throws -> Located<Int> {
        let token = current
        guard case .integer(let number) = token.kind else {
            throw fail(.unexpectedToken(expected: "a goal number", found: token))
        }
        advance()
        return Located(number, token.span)
    }

    private mutating func parseString(_ what: String) throws -> Located<String> {
        let token = current
        guard case .string(let value) = token.kind else {
            throw fail(.unexpectedToken(expected: what, found: token))
        }
        advance()
        return Located(value, token.span)
    }

    private mutating func parseOptionalString() throws -> Located<String>? {
        guard case .string(let value) = current.kind else { return nil }
        let token = advance()
        return Located(value, token.span)
    }

    private mutating func parseMessage() throws -> Located<MessageTemplate> {
        let token = current
        guard case .string(let value) = token.kind else {
            throw fail(.unexpectedToken(expected: "a message string, as in `\"{M} has no indicator\"`", found: token))
        }
        advance()
        var scanner = MessageScanner(bytes: source.bytes, span: token.span)
        let parts = scanner.scan()
        for diagnostic in scanner.diagnostics { report(diagnostic) }
        return Located(MessageTemplate(parts: parts, raw: value), token.span)
    }
}
