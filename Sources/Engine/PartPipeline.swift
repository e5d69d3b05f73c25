// The two-core evaluation of one rule: two threads join parts of its first
// relation while the evaluator inserts their tuples in order (Evaluator.execute).
import Foundation

/// Joins the parts of a rule's first relation on two threads, at most a few
/// parts ahead of the thread that inserts their tuples in order (`wait`, then
/// `release`, part after part). Each part has its own state, made when a
/// thread takes it, and an output, taken from the released parts' if any.
final class PartPipeline: @unchecked Sendable {
    private let program: JoinProgram
    private let parts: [Range<Int>]
    private let capacity: Int
    private var stores: [RelationStore]
    private let limits: [Int]
    private let delta: Range<Int>
    private let numbers: Numbers
    private let deadline: UInt64?
    private let interruption: Interruption?
    private let lock = NSLock()
    private var next = 0
    private var cancelled = false
    private var states: [JoinState?]
    private var outputs: [JoinOutput?]
    /// Outputs of released parts, for the parts to come.
    private var spare: [JoinOutput] = []
    private let finished: [DispatchSemaphore]
    /// Parts taken and not yet released.
    private let window: DispatchSemaphore
    private let group = DispatchGroup()
    private static let threads = 2

    init(
        _ program: JoinProgram, parts: [Range<Int>], capacity: Int, stores: [RelationStore], limits: [Int],
        delta: Range<Int>, numbers: Numbers, deadline: UInt64?, interruption: Interruption?
    ) {
        self.program = program
        self.parts = parts
        self.capacity = capacity
        self.stores = stores
        self.limits = limits
        self.delta = delta
        self.numbers = numbers
        self.deadline = deadline
        self.interruption = interruption
        states = Array(repeating: nil, count: parts.count)
        outputs = Array(repeating: nil, count: parts.count)
        finished = parts.map { _ in DispatchSemaphore(value: 0) }
        // Made at 0 and raised: libdispatch traps when a semaphore is freed below
        // the value it was made with, as this one is when a part is never released.
        window = DispatchSemaphore(value: 0)
        for _ in 0..<(2 * PartPipeline.threads) { window.signal() }
    }

    func start() {
        for _ in 0..<PartPipeline.threads {
            group.enter()
            DispatchQueue.global().async { [self] in
                work()
                group.leave()
            }
        }
    }

    private func work() {
        while true {
            window.wait()
            lock.lock()
            guard !cancelled && next < parts.count else {
                lock.unlock()
                window.signal()
                return
            }
            let index = next
            next += 1
            let state = JoinState(program)
            // Outputs are used again: fresh memory of their size costs a page fault per 4 KiB.
            let output = spare.popLast() ?? JoinOutput(capacity: capacity, width: program.width, premiseCount: program.premiseCount)
            states[index] = state
            outputs[index] = output
            lock.unlock()
            program.run(
                state, into: output, stores: stores, limits: limits, delta: delta, scan: parts[index], numbers: numbers,
                deadline: deadline, interruption: interruption)
            finished[index].signal()
        }
    }

    /// The state and output of part `index`, once a thread has run it (until
    /// done, or until its output was full).
    func wait(for index: Int) -> (JoinState, JoinOutput) {
        finished[index].wait()
        lock.lock()
        defer { lock.unlock() }
        guard let state = states[index], let output = outputs[index] else {
            // A part is signalled only after both are set.
            let state = JoinState(program)
            state.k = -1
            return (state, JoinOutput(capacity: 1, width: program.width, premiseCount: program.premiseCount))
        }
        return (state, output)
    }

    /// Drops part `index`, letting the threads take one more.
    func release(_ index: Int) {
        lock.lock()
        states[index] = nil
        if let output = outputs[index] {
            output.count = 0
            spare.append(output)
        }
        outputs[index] = nil
        lock.unlock()
        window.signal()
    }

    /// Stops the threads (after the part each is running) and waits for them.
    func finish() {
        lock.lock()
        cancelled = true
        lock.unlock()
        for _ in 0..<PartPipeline.threads { window.signal() }
        group.wait()
        stores = []
    }
}
