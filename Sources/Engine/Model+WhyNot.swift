// Why a fact holds and why it does not: the reasoning behind the REPL's
// `:why` and `:whynot`, next to the proofs it complements (Model.proof).
//
// `:why` matches facts against a pattern of constants and variables; `:whynot`
// unifies a rule's head with the missing fact, orders its body so that every
// prefix is safe, and evaluates longer and longer prefixes until one has no
// answer: that premise is the one that is missing.
import Diagnostics
import Semantics
import Syntax

/// One premise of a rule, after the head was matched with the fact.
package struct WhyNotStep: Sendable {
    package let literal: Literal
    /// How many distinct bindings the premises up to this one have (0: it fails).
    package let count: Int
    /// One such binding of the premises before it, for the message.
    package let example: [(String, Value)]
}

/// Facts written with constants and variables, as typed at the prompt.
package enum ProofPattern {
    /// The value of a constant term.
    package static func value(_ term: Term) -> Value? {
        switch term {
        case .integer(let number): .integer(number.value)
        case .string(let text): .text(text.value)
        case .sdgID(let name), .symbol(let name), .measure(let name): .id(name.value)
        case .variable, .wildcard: nil
        }
    }

    /// True when a tuple fits a pattern: equal constants, one value per variable.
    package static func matches(_ pattern: [Term], _ values: [Value]) -> Bool {
        var bound: [String: Value] = [:]
        for (term, value) in zip(pattern, values) {
            switch term {
            case .wildcard: continue
            case .variable(let name):
                if let earlier = bound[name.value], earlier != value { return false }
                bound[name.value] = value
            default:
                if ProofPattern.value(term) != value { return false }
            }
        }
        return true
    }
}

extension Model {
    /// Why `fact` (constants only) does not hold under a rule with this head and
    /// body: each premise, in a safe order, with how many bindings the premises
    /// up to it have; nil when the head does not match the fact.
    package func whyNot(_ fact: [Term], head: [Term], body: [Literal]) -> [WhyNotStep]? {
        guard let substitution = Model.unify(head, with: fact) else { return nil }
        return prefixes(Model.ordered(body.map { Model.substitute($0, substitution) }))
    }

    /// Binds the head's variables to the fact's constants; nil when a constant
    /// of the head differs or a repeated variable would need two values.
    private static func unify(_ head: [Term], with fact: [Term]) -> [String: Term]? {
        var substitution: [String: Term] = [:]
        for (term, constant) in zip(head, fact) {
            switch term {
            case .variable(let name):
                if let earlier = substitution[name.value], ProofPattern.value(earlier) != ProofPattern.value(constant) { return nil }
                substitution[name.value] = constant
            case .wildcard: continue
            default:
                if ProofPattern.value(term) != ProofPattern.value(constant) { return nil }
            }
        }
        return substitution
    }

    private static func substitute(_ literal: Literal, _ substitution: [String: Term]) -> Literal {
        func term(_ term: Term) -> Term {
            if case .variable(let name) = term, let bound = substitution[name.value] { return bound }
            return term
        }
        func atom(_ atom: Atom) -> Atom {
            Atom(relation: atom.relation, arguments: atom.arguments.map(term), span: atom.span)
        }
        switch literal {
        case .positive(let a): return .positive(atom(a))
        case .negative(let a, let span): return .negative(atom(a), span: span)
        case .comparison(let left, let op, let right, let span): return .comparison(term(left), op, term(right), span: span)
        }
    }

    /// The body in an order whose every prefix is safe: positive premises as
    /// written, each negation and comparison as soon as its variables are bound.
    private static func ordered(_ body: [Literal]) -> [Literal] {
        func variables(_ literal: Literal) -> Set<String> {
            let terms: [Term]
            switch literal {
            case .positive(let a), .negative(let a, _): terms = a.arguments
            case .comparison(let l, _, let r, _): terms = [l, r]
            }
            var names: Set<String> = []
            for case .variable(let name) in terms { names.insert(name.value) }
            return names
        }
        var bound: Set<String> = []
        var pending: [Literal] = []
        var out: [Literal] = []
        func flush() {
            // An equality binds a variable to a value or another bound variable.
            var progress = true
            while progress {
                progress = false
                for (index, literal) in pending.enumerated() {
                    var free = variables(literal).subtracting(bound)
                    if case .comparison(_, .equal, _, _) = literal, free.count == 1 { free = [] }
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
    private func prefixes(_ body: [Literal]) -> [WhyNotStep] {
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
