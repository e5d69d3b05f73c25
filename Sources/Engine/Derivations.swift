/// The recorded derivations of derived tuples, numbered from 0 in the order
/// they were made: each names its rule and the numbers of the tuples its
/// positive literals matched (its premises).
///
/// Derivations come in long runs of one rule (a rule's tuples are inserted
/// together), each with as many premises as the rule has positive literals,
/// so a run is kept once (its first number, rule and first premise) rather
/// than a rule and an offset per derivation: at a million measures that is
/// some 90 MB less to write.
struct Derivations: Sendable {
    private(set) var count = 0
    /// The premises of every derivation, one after another.
    private(set) var premises: [Int32] = []
    private var runFirst: [Int] = []
    private var runRule: [Int32] = []
    private var runPremises: [Int] = []
    private var runWidth: [Int] = []

    /// Records `derivations` derivations of `rule`, each with `width` premises, taken in order from `premises`.
    mutating func append(rule: Int32, width: Int, derivations: Int, premises given: UnsafeBufferPointer<Int32>) {
        guard derivations > 0 else { return }
        if runRule.last != rule || runWidth.last != width {
            runFirst.append(count)
            runRule.append(rule)
            runPremises.append(premises.count)
            runWidth.append(width)
        }
        premises.append(contentsOf: UnsafeBufferPointer(rebasing: given[0..<(derivations * width)]))
        count += derivations
    }

    /// Makes room for `count` more premises.
    mutating func reserve(premises count: Int) {
        guard count > 0 else { return }
        premises.reserveCapacity(premises.count + count)
    }

    /// The rule of derivation `number` and where its premises lie in `premises`.
    func derivation(_ number: Int) -> (rule: Int, premises: Range<Int>)? {
        guard number >= 0 && number < count else { return nil }
        // The last run starting at or before `number`.
        var low = 0
        var high = runFirst.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if runFirst[middle] <= number { low = middle } else { high = middle }
        }
        let start = runPremises[low] + (number - runFirst[low]) * runWidth[low]
        return (Int(runRule[low]), start..<(start + runWidth[low]))
    }
}
