import Diagnostics
import Foundation
import Semantics
import Syntax

/// Options of an evaluation.
package struct EvaluationOptions: Sendable {
    /// Derived tuples allowed before evaluation stops (declared facts are not counted).
    package var maxDerivedTuples = 20_000_000
    /// Time evaluation may take, in nanoseconds; nil for no limit.
    package var timeoutNanoseconds: UInt64?
    /// Record each derived tuple's rule and premises (needed for proofs and findings).
    package var recordProvenance = true
    /// When to join two literals of a rule ahead of the rest (see `JoinPlanner.pairToMaterialize`).
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

/// Tuples of a relation read from outside the program (`lumen eval --facts`):
/// the ids of the values of all tuples one after the other, `arity` per tuple,
/// interned in the symbol table given to `Evaluator.evaluate`.
package struct ExternalRelation: Sendable {
    package let name: String
    package let arity: Int
    package var values: [Int32]

    package init(name: String, arity: Int, values: [Int32]) {
        self.name = name
        self.arity = arity
        self.values = values
    }
}

/// The origin of a tuple read from outside the program.
package let externalOrigin = Int32.min
/// The origin of a tuple derived while provenance was not recorded.
package let unrecordedOrigin = Int32.min + 1

/// What a step of a join plan does, without its operands (see `Evaluator.execute`).
private enum StepKind {
    case positive, negative, compare
}

/// Counters of one rule, for `--stats`.
package struct RuleStatistics: Sendable, Equatable {
    package var derived = 0
    package var nanoseconds: UInt64 = 0
    /// Positive literals read by scanning a whole relation (nothing bound).
    package var scans = 0
    /// Positive literals read through an index (some column bound).
    package var indexLookups = 0
    /// The two body literals (positions) joined ahead of the rule, if any, and the rows of that join.
    package var joinedAhead: [Int] = []
    package var joinedRows = 0
}

/// Why evaluation stopped early.
package struct LimitReached: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// `limit` tuples were derived.
        case tuples
        /// Evaluation ran `limit` nanoseconds.
        case time
    }

    package var kind = Kind.tuples
    package let limit: Int
    package let relation: String
    /// The rule that derived most (tuples), or the one running (time).
    package let rule: Int
}

/// Bottom-up evaluation of a checked program.
package struct Evaluator {
    var symbols = SymbolTable()
    var stores: [RelationStore] = []
    var relationNames: [String] = []
    var relationIDs: [String: Int] = [:]
    var rules: [CompiledRule] = []
    /// Derivations: rule number and where its premises start in `premises`.
    var derivationRules: [Int32] = []
    var derivationPremises: [Int32] = []
    var premises: [Int32] = []
    var statistics: [RuleStatistics] = []
    var iterations: [Int] = []
    var strata: [[Int]] = []
    var derivedTotal = 0
    var derivedPerRelation: [Int] = []
    var limitReached: LimitReached?
    /// Internal relations holding joins built for the current stratum.
    var builtJoins: [Int] = []
    /// When evaluation must stop (`DispatchTime` uptime nanoseconds); nil for never.
    var deadline: UInt64?
    let options: EvaluationOptions
    let program: CheckedProgram

    /// Evaluates the program and returns its model.
    package static func evaluate(
        _ program: CheckedProgram, options: EvaluationOptions = EvaluationOptions(), symbols: SymbolTable = SymbolTable(),
        external: [ExternalRelation] = []
    ) -> Model {
        var evaluator = Evaluator(program: program, options: options)
        evaluator.symbols = symbols
        evaluator.deadline = options.timeoutNanoseconds.map { DispatchTime.now().uptimeNanoseconds &+ $0 }
        evaluator.load(external)
        evaluator.run()
        return Model(evaluator: evaluator)
    }

    private init(program: CheckedProgram, options: EvaluationOptions) {
        self.program = program
        self.options = options
    }

    // MARK: Loading

    mutating func addRelation(_ name: String, arity: Int) -> Int {
        if let id = relationIDs[name] { return id }
        let id = stores.count
        relationIDs[name] = id
        relationNames.append(name)
        stores.append(RelationStore(arity: arity))
        derivedPerRelation.append(0)
        return id
    }

    private mutating func load(_ external: [ExternalRelation]) {
        for name in program.relations.keys.sorted() {
            _ = addRelation(name, arity: program.relations[name]?.arity ?? 0)
        }
        for (number, fact) in program.facts.enumerated() {
            guard let relation = relationIDs[fact.relation] else { continue }
            let values = fact.values.map { symbols.intern($0) }
            stores[relation].insert(values, origin: -1 - Int32(number))
        }
        for relation in external {
            guard let id = relationIDs[relation.name], stores[id].arity == relation.arity, relation.arity > 0 else { continue }
            stores[id].insert(all: relation.values, origin: externalOrigin)
        }
        for checked in program.clauses {
            compile(head: checked.clause.head, body: checked.clause.body, span: checked.clause.span, reportingRule: nil)
        }
        for checked in program.rules {
            let rule = checked.rule
            let subjects = RuleSubjects.variables(of: rule)
            let head = addRelation("rule:" + rule.id.value, arity: subjects.count)
            let atom = Atom(
                relation: Name(relationNames[head], rule.id.span), arguments: subjects.map { .variable($0) }, span: rule.id.span)
            compile(head: atom, body: rule.body, span: rule.span, reportingRule: rule.id.value)
        }
        statistics = Array(repeating: RuleStatistics(), count: rules.count)
        planStrata()
    }

    mutating func compile(head: Atom, body: [Literal], span: Span, reportingRule: String?) {
        var registers: [String: Int] = [:]
        var names: [String] = []
        func argument(_ term: Term) -> CompiledRule.Argument {
            switch term {
            case .variable(let name):
                if let register = registers[name.value] { return .variable(register) }
                registers[name.value] = names.count
                names.append(name.value)
                return .variable(names.count - 1)
            case .wildcard: return .wildcard
            case .integer(let value): return .constant(symbols.intern(.integer(value.value)))
            case .string(let value): return .constant(symbols.intern(.text(value.value)))
            case .sdgID(let name), .symbol(let name), .measure(let name): return .constant(symbols.intern(.id(name.value)))
            }
        }
        var compiledBody: [CompiledRule.BodyLiteral] = []
        for literal in body {
            switch literal {
            case .positive(let atom):
                guard let relation = relationIDs[atom.relation.value] else { return }
                compiledBody.append(.positive(relation: relation, arguments: atom.arguments.map(argument)))
            case .negative(let atom, _):
                guard let relation = relationIDs[atom.relation.value] else { return }
                compiledBody.append(.negative(relation: relation, arguments: atom.arguments.map(argument)))
            case .comparison(let left, let op, let right, _):
                compiledBody.append(.compare(op, argument(left), argument(right)))
            }
        }
        guard let headRelation = relationIDs[head.relation.value] else { return }
        let headArguments = head.arguments.map(argument)
        rules.append(
            CompiledRule(
                number: rules.count, head: headRelation, headArguments: headArguments, body: compiledBody,
                variableNames: names, span: span, reportingRule: reportingRule))
    }

    /// Groups rules by the stratum of their head; reporting rules come last.
    private mutating func planStrata() {
        var stratumOf: [Int: Int] = [:]
        for (number, names) in program.strata.enumerated() {
            for name in names { if let id = relationIDs[name] { stratumOf[id] = number } }
        }
        var groups = [[Int]](repeating: [], count: program.strata.count + 1)
        for rule in rules {
            let stratum = rule.reportingRule == nil ? (stratumOf[rule.head] ?? 0) : program.strata.count
            groups[stratum].append(rule.number)
        }
        strata = groups.filter { !$0.isEmpty }
    }

    /// Plans the rules of a stratum, once the relations it reads are complete.
    private mutating func plan(_ group: [Int]) {
        let heads = Set(group.map { rules[$0].head })
        for number in group {
            let recursive = rules[number].reportingRule == nil ? heads : []
            let readsOwnStratum = rules[number].body.contains { literal in
                if case .positive(let relation, _) = literal { recursive.contains(relation) } else { false }
            }
            if !readsOwnStratum, let pair = JoinPlanner.pairToMaterialize(
                    rules[number], policy: options.joinAhead, stores: &stores) {
                buildJoin(of: pair.first, pair.second, keeping: pair.variables, for: number)
            }
            let head = rules[number].head
            rules[number].derivesDistinctTuples =
                !readsOwnStratum && stores[head].count == 0 && group.filter({ rules[$0].head == head }).count == 1
                && JoinPlanner.derivesDistinctTuples(rules[number], stores: &stores)
            rules[number].plans = JoinPlanner.plans(for: rules[number], recursive: recursive, stores: &stores)
        }
    }

    /// Builds the join of two literals of a rule into an internal relation (the
    /// kept variables, then the numbers of the two tuples joined), and makes
    /// the rule read that relation in their place. The relation is emptied
    /// when the stratum ends.
    private mutating func buildJoin(of first: Int, _ second: Int, keeping variables: [Int], for number: Int) {
        let rule = rules[number]
        let relation = addRelation("join:\(number)", arity: variables.count + 2)
        var join = CompiledRule(
            number: number, head: relation, headArguments: variables.map { .variable($0) },
            body: [rule.body[first], rule.body[second]], variableNames: rule.variableNames, span: rule.span,
            reportingRule: rule.reportingRule)
        join.buildsJoin = true
        join.plans = JoinPlanner.plans(for: join, recursive: [], stores: &stores)
        execute(join, plan: 0, limits: stores.map(\.count), delta: 0..<0)
        statistics[number].joinedAhead = [first, second]
        statistics[number].joinedRows = stores[relation].count
        let numbers = [rule.variableNames.count, rule.variableNames.count + 1]
        rules[number].planBody.append(
            .positive(relation: relation, arguments: (variables + numbers).map { .variable($0) }))
        rules[number].skipped = [first, second]
        rules[number].premiseRegisters = [first: numbers[0], second: numbers[1]]
        rules[number].registerCount = rule.variableNames.count + 2
        builtJoins.append(relation)
    }

    // MARK: Evaluation

    private mutating func run() {
        for group in strata {
            guard limitReached == nil else { return }
            plan(group)
            let heads = Set(group.map { rules[$0].head })
            let recursive = group.contains { rules[$0].plans.count > 1 }
            // The first round reads every relation in full.
            var deltaStart = stores.map(\.count)
            var limits = stores.map(\.count)
            for number in group {
                execute(rule: number, plan: 0, limits: limits, delta: 0..<0)
            }
            var rounds = 1
            guard recursive else {
                iterations.append(rounds)
                releaseBuiltJoins()
                continue
            }
            // Semi-naive rounds: each recursive literal in turn reads only last round's new tuples.
            while limitReached == nil {
                let deltaEnd = stores.map(\.count)
                guard heads.contains(where: { deltaEnd[$0] > deltaStart[$0] }) else { break }
                limits = deltaEnd
                for number in group {
                    for (planNumber, plan) in rules[number].plans.enumerated() where plan.deltaLiteral != nil {
                        guard let literal = plan.deltaLiteral, case .positive(let relation, _) = rules[number].planBody[literal],
                            deltaEnd[relation] > deltaStart[relation]
                        else { continue }
                        execute(rule: number, plan: planNumber, limits: limits, delta: deltaStart[relation]..<deltaEnd[relation])
                    }
                }
                deltaStart = deltaEnd
                rounds += 1
            }
            iterations.append(rounds)
            releaseBuiltJoins()
        }
    }

    private mutating func releaseBuiltJoins() {
        for relation in builtJoins { stores[relation] = RelationStore(arity: stores[relation].arity) }
        builtJoins = []
    }

    /// Runs one plan of one rule: a nested-loop join driven by an explicit
    /// stack (no recursion), reading tuples below `limits` only.
    mutating func execute(rule number: Int, plan planNumber: Int, limits: [Int], delta: Range<Int>) {
        execute(rules[number], plan: planNumber, limits: limits, delta: delta)
    }

    /// Derived tuples inserted together (see `RelationStore.insert(batch:)`).
    static let batchSize = 1 << 18

    /// Runs one plan of a rule (its statistics are those of `rule.number`).
    mutating func execute(_ rule: CompiledRule, plan planNumber: Int, limits: [Int], delta: Range<Int>) {
        let started = DispatchTime.now().uptimeNanoseconds
        let number = rule.number
        let steps = rule.plans[planNumber].steps
        var registers = [Int32](repeating: -1, count: max(1, rule.registerCount))
        var matched = [Int32](repeating: -1, count: rule.planBody.count)
        var cursor = [Int32](repeating: -1, count: steps.count)
        var scanEnd = [Int](repeating: 0, count: steps.count)
        var key = [Int32](repeating: 0, count: 8)
        let positives = rule.positiveLiterals
        let headWidth = rule.headArguments.count
        var head = [Int32](repeating: 0, count: headWidth + (rule.buildsJoin ? positives.count : 0))
        var stats = statistics[number]
        // Where each premise's tuple number is: a register (read from a built join), or `matched`.
        let premiseRegister = positives.map { rule.premiseRegisters[$0] ?? -1 }
        // The steps as flat arrays of plain values, so that the loop below copies
        // no enum payloads and retains no arrays per step.
        var kinds = [StepKind](repeating: .compare, count: steps.count)
        var stepLiteral = [Int](repeating: 0, count: steps.count)
        var stepRelation = [Int](repeating: 0, count: steps.count)
        var stepIndex = [Int](repeating: -1, count: steps.count)
        var stepDelta = [Bool](repeating: false, count: steps.count)
        var stepWhole = [Bool](repeating: false, count: steps.count)
        var keyStart = [Int](repeating: 0, count: steps.count + 1)
        var actionStart = [Int](repeating: 0, count: steps.count + 1)
        var comparisons: [(ComparisonOperator, Operand, Operand)?] = Array(repeating: nil, count: steps.count)
        var keyOperands: [Operand] = []
        var actions: [ColumnAction] = []
        for (position, step) in steps.enumerated() {
            switch step {
            case .positive(let literal, let relation, let index, let key, let stepActions, let isDelta):
                kinds[position] = .positive
                stepLiteral[position] = literal
                stepRelation[position] = relation
                stepIndex[position] = index ?? -1
                stepDelta[position] = isDelta
                keyOperands += key
                actions += stepActions
            case .negative(let literal, let relation, let index, let key, let wholeTuple):
                kinds[position] = .negative
                stepLiteral[position] = literal
                stepRelation[position] = relation
                stepIndex[position] = index ?? -1
                stepWhole[position] = wholeTuple
                keyOperands += key
            case .compare(let op, let left, let right):
                kinds[position] = .compare
                comparisons[position] = (op, left, right)
            }
            keyStart[position + 1] = keyOperands.count
            actionStart[position + 1] = actions.count
        }
        if key.count < keyOperands.count { key = [Int32](repeating: 0, count: max(8, keyOperands.count)) }

        // Derived tuples wait in a batch, inserted together (see `RelationStore.insert(batch:)`),
        // with their premises' tuple numbers.
        let width = head.count
        let premiseCount = options.recordProvenance && !rule.buildsJoin ? positives.count : 0
        let pending = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, Evaluator.batchSize * width))
        let pendingPremises = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, Evaluator.batchSize * premiseCount))
        defer {
            pending.deallocate()
            pendingPremises.deallocate()
        }
        var pendingCount = 0
        func flush() {
            defer { pendingCount = 0 }
            guard pendingCount > 0 else { return }
            let tuples = UnsafeBufferPointer(start: pending, count: pendingCount * width)
            if rule.buildsJoin {
                stores[rule.head].append(distinct: tuples, originStart: unrecordedOrigin, originStep: 0)
                return
            }
            func recordDerivation(of tuple: Int) {
                if options.recordProvenance {
                    derivationRules.append(Int32(number))
                    derivationPremises.append(Int32(premises.count))
                    premises.append(
                        contentsOf: UnsafeBufferPointer(start: pendingPremises + tuple * premiseCount, count: premiseCount))
                }
                stats.derived += 1
                derivedTotal += 1
                derivedPerRelation[rule.head] += 1
            }
            // Near the tuple budget, or for a relation without columns, one by one,
            // so that evaluation stops exactly at the budget.
            if width == 0 || derivedTotal + pendingCount > options.maxDerivedTuples {
                for tuple in 0..<pendingCount {
                    let origin = options.recordProvenance ? Int32(derivationRules.count) : unrecordedOrigin
                    let values = UnsafeBufferPointer(start: pending + tuple * width, count: width)
                    guard stores[rule.head].insert(values, origin: origin).inserted else { continue }
                    recordDerivation(of: tuple)
                    if derivedTotal > options.maxDerivedTuples {
                        statistics[number] = stats
                        let grown = derivedPerRelation.indices.max { derivedPerRelation[$0] < derivedPerRelation[$1] } ?? rule.head
                        let busiest = statistics.indices.max { statistics[$0].derived < statistics[$1].derived } ?? number
                        limitReached = LimitReached(limit: options.maxDerivedTuples, relation: relationNames[grown], rule: busiest)
                        return
                    }
                }
                return
            }
            let originStart = options.recordProvenance ? Int32(derivationRules.count) : unrecordedOrigin
            let originStep: Int32 = options.recordProvenance ? 1 : 0
            if rule.derivesDistinctTuples {
                stores[rule.head].append(distinct: tuples, originStart: originStart, originStep: originStep)
                if options.recordProvenance {
                    let base = premises.count
                    derivationRules.append(contentsOf: repeatElement(Int32(number), count: pendingCount))
                    derivationPremises.append(contentsOf: (0..<pendingCount).lazy.map { Int32(base + $0 * premiseCount) })
                    premises.append(contentsOf: UnsafeBufferPointer(start: pendingPremises, count: pendingCount * premiseCount))
                }
                stats.derived += pendingCount
                derivedTotal += pendingCount
                derivedPerRelation[rule.head] += pendingCount
                return
            }
            let added = stores[rule.head].insert(batch: tuples, originStart: originStart, originStep: originStep)
            for tuple in 0..<pendingCount where added[tuple] { recordDerivation(of: tuple) }
        }

        var k = 0
        var entering = true
        var iterations: UInt32 = 0
        while k >= 0 {
            // The clock is read once every 65,536 steps of the join.
            iterations &+= 1
            if iterations & 0xFFFF == 0, let deadline, DispatchTime.now().uptimeNanoseconds > deadline {
                limitReached = LimitReached(
                    kind: .time, limit: Int(options.timeoutNanoseconds ?? 0), relation: relationNames[rule.head], rule: number)
                break
            }
            if k == steps.count {
                for (column, argument) in rule.headArguments.enumerated() {
                    switch argument {
                    case .constant(let id): head[column] = id
                    case .variable(let v): head[column] = registers[v]
                    case .wildcard: head[column] = -1
                    }
                }
                if rule.buildsJoin {
                    for (n, literal) in positives.enumerated() { head[headWidth + n] = matched[literal] }
                } else if premiseCount > 0 {
                    let premisesAt = pendingPremises + pendingCount * premiseCount
                    for (n, literal) in positives.enumerated() {
                        let register = premiseRegister[n]
                        premisesAt[n] = register >= 0 ? registers[register] : matched[literal]
                    }
                }
                let headAt = pending + pendingCount * width
                for column in 0..<width { headAt[column] = head[column] }
                pendingCount += 1
                if pendingCount >= Evaluator.batchSize {
                    flush()
                    if limitReached != nil { break }
                }
                k -= 1
                entering = false
                continue
            }
            switch kinds[k] {
            case .positive:
                let literal = stepLiteral[k]
                let relation = stepRelation[k]
                let index = stepIndex[k]
                let isDelta = stepDelta[k]
                let keyCount = keyStart[k + 1] - keyStart[k]
                // `candidate` is a tuple number for a hash index, a position for a scan
                // or a sorted index (`tuple` below is the tuple at that position).
                var candidate: Int32
                if entering {
                    if index != -1 {
                        for i in 0..<keyCount {
                            switch keyOperands[keyStart[k] + i] {
                            case .constant(let id): key[i] = id
                            case .register(let r): key[i] = registers[r]
                            }
                        }
                        stats.indexLookups += 1
                    }
                    if index >= 0 {
                        candidate = key.withUnsafeBufferPointer { buffer in
                            stores[relation].first(inIndex: index, key: UnsafeBufferPointer(rebasing: buffer[0..<keyCount]))
                        }
                    } else if index == -1 {
                        candidate = Int32(isDelta ? delta.lowerBound : 0)
                        scanEnd[k] = isDelta ? delta.upperBound : limits[relation]
                        stats.scans += 1
                    } else {
                        let range = key.withUnsafeBufferPointer { buffer in
                            stores[relation].range(inSorted: -2 - index, key: UnsafeBufferPointer(rebasing: buffer[0..<keyCount]))
                        }
                        candidate = Int32(range.lowerBound)
                        scanEnd[k] = range.upperBound
                    }
                } else {
                    candidate = index >= 0 ? stores[relation].next(inIndex: index, after: cursor[k]) : cursor[k] + 1
                }
                // Find the next candidate below the limit whose other columns agree.
                var found = false
                let limit = limits[relation]
                var tuple = 0
                while candidate >= 0 {
                    if index >= 0 {
                        if Int(candidate) >= limit {
                            candidate = stores[relation].next(inIndex: index, after: candidate)
                            continue
                        }
                        tuple = Int(candidate)
                    } else if Int(candidate) >= scanEnd[k] {
                        candidate = -1
                        break
                    } else if index == -1 {
                        tuple = Int(candidate)
                    } else {
                        tuple = Int(stores[relation].tuple(inSorted: -2 - index, at: Int(candidate)))
                        if tuple >= limit {
                            candidate += 1
                            continue
                        }
                    }
                    var agrees = true
                    for a in actionStart[k]..<actionStart[k + 1] {
                        switch actions[a] {
                        case .check(let column, let operand):
                            let expected: Int32
                            switch operand {
                            case .constant(let id): expected = id
                            case .register(let r): expected = registers[r]
                            }
                            if stores[relation].value(tuple, column) != expected { agrees = false }
                        case .bind(let column, let register):
                            registers[register] = stores[relation].value(tuple, column)
                        case .test(let op, let left, let right):
                            agrees = compare(op, value(left, registers), value(right, registers))
                        }
                        if !agrees { break }
                    }
                    if agrees {
                        found = true
                        break
                    }
                    candidate = index >= 0 ? stores[relation].next(inIndex: index, after: candidate) : candidate + 1
                }
                cursor[k] = candidate
                if found {
                    matched[literal] = Int32(tuple)
                    k += 1
                    entering = true
                } else {
                    k -= 1
                    entering = false
                }
            case .negative:
                let relation = stepRelation[k]
                let index = stepIndex[k]
                let wholeTuple = stepWhole[k]
                let keyCount = keyStart[k + 1] - keyStart[k]
                guard entering else {
                    k -= 1
                    continue
                }
                for i in 0..<keyCount {
                    switch keyOperands[keyStart[k] + i] {
                    case .constant(let id): key[i] = id
                    case .register(let r): key[i] = registers[r]
                    }
                }
                let present: Bool
                if wholeTuple {
                    present = key.withUnsafeBufferPointer { buffer in
                        stores[relation].find(UnsafeBufferPointer(rebasing: buffer[0..<keyCount])).map { $0 < limits[relation] } ?? false
                    }
                } else if index >= 0 {
                    var t = key.withUnsafeBufferPointer { buffer in
                        stores[relation].first(inIndex: index, key: UnsafeBufferPointer(rebasing: buffer[0..<keyCount]))
                    }
                    while t >= 0 && Int(t) >= limits[relation] { t = stores[relation].next(inIndex: index, after: t) }
                    present = t >= 0
                } else if index <= -2 {
                    let range = key.withUnsafeBufferPointer { buffer in
                        stores[relation].range(inSorted: -2 - index, key: UnsafeBufferPointer(rebasing: buffer[0..<keyCount]))
                    }
                    present = range.contains { Int(stores[relation].tuple(inSorted: -2 - index, at: $0)) < limits[relation] }
                } else {
                    present = limits[relation] > 0
                }
                if present {
                    k -= 1
                    entering = false
                } else {
                    k += 1
                    entering = true
                }
            case .compare:
                guard entering, let (op, left, right) = comparisons[k] else {
                    k -= 1
                    continue
                }
                if compare(op, value(left, registers), value(right, registers)) {
                    k += 1
                    entering = true
                } else {
                    k -= 1
                    entering = false
                }
            }
            if limitReached != nil { break }
        }
        flush()
        stats.nanoseconds += DispatchTime.now().uptimeNanoseconds - started
        statistics[number] = stats
    }

    @inline(__always)
    private func value(_ operand: Operand, _ registers: [Int32]) -> Int32 {
        switch operand {
        case .constant(let id): id
        case .register(let r): registers[r]
        }
    }

    private func compare(_ op: ComparisonOperator, _ a: Int32, _ b: Int32) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        default:
            guard a >= 0, b >= 0, let x = symbols.integers[Int(a)], let y = symbols.integers[Int(b)] else { return false }
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            case .greaterEqual: return x >= y
            case .equal, .notEqual: return false
            }
        }
    }
}

/// The variables that identify a finding of a reporting rule: those of its
/// message, then its anchor, each once, in order of appearance.
package enum RuleSubjects {
    package static func variables(of rule: RuleDecl) -> [Name] {
        var seen: Set<String> = []
        var names: [Name] = []
        for name in rule.message.value.placeholders + [rule.anchor] where seen.insert(name.value).inserted {
            names.append(name)
        }
        return names
    }
}
