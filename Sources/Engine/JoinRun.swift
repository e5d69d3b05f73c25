import Dispatch
import Syntax

/// What a step of a join plan does, without its operands.
enum StepKind {
    case positive, negative, compare
}

/// A plan of a rule laid out for running: its steps as flat arrays of plain
/// values, so that the loop copies no enum payloads and retains no arrays per
/// step. Running reads the relations and writes only to its own state and
/// output, so two runs over parts of the first literal's tuples can go on two
/// cores at once (see `Evaluator.execute`).
struct JoinProgram: Sendable {
    let steps: Int
    let kinds: [StepKind]
    let stepLiteral: [Int]
    let stepRelation: [Int]
    let stepIndex: [Int]
    let stepDelta: [Bool]
    let stepWhole: [Bool]
    let keyStart: [Int]
    let actionStart: [Int]
    let comparisons: [(ComparisonOperator, Operand, Operand)?]
    let keyOperands: [Operand]
    let actions: [ColumnAction]
    let headArguments: [CompiledRule.Argument]
    let buildsAhead: Bool
    let positives: [Int]
    /// Where each premise's tuple number is: a register (read from a built join), or -1 (`matched`).
    let premiseRegister: [Int]
    let registerCount: Int
    let literalCount: Int
    /// Values per derived tuple, and premises per derived tuple (0 when not recorded).
    let width: Int
    let premiseCount: Int

    init(_ rule: CompiledRule, plan: JoinPlan, recordProvenance: Bool) {
        let steps = plan.steps
        self.steps = steps.count
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
        self.kinds = kinds
        self.stepLiteral = stepLiteral
        self.stepRelation = stepRelation
        self.stepIndex = stepIndex
        self.stepDelta = stepDelta
        self.stepWhole = stepWhole
        self.keyStart = keyStart
        self.actionStart = actionStart
        self.comparisons = comparisons
        self.keyOperands = keyOperands
        self.actions = actions
        headArguments = rule.headArguments
        buildsAhead = rule.buildsAhead
        positives = rule.positiveLiterals
        premiseRegister = positives.map { rule.premiseRegisters[$0] ?? -1 }
        registerCount = max(1, rule.registerCount)
        literalCount = rule.planBody.count
        width = rule.headArguments.count + (rule.buildsAhead ? positives.count : 0)
        premiseCount = recordProvenance && !rule.buildsAhead ? positives.count : 0
    }

    /// Whether the first step reads a whole relation from the start (not a
    /// delta), so that its tuples can be shared out between runs.
    var startsWithScan: Bool {
        steps > 0 && kinds[0] == .positive && stepIndex[0] == -1 && !stepDelta[0]
    }

    /// Runs the join from `state`, writing derived tuples to `output`, until
    /// the join is done, the output is full, or the deadline has passed.
    /// `scan`, if given, is the part of the first literal's tuples to read.
    func run(
        _ state: JoinState, into output: JoinOutput, stores: [RelationStore], limits: [Int], delta: Range<Int>,
        scan: Range<Int>?, integers: [Int?], deadline: UInt64?
    ) {
        let registers = state.registers
        let matched = state.matched
        let cursor = state.cursor
        let scanEnd = state.scanEnd
        let key = state.key
        let head = state.head
        var k = state.k
        var entering = state.entering
        var iterations = state.iterations
        var timedOut = false
        var lookups = 0
        var scans = 0
        var pendingCount = output.count
        let pending = output.heads
        let pendingPremises = output.premises
        let width = width
        let premiseCount = premiseCount
        let headWidth = headArguments.count
        let steps = steps
        while k >= 0 {
            // The clock is read once every 65,536 steps of the join.
            iterations &+= 1
            if iterations & 0xFFFF == 0, let deadline, DispatchTime.now().uptimeNanoseconds > deadline {
                timedOut = true
                break
            }
            if k == steps {
                for (column, argument) in headArguments.enumerated() {
                    switch argument {
                    case .constant(let id): head[column] = id
                    case .variable(let v): head[column] = registers[v]
                    case .wildcard: head[column] = -1
                    }
                }
                if buildsAhead {
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
                k -= 1
                entering = false
                // The batch is full: pause here (the state is kept) until it is taken.
                if pendingCount >= output.capacity { break }
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
                        lookups += 1
                    }
                    if index >= 0 {
                        candidate = (stores[relation].first(inIndex: index, key: UnsafeBufferPointer(start: key, count: keyCount)))
                    } else if index == -1 {
                        if k == 0, let scan {
                            candidate = Int32(scan.lowerBound)
                            scanEnd[k] = min(scan.upperBound, limits[relation])
                        } else {
                            candidate = Int32(isDelta ? delta.lowerBound : 0)
                            scanEnd[k] = isDelta ? delta.upperBound : limits[relation]
                        }
                        scans += 1
                    } else {
                        let range = (stores[relation].range(inSorted: -2 - index, key: UnsafeBufferPointer(start: key, count: keyCount)))
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
                            agrees = JoinProgram.compare(op, JoinProgram.value(left, registers), JoinProgram.value(right, registers), integers)
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
                    present = (stores[relation].find(UnsafeBufferPointer(start: key, count: keyCount)).map { $0 < limits[relation] } ?? false)
                } else if index >= 0 {
                    var t = (stores[relation].first(inIndex: index, key: UnsafeBufferPointer(start: key, count: keyCount)))
                    while t >= 0 && Int(t) >= limits[relation] { t = stores[relation].next(inIndex: index, after: t) }
                    present = t >= 0
                } else if index <= -2 {
                    let range = (stores[relation].range(inSorted: -2 - index, key: UnsafeBufferPointer(start: key, count: keyCount)))
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
                if JoinProgram.compare(op, JoinProgram.value(left, registers), JoinProgram.value(right, registers), integers) {
                    k += 1
                    entering = true
                } else {
                    k -= 1
                    entering = false
                }
            }
        }
        state.k = k
        state.entering = entering
        state.iterations = iterations
        state.timedOut = timedOut
        output.count = pendingCount
        output.lookups += lookups
        output.scans += scans
    }

    @inline(__always)
    static func value(_ operand: Operand, _ registers: UnsafeMutablePointer<Int32>) -> Int32 {
        switch operand {
        case .constant(let id): id
        case .register(let r): registers[r]
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: Int32, _ b: Int32, _ integers: [Int?]) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        default:
            guard a >= 0, b >= 0, Int(a) < integers.count, Int(b) < integers.count, let x = integers[Int(a)],
                let y = integers[Int(b)]
            else { return false }
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

/// Where a run of a join stands: it can stop when its output is full and go
/// on later. Its registers and cursors are plain memory, so that the loop
/// writes them without a uniqueness check per write. Used by one thread at a time.
final class JoinState: @unchecked Sendable {
    let registers: UnsafeMutablePointer<Int32>
    let matched: UnsafeMutablePointer<Int32>
    let cursor: UnsafeMutablePointer<Int32>
    let scanEnd: UnsafeMutablePointer<Int>
    let key: UnsafeMutablePointer<Int32>
    let head: UnsafeMutablePointer<Int32>
    private let sizes: (Int, Int, Int, Int, Int)
    var k = 0
    var entering = true
    var iterations: UInt32 = 0
    var timedOut = false

    init(_ program: JoinProgram) {
        let keys = max(8, program.keyOperands.count)
        sizes = (program.registerCount, max(1, program.literalCount), max(1, program.steps), keys, max(1, program.width))
        registers = .allocate(capacity: sizes.0)
        registers.initialize(repeating: -1, count: sizes.0)
        matched = .allocate(capacity: sizes.1)
        matched.initialize(repeating: -1, count: sizes.1)
        cursor = .allocate(capacity: sizes.2)
        cursor.initialize(repeating: -1, count: sizes.2)
        scanEnd = .allocate(capacity: sizes.2)
        scanEnd.initialize(repeating: 0, count: sizes.2)
        key = .allocate(capacity: keys)
        key.initialize(repeating: 0, count: keys)
        head = .allocate(capacity: sizes.4)
        head.initialize(repeating: 0, count: sizes.4)
    }

    deinit {
        registers.deallocate()
        matched.deallocate()
        cursor.deallocate()
        scanEnd.deallocate()
        key.deallocate()
        head.deallocate()
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
