import Dispatch
import Semantics

/// A plan of a rule laid out for running: its steps as flat arrays of plain
/// integers in memory of its own (see `JoinCode`), so that the loop reads no
/// enum payloads and checks no array bounds. Constants are registers filled
/// before the run, and so is the number of the tuple each literal matched:
/// every operand, head column and premise is a register. Running reads the
/// relations and writes only to its own state and output, so two runs over
/// parts of the first literal's tuples can go on two cores at once (see
/// `Evaluator.execute`).
struct JoinProgram: Sendable {
    let code: JoinCode
    let steps: Int
    let stepRelation: [Int]
    /// Values per derived tuple, and premises per derived tuple (0 when not recorded).
    let width: Int
    let premiseCount: Int

    init(_ rule: CompiledRule, _ layout: RulePlan, plan: JoinPlan, recordProvenance: Bool) {
        let code = JoinCode(rule, layout, plan: plan, recordProvenance: recordProvenance)
        self.code = code
        steps = code.steps
        stepRelation = (0..<code.steps).map { code.relation[$0] }
        width = code.width
        premiseCount = code.premiseCount
    }

    /// Whether the first step reads a whole relation from the start (not a
    /// delta), so that its tuples can be shared out between runs.
    var startsWithScan: Bool {
        steps > 0 && code.kind[0] == JoinCode.positive && code.index[0] == -1 && code.delta[0] == 0
    }

    /// Runs the join from `state`, writing derived tuples to `output`, until
    /// the join is done, the output is full, or the deadline has passed.
    /// `scan`, if given, is the part of the first literal's tuples to read.
    ///
    /// A nested-loop join driven by a step counter `k`: entering a step looks
    /// up its first match, leaving it back looks up the next one; a positive
    /// step that matches moves on, one without a match (or a negation that
    /// finds one, or a comparison that fails) goes back. Each kind of step has
    /// its handler in `JoinSteps`.
    func run(
        _ state: JoinState, into output: JoinOutput, stores: [RelationStore], limits: [Int], delta: Range<Int>,
        scan: Range<Int>?, numbers: Numbers, deadline: UInt64?, interruption: Interruption? = nil
    ) {
        let join = JoinSteps(code: code, state: state, stores: stores, limits: limits, delta: delta, scan: scan, numbers: numbers)
        let kind = code.kind
        var k = state.k
        var entering = state.entering
        var iterations = state.iterations
        var timedOut = false
        var (lookups, scans) = (0, 0)
        var emitted = output.count
        while k >= 0 {
            // The clock is read once every 65,536 steps of the join.
            iterations &+= 1
            if iterations & 0xFFFF == 0,
                interruption?.isRequested == true || (deadline.map { DispatchTime.now().uptimeNanoseconds > $0 } ?? false)
            {
                timedOut = true
                break
            }
            if k == steps {
                join.emit(into: output, at: emitted)
                emitted &+= 1
                k -= 1
                entering = false
                // The batch is full: pause here (the state is kept) until it is taken.
                if emitted >= output.capacity { break }
                continue
            }
            let goesOn: Bool
            switch kind[k] {
            case JoinCode.positive:
                goesOn = join.positive(k, entering: entering, lookups: &lookups, scans: &scans)
            case JoinCode.negative:
                guard entering else {
                    k -= 1
                    continue
                }
                goesOn = join.negationHolds(k)
            default:
                guard entering else {
                    k -= 1
                    continue
                }
                goesOn = join.comparisonHolds(k)
            }
            if goesOn {
                k &+= 1
                entering = true
            } else {
                k -= 1
                entering = false
            }
        }
        state.k = k
        state.entering = entering
        state.iterations = iterations
        state.timedOut = timedOut
        output.count = emitted
        output.lookups += lookups
        output.scans += scans
    }
}

/// The step handlers of a join run, over what the run reads and writes.
///
/// The one place of the engine's hot path that follows raw pointers: the plan's
/// flat arrays (`JoinCode`), the run's registers, cursors and key (`JoinState`)
/// and the relations' arrays (`RelationView`, read from `stores`). All of them
/// outlive a run: `JoinProgram.run` holds the code, the state and the stores
/// from start to end, and nothing changes a relation while a join reads it.
/// The handlers are inlined into the loop, which keeps the pointers in registers.
private struct JoinSteps {
    let stores: [RelationStore]
    /// The plan's flat arrays.
    let code: JoinCode
    let delta: Range<Int>
    let scan: Range<Int>?
    let numbers: Numbers
    let registers: UnsafeMutablePointer<Int32>
    let cursor: UnsafeMutablePointer<Int>
    let scanEnd: UnsafeMutablePointer<Int>
    let key: UnsafeMutablePointer<Int32>
    let views: UnsafeMutablePointer<RelationView>
    let mismatches: UnsafeMutablePointer<Int32>

    init(
        code: JoinCode, state: JoinState, stores: [RelationStore], limits: [Int], delta: Range<Int>, scan: Range<Int>?,
        numbers: Numbers
    ) {
        self.code = code
        self.stores = stores
        self.delta = delta
        self.scan = scan
        self.numbers = numbers
        registers = state.registers
        mismatches = state.mismatches
        cursor = state.cursor
        scanEnd = state.scanEnd
        key = state.key
        views = state.views
        // What each step reads, for this run (the relations do not change while it goes on).
        for k in 0..<code.steps where code.kind[k] != JoinCode.compare {
            views[k] = RelationView(stores[code.relation[k]], index: code.index[k], limit: limits[code.relation[k]])
        }
    }

    /// Writes the head (and the premises) of a match to the output's slot `slot`.
    @inline(__always)
    func emit(into output: JoinOutput, at slot: Int) {
        let headAt = output.heads + slot &* code.width
        for column in 0..<code.width { headAt[column] = registers[code.outRegister[column]] }
        let premisesAt = output.premises + slot &* code.premiseCount
        for n in 0..<code.premiseCount { premisesAt[n] = registers[code.premiseRegister[n]] }
    }

    /// Step `k`'s key, from the registers into `key`; its length.
    @inline(__always)
    func loadKey(_ k: Int) -> Int {
        let keyCount = code.keyStart[k + 1] &- code.keyStart[k]
        let keys = code.keyRegister + code.keyStart[k]
        for i in 0..<keyCount { key[i] = registers[keys[i]] }
        return keyCount
    }

    /// A positive step: finds the next tuple that agrees with the registers
    /// (the first when entering), binds its variables and records its number;
    /// false when there is none left. A candidate is a tuple number for a hash
    /// index, a position for a scan or a sorted index.
    // Transparent, not only inline-always: the optimizer left this large handler a call (12% slower).
    @_transparent
    func positive(_ k: Int, entering: Bool, lookups: inout Int, scans: inout Int) -> Bool {
        let index = code.index[k]
        let relation = code.relation[k]
        let view = views[k]
        var candidate: Int
        if entering {
            let keyCount = index != -1 ? loadKey(k) : 0
            if index != -1 { lookups &+= 1 }
            if index >= 0 {
                candidate = Int(stores[relation].first(inIndex: index, key: UnsafeBufferPointer(start: key, count: keyCount)))
            } else if index == -1 {
                if k == 0, let scan {
                    candidate = scan.lowerBound
                    scanEnd[k] = min(scan.upperBound, view.limit)
                } else {
                    candidate = code.delta[k] != 0 ? delta.lowerBound : 0
                    scanEnd[k] = code.delta[k] != 0 ? delta.upperBound : view.limit
                }
                scans &+= 1
            } else {
                let range = view.range(key: key, count: keyCount, store: stores[relation], index: index)
                candidate = range.lowerBound
                scanEnd[k] = range.upperBound
            }
        } else {
            candidate = index >= 0 ? Int(stores[relation].next(inIndex: index, after: Int32(cursor[k]))) : cursor[k] &+ 1
        }
        // The next candidate below the limit whose other columns agree.
        while candidate >= 0 {
            let tuple: Int
            if index >= 0 {
                if candidate >= view.limit {
                    candidate = Int(stores[relation].next(inIndex: index, after: Int32(candidate)))
                    continue
                }
                tuple = candidate
            } else if candidate >= scanEnd[k] {
                candidate = -1
                break
            } else if index == -1 {
                tuple = candidate
            } else {
                tuple = Int(view.rows[candidate])
                if tuple >= view.limit {
                    candidate &+= 1
                    continue
                }
            }
            if agrees(k, tuple: tuple, view: view) {
                cursor[k] = candidate
                registers[code.matchedRegister[k]] = Int32(truncatingIfNeeded: tuple)
                return true
            }
            candidate = index >= 0 ? Int(stores[relation].next(inIndex: index, after: Int32(candidate))) : candidate &+ 1
        }
        cursor[k] = candidate
        return false
    }

    /// Runs step `k`'s column actions on a tuple: checks its bound columns,
    /// binds the others, tests the comparisons folded into the step.
    @inline(__always)
    func agrees(_ k: Int, tuple: Int, view: RelationView) -> Bool {
        let base = tuple &* view.arity
        var a = code.actionStart[k]
        let actionEnd = code.actionStart[k + 1]
        while a < actionEnd {
            switch code.actionKind[a] {
            case JoinCode.check:
                if view.data[base &+ code.actionColumn[a]] != registers[code.actionA[a]] { return false }
            case JoinCode.bind:
                registers[code.actionA[a]] = view.data[base &+ code.actionColumn[a]]
            default:
                if !JoinCode.compare(code.actionOperator[a], registers[code.actionA[a]], registers[code.actionB[a]], numbers) {
                    if numbers.hasQuantities { noteMismatch(registers[code.actionA[a]], registers[code.actionB[a]]) }
                    return false
                }
            }
            a &+= 1
        }
        return true
    }

    /// A negative step: true when no tuple below the limit has its key.
    @inline(__always)
    func negationHolds(_ k: Int) -> Bool {
        let index = code.index[k]
        let keyCount = loadKey(k)
        let relation = code.relation[k]
        let view = views[k]
        let present: Bool
        if code.whole[k] != 0 {
            present = (stores[relation].find(UnsafeBufferPointer(start: key, count: keyCount)).map { $0 < view.limit } ?? false)
        } else if index >= 0 {
            var t = stores[relation].first(inIndex: index, key: UnsafeBufferPointer(start: key, count: keyCount))
            while t >= 0 && Int(t) >= view.limit { t = stores[relation].next(inIndex: index, after: t) }
            present = t >= 0
        } else if index <= -2 {
            let range = view.range(key: key, count: keyCount, store: stores[relation], index: index)
            present = range.contains { Int(view.rows[$0]) < view.limit }
        } else {
            present = view.limit > 0
        }
        return !present
    }

    /// A comparison step.
    @inline(__always)
    func comparisonHolds(_ k: Int) -> Bool {
        let (a, b) = (registers[code.compareA[k]], registers[code.compareB[k]])
        if JoinCode.compare(code.compareOperator[k], a, b, numbers) { return true }
        if numbers.hasQuantities { noteMismatch(a, b) }
        return false
    }

    /// Counts a comparison that failed because its quantities' units do not convert (the check
    /// sees units only where the rule writes them; those of facts are known here).
    func noteMismatch(_ a: Int32, _ b: Int32) {
        guard numbers.order(a, b) == .mismatch else { return }
        if mismatches[0] == 0 {
            mismatches[1] = a
            mismatches[2] = b
        }
        if mismatches[0] < Int32.max { mismatches[0] += 1 }
    }
}

/// What a step of a run reads of its relation: the tuples, and for a sorted
/// index its rows, second values and first-value offsets. The pointers are
/// into the arrays of a `RelationStore` that the run holds (its `stores`
/// argument) and that nothing changes while it runs.
struct RelationView {
    var data: UnsafePointer<Int32>
    var arity = 0
    var limit = 0
    var rows: UnsafePointer<Int32>
    var seconds: UnsafePointer<Int32>
    var starts: UnsafePointer<Int32>
    var startCount = 0
    var keyColumns = 0

    /// Read by no one (a relation without tuples is never indexed into); never freed.
    nonisolated(unsafe) private static let empty: UnsafePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    init() {
        data = RelationView.empty
        rows = RelationView.empty
        seconds = RelationView.empty
        starts = RelationView.empty
    }

    init(_ store: RelationStore, index: Int, limit: Int) {
        self.init()
        data = store.data.withUnsafeBufferPointer { $0.baseAddress } ?? RelationView.empty
        arity = store.arity
        self.limit = limit
        guard index <= -2 else { return }
        let sorted = store.sortedIndexes[-2 - index]
        rows = sorted.rows.withUnsafeBufferPointer { $0.baseAddress } ?? RelationView.empty
        seconds = sorted.seconds.withUnsafeBufferPointer { $0.baseAddress } ?? RelationView.empty
        starts = sorted.starts.withUnsafeBufferPointer { $0.baseAddress } ?? RelationView.empty
        startCount = sorted.starts.count
        keyColumns = sorted.columns.count
    }

    /// The positions of a sorted index whose rows have this key (see
    /// `SortedIndex.range`): the first value's rows directly, then a binary
    /// search of the second values; keys of three columns or more go to the index itself.
    @inline(__always)
    func range(key: UnsafeMutablePointer<Int32>, count: Int, store: RelationStore, index: Int) -> Range<Int> {
        let value = Int(key[0])
        guard value >= 0 && value < startCount &- 1 else { return 0..<0 }
        let low = Int(starts[value])
        let high = Int(starts[value &+ 1])
        guard keyColumns > 1, low < high else { return low..<high }
        guard keyColumns == 2 else {
            return store.range(inSorted: -2 - index, key: UnsafeBufferPointer(start: key, count: count))
        }
        let second = key[1]
        var first = low
        var length = high &- low
        while length > 0 {
            let half = length >> 1
            if seconds[first &+ half] < second {
                first = first &+ half &+ 1
                length = length &- half &- 1
            } else {
                length = half
            }
        }
        var last = first
        while last < high && seconds[last] == second { last &+= 1 }
        return first..<last
    }
}

/// A plan's steps as flat arrays (see `JoinProgram`), in memory it owns.
final class JoinCode: @unchecked Sendable {
    static let positive: UInt8 = 0
    static let negative: UInt8 = 1
    static let compare: UInt8 = 2
    /// Column actions (see `ColumnAction`).
    static let check: UInt8 = 0
    static let bind: UInt8 = 1
    static let test: UInt8 = 2

    let steps: Int
    let kind: UnsafeMutablePointer<UInt8>
    let relation: UnsafeMutablePointer<Int>
    let index: UnsafeMutablePointer<Int>
    let delta: UnsafeMutablePointer<UInt8>
    let whole: UnsafeMutablePointer<UInt8>
    /// The register taking the number of the tuple a positive step matched.
    let matchedRegister: UnsafeMutablePointer<Int>
    let keyStart: UnsafeMutablePointer<Int>
    let keyRegister: UnsafeMutablePointer<Int>
    let actionStart: UnsafeMutablePointer<Int>
    let actionKind: UnsafeMutablePointer<UInt8>
    let actionColumn: UnsafeMutablePointer<Int>
    let actionA: UnsafeMutablePointer<Int>
    let actionB: UnsafeMutablePointer<Int>
    let actionOperator: UnsafeMutablePointer<UInt8>
    let compareOperator: UnsafeMutablePointer<UInt8>
    let compareA: UnsafeMutablePointer<Int>
    let compareB: UnsafeMutablePointer<Int>
    let outRegister: UnsafeMutablePointer<Int>
    let premiseRegister: UnsafeMutablePointer<Int>
    let width: Int
    let premiseCount: Int
    /// Registers: the rule's, then one per constant (filled before a run), then one per literal (its matched tuple).
    let registerCount: Int
    let constants: [Int32]
    let constantBase: Int
    private var allocations: [UnsafeMutableRawPointer] = []

    init(_ rule: CompiledRule, _ layout: RulePlan, plan: JoinPlan, recordProvenance: Bool) {
        self.steps = plan.steps.count
        let ruleRegisters = max(1, layout.registerCount)
        var flat = FlatPlan(ruleRegisters: ruleRegisters)
        for step in plan.steps { flat.append(step) }
        // A wildcard in the head is the value -1.
        let headRegisters = rule.headArguments.map { argument -> Int in
            switch argument {
            case .constant(let id): return flat.register(.constant(id))
            case .variable(let v): return v
            case .wildcard: return flat.register(.constant(-1))
            }
        }
        constantBase = ruleRegisters
        let matchedBase = ruleRegisters + flat.constants.count
        registerCount = matchedBase + max(1, layout.planBody.count)
        self.constants = flat.constants
        let positives = rule.positiveLiterals
        var outs = headRegisters
        if layout.buildsAhead { outs += positives.map { matchedBase + $0 } }
        width = outs.count
        premiseCount = recordProvenance && !layout.buildsAhead && layout.keepsPremises ? positives.count : 0
        let premises = positives.map { layout.premiseRegisters[$0] ?? matchedBase + $0 }
        var allocations: [UnsafeMutableRawPointer] = []
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        kind = copy(flat.kinds)
        relation = copy(flat.relations)
        index = copy(flat.indexes)
        delta = copy(flat.deltas)
        whole = copy(flat.wholes)
        matchedRegister = copy(flat.literals.map { matchedBase + $0 })
        keyStart = copy(flat.keyStarts)
        keyRegister = copy(flat.keyRegisters)
        actionStart = copy(flat.actionStarts)
        actionKind = copy(flat.actionKinds)
        actionColumn = copy(flat.actionColumns)
        actionA = copy(flat.actionAs)
        actionB = copy(flat.actionBs)
        actionOperator = copy(flat.actionOperators)
        compareOperator = copy(flat.compareOperators)
        compareA = copy(flat.compareAs)
        compareB = copy(flat.compareBs)
        outRegister = copy(outs)
        premiseRegister = copy(premises)
        self.allocations = allocations
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    var keyCapacity: Int { max(8, keyStart[steps]) }

    static func code(_ op: Comparison) -> UInt8 {
        switch op {
        case .equal: 0
        case .notEqual: 1
        case .less: 2
        case .lessEqual: 3
        case .greater: 4
        case .greaterEqual: 5
        }
    }

    /// A comparison of two values (see `code`): equality of ids, or the order
    /// of two integers; with quantities, of their numbers in one unit (1 kt is
    /// 1000 t). Units that do not convert compare as neither equal nor ordered.
    @inline(__always)
    static func compare(_ op: UInt8, _ a: Int32, _ b: Int32, _ numbers: Numbers) -> Bool {
        let integers = numbers.integers
        switch op {
        case 0: return a == b || (numbers.hasQuantities && numbers.order(a, b) == .equal)
        case 1:
            guard a != b else { return false }
            guard numbers.hasQuantities else { return true }
            // Quantities whose units do not convert are not "different": the comparison has no result.
            let order = numbers.order(a, b)
            return order != .equal && order != .mismatch
        default:
            guard a >= 0, b >= 0, Int(a) < integers.count, Int(b) < integers.count else { return false }
            guard let x = integers[Int(a)], let y = integers[Int(b)] else {
                guard numbers.hasQuantities else { return false }
                switch numbers.order(a, b) {
                case .less: return op == 2 || op == 3
                case .equal: return op == 3 || op == 5
                case .greater: return op == 4 || op == 5
                case .notNumbers, .mismatch: return false
                }
            }
            switch op {
            case 2: return x < y
            case 3: return x <= y
            case 4: return x > y
            default: return x >= y
            }
        }
    }
}

/// Where a run of a join stands: it can stop when its output is full and go
/// on later. Its registers and cursors are plain memory, so that the loop
/// writes them without a uniqueness check per write. Used by one thread at a time.
final class JoinState: @unchecked Sendable {
    let registers: UnsafeMutablePointer<Int32>
    let cursor: UnsafeMutablePointer<Int>
    let scanEnd: UnsafeMutablePointer<Int>
    let key: UnsafeMutablePointer<Int32>
    let views: UnsafeMutablePointer<RelationView>
    private let sizes: (registers: Int, steps: Int, keys: Int)
    var k = 0
    var entering = true
    var iterations: UInt32 = 0
    var timedOut = false
    /// Comparisons of quantities whose units do not convert: how many, and the first two values.
    let mismatches: UnsafeMutablePointer<Int32>

    init(_ program: JoinProgram) {
        let code = program.code
        sizes = (code.registerCount, max(1, code.steps), code.keyCapacity)
        registers = .allocate(capacity: sizes.registers)
        registers.initialize(repeating: -1, count: sizes.registers)
        for (offset, constant) in code.constants.enumerated() { registers[code.constantBase + offset] = constant }
        cursor = .allocate(capacity: sizes.steps)
        cursor.initialize(repeating: -1, count: sizes.steps)
        scanEnd = .allocate(capacity: sizes.steps)
        scanEnd.initialize(repeating: 0, count: sizes.steps)
        key = .allocate(capacity: sizes.keys)
        key.initialize(repeating: 0, count: sizes.keys)
        views = .allocate(capacity: sizes.steps)
        views.initialize(repeating: RelationView(), count: sizes.steps)
        mismatches = .allocate(capacity: 3)
        mismatches.initialize(repeating: 0, count: 3)
    }

    /// How many comparisons met units that do not convert, and the first pair of values.
    var unitMismatches: (count: Int, first: (Int32, Int32)) {
        (Int(mismatches[0]), (mismatches[1], mismatches[2]))
    }

    deinit {
        registers.deallocate()
        cursor.deallocate()
        scanEnd.deallocate()
        key.deallocate()
        views.deinitialize(count: sizes.steps)
        views.deallocate()
        mismatches.deallocate()
    }

    /// True when every match has been found (or the deadline passed).
    var done: Bool { k < 0 || timedOut }
}

/// The tuples a run derived, with their premises, waiting to be inserted.
/// Used by one thread at a time.
final class JoinOutput: @unchecked Sendable {
    let heads: UnsafeMutablePointer<Int32>
    let premises: UnsafeMutablePointer<Int32>
    let capacity: Int
    var count = 0
    var lookups = 0
    var scans = 0

    init(capacity: Int, width: Int, premiseCount: Int) {
        self.capacity = capacity
        heads = .allocate(capacity: max(1, capacity * width))
        premises = .allocate(capacity: max(1, capacity * premiseCount))
    }

    deinit {
        heads.deallocate()
        premises.deallocate()
    }
}

/// A join plan laid out as the join loop reads it: parallel arrays with one
/// entry per step, and runs of key registers and column actions per step
/// (`keyStarts`, `actionStarts`). Constants get registers after the rule's own.
private struct FlatPlan {
    let ruleRegisters: Int
    var constants: [Int32] = []
    var constantRegister: [Int32: Int] = [:]
    var kinds: [UInt8] = []
    var relations: [Int] = []
    var indexes: [Int] = []
    var deltas: [UInt8] = []
    var wholes: [UInt8] = []
    var literals: [Int] = []
    var keyStarts: [Int] = [0]
    var keyRegisters: [Int] = []
    var actionStarts: [Int] = [0]
    var actionKinds: [UInt8] = []
    var actionColumns: [Int] = []
    var actionAs: [Int] = []
    var actionBs: [Int] = []
    var actionOperators: [UInt8] = []
    var compareOperators: [UInt8] = []
    var compareAs: [Int] = []
    var compareBs: [Int] = []

    init(ruleRegisters: Int) {
        self.ruleRegisters = ruleRegisters
    }

    /// The register of an operand: a rule register, or the one its constant is put in.
    mutating func register(_ operand: Operand) -> Int {
        switch operand {
        case .register(let r): return r
        case .constant(let id):
            if let known = constantRegister[id] { return known }
            constants.append(id)
            constantRegister[id] = ruleRegisters + constants.count - 1
            return ruleRegisters + constants.count - 1
        }
    }

    mutating func append(_ step: PlanStep) {
        var (kind, relation, index, isDelta, isWhole, literal) = (JoinCode.compare, 0, -1, UInt8(0), UInt8(0), 0)
        var comparison = (UInt8(0), 0, 0)
        switch step {
        case .positive(let position, let stepRelation, let stepIndex, let key, let actions, let stepDelta):
            (kind, relation, index, isDelta, literal) = (JoinCode.positive, stepRelation, stepIndex ?? -1, stepDelta ? 1 : 0, position)
            for operand in key { keyRegisters.append(register(operand)) }
            for action in actions { append(action) }
        case .negative(let position, let stepRelation, let stepIndex, let key, let wholeTuple):
            (kind, relation, index, isWhole, literal) = (JoinCode.negative, stepRelation, stepIndex ?? -1, wholeTuple ? 1 : 0, position)
            for operand in key { keyRegisters.append(register(operand)) }
        case .compare(let op, let a, let b):
            comparison = (JoinCode.code(op), register(a), register(b))
        }
        kinds.append(kind)
        relations.append(relation)
        indexes.append(index)
        deltas.append(isDelta)
        wholes.append(isWhole)
        literals.append(literal)
        keyStarts.append(keyRegisters.count)
        actionStarts.append(actionKinds.count)
        compareOperators.append(comparison.0)
        compareAs.append(comparison.1)
        compareBs.append(comparison.2)
    }

    private mutating func append(_ action: ColumnAction) {
        switch action {
        case .check(let column, let operand):
            actionKinds.append(JoinCode.check)
            actionColumns.append(column)
            actionAs.append(register(operand))
            actionBs.append(0)
            actionOperators.append(0)
        case .bind(let column, let target):
            actionKinds.append(JoinCode.bind)
            actionColumns.append(column)
            actionAs.append(target)
            actionBs.append(0)
            actionOperators.append(0)
        case .test(let op, let a, let b):
            actionKinds.append(JoinCode.test)
            actionColumns.append(0)
            actionAs.append(register(a))
            actionBs.append(register(b))
            actionOperators.append(JoinCode.code(op))
        }
    }
}
