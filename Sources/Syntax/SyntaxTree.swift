import Diagnostics

/// A value with the span it was written at. Spans do not take part in equality,
/// so two trees that differ only in layout compare equal.
package struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    package let value: Value
    package let span: Span

    package init(_ value: Value, _ span: Span) {
        self.value = value
        self.span = span
    }

    package static func == (a: Self, b: Self) -> Bool { a.value == b.value }
}

package typealias Name = Located<String>

/// Marks a stored span as layout: it never takes part in equality.
@propertyWrapper
package struct LayoutOnly: Sendable, Equatable {
    package var wrappedValue: Span

    package init(wrappedValue: Span) {
        self.wrappedValue = wrappedValue
    }

    package static func == (a: Self, b: Self) -> Bool { true }
}

/// A parsed file: its declarations in source order, and its comments.
package struct SourceUnit: Sendable, Equatable {
    package let file: Int
    package var declarations: [Declaration]
    package var comments: [Comment]
    /// Interactions the line scanner read (`InteractionLines`, the standard
    /// library only), in file order, kept apart from `declarations` so that the
    /// thousands of the default base are not wrapped and copied once more;
    /// `declarationsInOrder` puts them back among the others.
    package var scannedInteractions: [InteractionDecl] = []

    package init(file: Int, declarations: [Declaration], comments: [Comment]) {
        self.file = file
        self.declarations = declarations
        self.comments = comments
    }

    /// Declarations with the items they hold (targets, principle items,
    /// resolution items, measures' items), for the `--max-declarations` limit.
    package var declarationCount: Int {
        declarations.reduce(scannedInteractions.count) { count, declaration in
            switch declaration {
            case .goal(let goal): count + 1 + goal.targets.count
            case .principle(let principle): count + 1 + principle.items.count
            case .resolution(let resolution): count + 1 + resolution.items.count
            default: count + 1
            }
        }
    }

    /// Every declaration, the scanned interactions among the others, in file order.
    package var declarationsInOrder: [Declaration] {
        guard !scannedInteractions.isEmpty else { return declarations }
        var merged: [Declaration] = []
        merged.reserveCapacity(declarations.count + scannedInteractions.count)
        var next = 0
        for declaration in declarations {
            while next < scannedInteractions.count, scannedInteractions[next].span.start < declaration.span.start {
                merged.append(.interaction(scannedInteractions[next]))
                next += 1
            }
            merged.append(declaration)
        }
        merged += scannedInteractions[next...].map { .interaction($0) }
        return merged
    }

    package static func == (a: Self, b: Self) -> Bool { a.declarationsInOrder == b.declarationsInOrder }
}

package enum Declaration: Sendable, Equatable {
    case use(UseDecl)
    case goal(GoalDecl)
    case principle(PrincipleDecl)
    case country(CountryDecl)
    case kind(KindDecl)
    case profile(ProfileDecl)
    case level(LevelDecl)
    case interaction(InteractionDecl)
    case resolution(ResolutionDecl)
    case relation(RelationDecl)
    case clause(Clause)
    case rule(RuleDecl)
    case absent(AbsentDecl)
    case test(TestDecl)
    case unit(UnitDecl)

    package var span: Span {
        switch self {
        case .unit(let d): d.span
        case .test(let d): d.span
        case .use(let d): d.span
        case .goal(let d): d.span
        case .principle(let d): d.span
        case .country(let d): d.span
        case .kind(let d): d.span
        case .profile(let d): d.span
        case .level(let d): d.span
        case .interaction(let d): d.span
        case .resolution(let d): d.span
        case .relation(let d): d.span
        case .clause(let d): d.span
        case .rule(let d): d.span
        case .absent(let d): d.span
        }
    }
}

/// `use "path"`: include another file, relative to this one; `use pack NAME`:
/// turn on an optional pack of the standard library.
package struct UseDecl: Sendable, Equatable {
    package let path: Located<String>
    package var isPack = false
    @LayoutOnly package var span: Span
}

/// `goal 13 "Climate action" { target ... }`
package struct GoalDecl: Sendable, Equatable {
    package let number: Located<Int>
    package let title: Located<String>?
    package let targets: [TargetDecl]
    @LayoutOnly package var span: Span
}

/// `target 13.2 "Title" { indicator ... }`
package struct TargetDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package let indicators: [IndicatorDecl]
    @LayoutOnly package var span: Span
}

/// `indicator 1.5.1 "Title" code "C200303" also 11.5.1, 13.1.1`, or an id a
/// past edition of the framework used: `retired 17.6.2 "renumbered ..." by 17.6.1`.
package struct IndicatorDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    /// The UN Statistics Division's code of the indicator (`C200303`), shared by its aliases.
    package var code: Located<String>? = nil
    package let aliases: [Name]
    /// For a retired id, what became of it (the title is then the note) and the id to use now.
    package var retired = false
    package var successor: Name? = nil
    @LayoutOnly package var span: Span

    package init(
        id: Name, title: Located<String>?, code: Located<String>? = nil, aliases: [Name], retired: Bool = false,
        successor: Name? = nil, span: Span
    ) {
        self.id = id
        self.title = title
        self.code = code
        self.aliases = aliases
        self.retired = retired
        self.successor = successor
        self.span = span
    }
}

/// `principle property "Right to property" { description "..." enshrined germany "Art. 14" in "Basic Law" note "..." }`
package struct PrincipleDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package let items: [PrincipleItem]
    @LayoutOnly package var span: Span
}

package struct PrincipleItem: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case description(Located<String>)
        /// A constitutional anchor: the country, the article, the document.
        /// `note` qualifies a weaker or partial provision.
        case enshrined(
            country: Name, reference: Located<String>, document: Located<String>?, note: Located<String>?,
            checked: Located<String>?)
    }
    package let kind: Kind
    @LayoutOnly package var span: Span
}

/// `kind carbon-tax "Carbon tax" { definition "..." advances 13.2 because "..." }`:
/// a kind of measure of the controlled vocabulary, with what it maps to.
package struct KindDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package let items: [KindItem]
    @LayoutOnly package var span: Span
}

package struct KindItem: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// The one-line definition.
        case definition(Located<String>)
        /// `advances 12.c, 13.2 because "..." source "..."` (also `undermines`
        /// with targets, `restricts` with principles): a mapping with its
        /// rationale and, where there is one, its source.
        case maps(relation: Name, subjects: [Name], because: Located<String>, source: Located<String>?)
        /// `terms "carbon tax", "carbon price"` (or `terms fr "taxe carbone"`):
        /// words that suggest the kind.
        case terms(TermList)
        /// `offsets carbon-tax on 1.2 because "..."`: a measure of both kinds is
        /// not taken to undermine these targets through the other kind, whose
        /// effect on them this kind makes good (a fee and dividend).
        case offsets(kind: Name, targets: [Name], because: Located<String>, source: Located<String>?)
    }
    package let kind: Kind
    @LayoutOnly package var span: Span
}

/// `terms fr "taxe carbone", "prix du carbone"`: words and phrases that
/// suggest a target or a kind to `lumen suggest`, in a language (English
/// where none is named).
package struct TermList: Sendable, Equatable {
    /// `en` or `fr`, as written; nil for English.
    package let language: Name?
    package let terms: [Located<String>]
    @LayoutOnly package var span: Span

    package init(language: Name?, terms: [Located<String>], span: Span) {
        self.language = language
        self.terms = terms
        self.span = span
    }
}

/// `profile 14.6 { terms "fisheries subsidies" terms fr "subventions à la pêche" }`:
/// words that suggest a target (or a kind) to `lumen suggest`. Several
/// profiles of one subject add up, so a pack extends the library's.
package struct ProfileDecl: Sendable, Equatable {
    /// A target id, or a kind id.
    package let subject: Name
    package let terms: [TermList]
    @LayoutOnly package var span: Span
}

/// `country germany "Germany"`
package struct CountryDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    @LayoutOnly package var span: Span
}

/// `level national "National" below regional`: a level of government, ordered
/// by `below` (a resolution should implement one of its own level or above).
package struct LevelDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package let below: Name?
    @LayoutOnly package var span: Span
}

/// `interaction 7.2 -> 13.2 +2 source "..."`: advancing `from` affects `to`,
/// scored on the seven-point scale; or `interaction 2.3 -> 15.1 trade-off
/// evidence 4 source "..."`: an effect of that sign reported in the literature.
package struct InteractionDecl: Sendable, Equatable {
    package let from: Name
    package let to: Name
    /// The score, for a scored interaction.
    package let score: Located<Int>?
    /// The sign, for a reported one: `synergy`, `trade-off` or `unspecified`.
    package var reported: Located<ReportedSign>? = nil
    /// How many evidence entries report it, where the source counts them.
    package var evidence: Located<Int>? = nil
    package let source: Located<String>?
    @LayoutOnly package var span: Span

    package init(
        from: Name, to: Name, score: Located<Int>?, reported: Located<ReportedSign>? = nil, evidence: Located<Int>? = nil,
        source: Located<String>?, span: Span
    ) {
        self.from = from
        self.to = to
        self.score = score
        self.reported = reported
        self.evidence = evidence
        self.source = source
        self.span = span
    }
}

/// The sign of an interaction reported in the literature, without a score.
package enum ReportedSign: String, Sendable, CaseIterable {
    case synergy
    case tradeOff = "trade-off"
    case unspecified
}

/// `resolution id "Title" { level ..., implements ..., scope ..., measure ... }`
package struct ResolutionDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package var items: [ResolutionItem]
    @LayoutOnly package var span: Span
}

extension SourceUnit {
    /// The unit with the values of its accounts' `data` files added as `observed`
    /// items: `read` gets each account and its data item, and gives the items.
    package func withAccountData(_ read: (AccountDecl, AccountItem) -> [AccountItem]) -> SourceUnit {
        addingToAccounts { _, account in
            account.items.filter { if case .data = $0.kind { true } else { false } }.flatMap { read(account, $0) }
        }
    }

    /// The unit with the items `add` gives each account (of the resolution whose id it gets) appended.
    package func addingToAccounts(_ add: (_ resolution: String, _ account: AccountDecl) -> [AccountItem]) -> SourceUnit {
        var unit = self
        for (index, declaration) in declarations.enumerated() {
            guard case .resolution(var resolution) = declaration else { continue }
            var changed = false
            for (position, item) in resolution.items.enumerated() {
                guard case .account(var account) = item.kind else { continue }
                let added = add(resolution.id.value, account)
                guard !added.isEmpty else { continue }
                account.items += added
                resolution.items[position] = ResolutionItem(kind: .account(account), span: item.span)
                changed = true
            }
            if changed { unit.declarations[index] = .resolution(resolution) }
        }
        return unit
    }

    /// The data files the unit's accounts name, with the accounts.
    package var accountData: [(account: AccountDecl, item: AccountItem)] {
        declarations.flatMap { declaration -> [(AccountDecl, AccountItem)] in
            guard case .resolution(let resolution) = declaration else { return [] }
            return resolution.items.flatMap { item -> [(AccountDecl, AccountItem)] in
                guard case .account(let account) = item.kind else { return [] }
                return account.items.filter { if case .data = $0.kind { true } else { false } }.map { (account, $0) }
            }
        }
    }
}

package struct ResolutionItem: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case description(Located<String>)
        case level(Name)
        /// The country (or union) whose constitution applies: `jurisdiction germany`.
        case jurisdiction(Name)
        case implements([Name])
        case scope([Located<Int>])
        case measure(MeasureDecl)
        /// When the resolution was adopted: `adopted "2018-11-16"` (a date, YYYY-MM-DD).
        case adopted(Located<String>)
        /// The body that adopted it: `issued-by "ITU Plenipotentiary Conference"`.
        case issuedBy(Located<String>)
        /// Where it is published: `source "/akn/int/statement/..."` (a URI).
        case source(Located<String>)
        /// Resolutions its text cites: `recalls itu-pp-2018-res-71`.
        case recalls([Name])
        /// The account it keeps of an indicator: `indicator 13.2.2 { unit ... baseline ... }`.
        case account(AccountDecl)
    }
    package let kind: Kind
    @LayoutOnly package var span: Span
}

/// `unit kt-co2e "kt CO2e" = 1000 t-co2e`: a unit of the vocabulary that
/// indicators and effects are written in, and how it converts to another.
package struct UnitDecl: Sendable, Equatable {
    package let id: Name
    package let symbol: Located<String>?
    /// `= FACTOR BASE`: one of this unit is FACTOR of BASE.
    package let factor: Located<ExactDecimal>?
    package let base: Name?
    @LayoutOnly package var span: Span
}

/// `indicator 13.2.2 { unit kt-co2e  better lower  baseline 1240.5 in 2015 ... }`:
/// the account a resolution keeps of an indicator. An indicator of the global
/// framework has an id such as `13.2.2`; a local one, which the draft declares,
/// has a name, a title and the target it monitors:
/// `indicator cycling-share "Share of trips made by bicycle" { monitors 11.2 ... }`.
package struct AccountDecl: Sendable, Equatable {
    package let indicator: Name
    /// The title of a local indicator the account declares.
    package var title: Located<String>? = nil

    /// A local indicator is named (`cycling-share`); one of the global framework has an id (`13.2.2`).
    package var isLocal: Bool { indicator.value.first.map { !$0.isNumber } ?? false }

    /// The targets a local indicator's declaration says it monitors.
    package var monitoredTargets: [Name] {
        items.flatMap { item -> [Name] in
            if case .monitors(let targets) = item.kind { return targets }
            return []
        }
    }
    /// Its items; a loader appends the values its `data` files hold.
    package var items: [AccountItem]
    @LayoutOnly package var span: Span
}

/// A value of an indicator in a year.
package struct YearValue: Sendable, Equatable {
    package let value: Located<ExactDecimal>
    package let year: Located<Int>
}

package struct AccountItem: Sendable, Equatable {
    package enum Direction: String, Sendable, Equatable { case higher, lower }

    package enum Kind: Sendable, Equatable {
        case unit(Name)
        /// `monitors 11.2, 11.6`: the targets a local indicator monitors.
        case monitors([Name])
        /// `better higher` or `better lower`.
        case better(Located<Direction>)
        /// `baseline 1240.5 in 2015`
        case baseline(YearValue)
        /// `target 620 by 2030`
        case target(YearValue)
        /// `observed 1201.2 in 2018 source "City inventory"`
        case observed(YearValue, source: Located<String>?)
        /// `data "emissions.csv" series "EN_ATM_GHGT_AIP" area "Sweden"`: observed
        /// values read from a CSV file beside the draft (see `ObservationData`).
        case data(Located<String>, series: Located<String>?, area: Located<String>?)
    }
    package let kind: Kind
    @LayoutOnly package var span: Span
}

/// `measure m1 "Title" { advances ..., restricts ... }`
package struct MeasureDecl: Sendable, Equatable {
    package let id: Name
    package let title: Located<String>?
    package let items: [MeasureItem]
    @LayoutOnly package var span: Span
}

package struct MeasureItem: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case description(Located<String>)
        case kinds([Name])
        case advances([Name])
        case undermines([Name])
        case restricts(principle: Name, justification: Located<String>?)
        case indicators([Name])
        case tags([Name])
        /// `not advances 8.2 because "..."`: the drafter rejects a mapping that
        /// a kind would infer (`advances`, `undermines` or `restricts`).
        case rejects(relation: Name, subject: Name, reason: Located<String>)
        /// `suggested advances 14.6 score 41` or `suggested kind fisheries-subsidy
        /// score 40`: what `lumen suggest --apply` proposed, until a person confirms
        /// it (by writing `advances 14.6`) or deletes it. Rules read it apart.
        case suggested(relation: Name, subject: Name, score: Located<Int>?)
        /// The paragraph of the published document the measure comes from: `paragraph "para_3"` (its eId).
        case paragraph(Located<String>)
        /// The change it expects in an indicator by a year: `effect 13.2.2 -45 kt-co2e by 2030`.
        case effect(indicator: Name, amount: Located<ExactDecimal>, unit: Name, year: Located<Int>)
        /// What it costs, in a unit the drafts declare (a currency): `cost 12.5 meur`.
        case cost(amount: Located<ExactDecimal>, unit: Name)
        /// The measure of a resolution above that it carries out: `implements national-plan.renewables`.
        /// An effect both claim is counted once along the chain.
        case implements(Name)
    }
    package let kind: Kind
    @LayoutOnly package var span: Span
}

/// `relation tension(measure, measure, target)`; columns may be named: `(m: measure)`.
package struct RelationDecl: Sendable, Equatable {
    package let name: Name
    package let columns: [Column]
    @LayoutOnly package var span: Span

    package struct Column: Sendable, Equatable {
        package let name: Name?
        package let type: Name
        @LayoutOnly package var span: Span
    }
}

/// A fact (`head.`) or a Datalog rule (`head :- body.`).
package struct Clause: Sendable, Equatable {
    package let head: Atom
    package let body: [Literal]
    /// The head's aggregate (`total(R, sum S) :- ...`), if it has one. The head
    /// keeps an argument in its place so that its arity and column types read as
    /// usual: the aggregated variable for `sum`, `min` and `max`, the integer 0
    /// (at the word `count`) for `count`.
    package var aggregate: Aggregate?
    /// More aggregates after the first one of the head (an error the checker reports).
    package var extraAggregates: [Span] = []
    @LayoutOnly package var span: Span

    package init(head: Atom, body: [Literal], aggregate: Aggregate? = nil, span: Span) {
        self.head = head
        self.body = body
        self.aggregate = aggregate
        self.span = span
    }

    package var isFact: Bool { body.isEmpty }

    /// True for a rule that computes a value in its head (`gap(R, T - L) :- ...`).
    package var computes: Bool { !body.isEmpty && head.arguments.contains { $0.isArithmetic } }
}

/// `count`, `sum V`, `min V` or `max V` as a column of a rule's head: the
/// column holds, per binding of the head's other variables, the number of
/// matches of the body (each combination of facts once) or that aggregate of V
/// over them. A group without a match has no tuple.
package struct Aggregate: Sendable, Equatable {
    package enum Kind: String, Sendable, Equatable, CaseIterable {
        case count, sum, min, max
    }

    package let kind: Kind
    /// The column of the head it fills.
    package let column: Int
    /// The variable aggregated (nil for `count`).
    package let variable: Name?
    @LayoutOnly package var span: Span
}

/// `test "name" { declarations... expect rule at id ... }`: a small case for
/// the rules, checked by `lumen test` in isolation from other tests.
package struct TestDecl: Sendable, Equatable {
    package let name: Located<String>
    package let items: [TestItem]
    @LayoutOnly package var span: Span

    package var declarations: [Declaration] {
        items.compactMap { if case .declaration(let d) = $0 { d } else { nil } }
    }

    package var expectations: [Expectation] {
        items.compactMap { if case .expectation(let e) = $0 { e } else { nil } }
    }
}

package enum TestItem: Sendable, Equatable {
    case declaration(Declaration)
    case expectation(Expectation)

    package var span: Span {
        switch self {
        case .declaration(let d): d.span
        case .expectation(let e): e.span
        }
    }
}

/// `expect RULE at ID`, `expect no RULE at ID` or `expect no RULE`.
package struct Expectation: Sendable, Equatable {
    package let negated: Bool
    package let rule: Name
    /// The id of the declaration the finding points at (`r.m1`, `13.2`, `plan`), if given.
    package let anchor: Name?
    @LayoutOnly package var span: Span
}

/// A reporting rule: `rule id severity "message" when body at Var`.
package struct RuleDecl: Sendable, Equatable {
    package let id: Name
    package let severity: Located<RuleSeverity>
    package let message: Located<MessageTemplate>
    package let description: Located<String>?
    package let body: [Literal]
    package let anchor: Name
    /// `suggest M`: the finding lists the targets `lumen suggest` finds for the
    /// measure M (a variable of the message or the anchor).
    package var suggest: Name? = nil
    @LayoutOnly package var span: Span
}

package enum RuleSeverity: String, Sendable, Equatable, CaseIterable {
    case error, warning, info
}

/// `absent goal-advanced-in(R, G) "no measure of {R} advances a target of goal {G}"
///   instead "{M} advances {T}" when in(M, R), advances(M, T)`: how a trace says
/// that a fact of the relation does not hold, in the domain's words, and what
/// holds instead (the rows of the `when` body, with the pattern's values bound).
package struct AbsentDecl: Sendable, Equatable {
    /// The relation with a variable (or `_`) for each column.
    package let pattern: Atom
    package let text: Located<MessageTemplate>
    package let instead: Instead?
    @LayoutOnly package var span: Span

    package struct Instead: Sendable, Equatable {
        package let text: Located<MessageTemplate>
        package let body: [Literal]
    }
}

/// A message with `{Var}` placeholders, split into its parts.
///
/// `{all Var}` lists every value the variable takes for one finding: a finding
/// is one binding of the other placeholders and the anchor, so that a rule can
/// report once per resolution and pair of targets and name all the measures
/// involved, instead of once per pair of measures.
package struct MessageTemplate: Sendable, Equatable {
    package enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(Name)
        case listing(Name)
    }
    package let parts: [Part]
    /// The message as written (escapes decoded), for the formatter.
    package let raw: String

    package init(parts: [Part], raw: String) {
        self.parts = parts
        self.raw = raw
    }

    /// Every variable the message names, listed or not, in order.
    package var placeholders: [Name] {
        parts.compactMap {
            switch $0 {
            case .placeholder(let name), .listing(let name): name
            case .text: nil
            }
        }
    }

    /// The variables named with `{all Var}`.
    package var listed: [Name] {
        parts.compactMap { if case .listing(let name) = $0 { name } else { nil } }
    }
}

/// `relation(arguments)`
package struct Atom: Sendable, Equatable {
    package let relation: Name
    package let arguments: [Term]
    @LayoutOnly package var span: Span

    package init(relation: Name, arguments: [Term], span: Span) {
        self.relation = relation
        self.arguments = arguments
        self.span = span
    }
}

package enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// True for the operators that order values (and so need integers).
    package var isOrdering: Bool { self != .equal && self != .notEqual }
}

package enum Literal: Sendable, Equatable {
    case positive(Atom)
    case negative(Atom, span: Span)
    case comparison(Term, ComparisonOperator, Term, span: Span)

    package var span: Span {
        switch self {
        case .positive(let atom): atom.span
        case .negative(_, let span): span
        case .comparison(_, _, _, let span): span
        }
    }

    package static func == (a: Literal, b: Literal) -> Bool {
        switch (a, b) {
        case (.positive(let x), .positive(let y)), (.negative(let x, _), .negative(let y, _)): x == y
        case (.comparison(let l1, let o1, let r1, _), .comparison(let l2, let o2, let r2, _)):
            l1 == l2 && o1 == o2 && r1 == r2
        default: false
        }
    }
}

/// `+`, `-`, `*` or `/` between two numbers.
package enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
    case plus = "+", minus = "-", times = "*", divide = "/"

    /// How tightly it binds: `*` and `/` before `+` and `-`.
    package var precedence: Int { self == .plus || self == .minus ? 1 : 2 }
}

package indirect enum Term: Sendable, Equatable {
    case variable(Name)
    case wildcard(Span)
    case integer(Located<Int>)
    /// An exact decimal with its unit, if it has one: `12.5 kt-co2e`, `5 percent`,
    /// `-0.25` (a bare decimal reads as an id such as `13.2` except in an ordering
    /// comparison or in arithmetic).
    case quantity(Located<ExactDecimal>, unit: Name?)
    /// `A - B`, `(T - L) / 2`: in a comparison, or in the head of a rule (a computed value).
    case arithmetic(ArithmeticOperator, Term, Term, span: Span)
    case string(Located<String>)
    /// A target (`13.2`) or indicator (`13.2.2`) id.
    case sdgID(Name)
    /// A lower-case name: a principle, country, resolution or symbol.
    case symbol(Name)
    /// `resolution.measure`
    case measure(Name)

    package var span: Span {
        switch self {
        case .variable(let n), .sdgID(let n), .symbol(let n), .measure(let n): n.span
        case .wildcard(let s): s
        case .integer(let i): i.span
        case .quantity(let value, let unit): unit.map { value.span.to($0.span) } ?? value.span
        case .arithmetic(_, _, _, let span): span
        case .string(let s): s.span
        }
    }

    /// True when arithmetic appears in the term.
    package var isArithmetic: Bool {
        if case .arithmetic = self { true } else { false }
    }

    /// The variables of the term, in order (those of both sides of arithmetic).
    package var variables: [Name] {
        switch self {
        case .variable(let name): [name]
        case .arithmetic(_, let left, let right, _): left.variables + right.variables
        default: []
        }
    }

    package static func == (a: Term, b: Term) -> Bool {
        switch (a, b) {
        case (.variable(let x), .variable(let y)), (.sdgID(let x), .sdgID(let y)),
            (.symbol(let x), .symbol(let y)), (.measure(let x), .measure(let y)):
            x == y
        case (.wildcard, .wildcard): true
        case (.integer(let x), .integer(let y)): x == y
        case (.quantity(let x, let u), .quantity(let y, let v)): x == y && u == v
        case (.arithmetic(let o1, let l1, let r1, _), .arithmetic(let o2, let l2, let r2, _)): o1 == o2 && l1 == l2 && r1 == r2
        case (.string(let x), .string(let y)): x == y
        default: false
        }
    }
}
