import Diagnostics
import Syntax

/// Pass 4: every rule is range-restricted. Each variable of a head, a negated
/// literal, a comparison, a message or an anchor is bound by a positive
/// literal of the body. Also warns about variables used only once.
enum CheckSafety {
    static func run(_ context: inout CheckContext) {
        checkAggregates(&context)
        checkComputed(&context)
        for (index, clause) in context.clauses.enumerated() {
            var scope = VariableScope(body: clause.body)
            for argument in clause.head.arguments {
                switch argument {
                case .variable(let name):
                    scope.occurrences.append(name)
                    scope.require(name, .unsafeHeadVariable, "the head")
                case .arithmetic:
                    for name in argument.variables {
                        scope.occurrences.append(name)
                        scope.require(name, .unsafeHeadVariable, "the head")
                    }
                case .wildcard(let span):
                    scope.diagnostics.append(.wildcardInHead(span))
                default:
                    break
                }
            }
            scope.checkBody()
            if scope.diagnostics.contains(where: { $0.severity == .error }) { context.unsafeClauses.insert(index) }
            context.diagnostics += scope.diagnostics
        }
        for (index, rule) in context.ruleDecls.enumerated() {
            var scope = VariableScope(body: rule.body)
            for placeholder in rule.message.value.placeholders {
                scope.occurrences.append(placeholder)
                scope.require(placeholder, .unsafePlaceholder, "the message")
            }
            scope.occurrences.append(rule.anchor)
            if !scope.bound.contains(rule.anchor.value) {
                scope.diagnostics.append(.invalidAnchor(rule.anchor, type: nil))
            } else if let type = context.ruleTypes[index]?[rule.anchor.value], !type.isAnchorable {
                scope.diagnostics.append(.invalidAnchor(rule.anchor, type: type))
            }
            if let suggest = rule.suggest {
                scope.occurrences.append(suggest)
                let subjects = rule.message.value.placeholders.map(\.value) + [rule.anchor.value]
                if !subjects.contains(suggest.value) {
                    scope.diagnostics.append(.invalidSuggestion(suggest, type: nil))
                } else if let type = context.ruleTypes[index]?[suggest.value], type != .measure {
                    scope.diagnostics.append(.invalidSuggestion(suggest, type: type))
                }
            }
            scope.checkBody()
            if scope.diagnostics.contains(where: { $0.severity == .error }) { context.unsafeRules.insert(index) }
            context.diagnostics += scope.diagnostics
        }
        checkAbsent(&context)
    }
}

extension CheckSafety {
    /// An aggregate is one per head, in a rule with a body, and the only way its relation is filled.
    static func checkAggregates(_ context: inout CheckContext) {
        var aggregated: [String: Int] = [:]
        for (index, clause) in context.clauses.enumerated() where clause.aggregate != nil {
            aggregated[clause.head.relation.value] = aggregated[clause.head.relation.value] ?? index
        }
        for (index, clause) in context.clauses.enumerated() {
            var problems: [Diagnostic] = []
            for span in clause.extraAggregates {
                problems.append(.invalidAggregate(span, "a head has at most one aggregate", help: "compute the other one in a rule of its own"))
            }
            if let aggregate = clause.aggregate, clause.isFact {
                problems.append(
                    .invalidAggregate(aggregate.span, "a fact has nothing to aggregate", help: "add a body (`:- ...`) to aggregate over"))
            }
            let relation = clause.head.relation.value
            if let first = aggregated[relation], first != index {
                problems.append(
                    .invalidAggregate(
                        clause.head.span, "`\(relation)` is computed by an aggregate, so it has no other rule or fact",
                        help: "give the other rule a relation of its own"))
            }
            if !problems.isEmpty {
                context.unsafeClauses.insert(index)
                context.diagnostics += problems
            }
        }
    }

    /// A value is computed in the head of a rule (a fact's values are
    /// constants), and a relation computed this way has only such rules.
    static func checkComputed(_ context: inout CheckContext) {
        var computed: [String: Int] = [:]
        for (index, clause) in context.clauses.enumerated() where clause.computes {
            computed[clause.head.relation.value] = computed[clause.head.relation.value] ?? index
        }
        for (index, clause) in context.clauses.enumerated() {
            var problems: [Diagnostic] = []
            if clause.isFact, let first = clause.head.arguments.first(where: \.isArithmetic) {
                problems.append(
                    .invalidArithmetic(
                        first.span, "a fact's values are constants", help: "write the value, or compute it in a rule (`:- ...`)"))
            }
            let relation = clause.head.relation.value
            if computed[relation] != nil, !clause.computes {
                problems.append(
                    .invalidArithmetic(
                        clause.head.span, "`\(relation)` is computed with arithmetic in its head, so each of its rules computes",
                        help: "give this rule a relation of its own, or write its value as arithmetic (`X + 0`)"))
            }
            if clause.computes, let aggregate = clause.aggregate {
                problems.append(
                    .invalidArithmetic(
                        aggregate.span, "a head computes a value or an aggregate, not both", help: "aggregate in a rule of its own, then compute from it"))
            }
            if !problems.isEmpty {
                context.unsafeClauses.insert(index)
                context.diagnostics += problems
            }
        }
    }

    /// The text of an `absent` wording names the pattern's variables; its
    /// `instead` text names variables its body binds (with the pattern's).
    static func checkAbsent(_ context: inout CheckContext) {
        for (index, absent) in context.absentDecls.enumerated() where context.absentTypes[index] != nil {
            var pattern = VariableScope(body: [.positive(absent.pattern)])
            for placeholder in absent.text.value.placeholders {
                pattern.require(placeholder, .unsafePlaceholder, "the pattern")
            }
            var diagnostics = pattern.diagnostics
            if let instead = absent.instead {
                var scope = VariableScope(body: [.positive(absent.pattern)] + instead.body)
                for placeholder in instead.text.value.placeholders {
                    scope.occurrences.append(placeholder)
                    scope.require(placeholder, .unsafePlaceholder, "the `instead` body")
                }
                scope.checkBody()
                diagnostics += scope.diagnostics.filter { $0.code != .singletonVariable }
            }
            if diagnostics.contains(where: { $0.severity == .error }) { context.absentTypes[index] = nil }
            context.diagnostics += diagnostics
        }
    }

    /// Safety of a query body: every variable of a negation or comparison is bound.
    static func checkQuery(_ body: [Literal]) -> [Diagnostic] {
        var scope = VariableScope(body: body)
        scope.checkBody()
        return scope.diagnostics
    }
}

/// The variables of one clause or rule and where they occur.
private struct VariableScope {
    let body: [Literal]
    /// Variables bound by positive literals.
    let bound: Set<String>
    /// Every named occurrence, for the singleton check.
    var occurrences: [Name] = []
    var diagnostics: [Diagnostic] = []
    private var reported: Set<String> = []

    init(body: [Literal]) {
        self.body = body
        var bound: Set<String> = []
        for literal in body {
            if case .positive(let atom) = literal {
                for case .variable(let name) in atom.arguments { bound.insert(name.value) }
            }
        }
        self.bound = bound
    }

    mutating func require(_ name: Name, _ code: DiagnosticCode, _ where: String) {
        guard !bound.contains(name.value) else { return }
        reported.insert(name.value)
        diagnostics.append(.unsafeVariable(code, name, context: `where`))
    }

    mutating func checkBody() {
        for literal in body {
            switch literal {
            case .positive(let atom):
                for case .variable(let name) in atom.arguments { occurrences.append(name) }
            case .negative(let atom, _):
                for case .variable(let name) in atom.arguments {
                    occurrences.append(name)
                    require(name, .unsafeNegatedVariable, "a negated literal")
                }
            case .comparison(let left, _, let right, _):
                for name in left.variables + right.variables {
                    occurrences.append(name)
                    require(name, .unsafeComparisonVariable, "a comparison")
                }
            }
        }
        var counts: [String: Int] = [:]
        for name in occurrences { counts[name.value, default: 0] += 1 }
        for name in occurrences where counts[name.value] == 1 && !name.value.hasPrefix("_") {
            if !reported.contains(name.value) { diagnostics.append(.singletonVariable(name)) }
        }
    }
}
