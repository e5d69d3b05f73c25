import Diagnostics
import Foundation
import Semantics

/// Options of an evaluation.
package struct EvaluationOptions: Sendable {
    /// Derived tuples allowed before evaluation stops (declared facts are not counted).
    package var maxDerivedTuples = 20_000_000
    /// Values (tuples times their columns) the derived tuples may hold: the tuple
    /// budget alone lets a relation of 64 columns take 5 GB. 400 million values
    /// are 1.6 GB of columns, which with their indexes and provenance keeps a run
    /// under the 4 GB of an ordinary CI runner.
    package var maxDerivedValues = 400_000_000
    /// Time evaluation may take, in nanoseconds; nil for no limit.
    package var timeoutNanoseconds: UInt64?
    /// When the whole run must stop (uptime nanoseconds), if earlier than the
    /// evaluation's own timeout: `--timeout` covers loading and checking too.
    package var deadline: UInt64?
    /// Set from outside to stop the evaluation (the REPL's Ctrl-C).
    package var interruption: Interruption?
    /// Record each derived tuple's rule and premises (needed for proofs and findings).
    package var recordProvenance = true
    /// Rules reading at least this many tuples whole, and nothing of their own
    /// stratum, run on both cores (see `Evaluator.execute`). Tests lower it to
    /// exercise that path.
    package var parallelScanMinimum = 65_536
    /// Derived tuples inserted together (see `RelationStore.insert(batch:)`); a
    /// run pauses when it has this many waiting. Tests lower it.
    package var batchSize = 1 << 18
    /// When to join two literals of a rule ahead of the rest (see `JoinPlanner.pairToJoinAhead`).
    package var joinAhead = JoinAhead.whenEstimatedCheaper(minimumWork: 1_000_000)

    package init() {}
}

/// When to join two literals of a rule ahead of the rest.
package enum JoinAhead: Sendable, Equatable {
    /// When the estimated work of the rule's best plan exceeds `minimumWork`
    /// and the join at least halves it.
    case whenEstimatedCheaper(minimumWork: Double)
    /// For every rule of two to six positive literals, none recursive, whatever
    /// the estimates (tests use it to exercise that path on small data).
    case always
    case never
}

/// Tuples of a relation read from outside the program (`lumen eval --facts`),
/// as a relation already built: its values are ids of the symbol table given
/// to `Evaluator.evaluate`.
package struct ExternalRelation: Sendable {
    package let name: String
    package let arity: Int
    package var store: RelationStore

    /// The tuples of `values` (`arity` ids each), set semantics, in order.
    package init(name: String, arity: Int, values: [Int32]) {
        self.name = name
        self.arity = arity
        store = RelationStore(arity: arity)
        store.insert(all: values, origin: externalOrigin)
    }
}

/// The origin of a tuple read from outside the program.
package let externalOrigin = Int32.min
/// The origin of a tuple derived while provenance was not recorded.
package let unrecordedOrigin = Int32.min + 1

/// Where a tuple came from. `RelationStore.origins` keeps it in one `Int32`
/// per tuple (a derivation's number from 0 up, `-1 - n` for declared fact n,
/// and the two values above); this names what the number means.
package enum TupleOrigin: Sendable, Equatable {
    /// Derived: the number of its derivation (see `Derivations`).
    case derivation(Int)
    /// Declared: the number of the fact in `CheckedProgram.facts`.
    case fact(Int)
    /// Read from a fact file (`lumen eval --facts`).
    case external
    /// Derived while provenance was off.
    case unrecorded

    package init(_ raw: Int32) {
        switch raw {
        case externalOrigin: self = .external
        case unrecordedOrigin: self = .unrecorded
        case 0...: self = .derivation(Int(raw))
        default: self = .fact(Int(-1 - raw))
        }
    }

    /// The number a store keeps for this origin.
    package var raw: Int32 {
        switch self {
        case .derivation(let number): Int32(number)
        case .fact(let number): -1 - Int32(number)
        case .external: externalOrigin
        case .unrecorded: unrecordedOrigin
        }
    }
}

/// Counters of one rule, for `--stats`.
package struct RuleStatistics: Sendable, Equatable {
    package var derived = 0
    package var nanoseconds: UInt64 = 0
    /// Positive literals read by scanning a whole relation (nothing bound).
    package var scans = 0
    /// Positive literals read through an index (some column bound).
    package var indexLookups = 0
    /// Bindings whose arithmetic had no result (see `Arithmetic.Problem`), and
    /// the first one: its values (`V = 3 percent, W = 1200 t`), and why.
    package var unresolved = 0
    package var firstUnresolved: Unresolved?

    package struct Unresolved: Sendable, Equatable {
        package let values: String
        package let reason: String
    }
}

/// Why evaluation stopped early.
package struct LimitReached: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// `limit` tuples were derived.
        case tuples
        /// Evaluation ran `limit` nanoseconds.
        case time
        /// The derived tuples held `limit` values (tuples times columns).
        case values
        /// Someone asked evaluation to stop (`Interruption`, Ctrl-C in the REPL).
        case interrupted
    }

    package var kind = Kind.tuples
    package let limit: Int
    package let relation: String
    /// The rule that derived most (tuples), or the one running (time).
    package let rule: Int
}

/// Bottom-up evaluation of a checked program.
package struct Evaluator {
    /// The relations and what derived them: what the model keeps.
    var evaluation = EvaluationState()
    var derivedTotal = 0
    /// Values (tuples times columns) derived so far, against `maxDerivedValues`.
    var derivedValues = 0
    var derivedPerRelation: [Int] = []
    var limitReached: LimitReached?
    /// Internal relations built ahead of rules of the current stratum (joins, filters).
    var builtAhead: [Int] = []
    /// When evaluation must stop (`DispatchTime` uptime nanoseconds); nil for never.
    var deadline: UInt64?
    /// Time spent planning the strata (plans, sorted indexes; not the joins and
    /// filters built ahead, which count as their rules' time) and evaluating in
    /// all, for `--stats`.
    var planningNanoseconds: UInt64 = 0
    var evaluationNanoseconds: UInt64 = 0
    /// Time spent building joins and filters ahead of rules.
    var aheadNanoseconds: UInt64 = 0
    var options: EvaluationOptions
    let program: CheckedProgram

    /// Evaluates the program and returns its model.
    package static func evaluate(
        _ program: CheckedProgram, options: EvaluationOptions = EvaluationOptions(), symbols: SymbolTable = SymbolTable(),
        external: [ExternalRelation] = []
    ) -> Model {
        var evaluator = Evaluator(program: program, options: options)
        evaluator.evaluation.symbols = symbols
        evaluator.evaluation.symbols.useUnits(program.units)
        let started = DispatchTime.now().uptimeNanoseconds
        let own = options.timeoutNanoseconds.map { started &+ $0 }
        evaluator.deadline = [own, options.deadline].compactMap { $0 }.min()
        evaluator.load(external)
        evaluator.run()
        evaluator.evaluationNanoseconds = DispatchTime.now().uptimeNanoseconds - started
        return Model(evaluator)
    }

    private init(program: CheckedProgram, options: EvaluationOptions) {
        self.program = program
        self.options = options
    }

    /// An evaluator holding what a model holds, to run more rules over it (a query).
    init(resuming model: Model) {
        program = model.program
        options = model.options
        evaluation = model.evaluation
        derivedPerRelation = model.evaluation.stores.map { _ in 0 }
    }

    // MARK: Loading

    mutating func addRelation(_ name: String, arity: Int) -> Int {
        if let id = evaluation.relationIDs[name] { return id }
        let id = evaluation.stores.count
        evaluation.relationIDs[name] = id
        evaluation.relationNames.append(name)
        evaluation.stores.append(RelationStore(arity: arity))
        derivedPerRelation.append(0)
        return id
    }

    private mutating func load(_ external: [ExternalRelation]) {
        for name in program.relations.keys.sorted() {
            _ = addRelation(name, arity: program.relations[name]?.arity ?? 0)
        }
        // One buffer for every fact's ids: the standard library states about nine thousand.
        var values: [Int32] = []
        var relation = -1
        var relationName = ""
        for (number, fact) in program.facts.enumerated() {
            if fact.relation != relationName {
                relationName = fact.relation
                relation = evaluation.relationIDs[fact.relation] ?? -1
            }
            guard relation >= 0 else { continue }
            values.removeAll(keepingCapacity: true)
            for value in fact.values { values.append(evaluation.symbols.intern(value)) }
            values.withUnsafeBufferPointer { _ = evaluation.stores[relation].insert($0, origin: TupleOrigin.fact(number).raw) }
        }
        for relation in external {
            guard let id = evaluation.relationIDs[relation.name], evaluation.stores[id].arity == relation.arity, relation.arity > 0 else { continue }
            if evaluation.stores[id].count == 0 {
                evaluation.stores[id] = relation.store
            } else {
                evaluation.stores[id].insert(all: relation.store.data, origin: externalOrigin)
            }
        }
        for rule in program.loweredRules {
            // A reporting rule's findings go to a relation of their own.
            if rule.reportingRule != nil { _ = addRelation(rule.head, arity: rule.headTerms.count) }
            compile(rule)
        }
        evaluation.statistics = Array(repeating: RuleStatistics(), count: evaluation.rules.count)
        planStrata()
        keepPremisesOfFindings()
    }

    /// Derivations keep their premises only where a finding's proof will read
    /// them: the rules of the relations that reporting rules read, and of the
    /// relations those read, and so on. Every other derivation keeps its rule
    /// alone, and its premises are found again if a proof asks for them
    /// (`Model.rebuiltPremises`): at a million measures, the 7 million
    /// `tension` tuples of the benchmark would otherwise keep 36 million premises.
    private mutating func keepPremisesOfFindings() {
        var needed = Set(evaluation.rules.filter { $0.reportingRule != nil }.map(\.target))
        var frontier = Array(needed)
        while let relation = frontier.popLast() {
            for rule in evaluation.rules where rule.head == relation || rule.target == relation {
                for literal in rule.body {
                    guard case .positive(let read, _) = literal, needed.insert(read).inserted else { continue }
                    frontier.append(read)
                }
            }
        }
        // A rule with arithmetic keeps them always: they could not be found again
        // from its head, whose computed values no literal of its body holds.
        for number in evaluation.rules.indices {
            evaluation.layouts[number].keepsPremises =
                needed.contains(evaluation.rules[number].target) || evaluation.rules[number].computation != nil
        }
    }

    mutating func compile(_ rule: LoweredRule) {
        var registers: [String: Int] = [:]
        var names: [String] = []
        func argument(_ term: RuleTerm) -> CompiledRule.Argument {
            switch term {
            case .variable(let name):
                if let register = registers[name] { return .variable(register) }
                registers[name] = names.count
                names.append(name)
                return .variable(names.count - 1)
            case .wildcard: return .wildcard
            case .constant(let value): return .constant(evaluation.symbols.intern(value))
            // Arithmetic is compiled by `expression`, never as an argument of the join.
            case .arithmetic: return .wildcard
            }
        }
        // An aggregate counts every match of its body, each combination of facts
        // once: a `_` of a positive literal there gets a register of its own, so that
        // two matches differing only there stay two bindings.
        var unnamed = 0
        func matched(_ term: RuleTerm) -> CompiledRule.Argument {
            guard rule.aggregate != nil, case .wildcard = term else { return argument(term) }
            unnamed += 1
            return argument(.variable("_\(unnamed)"))
        }
        func expression(_ term: RuleTerm) -> CompiledRule.Expression {
            if case .arithmetic(let op, let left, let right) = term { return .arithmetic(op, expression(left), expression(right)) }
            return .argument(argument(term))
        }
        var compiledBody: [CompiledRule.BodyLiteral] = []
        var computedComparisons: [(Comparison, CompiledRule.Expression, CompiledRule.Expression)] = []
        for literal in rule.body {
            switch literal {
            case .positive(let name, let terms):
                guard let relation = evaluation.relationIDs[name] else { return }
                compiledBody.append(.positive(relation: relation, arguments: terms.map(matched)))
            case .negative(let name, let terms):
                guard let relation = evaluation.relationIDs[name] else { return }
                compiledBody.append(.negative(relation: relation, arguments: terms.map(argument)))
            case .compare(let op, let left, let right):
                // A comparison of computed values is made on the bindings, after the join.
                if left.isArithmetic || right.isArithmetic {
                    computedComparisons.append((op, expression(left), expression(right)))
                } else {
                    compiledBody.append(.compare(op, argument(left), argument(right)))
                }
            }
        }
        guard var headRelation = evaluation.relationIDs[rule.head] else { return }
        if !computedComparisons.isEmpty || rule.headTerms.contains(where: \.isArithmetic) {
            // As for an aggregate: the join collects every binding into a relation of
            // its own, and `compute` derives the head from those that pass.
            let arguments = rule.headTerms.map(expression)
            let computation = CompiledRule.Computation(relation: headRelation, arguments: arguments, comparisons: computedComparisons)
            let bindings = addRelation("computed:\(evaluation.rules.count)", arity: names.count)
            var compiled = CompiledRule(
                number: evaluation.rules.count, head: bindings, headArguments: names.indices.map { .variable($0) }, body: compiledBody,
                variableNames: names, span: rule.span, reportingRule: rule.reportingRule)
            compiled.computation = computation
            evaluation.rules.append(compiled)
            evaluation.layouts.append(RulePlan(for: compiled))
            return
        }
        var headArguments = rule.headTerms.map(argument)
        var aggregation: CompiledRule.Aggregation?
        if let aggregate = rule.aggregate {
            // The rule collects the bindings of its body (its `_`s made variables above)
            // into a relation of its own; they are folded into the head after the first round.
            aggregation = CompiledRule.Aggregation(
                relation: headRelation, arguments: headArguments, column: aggregate.column, kind: aggregate.kind,
                value: aggregate.variable.flatMap { registers[$0] })
            headRelation = addRelation("aggregate:\(evaluation.rules.count)", arity: names.count)
            headArguments = names.indices.map { .variable($0) }
        }
        let compiled = CompiledRule(
            number: evaluation.rules.count, head: headRelation, headArguments: headArguments, body: compiledBody,
            variableNames: names, span: rule.span, reportingRule: rule.reportingRule, aggregation: aggregation)
        evaluation.rules.append(compiled)
        evaluation.layouts.append(RulePlan(for: compiled))
    }

    /// Groups rules by the stratum of their head; reporting rules come last.
    private mutating func planStrata() {
        var stratumOf: [Int: Int] = [:]
        for (number, names) in program.strata.enumerated() {
            for name in names { if let id = evaluation.relationIDs[name] { stratumOf[id] = number } }
        }
        var groups = [[Int]](repeating: [], count: program.strata.count + 1)
        for rule in evaluation.rules {
            let stratum = rule.reportingRule == nil ? (stratumOf[rule.target] ?? 0) : program.strata.count
            groups[stratum].append(rule.number)
        }
        evaluation.strata = groups.filter { !$0.isEmpty }
    }

    /// Plans the rules of a stratum, once the relations it reads are complete:
    /// the planner's decisions (`StratumPlan`) applied, the relations it puts
    /// ahead of a rule built, then the rule's join orders, which read their sizes.
    private mutating func plan(_ group: [Int]) {
        let decided = JoinPlanner.plan(
            stratum: group, rules: evaluation.rules, policy: options.joinAhead, statistics: &evaluation.stores)
        for rule in decided.rules {
            let number = rule.number
            // Findings are looked up by their values (to show their proofs), which needs
            // the hash set: a reporting rule's tuples always go through it.
            if rule.headKeepsHashSet { evaluation.stores[evaluation.rules[number].head].ensureSet() }
            evaluation.layouts[number].runsInParallel = rule.runsInParallel
            evaluation.layouts[number].derivesDistinctTuples = rule.derivesDistinctTuples
            for step in rule.ahead { build(step, for: number) }
            evaluation.layouts[number].plans = JoinPlanner.plans(
                for: evaluation.layouts[number], recursive: rule.recursive, statistics: &evaluation.stores)
        }
    }

    /// Builds a relation ahead of a rule (see `AheadStep`): the tuples matching
    /// some positive literals of the rule and some of its comparisons, the kept
    /// variables then the number of the tuple each literal matched. The rule then
    /// reads that relation in their place, and takes its premises' numbers from
    /// it. The step goes into the rule's plan with the rows built; the relation
    /// is emptied when the stratum ends.
    private mutating func build(_ step: AheadStep, for number: Int) {
        let (literals, filters, variables) = (step.literals, step.comparisons, step.keeping)
        let name = step.kind == .join ? "join" : "filter"
        let rule = evaluation.rules[number]
        let relation = addRelation("\(name):\(number):\(literals.map(String.init).joined(separator: ","))",
            arity: variables.count + literals.count)
        let built = CompiledRule(
            number: number, head: relation, headArguments: variables.map { .variable($0) },
            body: (literals + filters).map { rule.body[$0] }, variableNames: rule.variableNames, span: rule.span,
            reportingRule: rule.reportingRule)
        let registers = evaluation.layouts[number].registerCount
        var builtLayout = RulePlan(for: built)
        builtLayout.buildsAhead = true
        builtLayout.runsInParallel = true
        builtLayout.registerCount = registers
        builtLayout.plans = JoinPlanner.plans(for: builtLayout, recursive: [], statistics: &evaluation.stores)
        let started = DispatchTime.now().uptimeNanoseconds
        execute(built, builtLayout, plan: 0, limits: evaluation.stores.map(\.count), delta: 0..<0)
        aheadNanoseconds += DispatchTime.now().uptimeNanoseconds - started
        let numbers = literals.indices.map { registers + $0 }
        evaluation.layouts[number].planBody.append(
            .positive(relation: relation, arguments: (variables + numbers).map { .variable($0) }))
        evaluation.layouts[number].skipped.formUnion(literals + filters)
        for (literal, register) in zip(literals, numbers) { evaluation.layouts[number].premiseRegisters[literal] = register }
        evaluation.layouts[number].registerCount = registers + literals.count
        builtAhead.append(relation)
        var recorded = step
        recorded.rows = evaluation.stores[relation].count
        evaluation.layouts[number].ahead.append(recorded)
    }

    // MARK: Evaluation

    private mutating func run() {
        for group in evaluation.strata {
            guard limitReached == nil else { return }
            let (planning, ahead) = (DispatchTime.now().uptimeNanoseconds, aheadNanoseconds)
            plan(group)
            planningNanoseconds += DispatchTime.now().uptimeNanoseconds - planning - (aheadNanoseconds - ahead)
            let heads = Set(group.map { evaluation.rules[$0].head })
            let recursive = group.contains { evaluation.layouts[$0].plans.count > 1 }
            // The first round reads every relation in full.
            var deltaStart = evaluation.stores.map(\.count)
            var limits = evaluation.stores.map(\.count)
            for number in group {
                execute(rule: number, plan: 0, limits: limits, delta: 0..<0)
            }
            var rounds = 1
            // An aggregate's stratum is its relation alone, read by no rule of it: never recursive.
            for number in group where evaluation.rules[number].aggregation != nil && limitReached == nil {
                fold(rule: number)
            }
            // So is that of a relation computed with arithmetic.
            for number in group where evaluation.rules[number].computation != nil && limitReached == nil {
                compute(rule: number)
            }
            guard recursive else {
                evaluation.iterations.append(rounds)
                releaseBuiltAhead()
                continue
            }
            // Semi-naive rounds: each recursive literal in turn reads only last round's new tuples.
            while limitReached == nil {
                let deltaEnd = evaluation.stores.map(\.count)
                guard heads.contains(where: { deltaEnd[$0] > deltaStart[$0] }) else { break }
                limits = deltaEnd
                for number in group {
                    for (planNumber, plan) in evaluation.layouts[number].plans.enumerated() where plan.deltaLiteral != nil {
                        guard let literal = plan.deltaLiteral, case .positive(let relation, _) = evaluation.layouts[number].planBody[literal],
                            deltaEnd[relation] > deltaStart[relation]
                        else { continue }
                        execute(rule: number, plan: planNumber, limits: limits, delta: deltaStart[relation]..<deltaEnd[relation])
                    }
                }
                deltaStart = deltaEnd
                rounds += 1
            }
            evaluation.iterations.append(rounds)
            releaseBuiltAhead()
        }
    }

    /// Folds the bindings an aggregate rule collected into its relation: one
    /// tuple per group (the values of the head's other arguments), in the order
    /// of the groups' interned ids (the same for the same program), each recorded
    /// as derived by the rule without premises.
    /// Groups are found through a relation store of their keys: nothing is
    /// allocated per binding.
    private mutating func fold(rule number: Int) {
        let rule = evaluation.rules[number]
        guard let aggregation = rule.aggregation else { return }
        let started = DispatchTime.now().uptimeNanoseconds
        let bindings = evaluation.stores[rule.head]
        let keyArguments = aggregation.arguments.enumerated().filter { $0.offset != aggregation.column }.map(\.element)
        var groups = RelationStore(arity: keyArguments.count)
        var key = [Int32](repeating: 0, count: keyArguments.count)
        var accumulated: [(count: Int, sum: Int, min: Int, max: Int)] = []
        // A group of quantities: the sum, least or greatest so far, in the unit of its first
        // value (the others converted), or the problem that left it without one.
        var quantities: [Result<Arithmetic.Number, Arithmetic.Problem>?] = []
        // The table of numbers is read where it is used, never held in a local: the
        // groups' results are interned below, and a copy alive then would be copied whole.
        func fold(
            _ value: Arithmetic.Number, into group: inout Result<Arithmetic.Number, Arithmetic.Problem>?, kind: AggregateKind,
            _ numbers: Numbers, ids: [Int32]
        ) {
            guard case .success(let so) = group else {
                if group == nil { group = .success(value) }
                return
            }
            let next: Result<Arithmetic.Number, Arithmetic.Problem>
            switch kind {
            case .sum: next = Arithmetic.combine(.plus, so, value, numbers)
            case .min, .max:
                switch Arithmetic.holds(kind == .min ? .less : .greater, value, so, numbers) {
                case .success(let replaces): next = .success(replaces ? value : so)
                case .failure(let problem): next = .failure(problem)
                }
            case .count: next = .success(so)
            }
            if case .failure(let problem) = next {
                evaluation.statistics[number].unresolved += 1
                if evaluation.statistics[number].firstUnresolved == nil {
                    evaluation.statistics[number].firstUnresolved = unresolvedBinding(of: number, ids, problem)
                }
            }
            group = next
        }
        for index in 0..<bindings.count {
            for (position, argument) in keyArguments.enumerated() {
                switch argument {
                case .variable(let register): key[position] = bindings.value(index, register)
                case .constant(let id): key[position] = id
                case .wildcard: key[position] = 0
                }
            }
            let group = key.withUnsafeBufferPointer { groups.insert($0, origin: 0) }
            if group.inserted {
                accumulated.append((0, 0, Int.max, Int.min))
                quantities.append(nil)
            }
            var value = 0
            if let register = aggregation.value {
                let id = bindings.value(index, register)
                if let integer = evaluation.symbols.numbers.integers[Int(id)] {
                    value = integer
                } else if let quantity = Arithmetic.number(id, evaluation.symbols.numbers) {
                    accumulated[group.index].count += 1
                    fold(quantity, into: &quantities[group.index], kind: aggregation.kind, evaluation.symbols.numbers, ids: bindings.tuple(index))
                    continue
                }
            }
            accumulated[group.index].count += 1
            // A sum past the range of integers stays at its end rather than wrapping around.
            let (sum, overflow) = accumulated[group.index].sum.addingReportingOverflow(value)
            accumulated[group.index].sum = overflow ? (value > 0 ? Int.max : Int.min) : sum
            accumulated[group.index].min = Swift.min(accumulated[group.index].min, value)
            accumulated[group.index].max = Swift.max(accumulated[group.index].max, value)
        }
        evaluation.stores[rule.head] = RelationStore(arity: bindings.arity)
        let order = (0..<groups.count).sorted { a, b in
            for column in 0..<groups.arity where groups.value(a, column) != groups.value(b, column) {
                return groups.value(a, column) < groups.value(b, column)
            }
            return false
        }
        var target = RelationStore(arity: 0)
        swap(&target, &evaluation.stores[aggregation.relation])
        for group in order {
            var tuple = groups.tuple(group)
            if aggregation.kind != .count, let folded = quantities[group] {
                // A group of quantities whose values did not add up gives no tuple (it was counted as unresolved).
                guard case .success(let result) = folded else { continue }
                tuple.insert(evaluation.symbols.intern(computed: result), at: aggregation.column)
            } else {
                let result: Int
                switch aggregation.kind {
                case .count: result = accumulated[group].count
                case .sum: result = accumulated[group].sum
                case .min: result = accumulated[group].min
                case .max: result = accumulated[group].max
                }
                tuple.insert(evaluation.symbols.intern(integer: result), at: aggregation.column)
            }
            let origin = options.recordProvenance ? Int32(evaluation.derivations.count) : unrecordedOrigin
            guard target.insert(tuple, origin: origin).inserted else { continue }
            if options.recordProvenance {
                evaluation.derivations.append(rule: Int32(number), width: 0, derivations: 1, premises: UnsafeBufferPointer(start: nil, count: 0))
            }
            derivedTotal += 1
            derivedValues += tuple.count
            derivedPerRelation[aggregation.relation] += 1
        }
        swap(&target, &evaluation.stores[aggregation.relation])
        evaluation.statistics[number].nanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }

    /// Derives the head of a rule with arithmetic from the bindings it collected:
    /// for each, in order, its comparisons of computed values are made and its
    /// head's values computed; a binding whose arithmetic has no result (units
    /// that do not convert, a division by zero, a value past the range) derives
    /// nothing and is counted (`RuleStatistics.unresolved`). Each tuple derived
    /// keeps the premises of its binding, so that its proof is the body's.
    mutating func compute(rule number: Int) {
        let rule = evaluation.rules[number]
        guard let computation = rule.computation else { return }
        let started = DispatchTime.now().uptimeNanoseconds
        let bindings = evaluation.stores[rule.head]
        evaluation.stores[rule.head] = RelationStore(arity: bindings.arity)
        var target = RelationStore(arity: 0)
        swap(&target, &evaluation.stores[computation.relation])
        defer {
            swap(&target, &evaluation.stores[computation.relation])
            evaluation.statistics[number].nanoseconds += DispatchTime.now().uptimeNanoseconds - started
        }
        let positives = rule.positiveLiterals.count
        let quantityColumns = (program.relations[evaluation.relationNames[computation.relation]]?.columns ?? []).map { $0 == .quantity }
        var tuple = [Int32](repeating: 0, count: computation.arguments.count)
        var premises: [Int32] = []
        for index in 0..<bindings.count {
            let binding = { (register: Int) -> Int32 in bindings.value(index, register) }
            switch Arithmetic.row(computation, binding, quantityColumns: quantityColumns, evaluation.symbols.numbers) {
            case .fails:
                continue
            case .unresolved(let problem):
                evaluation.statistics[number].unresolved += 1
                if evaluation.statistics[number].firstUnresolved == nil {
                    evaluation.statistics[number].firstUnresolved = unresolvedBinding(of: number, rule.variableNames.indices.map(binding), problem)
                }
                continue
            case .values(let cells):
                for (column, cell) in cells.enumerated() {
                    switch cell {
                    case .id(let id): tuple[column] = id
                    case .number(let result): tuple[column] = evaluation.symbols.intern(computed: result)
                    }
                }
            }
            let origin = options.recordProvenance ? Int32(evaluation.derivations.count) : unrecordedOrigin
            guard target.insert(tuple, origin: origin).inserted else { continue }
            if options.recordProvenance {
                // The binding's premises, when its derivation kept them.
                premises.removeAll(keepingCapacity: true)
                if case .derivation(let derivation) = TupleOrigin(bindings.origins[index]),
                    let found = evaluation.derivations.derivation(derivation), found.premises.count == positives
                {
                    for position in found.premises { premises.append(evaluation.derivations.premises[position]) }
                }
                premises.withUnsafeBufferPointer { buffer in
                    evaluation.derivations.append(rule: Int32(number), width: buffer.count, derivations: 1, premises: buffer)
                }
            }
            // `derived` counts the matches of the body, as for an aggregate.
            derivedTotal += 1
            derivedValues += tuple.count
            derivedPerRelation[computation.relation] += 1
        }
    }

    private mutating func releaseBuiltAhead() {
        for relation in builtAhead { evaluation.stores[relation] = RelationStore(arity: evaluation.stores[relation].arity) }
        builtAhead = []
    }

    /// Runs one plan of one rule: a nested-loop join driven by an explicit
    /// stack (no recursion), reading tuples below `limits` only.
    mutating func execute(rule number: Int, plan planNumber: Int, limits: [Int], delta: Range<Int>) {
        execute(evaluation.rules[number], evaluation.layouts[number], plan: planNumber, limits: limits, delta: delta)
    }

    /// Runs one plan of a rule (its statistics are those of `rule.number`).
    ///
    /// A rule that reads no relation of its own stratum and starts by reading a
    /// large relation whole runs on both cores: the first literal's tuples are
    /// cut into parts, two threads join them (see `PartPipeline`), and this thread
    /// inserts each part's tuples in order, so that the model, the tuple numbers
    /// and the recorded derivations are those of a run on one core.
    mutating func execute(_ rule: CompiledRule, _ layout: RulePlan, plan planNumber: Int, limits: [Int], delta: Range<Int>) {
        let started = DispatchTime.now().uptimeNanoseconds
        let program = JoinProgram(rule, layout, plan: layout.plans[planNumber], recordProvenance: options.recordProvenance)
        let numbers = evaluation.symbols.numbers
        let scanned = program.startsWithScan ? limits[program.stepRelation[0]] : 0
        if layout.runsInParallel && scanned >= options.parallelScanMinimum {
            let size = max(1, options.parallelScanMinimum / 4, scanned / 64)
            let parts = stride(from: 0, to: scanned, by: size).map { $0..<min($0 + size, scanned) }
            // The relation being filled is out of `stores` while the threads read
            // them (the rule reads nothing of its own stratum): inserting into it then
            // copies nothing that a thread still holds.
            var target = RelationStore(arity: 0)
            swap(&target, &evaluation.stores[rule.head])
            let premisesBefore = evaluation.derivations.premises.count
            let pipeline = PartPipeline(
                program, parts: parts, capacity: options.batchSize, stores: evaluation.stores, limits: limits, delta: delta,
                numbers: numbers, deadline: deadline, interruption: options.interruption)
            pipeline.start()
            // In order, part by part, while the threads join the parts after it.
            for index in parts.indices {
                let (partState, partOutput) = pipeline.wait(for: index)
                absorb(partOutput, of: rule, layout, program: program, into: &target)
                // Room for what the parts to come will likely add, reserved once a
                // few parts have shown it: the arrays then grow without copying.
                if index == 3 && parts.count > 8 {
                    let expected = Double(parts.count) / 4
                    target.reserve(tuples: Int(Double(target.count) * expected * 1.1))
                    evaluation.derivations.reserve(premises: Int(Double(evaluation.derivations.premises.count - premisesBefore) * expected * 1.1))
                }
                while !partState.done && limitReached == nil {
                    program.run(
                        partState, into: partOutput, stores: evaluation.stores, limits: limits, delta: delta, scan: parts[index],
                        numbers: numbers, deadline: deadline, interruption: options.interruption)
                    absorb(partOutput, of: rule, layout, program: program, into: &target)
                }
                if partState.timedOut { stopForTime(rule) }
                noteMismatches(partState, rule: rule.number)
                pipeline.release(index)
                if limitReached != nil { break }
            }
            pipeline.finish()
            swap(&target, &evaluation.stores[rule.head])
        } else {
            let state = JoinState(program)
            let output = JoinOutput(capacity: options.batchSize, width: program.width, premiseCount: program.premiseCount)
            repeat {
                program.run(
                    state, into: output, stores: evaluation.stores, limits: limits, delta: delta, scan: nil, numbers: numbers,
                    deadline: deadline, interruption: options.interruption)
                var target = RelationStore(arity: 0)
                swap(&target, &evaluation.stores[rule.head])
                absorb(output, of: rule, layout, program: program, into: &target)
                swap(&target, &evaluation.stores[rule.head])
                if state.timedOut { stopForTime(rule) }
            } while !state.done && limitReached == nil
            noteMismatches(state, rule: rule.number)
        }
        evaluation.statistics[rule.number].nanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }

    /// Adds a run's comparisons of units that do not convert to its rule's unresolved ones.
    private mutating func noteMismatches(_ state: JoinState, rule number: Int) {
        let (count, first) = state.unitMismatches
        guard count > 0 else { return }
        evaluation.statistics[number].unresolved += count
        if evaluation.statistics[number].firstUnresolved == nil {
            let values = "\(evaluation.symbols.value(first.0)) and \(evaluation.symbols.value(first.1))"
            evaluation.statistics[number].firstUnresolved = .init(values: values, reason: Arithmetic.Problem.units.reason)
        }
    }

    /// A binding of a rule's variables (the registers' values, `ids`), for the message.
    private func unresolvedBinding(of number: Int, _ ids: [Int32], _ problem: Arithmetic.Problem) -> RuleStatistics.Unresolved {
        let names = evaluation.rules[number].variableNames
        let shown = zip(names, ids).filter { !$0.0.hasPrefix("_") }.map { "\($0.0) = \(evaluation.symbols.value($0.1))" }
        return .init(values: shown.joined(separator: ", "), reason: problem.reason)
    }

    private mutating func stopForTime(_ rule: CompiledRule) {
        guard limitReached == nil else { return }
        limitReached = LimitReached(
            kind: options.interruption?.isRequested == true ? .interrupted : .time, limit: Int(options.timeoutNanoseconds ?? 0),
            relation: evaluation.relationNames[rule.head], rule: rule.number)
    }

    /// Inserts the tuples a run derived, records their derivations, and empties the output.
    private mutating func absorb(
        _ output: JoinOutput, of rule: CompiledRule, _ layout: RulePlan, program: JoinProgram, into target: inout RelationStore
    ) {
        let number = rule.number
        let pendingCount = output.count
        let width = program.width
        let premiseCount = program.premiseCount
        let pending = output.heads
        let pendingPremises = output.premises
        evaluation.statistics[number].indexLookups += output.lookups
        evaluation.statistics[number].scans += output.scans
        output.count = 0
        output.lookups = 0
        output.scans = 0
        guard pendingCount > 0 else { return }
        let tuples = UnsafeBufferPointer(start: pending, count: pendingCount * width)
        if layout.buildsAhead {
            target.append(distinct: tuples, originStart: unrecordedOrigin, originStep: 0)
            return
        }
        func recordDerivation(of tuple: Int) {
            if options.recordProvenance {
                evaluation.derivations.append(
                    rule: Int32(number), width: premiseCount, derivations: 1,
                    premises: UnsafeBufferPointer(start: pendingPremises + tuple * premiseCount, count: premiseCount))
            }
            evaluation.statistics[number].derived += 1
            derivedTotal += 1
            derivedValues += width
            derivedPerRelation[rule.head] += 1
        }
        // Near the tuple or value budget, or for a relation without columns, one
        // by one, so that evaluation stops exactly at the budget.
        if width == 0 || derivedTotal + pendingCount > options.maxDerivedTuples
            || derivedValues + pendingCount * width > options.maxDerivedValues
        {
            for tuple in 0..<pendingCount {
                let origin = options.recordProvenance ? Int32(evaluation.derivations.count) : unrecordedOrigin
                let values = UnsafeBufferPointer(start: pending + tuple * width, count: width)
                guard target.insert(values, origin: origin).inserted else { continue }
                recordDerivation(of: tuple)
                let overValues = derivedValues > options.maxDerivedValues
                if derivedTotal > options.maxDerivedTuples || overValues {
                    let grown = derivedPerRelation.indices.max { derivedPerRelation[$0] < derivedPerRelation[$1] } ?? rule.head
                    let busiest = evaluation.statistics.indices.max { evaluation.statistics[$0].derived < evaluation.statistics[$1].derived } ?? number
                    limitReached = LimitReached(
                        kind: overValues ? .values : .tuples, limit: overValues ? options.maxDerivedValues : options.maxDerivedTuples,
                        relation: evaluation.relationNames[grown], rule: busiest)
                    return
                }
            }
            return
        }
        let originStart = options.recordProvenance ? Int32(evaluation.derivations.count) : unrecordedOrigin
        let originStep: Int32 = options.recordProvenance ? 1 : 0
        if layout.derivesDistinctTuples {
            target.append(distinct: tuples, originStart: originStart, originStep: originStep)
            if options.recordProvenance {
                evaluation.derivations.append(
                    rule: Int32(number), width: premiseCount, derivations: pendingCount,
                    premises: UnsafeBufferPointer(start: pendingPremises, count: pendingCount * premiseCount))
            }
            evaluation.statistics[number].derived += pendingCount
            derivedTotal += pendingCount
            derivedValues += pendingCount * width
            derivedPerRelation[rule.head] += pendingCount
            return
        }
        let added = target.insert(batch: tuples, originStart: originStart, originStep: originStep)
        for tuple in 0..<pendingCount where added[tuple] { recordDerivation(of: tuple) }
    }
}
