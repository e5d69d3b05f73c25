import Diagnostics
import Semantics
import Syntax

/// Everything that follows from a program, with the derivation of each fact.
package struct Model: Sendable {
    var evaluator: Evaluator

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    package var program: CheckedProgram { evaluator.program }
    package var symbols: SymbolTable { evaluator.symbols }
    package var rules: [CompiledRule] { evaluator.rules }
    package var statistics: [RuleStatistics] { evaluator.statistics }
    /// Rounds per evaluated stratum (1 for a non-recursive one).
    package var iterations: [Int] { evaluator.iterations }
    package var strata: [[Int]] { evaluator.strata }
    package var limitReached: LimitReached? { evaluator.limitReached }
    package var relationNames: [String] { evaluator.relationNames }

    package func relationID(_ name: String) -> Int? { evaluator.relationIDs[name] }

    package func count(_ relation: String) -> Int {
        relationID(relation).map { evaluator.stores[$0].count } ?? 0
    }

    /// The tuples of a relation, decoded and sorted.
    package func tuples(_ relation: String) -> [[Value]] {
        guard let id = relationID(relation) else { return [] }
        let store = evaluator.stores[id]
        return (0..<store.count).map { decode(store.tuple($0)) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The number of a tuple in its relation, if it is in the model.
    package func tupleNumber(_ relation: String, _ values: [Value]) -> Int? {
        guard let id = relationID(relation) else { return nil }
        var ids: [Int32] = []
        for value in values {
            guard let symbol = symbols.id(of: value) else { return nil }
            ids.append(symbol)
        }
        return evaluator.stores[id].find(ids)
    }

    /// A body literal of a compiled rule, written as in the source (variables by name).
    package func describe(literal position: Int, of rule: CompiledRule) -> String {
        func text(_ argument: CompiledRule.Argument) -> String {
            switch argument {
            case .constant(let id): symbols.value(id).description
            case .variable(let v): v < rule.variableNames.count ? rule.variableNames[v] : "_"
            case .wildcard: "_"
            }
        }
        guard position < rule.body.count else { return "" }
        switch rule.body[position] {
        case .positive(let relation, let arguments):
            return "\(relationNames[relation])(\(arguments.map(text).joined(separator: ", ")))"
        case .negative(let relation, let arguments):
            return "not \(relationNames[relation])(\(arguments.map(text).joined(separator: ", ")))"
        case .compare(let op, let a, let b):
            return "\(text(a)) \(op.rawValue) \(text(b))"
        }
    }

    func decode(_ ids: [Int32]) -> [Value] {
        ids.map { symbols.value($0) }
    }

    // MARK: Proofs

    /// The proof of a tuple: leaves are declared facts, inner nodes rule
    /// applications. Nodes deeper than `maxDepth` are cut (marked `truncated`),
    /// so a long recursive chain cannot exhaust the stack.
    package func proof(_ relation: String, _ values: [Value], maxDepth: Int = 64) -> ProofTree? {
        guard let id = relationID(relation), let tuple = tupleNumber(relation, values) else { return nil }
        return proof(relation: id, tuple: tuple, depth: maxDepth)
    }

    package func proof(relation: Int, tuple: Int, depth: Int) -> ProofTree {
        let store = evaluator.stores[relation]
        let values = decode(store.tuple(tuple))
        let name = evaluator.relationNames[relation]
        let origin = Int(store.origins[tuple])
        if origin == Int(externalOrigin) || origin == Int(unrecordedOrigin) {
            return ProofTree(relation: name, values: values, step: .declared(.none))
        }
        if origin < 0 {
            let fact = program.facts[-1 - origin]
            return ProofTree(relation: name, values: values, step: .declared(fact.span))
        }
        guard let derivation = evaluator.derivations.derivation(origin) else {
            return ProofTree(relation: name, values: values, step: .declared(.none))
        }
        let rule = evaluator.rules[derivation.rule]
        let positives = rule.positiveLiterals
        let premiseTuples = derivation.premises.map { Int(evaluator.derivations.premises[$0]) }
        guard depth > 0 else {
            return ProofTree(relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), truncated: true)
        }
        var children: [ProofTree] = []
        var bindings = [Int32?](repeating: nil, count: rule.variableNames.count)
        for (literal, premise) in zip(positives, premiseTuples) {
            guard case .positive(let premiseRelation, let arguments) = rule.body[literal] else { continue }
            let premiseValues = evaluator.stores[premiseRelation].tuple(premise)
            for (argument, value) in zip(arguments, premiseValues) {
                if case .variable(let v) = argument { bindings[v] = value }
            }
            children.append(proof(relation: premiseRelation, tuple: premise, depth: depth - 1))
        }
        var absences: [Absence] = []
        for literal in rule.body {
            guard case .negative(let negated, let arguments) = literal else { continue }
            let shown: [Value?] = arguments.map { argument in
                switch argument {
                case .constant(let id): symbols.value(id)
                case .variable(let v): bindings[v].map { symbols.value($0) }
                case .wildcard: nil
                }
            }
            absences.append(Absence(relation: evaluator.relationNames[negated], values: shown))
        }
        var boundValues: [String: Value] = [:]
        for (register, name) in rule.variableNames.enumerated() {
            if let id = bindings[register] { boundValues[name] = symbols.value(id) }
        }
        return ProofTree(
            relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), premises: children,
            absences: absences, bindings: boundValues)
    }
}

/// Why a fact holds.
package struct ProofTree: Sendable, Equatable {
    package enum Step: Sendable, Equatable {
        /// Stated by a declaration or a fact at this place.
        case declared(Span)
        /// Derived by the rule with this number (declared at `span`).
        case derived(rule: Int, span: Span)
    }

    package let relation: String
    package let values: [Value]
    package let step: Step
    package var premises: [ProofTree] = []
    /// Negated literals of the rule, instantiated: facts that had to be absent.
    package var absences: [Absence] = []
    /// The rule's variables and their values in this application.
    package var bindings: [String: Value] = [:]
    /// True when the proof below this node was cut at the depth limit.
    package var truncated = false

}

/// A fact whose absence a derivation relied on; nil values are wildcards.
package struct Absence: Sendable, Equatable {
    package let relation: String
    package let values: [Value?]
}
