import Dispatch

/// The tuples of one relation: a flat array of value ids in insertion order,
/// a hash set over them (set semantics), and indexes on column subsets: hash
/// indexes while the relation grows, sorted ones once it is complete.
///
/// The hash set is built only when needed. Tuples often arrive grouped by
/// their first value (a file or a join that lists measure after measure): so
/// long as they do, a tuple is known new without the set, when its first value
/// starts a group (no earlier group had it), or by looking it up in a small
/// table of the open group's tuples (see `insert(batch:)`).
///
/// Tuples are never removed, so a tuple's number is stable: provenance and the
/// semi-naive "delta" (a range of tuple numbers) refer to tuples by number.
package struct RelationStore: Sendable {
    package let arity: Int
    package private(set) var data: [Int32] = []
    package private(set) var count = 0
    /// How the store tells a new tuple from one it holds: by its groups,
    /// by the hash set, or not at all (tuples appended known distinct).
    package enum Deduplication: Sendable, Equatable {
        /// No hash set; the tuples are grouped by their first value: all tuples
        /// with one first value lie together, the last group (from `groupStart`)
        /// still open, and `groupFirsts` marks every first value that has a group.
        case grouped
        /// The hash set of every tuple (`slots`, see HashSlots.swift).
        case hashed
        /// Neither: the tuples were appended known distinct (`append(distinct:)`);
        /// `find` scans, and `ensureSet` builds the hash set when something needs it.
        case appendedDistinct
    }

    /// Every relation starts grouped; the hash set is built when a tuple breaks
    /// the groups or something asks for it, and then stays.
    package private(set) var deduplication = Deduplication.grouped
    /// The hash set of tuples, while `deduplication` is `.hashed`.
    private var slots: [UInt64] = []
    /// True once the hash set is built.
    package var hasSet: Bool { deduplication == .hashed }
    /// True while the tuples keep to their groups (no hash set yet).
    package var grouped: Bool { deduplication == .grouped }
    private var groupFirsts: [UInt64] = []
    private var groupStart = 0
    /// The open group's tuples by their other values: entries are the group's
    /// generation beside the tuple's place in the group + 1, so that opening a
    /// group empties the table without touching it.
    private var groupSlots: [UInt64] = []
    private var groupGeneration: UInt32 = 1
    /// A group that grows past this many tuples needs the hash set (the open
    /// group's table is kept at most half full).
    static let groupLimit = 1024
    static let groupTableSize = 2048
    /// The sum of the slots read ahead (see `touch`), kept so that the reads are made.
    private var touched: UInt64 = 0
    package private(set) var indexes: [HashIndex] = []
    /// Per tuple: its derivation number (>= 0), or -1 - fact number for a declared fact.
    package private(set) var origins: [Int32] = []

    package init(arity: Int) {
        self.arity = arity
    }

    /// The value of column `column` of tuple `tuple`.
    @inline(__always)
    package func value(_ tuple: Int, _ column: Int) -> Int32 {
        data[tuple &* arity &+ column]
    }

    package func tuple(_ index: Int) -> [Int32] {
        Array(data[(index * arity)..<((index + 1) * arity)])
    }

    // MARK: Set semantics

    /// The number of the tuple equal to `values`, if present.
    package func find(_ values: [Int32]) -> Int? {
        values.withUnsafeBufferPointer { find($0) }
    }

    /// Without the hash set (see `append(distinct:)`), by a scan.
    package func find(_ values: UnsafeBufferPointer<Int32>) -> Int? {
        guard hasSet else {
            return (0..<count).first { tuple in (0..<arity).allSatisfy { data[tuple &* arity &+ $0] == values[$0] } }
        }
        let hash = Mix.hash(values)
        let entry = slots[probe(values, hash: hash)]
        return entry == 0 ? nil : HashSlots.number(entry)
    }

    /// The slot of the tuple equal to `values`, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ values: UnsafeBufferPointer<Int32>, hash: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            data.withUnsafeBufferPointer { data in
                HashSlots.probe(slots, hash: hash) { tuple in
                    let base = tuple &* arity
                    for column in 0..<arity where data[base &+ column] != values[column] { return false }
                    return true
                }
            }
        }
    }

    /// Adds a tuple unless present. Returns its number and whether it is new.
    @discardableResult
    package mutating func insert(_ values: [Int32], origin: Int32) -> (index: Int, inserted: Bool) {
        values.withUnsafeBufferPointer { insert($0, origin: origin) }
    }

    @discardableResult
    package mutating func insert(_ values: UnsafeBufferPointer<Int32>, origin: Int32) -> (index: Int, inserted: Bool) {
        if grouped {
            let found = lookUpInGroups(values.baseAddress, arity: values.count)
            if found >= 0 { return (found, false) }
            if found == RelationStore.newTuple {
                append(grouped: values, origin: origin)
                for k in indexes.indices { indexes[k].add(count - 1, data: data, arity: arity) }
                if !sortedIndexes.isEmpty { rebuildSortedIndexes() }
                return (count - 1, true)
            }
        }
        ensureSet()
        let hash = Mix.hash(values)
        let slot = probe(values, hash: hash)
        let entry = slots[slot]
        if entry != 0 { return (HashSlots.number(entry), false) }
        let index = append(values, origin: origin)
        slots[slot] = HashSlots.entry(hash: hash, number: index)
        if count * 2 > slots.count { growSlots(to: slots.count * 2) }
        for k in indexes.indices { indexes[k].add(index, data: data, arity: arity) }
        if !sortedIndexes.isEmpty { rebuildSortedIndexes() }
        return (index, true)
    }

    /// Adds the tuples of `values` (`arity` ids each), skipping those present.
    package mutating func insert(all values: [Int32], origin: Int32) {
        values.withUnsafeBufferPointer { _ = insert(batch: $0, originStart: origin, originStep: 0) }
    }

    /// Adds the tuples of `values` (`arity` ids each) that are not present, in
    /// order (of equal tuples, the first), and returns which were added. The
    /// k-th tuple added gets the origin `originStart + k * originStep`.
    ///
    /// Tuples go in sixteen at a time: their slots are read first, all sixteen
    /// reads under way together, then each tuple is placed, so that a table
    /// larger than the cache costs one wait per sixteen tuples, not one each.
    package mutating func insert(batch values: UnsafeBufferPointer<Int32>, originStart: Int32, originStep: Int32) -> [Bool] {
        // A relation without columns has one tuple or none: its callers insert it alone.
        guard arity > 0 else { return [] }
        let tuples = values.count / arity
        guard tuples > 0 else { return [] }
        let existing = count
        var added = [Bool](repeating: false, count: tuples)
        var origin = originStart
        var tuple = 0
        // While the tuples keep to the groups, without the hash set.
        while grouped && tuple < tuples {
            let at = values.baseAddress.map { $0 + tuple * arity }
            let found = lookUpInGroups(at, arity: arity)
            if found == RelationStore.needsSet { break }
            if found == RelationStore.newTuple, let at {
                append(grouped: UnsafeBufferPointer(start: at, count: arity), origin: origin)
                origin &+= originStep
                added[tuple] = true
            }
            tuple += 1
        }
        if tuple < tuples {
            ensureSet()
            var size = slots.count
            while (count + tuples - tuple) * 2 > size { size *= 2 }
            if size > slots.count { growSlots(to: size) }
        }
        var hashes = [UInt64](repeating: 0, count: RelationStore.block)
        while tuple < tuples {
            let end = min(tuple + RelationStore.block, tuples)
            touch(hashing: values, from: tuple, to: end, into: &hashes)
            for t in tuple..<end {
                let values = UnsafeBufferPointer(rebasing: values[(t * arity)..<((t + 1) * arity)])
                let hash = hashes[t - tuple]
                let slot = probe(values, hash: hash)
                guard slots[slot] == 0 else { continue }
                let index = append(values, origin: origin)
                origin &+= originStep
                slots[slot] = HashSlots.entry(hash: hash, number: index)
                added[t] = true
            }
            tuple = end
        }
        for k in indexes.indices {
            for tuple in existing..<count { indexes[k].add(tuple, data: data, arity: arity) }
        }
        if !sortedIndexes.isEmpty && count > existing { rebuildSortedIndexes() }
        return added
    }

    /// What `lookUpInGroups` tells of a tuple besides the number of its equal.
    private static let newTuple = -1
    private static let needsSet = -2

    /// The number of the tuple equal to a tuple (`arity` values at `values`),
    /// told by the groups: `newTuple` when there is none, `needsSet` when the
    /// groups cannot tell (a group of its first value was closed, or its group
    /// is too large to compare with) and the hash set is needed.
    @inline(__always)
    private func lookUpInGroups(_ values: UnsafePointer<Int32>?, arity: Int) -> Int {
        guard let values, arity == self.arity, arity > 0 else { return RelationStore.needsSet }
        let first = values[0]
        if groupStart < count && data[groupStart &* arity] == first {
            guard count - groupStart < RelationStore.groupLimit else { return RelationStore.needsSet }
            // A group of one column has its one tuple.
            guard arity > 1 else { return groupStart }
            let tuple = groupSlot(values).tuple
            return tuple >= 0 ? tuple : RelationStore.newTuple
        }
        guard first >= 0 else { return RelationStore.needsSet }
        let word = Int(first) >> 6
        guard word < groupFirsts.count, groupFirsts[word] & (1 << UInt64(first & 63)) != 0 else { return RelationStore.newTuple }
        return RelationStore.needsSet
    }

    /// The open group's slot for a tuple in `groupSlots` (hashed by its values
    /// after the first), and the number of the equal tuple there, or -1.
    @inline(__always)
    private func groupSlot(_ values: UnsafePointer<Int32>) -> (slot: Int, tuple: Int) {
        var h = Mix.seed
        for column in 1..<arity { h = Mix.add(h, values[column]) }
        let mask = RelationStore.groupTableSize - 1
        var slot = Int(truncatingIfNeeded: Mix.finish(h)) & mask
        guard !groupSlots.isEmpty else { return (slot, -1) }
        return groupSlots.withUnsafeBufferPointer { slots in
            data.withUnsafeBufferPointer { data in
                while true {
                    let entry = slots[slot]
                    guard entry >> 32 == UInt64(groupGeneration) else { return (slot, -1) }
                    let tuple = groupStart + Int(entry & 0xFFFF_FFFF) - 1
                    var equal = true
                    for column in 1..<arity where data[tuple &* arity &+ column] != values[column] {
                        equal = false
                        break
                    }
                    if equal { return (slot, tuple) }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    /// Appends a tuple that `lookUpInGroups` found new, opening a group if its
    /// first value starts one. The caller adds it to the indexes.
    @inline(__always)
    private mutating func append(grouped values: UnsafeBufferPointer<Int32>, origin: Int32) {
        let first = values[0]
        if groupStart >= count || data[groupStart &* arity] != first {
            let word = Int(first) >> 6
            if word >= groupFirsts.count {
                groupFirsts.append(contentsOf: repeatElement(0, count: max(word + 1, 2 * groupFirsts.count) - groupFirsts.count))
            }
            groupFirsts[word] |= 1 << UInt64(first & 63)
            groupStart = count
            // The table's entries of the closed group become stale at once.
            groupGeneration &+= 1
            if groupGeneration == 0 {
                groupSlots = []
                groupGeneration = 1
            }
        }
        if arity > 1, let base = values.baseAddress {
            if groupSlots.isEmpty { groupSlots = [UInt64](repeating: 0, count: RelationStore.groupTableSize) }
            let slot = groupSlot(base).slot
            groupSlots[slot] = UInt64(groupGeneration) << 32 | UInt64(count - groupStart + 1)
        }
        append(values, origin: origin)
    }

    /// The one place a tuple is added: its values, its origin, its number.
    /// Every insert goes through here (or, for a run of tuples known distinct,
    /// `append(distinct:)`, which adds them at once); the callers keep the
    /// hash set, the groups and the indexes.
    @inline(__always)
    @discardableResult
    private mutating func append(_ values: UnsafeBufferPointer<Int32>, origin: Int32) -> Int {
        data.append(contentsOf: values)
        origins.append(origin)
        count += 1
        return count - 1
    }

    /// Appends tuples known to be distinct from each other, to a relation that
    /// has no other tuples (a rule whose every derivation gives a tuple of its
    /// own, see `JoinPlanner.derivesDistinctTuples`). The hash set is then not
    /// built until something asks for it (`ensureSet`).
    package mutating func append(distinct values: UnsafeBufferPointer<Int32>, originStart: Int32, originStep: Int32) {
        guard arity > 0, count == 0 || !hasSet else {
            _ = insert(batch: values, originStart: originStart, originStep: originStep)
            return
        }
        // The tuples need not be grouped by their first value, and an empty
        // relation's hash set (built before anything came) would not hold them.
        deduplication = .appendedDistinct
        groupFirsts = []
        groupSlots = []
        slots = []
        let tuples = values.count / arity
        let existing = count
        data.append(contentsOf: values)
        let start = origins.count
        origins.append(contentsOf: repeatElement(originStart, count: tuples))
        if originStep != 0 {
            origins.withUnsafeMutableBufferPointer { origins in
                for tuple in 0..<tuples { origins[start + tuple] = originStart &+ Int32(truncatingIfNeeded: tuple) &* originStep }
            }
        }
        count += tuples
        for k in indexes.indices {
            for tuple in existing..<count { indexes[k].add(tuple, data: data, arity: arity) }
        }
        if !sortedIndexes.isEmpty { rebuildSortedIndexes() }
    }

    /// Makes room for `tuples` more tuples.
    package mutating func reserve(tuples: Int) {
        guard tuples > 0 else { return }
        data.reserveCapacity((count + tuples) * arity)
        origins.reserveCapacity(count + tuples)
    }

    /// Builds the hash set if tuples were appended without it.
    package mutating func ensureSet() {
        guard !hasSet else { return }
        deduplication = .hashed
        groupFirsts = []
        groupSlots = []
        var size = 16
        while count * 2 > size { size *= 2 }
        growSlots(to: size)
    }

    /// Tuples placed together (see `insert(batch:)`).
    static let block = 16

    /// Hashes tuples `start..<end` of `values` into `hashes` and reads the slot
    /// of each, so that the slots are in the cache when the tuples are placed.
    private mutating func touch(hashing values: UnsafeBufferPointer<Int32>, from start: Int, to end: Int, into hashes: inout [UInt64]) {
        var sum: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            for t in start..<end {
                let hash = Mix.hash(UnsafeBufferPointer(rebasing: values[(t * arity)..<((t + 1) * arity)]))
                hashes[t - start] = hash
                sum &+= slots[Int(truncatingIfNeeded: hash) & mask]
            }
        }
        touched &+= sum
    }

    private mutating func growSlots(to size: Int) {
        var grown = HashTable.zeroed(size)
        let mask = size - 1
        var hashes = [UInt64](repeating: 0, count: RelationStore.block)
        var sum: UInt64 = 0
        data.withUnsafeBufferPointer { data in
            grown.withUnsafeMutableBufferPointer { grown in
                var start = 0
                while start < count {
                    let end = min(start + RelationStore.block, count)
                    for index in start..<end {
                        let hash = Mix.hash(UnsafeBufferPointer(rebasing: data[(index * arity)..<((index + 1) * arity)]))
                        hashes[index - start] = hash
                        sum &+= grown[Int(truncatingIfNeeded: hash) & mask]
                    }
                    for index in start..<end {
                        let hash = hashes[index - start]
                        HashSlots.place(HashSlots.entry(hash: hash, number: index), hash: hash, in: grown)
                    }
                    start = end
                }
            }
        }
        touched &+= sum
        slots = grown
    }

    // MARK: Indexes

    /// Sorted indexes (numbered -2, -3, ... in the plans' numbering; see `indexNumber`).
    package private(set) var sortedIndexes: [SortedIndex] = []

    /// The index on exactly these columns, creating (and filling) it if needed:
    /// a hash index (numbered from 0), which follows the relation as it grows,
    /// or, for a relation that will not grow any more (`frozen`), a sorted
    /// index where possible (numbered -2 - its position in `sortedIndexes`),
    /// whose tuples of one key lie side by side.
    package mutating func indexNumber(for columns: [Int], frozen: Bool = false) -> Int {
        if let existing = indexes.firstIndex(where: { $0.columns == columns }) { return existing }
        if frozen {
            if let existing = sortedIndexes.firstIndex(where: { $0.columns == columns }) { return -2 - existing }
            if let index = SortedIndex(columns: columns, data: data, arity: arity, count: count) {
                sortedIndexes.append(index)
                return -1 - sortedIndexes.count
            }
        }
        var index = HashIndex(columns: columns)
        for tuple in 0..<count { index.add(tuple, data: data, arity: arity) }
        indexes.append(index)
        return indexes.count - 1
    }

    /// The number of distinct values of one column, for the planner's
    /// estimates: one pass over the column (values are dense ids), remembered
    /// while the relation does not grow; an index made just to count its keys
    /// would cost more, and a plan may never read it.
    package mutating func distinctValues(ofColumn column: Int) -> Int {
        if let known = distinctCounts[column], known.tuples == count { return known.distinct }
        if let index = indexes.first(where: { $0.columns == [column] }) { return index.keyCount }
        if let index = sortedIndexes.first(where: { $0.columns == [column] }) { return index.keyCount }
        var seen: [UInt64] = []
        var distinct = 0
        var other = Set<Int32>()
        data.withUnsafeBufferPointer { data in
            for tuple in 0..<count {
                let value = data[tuple &* arity &+ column]
                guard value >= 0 && Int(value) < 64 * (4 * count + 65_536) else {
                    if other.insert(value).inserted { distinct += 1 }
                    continue
                }
                let word = Int(value) >> 6
                if word >= seen.count { seen.append(contentsOf: repeatElement(0, count: max(word + 1, 2 * seen.count) - seen.count)) }
                let bit: UInt64 = 1 << UInt64(value & 63)
                if seen[word] & bit == 0 {
                    seen[word] |= bit
                    distinct += 1
                }
            }
        }
        distinctCounts[column] = (count, distinct)
        return distinct
    }

    private var distinctCounts: [Int: (tuples: Int, distinct: Int)] = [:]

    /// The number of distinct keys of an index (see `indexNumber`).
    package func keyCount(ofIndex n: Int) -> Int {
        n >= 0 ? indexes[n].keyCount : sortedIndexes[-2 - n].keyCount
    }

    /// Sorted indexes are built for relations that no longer grow; should one
    /// grow all the same, they are built again so that they stay true.
    private mutating func rebuildSortedIndexes() {
        sortedIndexes = sortedIndexes.map { index in
            SortedIndex(columns: index.columns, data: data, arity: arity, count: count, force: true) ?? index
        }
    }

    /// The newest tuple whose indexed columns equal `key`, or -1; follow
    /// `indexes[n].next` for older ones.
    @inline(__always)
    package func first(inIndex n: Int, key: UnsafeBufferPointer<Int32>) -> Int32 {
        indexes[n].first(key: key, data: data, arity: arity)
    }

    @inline(__always)
    package func next(inIndex n: Int, after tuple: Int32) -> Int32 {
        indexes[n].next[Int(tuple)]
    }

    /// The positions in sorted index `n` (its position in `sortedIndexes`) of
    /// the tuples whose indexed columns equal `key`.
    @inline(__always)
    package func range(inSorted n: Int, key: UnsafeBufferPointer<Int32>) -> Range<Int> {
        sortedIndexes[n].range(key: key, data: data, arity: arity)
    }

}

/// Memory two threads share, each using a part of it the other does not touch.
struct Shared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// An index on some columns of a relation that no longer grows: the tuple
/// numbers ordered by key (then by number), and, for each value of the first
/// column (a dense id), where its tuples start. A lookup finds its first
/// column's tuples directly and the rest of its key by binary search among
/// them; the tuples of one key are read side by side, and lookups made in the
/// order of the first column (as when a join walks one resolution at a time)
/// stay in the cache.
package struct SortedIndex: Sendable {
    package let columns: [Int]
    package private(set) var rows: [Int32] = []
    /// For an index on two or more columns, the second column's value of each
    /// row, beside it: a lookup's binary search reads only this array.
    private(set) var seconds: [Int32] = []
    /// The tuples whose first indexed column is `v` are at `starts[v]..<starts[v + 1]`.
    private(set) var starts: [Int32] = []
    package private(set) var keyCount = 0

    /// Nil when the first column's values are not small enough to index
    /// directly (more than four per tuple, plus 65,536), unless `force`.
    ///
    /// Tuples are placed by their first key value in one counting pass that
    /// reads them in order (a relation mostly lists them by that value, so the
    /// writes go mostly in order too); then each first value's rows, which lie
    /// side by side, are sorted by the rest of the key and by number.
    init?(columns: [Int], data: [Int32], arity: Int, count: Int, force: Bool = false) {
        guard let lead = columns.first, count < Int(Int32.max) else { return nil }
        self.columns = columns
        guard var placed = SortedIndex.place(column: lead, data: data, arity: arity, count: count, force: force)
        else { return nil }
        let starts = placed.starts
        // Taken out of `placed`, so that sorting it in place copies nothing.
        var sortedRows: [Int32] = []
        swap(&sortedRows, &placed.rows)
        self.starts = starts
        guard columns.count > 1 else {
            self.rows = sortedRows
            var keys = 0
            for value in 0..<(starts.count - 1) where starts[value] != starts[value + 1] { keys += 1 }
            keyCount = keys
            return
        }
        var seconds = [Int32](repeating: 0, count: sortedRows.count)
        var keys = 0
        data.withUnsafeBufferPointer { data in
            seconds.withUnsafeMutableBufferPointer { seconds in
                sortedRows.withUnsafeMutableBufferPointer { rows in
                    let shared = Shared((data, rows, seconds))
                    let values = starts.count - 1
                    // Large indexes sort their groups on both cores: each takes the
                    // first values whose rows make up about half, or the rest.
                    var middle = values
                    if rows.count >= SortedIndex.parallelMinimum {
                        middle = starts.firstIndex { Int($0) >= rows.count / 2 } ?? values
                    }
                    let halves = middle < values ? [0..<middle, middle..<values] : [0..<values]
                    let counted = UnsafeMutableBufferPointer<Int>.allocate(capacity: halves.count)
                    defer { counted.deallocate() }
                    let counts = Shared(counted)
                    DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                        let (data, rows, seconds) = shared.value
                        counts.value[half] = SortedIndex.sortGroups(
                            halves[half], columns: columns, data: data, arity: arity, rows: rows, seconds: seconds, starts: starts)
                    }
                    keys = counted.reduce(0, +)
                }
            }
        }
        keyCount = keys
        self.rows = sortedRows
        self.seconds = seconds
    }

    /// Indexes of at least this many rows are built on both cores.
    static let parallelMinimum = 1 << 18

    /// Sorts the rows of the first values `values` by the rest of the key and by
    /// number, fills in their second values, and returns how many keys they hold.
    private static func sortGroups(
        _ values: Range<Int>, columns: [Int], data: UnsafeBufferPointer<Int32>, arity: Int, rows: UnsafeMutableBufferPointer<Int32>,
        seconds: UnsafeMutableBufferPointer<Int32>, starts: [Int32]
    ) -> Int {
        let second = columns[1]
        let rest = columns.dropFirst(2)
        var keys = 0
        var packed: [UInt64] = []
        for value in values {
            let start = Int(starts[value])
            let end = Int(starts[value + 1])
            guard end > start else { continue }
            if rest.isEmpty {
                // The second value (order kept for negative ones) beside the number: one
                // integer sort, and the second values and keys read off the sorted entries.
                packed.removeAll(keepingCapacity: true)
                for position in start..<end {
                    let tuple = rows[position]
                    let key = UInt32(bitPattern: data[Int(tuple) &* arity &+ second] ^ Int32.min)
                    packed.append(UInt64(key) << 32 | UInt64(UInt32(bitPattern: tuple)))
                }
                if end - start > 1 { packed.sort() }
                var previous: UInt64?
                for (offset, entry) in packed.enumerated() {
                    rows[start + offset] = Int32(truncatingIfNeeded: entry)
                    seconds[start + offset] = Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32)) ^ Int32.min
                    if previous != entry >> 32 { keys += 1 }
                    previous = entry >> 32
                }
                continue
            }
            if end - start > 1 {
                let keyColumns = Array(columns.dropFirst())
                let sorted = rows[start..<end].sorted { a, b in
                    for column in keyColumns {
                        let x = data[Int(a) &* arity &+ column]
                        let y = data[Int(b) &* arity &+ column]
                        if x != y { return x < y }
                    }
                    return a < b
                }
                for (offset, tuple) in sorted.enumerated() { rows[start + offset] = tuple }
            }
            keys += 1
            for position in start..<end {
                let b = Int(rows[position]) &* arity
                seconds[position] = data[b &+ second]
                guard position > start else { continue }
                let a = Int(rows[position - 1]) &* arity
                if data[a &+ second] != data[b &+ second] || rest.contains(where: { data[a &+ $0] != data[b &+ $0] }) {
                    keys += 1
                }
            }
        }
        return keys
    }

    /// The tuples ordered by one column's value (then by number), and where
    /// each value's tuples start: a counting pass reading the tuples in order,
    /// on both cores for a large relation (each counts and places one half of
    /// the tuples; the first half's tuples of a value go before the second's).
    static func place(column: Int, data: [Int32], arity: Int, count: Int, force: Bool) -> (starts: [Int32], rows: [Int32])? {
        let halves = count >= parallelMinimum ? [0..<(count / 2), (count / 2)..<count] : [0..<count]
        return data.withUnsafeBufferPointer { data -> (starts: [Int32], rows: [Int32])? in
            let input = Shared(data)
            let scanned = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2 * halves.count)
            defer { scanned.deallocate() }
            let extremes = Shared(scanned)
            DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                var largest: Int32 = -1
                var lowest: Int32 = 0
                for tuple in halves[half] {
                    let value = input.value[tuple &* arity &+ column]
                    largest = max(largest, value)
                    lowest = min(lowest, value)
                }
                extremes.value[2 * half] = largest
                extremes.value[2 * half + 1] = lowest
            }
            let largest = (0..<halves.count).map { scanned[2 * $0] }.max() ?? -1
            let negative = (0..<halves.count).contains { scanned[2 * $0 + 1] < 0 }
            guard force || (!negative && Int(largest) < 4 * count + 65_536) else { return nil }
            let size = Int(largest) + 2
            // Per half, how many of its tuples have each value; then where each half's go.
            let places = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size * halves.count)
            defer { places.deallocate() }
            let shared = Shared(places)
            DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                let counts = UnsafeMutableBufferPointer(rebasing: shared.value[(half * size)..<((half + 1) * size)])
                counts.initialize(repeating: 0)
                for tuple in halves[half] {
                    let value = input.value[tuple &* arity &+ column]
                    if value >= 0 { counts[Int(value) &+ 1] &+= 1 }
                }
            }
            var starts = [Int32](repeating: 0, count: size)
            for value in 0..<(size - 1) {
                var total: Int32 = 0
                for half in halves.indices { total &+= places[half * size + value + 1] }
                starts[value + 1] = starts[value] &+ total
            }
            for value in 0..<(size - 1) {
                var next = starts[value]
                for half in halves.indices {
                    let counted = places[half * size + value + 1]
                    places[half * size + value] = next
                    next &+= counted
                }
            }
            var rows = [Int32](repeating: 0, count: Int(starts[size - 1]))
            rows.withUnsafeMutableBufferPointer { rows in
                let output = Shared(rows)
                DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                    let filled = UnsafeMutableBufferPointer(rebasing: shared.value[(half * size)..<((half + 1) * size)])
                    for tuple in halves[half] {
                        let value = input.value[tuple &* arity &+ column]
                        guard value >= 0 else { continue }
                        output.value[Int(filled[Int(value)])] = Int32(truncatingIfNeeded: tuple)
                        filled[Int(value)] &+= 1
                    }
                }
            }
            return (starts, rows)
        }
    }

    func range(key: UnsafeBufferPointer<Int32>, data: [Int32], arity: Int) -> Range<Int> {
        let value = Int(key[0])
        guard value >= 0 && value < starts.count - 1 else { return 0..<0 }
        let low = Int(starts[value])
        let high = Int(starts[value + 1])
        guard columns.count > 1, low < high else { return low..<high }
        return data.withUnsafeBufferPointer { data in
            rows.withUnsafeBufferPointer { rows in
                seconds.withUnsafeBufferPointer { seconds in
                    // -1, 0, 1: the row at `position` sorts before, with or after the key.
                    func order(_ position: Int) -> Int {
                        let second = seconds[position]
                        if second != key[1] { return second < key[1] ? -1 : 1 }
                        guard columns.count > 2 else { return 0 }
                        let base = Int(rows[position]) &* arity
                        for k in 2..<columns.count {
                            let x = data[base &+ columns[k]]
                            if x != key[k] { return x < key[k] ? -1 : 1 }
                        }
                        return 0
                    }
                    var first = low
                    var end = high
                    while first < end {
                        let middle = (first + end) / 2
                        if order(middle) < 0 { first = middle + 1 } else { end = middle }
                    }
                    // Keys are mostly few tuples each: the end is found by walking.
                    var last = first
                    while last < high && order(last) == 0 { last += 1 }
                    return first..<last
                }
            }
        }
    }
}

/// A hash index on some columns of a relation: for each distinct key, a chain
/// of the tuples having it, newest first.
package struct HashIndex: Sendable {
    package let columns: [Int]
    /// The newest tuple of each key (see HashSlots.swift).
    private var heads = [UInt64](repeating: 0, count: 16)
    /// Per tuple: the next older tuple with the same key, or -1.
    package private(set) var next: [Int32] = []
    private var keys = 0

    init(columns: [Int]) {
        self.columns = columns
    }

    /// The number of distinct keys (the join planner's estimate of selectivity).
    package var keyCount: Int { keys }

    /// The hash of a tuple's key: its indexed columns' values in order, as `Mix.hash` of the key.
    @inline(__always)
    private func hash(tuple: Int, data: UnsafeBufferPointer<Int32>, arity: Int) -> UInt64 {
        var h = Mix.seed
        let base = tuple &* arity
        for column in columns { h = Mix.add(h, data[base &+ column]) }
        return Mix.finish(h)
    }

    mutating func add(_ tuple: Int, data: [Int32], arity: Int) {
        next.append(-1)
        data.withUnsafeBufferPointer { data in
            let hash = hash(tuple: tuple, data: data, arity: arity)
            let slot = heads.withUnsafeBufferPointer { heads in
                HashSlots.probe(heads, hash: hash) { head in
                    !columns.contains { data[head &* arity &+ $0] != data[tuple &* arity &+ $0] }
                }
            }
            let head = HashSlots.number(heads[slot])
            // The tuple heads its key's chain, in front of the older ones.
            heads[slot] = HashSlots.entry(hash: hash, number: tuple)
            if head >= 0 {
                next[tuple] = Int32(head)
            } else {
                keys += 1
                if keys * 2 > heads.count { rehash(data: data, arity: arity) }
            }
        }
    }

    private mutating func rehash(data: UnsafeBufferPointer<Int32>, arity: Int) {
        var grown = HashTable.zeroed(heads.count * 2)
        grown.withUnsafeMutableBufferPointer { grown in
            for entry in heads where entry != 0 {
                HashSlots.place(entry, hash: hash(tuple: HashSlots.number(entry), data: data, arity: arity), in: grown)
            }
        }
        heads = grown
    }

    func first(key: UnsafeBufferPointer<Int32>, data: [Int32], arity: Int) -> Int32 {
        let hash = Mix.hash(key)
        return heads.withUnsafeBufferPointer { heads in
            data.withUnsafeBufferPointer { data in
                let slot = HashSlots.probe(heads, hash: hash) { head in
                    let base = head &* arity
                    for (k, column) in columns.enumerated() where data[base &+ column] != key[k] { return false }
                    return true
                }
                return Int32(HashSlots.number(heads[slot]))
            }
        }
    }
}
