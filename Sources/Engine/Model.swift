import Diagnostics
import Semantics

/// What an evaluation builds and a model keeps: the interned values, the
/// relations, the compiled rules with what planning decided for each, the
/// derivations, and the counters of the run. The evaluator fills it; the model
/// keeps it unchanged; a query's evaluator starts again from a copy.
package struct EvaluationState: Sendable {
    package var symbols = SymbolTable()
    var stores: [RelationStore] = []
    package var relationNames: [String] = []
    var relationIDs: [String: Int] = [:]
    package var rules: [CompiledRule] = []
    /// What planning decided for each rule (its plans among it), by rule number.
    package var layouts: [RulePlan] = []
    var derivations = Derivations()
    package var statistics: [RuleStatistics] = []
    /// Rounds per evaluated stratum (1 for a non-recursive one).
    package var iterations: [Int] = []
    package var strata: [[Int]] = []
}

/// Everything that follows from a program, with the derivation of each fact:
/// the value `Evaluator.evaluate` returns. Queries and proofs read it; a query
/// runs on an evaluator made from it again (`Evaluator(resuming:)`), so the
/// model itself never changes.
@dynamicMemberLookup
package struct Model: Sendable {
    package let program: CheckedProgram
    /// The relations and what derived them, as the evaluator left them; read
    /// through the model as if they were its own (`model.stores`, `model.rules`).
    package let evaluation: EvaluationState
    /// Nanoseconds spent planning the strata (the joins and filters built ahead
    /// count as their rules' time), and evaluating in all.
    package let planningNanoseconds: UInt64
    package let evaluationNanoseconds: UInt64
    package let limitReached: LimitReached?
    /// The options it was evaluated with (a query keeps its limits of memory).
    let options: EvaluationOptions

    init(_ evaluator: Evaluator) {
        program = evaluator.program
        evaluation = evaluator.evaluation
        planningNanoseconds = evaluator.planningNanoseconds
        evaluationNanoseconds = evaluator.evaluationNanoseconds
        limitReached = evaluator.limitReached
        options = evaluator.options
    }

    package subscript<Value>(dynamicMember path: KeyPath<EvaluationState, Value>) -> Value {
        evaluation[keyPath: path]
    }

    package func relationID(_ name: String) -> Int? { evaluation.relationIDs[name] }

    package func count(_ relation: String) -> Int {
        relationID(relation).map { evaluation.stores[$0].count } ?? 0
    }

    /// The tuples of a relation, decoded and sorted.
    package func tuples(_ relation: String) -> [[Value]] {
        guard let id = relationID(relation) else { return [] }
        let store = evaluation.stores[id]
        return (0..<store.count).map { decode(store.tuple($0)) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The tuples of a relation, decoded, each with its number, in the order
    /// they were derived (cheaper than `tuples` when the caller sorts anyway).
    package func numberedTuples(_ relation: String) -> [(number: Int, values: [Value])] {
        guard let id = relationID(relation) else { return [] }
        let store = evaluation.stores[id]
        return (0..<store.count).map { ($0, decode(store.tuple($0))) }
    }

    /// The number of a tuple in its relation, if it is in the model.
    package func tupleNumber(_ relation: String, _ values: [Value]) -> Int? {
        guard let id = relationID(relation) else { return nil }
        var ids: [Int32] = []
        for value in values {
            guard let symbol = evaluation.symbols.id(of: value) else { return nil }
            ids.append(symbol)
        }
        return evaluation.stores[id].find(ids)
    }

    /// A literal the rule's plans join (its body, then the relations built
    /// ahead of it), written as in the source (variables by name).
    package func describe(planLiteral position: Int, of rule: CompiledRule) -> String {
        let planBody = evaluation.layouts.indices.contains(rule.number) ? evaluation.layouts[rule.number].planBody : rule.body
        guard position >= rule.body.count, position < planBody.count else { return describe(literal: position, of: rule) }
        // A relation built ahead is named by what it holds.
        let ahead = evaluation.layouts.indices.contains(rule.number) ? evaluation.layouts[rule.number].ahead : []
        if position - rule.body.count < ahead.count {
            let step = ahead[position - rule.body.count]
            let literals = step.literals.map { describe(literal: $0, of: rule) }
            switch step.kind {
            case .join: return literals.joined(separator: " joined with ")
            case .filter:
                return literals.joined() + " where " + step.comparisons.map { describe(literal: $0, of: rule) }.joined(separator: ", ")
            }
        }
        guard case .positive(let relation, let arguments) = planBody[position] else { return "" }
        let shown = arguments.map { argument -> String in
            switch argument {
            case .constant(let id): evaluation.symbols.value(id).description
            case .variable(let v): v < rule.variableNames.count ? rule.variableNames[v] : "#\(v)"
            case .wildcard: "_"
            }
        }
        return "\(evaluation.relationNames[relation])(\(shown.joined(separator: ", ")))"
    }

    /// A body literal of a compiled rule, written as in the source (variables by name).
    package func describe(literal position: Int, of rule: CompiledRule) -> String {
        func text(_ argument: CompiledRule.Argument) -> String {
            switch argument {
            case .constant(let id): evaluation.symbols.value(id).description
            case .variable(let v): v < rule.variableNames.count ? rule.variableNames[v] : "_"
            case .wildcard: "_"
            }
        }
        guard position < rule.body.count else { return "" }
        switch rule.body[position] {
        case .positive(let relation, let arguments):
            return "\(evaluation.relationNames[relation])(\(arguments.map(text).joined(separator: ", ")))"
        case .negative(let relation, let arguments):
            return "not \(evaluation.relationNames[relation])(\(arguments.map(text).joined(separator: ", ")))"
        case .compare(let op, let a, let b):
            return "\(text(a)) \(op.rawValue) \(text(b))"
        }
    }

    func decode(_ ids: [Int32]) -> [Value] {
        ids.map { evaluation.symbols.value($0) }
    }

    // MARK: Proofs

    /// Nodes one proof may have: two mutually recursive rules can make a proof
    /// tree double at every level (a fact of 600 bytes of input, a tree of 2^60
    /// nodes), so a proof stops growing here and says it was cut.
    package static let proofNodeLimit = 10_000

    /// The proof of a tuple: leaves are declared facts, inner nodes rule
    /// applications. Nodes deeper than `maxDepth`, and nodes past the first
    /// `proofNodeLimit`, are cut (marked `truncated`), so that neither a long
    /// recursive chain nor a proof that doubles at each level can exhaust the
    /// stack or the memory.
    package func proof(_ relation: String, _ values: [Value], maxDepth: Int = 64) -> ProofTree? {
        guard let id = relationID(relation), let tuple = tupleNumber(relation, values) else { return nil }
        return proof(relation: id, tuple: tuple, depth: maxDepth)
    }

    package func proof(relation: Int, tuple: Int, depth: Int) -> ProofTree {
        var budget = Self.proofNodeLimit
        return proof(relation: relation, tuple: tuple, depth: depth, budget: &budget)
    }

    private func proof(relation: Int, tuple: Int, depth: Int, budget: inout Int) -> ProofTree {
        budget -= 1
        let store = evaluation.stores[relation]
        let values = decode(store.tuple(tuple))
        let name = evaluation.relationNames[relation]
        let origin: Int
        switch TupleOrigin(store.origins[tuple]) {
        case .external, .unrecorded:
            return ProofTree(relation: name, values: values, step: .declared(.none), tuple: tuple)
        case .fact(let number):
            let span = program.facts.indices.contains(number) ? program.facts[number].span : .none
            return ProofTree(relation: name, values: values, step: .declared(span), tuple: tuple)
        case .derivation(let number):
            origin = number
        }
        // Every origin from 0 up numbers a recorded derivation; the guard only keeps a bad one from trapping.
        guard let derivation = evaluation.derivations.derivation(origin) else {
            return ProofTree(relation: name, values: values, step: .declared(.none), tuple: tuple)
        }
        let rule = evaluation.rules[derivation.rule]
        if let aggregation = rule.aggregation {
            // An aggregate stands for all the bindings it folded: the rule, and the values of its groups.
            var bindings: [String: Value] = [:]
            for (column, (argument, value)) in zip(aggregation.arguments, values).enumerated() where column != aggregation.column {
                if case .variable(let register) = argument, rule.variableNames.indices.contains(register) {
                    bindings[rule.variableNames[register]] = value
                }
            }
            return ProofTree(
                relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), tuple: tuple,
                bindings: bindings)
        }
        let positives = rule.positiveLiterals
        var premiseTuples = derivation.premises.map { Int(evaluation.derivations.premises[$0]) }
        if premiseTuples.count < positives.count {
            guard let found = rebuiltPremises(of: rule, relation: relation, tuple: tuple, origin: origin) else {
                return ProofTree(relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), tuple: tuple)
            }
            premiseTuples = found
        }
        guard depth > 0, budget > 0 else {
            return ProofTree(
                relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), tuple: tuple, truncated: true)
        }
        var children: [ProofTree] = []
        var bindings = [Int32?](repeating: nil, count: rule.variableNames.count)
        for (literal, premise) in zip(positives, premiseTuples) {
            guard case .positive(let premiseRelation, let arguments) = rule.body[literal] else { continue }
            let premiseValues = evaluation.stores[premiseRelation].tuple(premise)
            for (argument, value) in zip(arguments, premiseValues) {
                if case .variable(let v) = argument { bindings[v] = value }
            }
            children.append(proof(relation: premiseRelation, tuple: premise, depth: depth - 1, budget: &budget))
        }
        var absences: [Absence] = []
        for literal in rule.body {
            guard case .negative(let negated, let arguments) = literal else { continue }
            let shown: [Value?] = arguments.map { argument in
                switch argument {
                case .constant(let id): evaluation.symbols.value(id)
                case .variable(let v): bindings[v].map { evaluation.symbols.value($0) }
                case .wildcard: nil
                }
            }
            absences.append(Absence(relation: evaluation.relationNames[negated], values: shown))
        }
        var boundValues: [String: Value] = [:]
        for (register, name) in rule.variableNames.enumerated() {
            if let id = bindings[register] { boundValues[name] = evaluation.symbols.value(id) }
        }
        return ProofTree(
            relation: name, values: values, step: .derived(rule: rule.number, span: rule.span), tuple: tuple, premises: children,
            absences: absences, bindings: boundValues)
    }
}

extension Model {
    /// The premises of a derivation that kept only its rule (see
    /// `Evaluator.keepPremisesOfFindings`): the tuples of the first match of
    /// the rule's body with the head's values, among the matches whose derived
    /// premises were all derived before the tuple (their derivation numbers,
    /// which grow as evaluation goes, are smaller than `origin`). The engine's
    /// own derivation was such a match, so one is found; and a proof built of
    /// such matches goes down through ever earlier derivations, so it ends.
    func rebuiltPremises(of rule: CompiledRule, relation: Int, tuple: Int, origin: Int) -> [Int]? {
        let values = evaluation.stores[relation].tuple(tuple)
        var constants: [Int: Int32] = [:]
        for (argument, value) in zip(rule.headArguments, values) {
            switch argument {
            case .variable(let v): constants[v] = value
            case .constant(let id): if id != value { return nil }
            case .wildcard: break
            }
        }
        func bound(_ argument: CompiledRule.Argument) -> CompiledRule.Argument {
            if case .variable(let v) = argument, let id = constants[v] { .constant(id) } else { argument }
        }
        let body = rule.body.map { literal -> CompiledRule.BodyLiteral in
            switch literal {
            case .positive(let read, let arguments): .positive(relation: read, arguments: arguments.map(bound))
            case .negative(let read, let arguments): .negative(relation: read, arguments: arguments.map(bound))
            case .compare(let op, let a, let b): .compare(op, bound(a), bound(b))
            }
        }
        let query = CompiledRule(
            number: rule.number, head: relation, headArguments: [], body: body, variableNames: rule.variableNames,
            span: rule.span, reportingRule: nil)
        // The indexes the query needs are made on a copy of the relations, and dropped with it.
        var stores = evaluation.stores
        var layout = RulePlan(for: query)
        let plan = JoinPlanner.plan(layout, delta: nil, recursive: [], statistics: &stores)
        layout.plans = [plan]
        let program = JoinProgram(query, layout, plan: plan, recordProvenance: true)
        let positives = rule.positiveLiterals
        let reads = positives.map { literal -> Int in
            if case .positive(let read, _) = rule.body[literal] { read } else { 0 }
        }
        let state = JoinState(program)
        let output = JoinOutput(capacity: 64, width: program.width, premiseCount: program.premiseCount)
        let limits = stores.map(\.count)
        repeat {
            program.run(
                state, into: output, stores: stores, limits: limits, delta: 0..<0, scan: nil, numbers: evaluation.symbols.numbers,
                deadline: nil)
            for match in 0..<output.count {
                let premises = (0..<positives.count).map { Int(output.premises[match * positives.count + $0]) }
                if zip(reads, premises).allSatisfy({ Int(stores[$0].origins[$1]) < origin }) { return premises }
            }
            output.count = 0
        } while !state.done
        return nil
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
    /// The tuple's number in its relation (-1 when unknown), so that a report can
    /// tell two nodes of the same fact apart from others without comparing values.
    package var tuple = -1
    package var premises: [ProofTree] = []
    /// Negated literals of the rule, instantiated: facts that had to be absent.
    package var absences: [Absence] = []
    /// The rule's variables and their values in this application.
    package var bindings: [String: Value] = [:]
    /// True when the proof below this node was cut at the depth limit or the
    /// size limit (`Model.proofNodeLimit` nodes).
    package var truncated = false

}

/// A fact whose absence a derivation relied on; nil values are wildcards.
package struct Absence: Sendable, Equatable {
    package let relation: String
    package let values: [Value?]
}
