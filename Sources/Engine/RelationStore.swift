/// The tuples of one relation: a flat array of value ids in insertion order,
/// a hash set over them (set semantics) and hash indexes on column subsets.
///
/// Tuples are never removed, so a tuple's number is stable: provenance and the
/// semi-naive "delta" (a range of tuple numbers) refer to tuples by number.
package struct RelationStore: Sendable {
    package let arity: Int
    package private(set) var data: [Int32] = []
    package private(set) var count = 0
    /// Open-addressing hash set of tuple numbers (-1: empty slot).
    private var slots = [Int32](repeating: -1, count: 16)
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

    @inline(__always)
    private static func hash(_ values: UnsafeBufferPointer<Int32>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            h = (h ^ UInt64(UInt32(bitPattern: value))) &* 0x100_0000_01b3
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The number of the tuple equal to `values`, if present.
    package func find(_ values: [Int32]) -> Int? {
        values.withUnsafeBufferPointer { find($0) }
    }

    package func find(_ values: UnsafeBufferPointer<Int32>) -> Int? {
        let mask = slots.count - 1
        var slot = RelationStore.hash(values) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return nil }
            if equals(Int(candidate), values) { return Int(candidate) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ tuple: Int, _ values: UnsafeBufferPointer<Int32>) -> Bool {
        let base = tuple &* arity
        for column in 0..<arity where data[base &+ column] != values[column] { return false }
        return true
    }

    /// Adds a tuple unless present. Returns its number and whether it is new.
    @discardableResult
    package mutating func insert(_ values: [Int32], origin: Int32) -> (index: Int, inserted: Bool) {
        values.withUnsafeBufferPointer { buffer in
            if let existing = find(buffer) { return (existing, false) }
            let index = count
            data.append(contentsOf: buffer)
            count += 1
            origins.append(origin)
            if count * 2 > slots.count { growSlots() } else { place(index) }
            for k in indexes.indices { indexes[k].add(index, data: data, arity: arity) }
            return (index, true)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        let base = index * arity
        var slot = data.withUnsafeBufferPointer { buffer in
            RelationStore.hash(UnsafeBufferPointer(rebasing: buffer[base..<(base + arity)]))
        } & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func growSlots() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in 0..<count { place(index) }
    }

    // MARK: Indexes

    /// The index on exactly these columns, creating (and filling) it if needed.
    package mutating func indexNumber(for columns: [Int]) -> Int {
        if let existing = indexes.firstIndex(where: { $0.columns == columns }) { return existing }
        var index = HashIndex(columns: columns)
        for tuple in 0..<count { index.add(tuple, data: data, arity: arity) }
        indexes.append(index)
        return indexes.count - 1
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
}

/// A hash index on some columns of a relation: for each distinct key, a chain
/// of the tuples having it, newest first.
package struct HashIndex: Sendable {
    package let columns: [Int]
    /// The newest tuple of each key (-1: empty slot).
    private var heads = [Int32](repeating: -1, count: 16)
    /// Per tuple: the next older tuple with the same key, or -1.
    package private(set) var next: [Int32] = []
    private var keys = 0

    init(columns: [Int]) {
        self.columns = columns
    }

    /// The number of distinct keys (the join planner's estimate of selectivity).
    package var keyCount: Int { keys }

    @inline(__always)
    private func hash(tuple: Int, data: [Int32], arity: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let base = tuple &* arity
        for column in columns {
            h = (h ^ UInt64(UInt32(bitPattern: data[base &+ column]))) &* 0x100_0000_01b3
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private func hash(key: UnsafeBufferPointer<Int32>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in key {
            h = (h ^ UInt64(UInt32(bitPattern: value))) &* 0x100_0000_01b3
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private func sameKey(_ a: Int, _ b: Int, data: [Int32], arity: Int) -> Bool {
        for column in columns where data[a &* arity &+ column] != data[b &* arity &+ column] { return false }
        return true
    }

    mutating func add(_ tuple: Int, data: [Int32], arity: Int) {
        next.append(-1)
        let mask = heads.count - 1
        var slot = hash(tuple: tuple, data: data, arity: arity) & mask
        while true {
            let head = heads[slot]
            if head < 0 {
                heads[slot] = Int32(tuple)
                keys += 1
                if keys * 2 > heads.count { rehash(data: data, arity: arity) }
                return
            }
            if sameKey(Int(head), tuple, data: data, arity: arity) {
                next[tuple] = head
                heads[slot] = Int32(tuple)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func rehash(data: [Int32], arity: Int) {
        let old = heads.filter { $0 >= 0 }
        heads = [Int32](repeating: -1, count: heads.count * 2)
        let mask = heads.count - 1
        for head in old {
            var slot = hash(tuple: Int(head), data: data, arity: arity) & mask
            while heads[slot] >= 0 { slot = (slot + 1) & mask }
            heads[slot] = head
        }
    }

    func first(key: UnsafeBufferPointer<Int32>, data: [Int32], arity: Int) -> Int32 {
        let mask = heads.count - 1
        var slot = hash(key: key) & mask
        while true {
            let head = heads[slot]
            if head < 0 { return -1 }
            var same = true
            let base = Int(head) &* arity
            for (k, column) in columns.enumerated() where data[base &+ column] != key[k] {
                same = false
                break
            }
            if same { return head }
            slot = (slot + 1) & mask
        }
    }
}
