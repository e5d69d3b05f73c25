import Diagnostics
import Syntax

/// A comparison of a rule body, as the engine evaluates it.
package enum Comparison: String, Sendable, Equatable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    init(_ op: ComparisonOperator) {
        switch op {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        }
    }
}

/// A term of a lowered rule: a variable by name, `_`, a constant value, or
/// arithmetic over terms (in a comparison, or a head's computed value).
package indirect enum RuleTerm: Sendable, Equatable {
    case variable(String)
    case wildcard
    case constant(Value)
    case arithmetic(ArithmeticOperator, RuleTerm, RuleTerm)

    /// The term's value, for a constant.
    package var value: Value? {
        if case .constant(let value) = self { value } else { nil }
    }

    package var isArithmetic: Bool {
        if case .arithmetic = self { true } else { false }
    }

    /// The variables of the term, those of arithmetic included, in order.
    package var variables: [String] {
        switch self {
        case .variable(let name): [name]
        case .arithmetic(_, let left, let right): left.variables + right.variables
        case .wildcard, .constant: []
        }
    }
}

/// A literal of a lowered rule body.
package enum RuleLiteral: Sendable, Equatable {
    case positive(relation: String, [RuleTerm])
    case negative(relation: String, [RuleTerm])
    case compare(Comparison, RuleTerm, RuleTerm)
}

/// A clause or reporting rule lowered for the engine: relations by name,
/// constants as values, and nothing of the syntax tree, so that the engine
/// needs no syntax to evaluate a program.
package struct LoweredRule: Sendable, Equatable {
    package let head: String
    package let headTerms: [RuleTerm]
    package let body: [RuleLiteral]
    package let span: Span
    /// The reporting rule's id, for rules that report findings.
    package let reportingRule: String?
    /// The head's aggregate, for a rule that computes one (its column of `headTerms` is then a placeholder).
    package let aggregate: LoweredAggregate?

    package init(
        head: String, headTerms: [RuleTerm], body: [RuleLiteral], span: Span, reportingRule: String?,
        aggregate: LoweredAggregate? = nil
    ) {
        self.head = head
        self.headTerms = headTerms
        self.body = body
        self.span = span
        self.reportingRule = reportingRule
        self.aggregate = aggregate
    }
}

/// What an aggregate computes (`count`, `sum`, `min`, `max`), for the layers below the syntax.
package typealias AggregateKind = Aggregate.Kind

/// An aggregate of a lowered rule: the head's `column` holds, per binding of the
/// head's other terms, the `kind` of `variable` (or the number, for `count`) over
/// the matches of the body, each combination of facts once.
package struct LoweredAggregate: Sendable, Equatable {
    package let kind: AggregateKind
    package let column: Int
    package let variable: String?

    package init(kind: AggregateKind, column: Int, variable: String?) {
        self.kind = kind
        self.column = column
        self.variable = variable
    }
}

/// Syntax -> the lowered form: of a program's clauses and rules (see
/// `CheckedProgram.loweredRules`), of a query, of a fact typed at a prompt.
package enum RuleLowering {
    package static func term(_ term: Term) -> RuleTerm {
        switch term {
        case .variable(let name): .variable(name.value)
        case .wildcard: .wildcard
        case .integer(let value): .constant(.integer(value.value))
        case .quantity(let value, let unit): .constant(.number(value.value, unit: unit?.value ?? ""))
        case .arithmetic(let op, let left, let right, _): .arithmetic(op, Self.term(left), Self.term(right))
        case .string(let value): .constant(.text(value.value))
        case .sdgID(let name), .symbol(let name), .measure(let name): .constant(.id(name.value))
        }
    }

    package static func literal(_ literal: Literal) -> RuleLiteral {
        switch literal {
        case .positive(let atom): .positive(relation: atom.relation.value, atom.arguments.map(term))
        case .negative(let atom, _): .negative(relation: atom.relation.value, atom.arguments.map(term))
        case .comparison(let left, let op, let right, _): .compare(Comparison(op), term(left), term(right))
        }
    }

    package static func literals(_ literals: [Literal]) -> [RuleLiteral] {
        literals.map(literal)
    }

    static func clause(_ clause: Clause) -> LoweredRule {
        LoweredRule(
            head: clause.head.relation.value, headTerms: clause.head.arguments.map(term), body: literals(clause.body),
            span: clause.span, reportingRule: nil,
            aggregate: clause.aggregate.map { LoweredAggregate(kind: $0.kind, column: $0.column, variable: $0.variable?.value) })
    }

    static func rule(_ checked: CheckedRule) -> LoweredRule {
        LoweredRule(
            head: checked.findingRelation, headTerms: checked.subjects.map { .variable($0.value) },
            body: literals(checked.rule.body), span: checked.rule.span, reportingRule: checked.rule.id.value)
    }
}

extension RuleTerm {
    /// The term as written in the language.
    package var written: String {
        switch self {
        case .variable(let name): name
        case .wildcard: "_"
        case .constant(.integer(let number)): String(number)
        case .constant(.text(let text)): Formatter.quote(text)
        case .constant(.id(let id)): id
        case .constant(.quantity(let value, let unit)): unit.isEmpty ? value.description : "\(value) \(unit)"
        case .arithmetic(let op, let left, let right):
            "\(Self.operand(left, of: op, right: false)) \(op.rawValue) \(Self.operand(right, of: op, right: true))"
        }
    }

    private static func operand(_ term: RuleTerm, of parent: ArithmeticOperator, right: Bool) -> String {
        guard case .arithmetic(let op, _, _) = term, op.precedence < parent.precedence || (right && op.precedence == parent.precedence)
        else { return term.written }
        return "(" + term.written + ")"
    }
}

extension RuleLiteral {
    /// The literal as written in the language.
    package var written: String {
        switch self {
        case .positive(let relation, let terms): "\(relation)(\(terms.map(\.written).joined(separator: ", ")))"
        case .negative(let relation, let terms): "not \(relation)(\(terms.map(\.written).joined(separator: ", ")))"
        case .compare(let op, let a, let b): "\(a.written) \(op.rawValue) \(b.written)"
        }
    }
}

extension CheckedProgram {
    /// The clauses, then the reporting rules, lowered for the engine.
    package var loweredRules: [LoweredRule] {
        clauses.map { RuleLowering.clause($0.clause) } + rules.map(RuleLowering.rule)
    }
}
