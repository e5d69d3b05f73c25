import Diagnostics
import Syntax

/// Pass 3: facts, rules and reporting rules use known relations with the right
/// arity; constants have their column's type and name declared things;
/// each variable has one type.
enum CheckTypes {
    static func run(_ context: inout CheckContext) {
        // Each typer reads the context; the results are gathered apart and stored
        // after the loops, since changing the context while a typer holds it would
        // copy all of it for every clause (40,000 facts took 40 s).
        var diagnostics: [Diagnostic] = []
        var clauseTypes: [Int: [String: ValueType]] = [:]
        var clauseFacts: [Fact] = []
        var ruleTypes: [Int: [String: ValueType]] = [:]
        for (index, clause) in context.clauses.enumerated() {
            var checker = ClauseTyper(context: context)
            checker.check(clause.head, skipping: clause.aggregate?.column)
            for literal in clause.body { checker.check(literal) }
            if let aggregate = clause.aggregate { checker.check(aggregate, of: clause.head) }
            let values = clause.isFact ? checker.headValues : nil
            diagnostics += checker.diagnostics
            guard checker.diagnostics.isEmpty else { continue }
            clauseTypes[index] = checker.types.mapValues(\.type)
            if let values, values.count == clause.head.arguments.count {
                clauseFacts.append(Fact(relation: clause.head.relation.value, values: values, span: clause.head.span))
            }
        }
        for (index, rule) in context.ruleDecls.enumerated() {
            var checker = ClauseTyper(context: context)
            for literal in rule.body { checker.check(literal) }
            diagnostics += checker.diagnostics
            guard checker.diagnostics.isEmpty else { continue }
            ruleTypes[index] = checker.types.mapValues(\.type)
        }
        context.diagnostics += diagnostics
        context.clauseTypes.merge(clauseTypes) { _, new in new }
        context.clauseFacts += clauseFacts
        context.ruleTypes.merge(ruleTypes) { _, new in new }
        var worded: [String: Span] = [:]
        for (index, absent) in context.absentDecls.enumerated() {
            let relation = absent.pattern.relation
            if let first = worded[relation.value] {
                context.report(.duplicate("absent wording of", relation.value, at: relation.span, first: first))
                continue
            }
            worded[relation.value] = relation.span
            var checker = ClauseTyper(context: context)
            checker.check(.positive(absent.pattern))
            for literal in absent.instead?.body ?? [] { checker.check(literal) }
            context.diagnostics += checker.diagnostics
            guard checker.diagnostics.isEmpty else { continue }
            context.absentTypes[index] = checker.types.mapValues(\.type)
        }
    }
}

/// Checks a query (a rule body typed at a prompt or on the command line)
/// against a checked program: names, arities, types, then safety.
package enum QueryChecker {
    package static func check(_ body: [Literal], program: CheckedProgram) -> (diagnostics: [Diagnostic], variableTypes: [String: ValueType]) {
        var context = CheckContext(units: [])
        context.program = program
        var typer = ClauseTyper(context: context)
        for literal in body { typer.check(literal) }
        guard typer.diagnostics.isEmpty else { return (typer.diagnostics, [:]) }
        let safety = CheckSafety.checkQuery(body).filter { $0.severity == .error }
        return (safety, typer.types.mapValues(\.type))
    }
}

/// Type checking of one clause or rule.
private struct ClauseTyper {
    let context: CheckContext
    var types: [String: (type: ValueType, span: Span)] = [:]
    var diagnostics: [Diagnostic] = []
    /// The head's values, when every head argument is a constant (a fact).
    var headValues: [Value] = []

    init(context: CheckContext) {
        self.context = context
    }

    mutating func check(_ literal: Literal) {
        switch literal {
        case .positive(let atom), .negative(let atom, _):
            check(atom, isHead: false)
        case .comparison(let left, let op, let right, let span):
            check(left, op, right, span)
        }
    }

    /// A head; the column an aggregate fills (`skipping`) is checked by `check(_:of:)`.
    mutating func check(_ atom: Atom, skipping: Int? = nil) {
        check(atom, isHead: true, skipping: skipping)
    }

    /// An aggregate's column holds integers, and `sum`, `min` and `max` read an integer variable.
    mutating func check(_ aggregate: Aggregate, of head: Atom) {
        guard let schema = context.program.relations[head.relation.value], schema.columns.indices.contains(aggregate.column)
        else { return }
        let column = schema.columns[aggregate.column]
        guard column == .integer else {
            diagnostics.append(
                .invalidAggregate(
                    aggregate.span, "`\(aggregate.kind.rawValue)` gives an integer, but column \(aggregate.column + 1) of `\(head.relation.value)` holds \(column.withArticle)",
                    help: "declare the column `integer`"))
            return
        }
        if let variable = aggregate.variable {
            guard let type = types[variable.value]?.type else { return }
            if type != .integer {
                diagnostics.append(
                    .invalidAggregate(
                        variable.span, "`\(aggregate.kind.rawValue)` reads integers, but `\(variable.value)` is \(type.withArticle)",
                        help: "aggregate an integer variable, or `count` the matches"))
            }
        }
    }

    private mutating func check(_ atom: Atom, isHead: Bool, skipping: Int? = nil) {
        guard let schema = context.program.relations[atom.relation.value] else {
            let names = context.program.relations.keys.sorted()
            diagnostics.append(
                .unknownRelation(atom.relation, suggestion: EditDistance.suggestion(for: atom.relation.value, among: names)))
            return
        }
        guard atom.arguments.count == schema.arity else {
            diagnostics.append(.arityMismatch(atom, schema))
            return
        }
        for (column, (argument, type)) in zip(atom.arguments, schema.columns).enumerated() where column != skipping {
            switch argument {
            case .variable(let name):
                bind(name, type)
            case .wildcard:
                break
            default:
                if let value = constant(argument, type), isHead { headValues.append(value) }
            }
        }
    }

    private mutating func bind(_ name: Name, _ type: ValueType) {
        if let existing = types[name.value] {
            if existing.type != type && !(existing.type.isNumeric && type.isNumeric) {
                diagnostics.append(.variableTypeConflict(name, existing.type, firstSpan: existing.span, type))
            }
        } else {
            types[name.value] = (type, name.span)
        }
    }

    private mutating func check(_ left: Term, _ op: ComparisonOperator, _ right: Term, _ span: Span) {
        let leftType = typeOf(left)
        let rightType = typeOf(right)
        // A constant takes the type of the variable it is compared with; a goal
        // compared with a number is a number (`G >= 10` names no goal).
        let numeric: (ValueType) -> ValueType = { $0 == .goal ? .integer : $0 }
        if let leftType, rightType == nil, !isVariable(right) { _ = constant(right, numeric(leftType)) }
        if let rightType, leftType == nil, !isVariable(left) { _ = constant(left, numeric(rightType)) }
        let effective = leftType ?? rightType ?? literalType(left) ?? literalType(right)
        if let leftType, let rightType, leftType != rightType, !(leftType.isNumeric && rightType.isNumeric) {
            diagnostics.append(
                .invalidComparison(span, "\(leftType.withArticle) cannot be compared with \(rightType.withArticle)"))
            return
        }
        if op.isOrdering, let effective, !effective.isNumeric {
            diagnostics.append(
                .invalidComparison(span, "`\(op.rawValue)` orders numbers, but these are \(effective.rawValue) values"))
        }
    }

    private func isVariable(_ term: Term) -> Bool {
        if case .variable = term { return true }
        return false
    }

    private func typeOf(_ term: Term) -> ValueType? {
        if case .variable(let name) = term { return types[name.value]?.type }
        return nil
    }

    private func literalType(_ term: Term) -> ValueType? {
        switch term {
        case .integer: .integer
        case .string: .text
        default: nil
        }
    }

    /// The value of a constant in a column of `type`, or nil after reporting why not.
    private mutating func constant(_ term: Term, _ type: ValueType) -> Value? {
        switch term {
        case .integer(let number):
            if type == .integer { return .integer(number.value) }
            if type == .goal {
                let name = Name(String(number.value), number.span)
                guard context.program.entity(.goal, name.value) != nil else {
                    diagnostics.append(context.unknownDiagnostic(.goal, name))
                    return nil
                }
                return .integer(number.value)
            }
            return mismatch(type, "the integer `\(number.value)`", number.span)
        case .string(let text):
            if type == .text { return .text(text.value) }
            let looksLikeID = text.value.first?.isNumber == true && type == .target || type == .indicator
            let shown = text.value.count > 30 ? String(text.value.prefix(27)) + "..." : text.value
            return mismatch(
                type, "the text \"\(shown)\"", text.span,
                help: looksLikeID ? "write the id without quotes: `\(text.value)`" : nil)
        case .sdgID(let id):
            let parts = id.value.split(separator: ".").count
            if (type == .target && parts == 2) || (type == .indicator && parts == 3) {
                return declared(type, id)
            }
            let found = parts == 2 ? "the target `\(id.value)`" : "the indicator `\(id.value)`"
            return mismatch(type, found, id.span)
        case .symbol(let name):
            switch type {
            case .principle, .country, .resolution, .kind, .level:
                return declared(type, name)
            case .symbol:
                return .id(name.value)
            case .measure:
                diagnostics.append(context.unknownDiagnostic(.measure, name))
                return nil
            default:
                return mismatch(type, "`\(name.value)`", name.span)
            }
        case .measure(let name):
            if type == .measure { return declared(.measure, name) }
            return mismatch(type, "the measure `\(name.value)`", name.span)
        case .variable, .wildcard:
            return nil
        }
    }

    private mutating func declared(_ type: ValueType, _ name: Name) -> Value? {
        guard context.program.entity(type, name.value) != nil else {
            diagnostics.append(context.unknownDiagnostic(type, name))
            return nil
        }
        return .id(name.value)
    }

    private mutating func mismatch(_ type: ValueType, _ found: String, _ span: Span, help: String? = nil) -> Value? {
        diagnostics.append(.typeMismatch(expected: type, found: found, at: span, help: help))
        return nil
    }
}
