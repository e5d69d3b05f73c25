// Why a fact holds and why it does not: the reasoning behind the REPL's
// `:why` and `:whynot`, next to the proofs it complements (Model.proof).
//
// `:why` matches facts against a pattern of constants and variables; `:whynot`
// unifies a rule's head with the missing fact, orders its body so that every
// prefix is safe, and evaluates longer and longer prefixes until one has no
// answer: that premise is the one that is missing.
import Diagnostics
import Semantics

/// One premise of a rule, after the head was matched with the fact.
package struct WhyNotStep: Sendable {
    package let literal: RuleLiteral
    /// How many distinct bindings the premises up to this one have (0: it fails).
    package let count: Int
    /// One such binding of the premises before it, for the message.
    package let example: [(String, Value)]
}

/// Facts written with constants and variables, as typed at the prompt.
package enum ProofPattern {
    /// True when a tuple fits a pattern: equal constants, one value per variable.
    package static func matches(_ pattern: [RuleTerm], _ values: [Value]) -> Bool {
        var bound: [String: Value] = [:]
        for (term, value) in zip(pattern, values) {
            switch term {
            case .wildcard: continue
            case .variable(let name):
                if let earlier = bound[name], earlier != value { return false }
                bound[name] = value
            case .constant(let constant):
                if constant != value { return false }
            case .arithmetic:
                return false
            }
        }
        return true
    }
}

extension Model {
    /// Why `fact` (constants only) does not hold under a rule with this head and
    /// body: each premise, in a safe order, with how many bindings the premises
    /// up to it have; nil when the head does not match the fact.
    package func whyNot(_ fact: [RuleTerm], head: [RuleTerm], body: [RuleLiteral]) -> [WhyNotStep]? {
        guard let substitution = Model.unify(head, with: fact) else { return nil }
        return prefixes(Model.ordered(body.map { Model.substitute($0, substitution) }))
    }

    /// Binds the head's variables to the fact's constants; nil when a constant
    /// of the head differs or a repeated variable would need two values.
    private static func unify(_ head: [RuleTerm], with fact: [RuleTerm]) -> [String: RuleTerm]? {
        var substitution: [String: RuleTerm] = [:]
        for (term, constant) in zip(head, fact) {
            switch term {
            case .variable(let name):
                if let earlier = substitution[name], earlier.value != constant.value { return nil }
                substitution[name] = constant
            case .wildcard: continue
            case .constant(let value):
                if value != constant.value { return nil }
            // A computed value: the rule could give it; its body says whether it holds.
            case .arithmetic: continue
            }
        }
        return substitution
    }

    private static func substitute(_ literal: RuleLiteral, _ substitution: [String: RuleTerm]) -> RuleLiteral {
        func term(_ original: RuleTerm) -> RuleTerm {
            if case .variable(let name) = original, let bound = substitution[name] { return bound }
            if case .arithmetic(let op, let left, let right) = original { return .arithmetic(op, term(left), term(right)) }
            return original
        }
        switch literal {
        case .positive(let relation, let terms): return .positive(relation: relation, terms.map(term))
        case .negative(let relation, let terms): return .negative(relation: relation, terms.map(term))
        case .compare(let op, let left, let right): return .compare(op, term(left), term(right))
        }
    }

    /// The body in an order whose every prefix is safe: positive premises as
    /// written, each negation and comparison as soon as its variables are bound.
    private static func ordered(_ body: [RuleLiteral]) -> [RuleLiteral] {
        func variables(_ literal: RuleLiteral) -> Set<String> {
            let terms: [RuleTerm]
            switch literal {
            case .positive(_, let found), .negative(_, let found): terms = found
            case .compare(_, let l, let r): terms = [l, r]
            }
            return Set(terms.flatMap(\.variables))
        }
        var bound: Set<String> = []
        var pending: [RuleLiteral] = []
        var out: [RuleLiteral] = []
        func flush() {
            // An equality binds a variable to a value or another bound variable.
            var progress = true
            while progress {
                progress = false
                for (index, literal) in pending.enumerated() {
                    var free = variables(literal).subtracting(bound)
                    if case .compare(.equal, _, _) = literal, free.count == 1 { free = [] }
                    if free.isEmpty {
                        out.append(literal)
                        bound.formUnion(variables(literal))
                        pending.remove(at: index)
                        progress = true
                        break
                    }
                }
            }
        }
        for literal in body {
            if case .positive = literal {
                out.append(literal)
                bound.formUnion(variables(literal))
            } else {
                pending.append(literal)
            }
            flush()
        }
        return out + pending
    }

    /// Evaluates longer and longer prefixes of the body until one has no answer.
    private func prefixes(_ body: [RuleLiteral]) -> [WhyNotStep] {
        var steps: [WhyNotStep] = []
        var previous: QueryResult?
        for index in body.indices {
            let result = query(Array(body.prefix(index + 1)))
            let example = previous.flatMap { earlier in earlier.rows.first.map { Array(zip(earlier.columns, $0)) } } ?? []
            steps.append(WhyNotStep(literal: body[index], count: result.rows.count, example: example))
            if result.rows.isEmpty {
                for rest in body[(index + 1)...] { steps.append(WhyNotStep(literal: rest, count: 0, example: [])) }
                break
            }
            previous = result
        }
        return steps
    }
}
