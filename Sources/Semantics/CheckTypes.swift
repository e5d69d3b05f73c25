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
            checker.finish()
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
            checker.finish()
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
            checker.finish()
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
        typer.finish()
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
    /// Comparisons and the head's computed values, checked once every literal has typed its variables.
    private var comparisons: [(Term, ComparisonOperator, Term, Span)] = []
    private var computed: [(term: Term, column: ValueType, relation: String, position: Int)] = []

    init(context: CheckContext) {
        self.context = context
    }

    mutating func check(_ literal: Literal) {
        switch literal {
        case .positive(let atom), .negative(let atom, _):
            check(atom, isHead: false)
        case .comparison(let left, let op, let right, let span):
            comparisons.append((left, op, right, span))
        }
    }

    /// Checks what waited for the types of every variable: comparisons, and arithmetic in the head.
    mutating func finish() {
        for (left, op, right, span) in comparisons { check(left, op, right, span) }
        comparisons = []
        for (term, column, relation, position) in computed { checkComputed(term, column: column, relation: relation, position: position) }
        computed = []
    }

    /// A head; the column an aggregate fills (`skipping`) is checked by `check(_:of:)`.
    mutating func check(_ atom: Atom, skipping: Int? = nil) {
        check(atom, isHead: true, skipping: skipping)
    }

    /// `count` gives an integer; `sum`, `min` and `max` read an integer or a
    /// quantity variable and give the same; the head's column holds what it gives.
    mutating func check(_ aggregate: Aggregate, of head: Atom) {
        guard let schema = context.program.relations[head.relation.value], schema.columns.indices.contains(aggregate.column)
        else { return }
        let column = schema.columns[aggregate.column]
        let read = aggregate.variable.flatMap { types[$0.value]?.type }
        let gives: ValueType = read == .quantity ? .quantity : .integer
        guard column == gives else {
            diagnostics.append(
                .invalidAggregate(
                    aggregate.span, "`\(aggregate.kind.rawValue)` gives \(gives.withArticle), but column \(aggregate.column + 1) of `\(head.relation.value)` holds \(column.withArticle)",
                    help: "declare the column `\(gives.rawValue)`"))
            return
        }
        if let variable = aggregate.variable, let read, read != .integer, read != .quantity {
            diagnostics.append(
                .invalidAggregate(
                    variable.span, "`\(aggregate.kind.rawValue)` reads integers or quantities, but `\(variable.value)` is \(read.withArticle)",
                    help: "aggregate a number, or `count` the matches"))
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
            case .arithmetic(_, _, _, let span):
                if isHead {
                    computed.append((argument, type, atom.relation.value, column))
                } else {
                    diagnostics.append(
                        .invalidArithmetic(
                            span, "arithmetic in an argument of `\(atom.relation.value)`",
                            help: "bind a variable there and compare it: `\(atom.relation.value)(..., X, ...), X = \(Formatter.term(argument))`"))
                }
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
        if isQuantity(left) || isQuantity(right) {
            // A number compared with a target, a measure...: the comparison is what is wrong.
            if let other = typeOf(left) ?? typeOf(right), !other.isNumber {
                let what = op.isOrdering ? "`\(op.rawValue)` orders numbers, but these are \(other.rawValue) values" : "\(other.withArticle) cannot be compared with a number"
                diagnostics.append(.invalidComparison(span, what))
                return
            }
            checkNumbers(left, op, right, span)
            return
        }
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
        case .quantity: .quantity
        case .string: .text
        default: nil
        }
    }

    // MARK: Numbers

    /// A comparison of quantities or arithmetic, rather than of ids or integers alone.
    private func isQuantity(_ term: Term) -> Bool {
        switch term {
        case .arithmetic, .quantity: true
        case .variable(let name): types[name.value]?.type == .quantity
        default: false
        }
    }

    /// Both sides are numbers, and their units convert when the check can see them.
    private mutating func checkNumbers(_ left: Term, _ op: ComparisonOperator, _ right: Term, _ span: Span) {
        guard let a = number(left), let b = number(right), let u = a.unit, let v = b.unit, !Self.isZero(left), !Self.isZero(right)
        else { return }
        if !sameKind(u, v) {
            diagnostics.append(
                .unitMismatch(
                    span, "`\(op.rawValue)` compares \(Self.shown(u)) with \(Self.shown(v))",
                    help: "compare quantities whose units convert (a `unit` declaration says how)"))
        }
    }

    /// A head's computed value: a number its column can hold.
    private mutating func checkComputed(_ term: Term, column: ValueType, relation: String, position: Int) {
        guard let value = number(term) else { return }
        switch column {
        case .quantity:
            return
        case .integer where value.isInteger:
            return
        case .integer:
            diagnostics.append(
                .invalidArithmetic(
                    term.span, "column \(position + 1) of `\(relation)` holds integers, but this gives a quantity",
                    help: "declare the column `quantity` (a `/`, a decimal or a unit gives one)"))
        default:
            diagnostics.append(
                .invalidArithmetic(
                    term.span, "column \(position + 1) of `\(relation)` holds \(column.withArticle), not a number",
                    help: "compute numbers into a column of `integer` or `quantity`"))
        }
    }

    /// What the check knows of a number: an integer, or a quantity whose unit
    /// ("" for none) is known when literals say it, nil when it comes from facts.
    private struct NumberType {
        let isInteger: Bool
        let unit: String?
        /// A literal zero without a unit, which is zero in any unit.
        var isZero = false
        static let integer = NumberType(isInteger: true, unit: "")
        static func quantity(_ unit: String?) -> NumberType { NumberType(isInteger: false, unit: unit) }
    }

    private static func isZero(_ term: Term) -> Bool {
        switch term {
        case .integer(let value): value.value == 0
        case .quantity(let value, nil): value.value.isZero
        default: false
        }
    }

    private mutating func number(_ term: Term) -> NumberType? {
        switch term {
        case .variable(let name):
            // A variable no positive literal binds is reported by the safety check.
            guard let type = types[name.value]?.type else { return nil }
            switch type {
            case .integer, .goal: return .integer
            case .quantity: return .quantity(nil)
            default:
                diagnostics.append(
                    .invalidArithmetic(
                        name.span, "`\(name.value)` is \(type.withArticle), not a number",
                        help: "compute with integers and quantities (`12.5 kt-co2e`, `0.95`)"))
                return nil
            }
        case .integer(let value):
            return NumberType(isInteger: true, unit: "", isZero: value.value == 0)
        case .quantity(let value, let unit):
            guard let unit else { return NumberType(isInteger: false, unit: "", isZero: value.value.isZero) }
            guard context.program.units.knows(unit.value) else {
                reportUnknownUnit(unit)
                return nil
            }
            return .quantity(unit.value)
        case .arithmetic(let op, let left, let right, let span):
            let a = number(left)
            let b = number(right)
            guard let a, let b else { return nil }
            return combine(op, a, b, span)
        case .wildcard(let span):
            diagnostics.append(.invalidArithmetic(span, "`_` has no value to compute with", help: "name a variable bound by the body"))
            return nil
        case .sdgID(let id):
            diagnostics.append(
                .invalidArithmetic(
                    id.span, "`\(id.value)` reads as an id here, not a number",
                    help: "give the number a unit (`\(id.value) percent`), or compare with `<=` and `>=`, where it reads as a number"))
            return nil
        case .string, .symbol, .measure:
            diagnostics.append(
                .invalidArithmetic(term.span, "`\(Formatter.term(term))` is not a number", help: "compute with integers and quantities"))
            return nil
        }
    }

    /// The number `op` gives: integers stay integers except by `/`; units add
    /// and compare when they convert, multiply by a number without a unit, and
    /// divide into a number without one. Lumen has no units of units.
    private mutating func combine(_ op: ArithmeticOperator, _ a: NumberType, _ b: NumberType, _ span: Span) -> NumberType? {
        if a.isInteger && b.isInteger && op != .divide { return .integer }
        // Zero without a unit is zero in any unit (`V + 0`, `V > 0`).
        let (u, v) = (a.unit, b.unit)
        if op == .plus || op == .minus, a.isZero || b.isZero { return .quantity(a.isZero ? v : u) }
        func mismatch(_ message: String) -> NumberType? {
            diagnostics.append(.unitMismatch(span, message, help: "Lumen adds and compares quantities whose units convert, and multiplies or divides them by numbers without a unit"))
            return nil
        }
        switch op {
        case .plus, .minus:
            if let u, let v, !sameKind(u, v) {
                return mismatch("`\(op.rawValue)` \(op == .plus ? "adds" : "subtracts") \(Self.shown(v)) \(op == .plus ? "to" : "from") \(Self.shown(u))")
            }
            return .quantity(u)
        case .times:
            if let u, let v, !u.isEmpty, !v.isEmpty { return mismatch("`*` multiplies \(Self.shown(u)) by \(Self.shown(v))") }
            if u == "" { return .quantity(v) }
            if v == "" { return .quantity(u) }
            return .quantity(nil)
        case .divide:
            guard let u, let v else { return .quantity(nil) }
            if v.isEmpty { return .quantity(u) }
            if sameKind(u, v) { return .quantity("") }
            return mismatch("`/` divides \(Self.shown(u)) by \(Self.shown(v))")
        }
    }

    private mutating func reportUnknownUnit(_ unit: Name) {
        diagnostics.append(.unknownUnit(unit, suggestion: EditDistance.suggestion(for: unit.value, among: context.program.units.ids)))
    }

    private func sameKind(_ u: String, _ v: String) -> Bool {
        u == v || context.program.units.converts(u, to: v)
    }

    private static func shown(_ unit: String) -> String {
        unit.isEmpty ? "a number without a unit" : "`\(unit)`"
    }

    /// The value of a constant in a column of `type`, or nil after reporting why not.
    private mutating func constant(_ term: Term, _ type: ValueType) -> Value? {
        switch term {
        case .integer(let number):
            if type == .integer { return .integer(number.value) }
            // A whole number in a column of quantities is a quantity without a unit, so that the column joins.
            if type == .quantity { return .number(ExactDecimal(number.value), unit: "") }
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
            case .principle, .country, .resolution, .kind, .level, .indicator:
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
        case .quantity(let value, let unit):
            guard type == .quantity else { return mismatch(type, "the number `\(Formatter.term(term))`", value.span) }
            if let unit, !context.program.units.knows(unit.value) {
                reportUnknownUnit(unit)
                return nil
            }
            return .number(value.value, unit: unit?.value ?? "")
        case .variable, .wildcard, .arithmetic:
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
