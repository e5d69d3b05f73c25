/// The tuples of one relation: a flat array of value ids in insertion order,
/// a hash set over them (set semantics) and hash indexes on column subsets.
///
/// Tuples are never removed, so a tuple's number is stable: provenance and the
/// semi-naive "delta" (a range of tuple numbers) refer to tuples by number.
package struct RelationStore: Sendable {
    package let arity: Int
    package private(set) var data: [Int32] = []
    package private(set) var count = 0
    /// Open-addressing hash set of tuples: each slot holds the tuple's hash's
    /// high half beside `tuple + 1` (0: empty), so that a probe reads a tuple's
    /// values only when the fingerprints agree.
    private var slots = [UInt64](repeating: 0, count: 16)
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
    static func hash(_ values: UnsafeBufferPointer<Int32>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            h = (h ^ UInt64(UInt32(bitPattern: value))) &* 0x100_0000_01b3
        }
        return Mix.finish(h)
    }

    /// The number of the tuple equal to `values`, if present.
    package func find(_ values: [Int32]) -> Int? {
        values.withUnsafeBufferPointer { find($0) }
    }

    package func find(_ values: UnsafeBufferPointer<Int32>) -> Int? {
        let hash = RelationStore.hash(values)
        let entry = slots[probe(values, hash: hash)]
        return entry == 0 ? nil : Int(entry & 0xFFFF_FFFF) - 1
    }

    /// The slot of the tuple equal to `values`, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ values: UnsafeBufferPointer<Int32>, hash: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            data.withUnsafeBufferPointer { data in
                let mask = slots.count - 1
                let fingerprint = hash >> 32
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return slot }
                    if entry >> 32 == fingerprint {
                        let base = (Int(entry & 0xFFFF_FFFF) - 1) &* arity
                        var same = true
                        for column in 0..<arity where data[base &+ column] != values[column] {
                            same = false
                            break
                        }
                        if same { return slot }
                    }
                    slot = (slot &+ 1) & mask
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
        let hash = RelationStore.hash(values)
        let slot = probe(values, hash: hash)
        let entry = slots[slot]
        if entry != 0 { return (Int(entry & 0xFFFF_FFFF) - 1, false) }
        let index = count
        data.append(contentsOf: values)
        count += 1
        origins.append(origin)
        slots[slot] = (hash >> 32) << 32 | UInt64(index + 1)
        if count * 2 > slots.count { growSlots(to: slots.count * 2) }
        for k in indexes.indices { indexes[k].add(index, data: data, arity: arity) }
        return (index, true)
    }

    /// Adds the tuples of `values` (`arity` ids each), skipping those present.
    package mutating func insert(all values: [Int32], origin: Int32) {
        guard arity > 0 else { return }
        let tuples = values.count / arity
        var size = slots.count
        while (count + tuples) * 2 > size { size *= 2 }
        if size > slots.count { growSlots(to: size) }
        data.reserveCapacity(data.count + values.count)
        origins.reserveCapacity(count + tuples)
        values.withUnsafeBufferPointer { buffer in
            for tuple in 0..<tuples {
                insert(UnsafeBufferPointer(rebasing: buffer[(tuple * arity)..<((tuple + 1) * arity)]), origin: origin)
            }
        }
    }

    private mutating func growSlots(to size: Int) {
        var grown = HashTable.zeroed(size)
        let mask = size - 1
        data.withUnsafeBufferPointer { data in
            for index in 0..<count {
                let hash = RelationStore.hash(UnsafeBufferPointer(rebasing: data[(index * arity)..<((index + 1) * arity)]))
                var slot = Int(truncatingIfNeeded: hash) & mask
                while grown[slot] != 0 { slot = (slot &+ 1) & mask }
                grown[slot] = (hash >> 32) << 32 | UInt64(index + 1)
            }
        }
        slots = grown
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
    /// The newest tuple of each key: the key's hash's high half beside
    /// `tuple + 1` (0: empty slot).
    private var heads = [UInt64](repeating: 0, count: 16)
    /// Per tuple: the next older tuple with the same key, or -1.
    package private(set) var next: [Int32] = []
    private var keys = 0

    init(columns: [Int]) {
        self.columns = columns
    }

    /// The number of distinct keys (the join planner's estimate of selectivity).
    package var keyCount: Int { keys }

    @inline(__always)
    private func hash(tuple: Int, data: UnsafeBufferPointer<Int32>, arity: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let base = tuple &* arity
        for column in columns {
            h = (h ^ UInt64(UInt32(bitPattern: data[base &+ column]))) &* 0x100_0000_01b3
        }
        return Mix.finish(h)
    }

    mutating func add(_ tuple: Int, data: [Int32], arity: Int) {
        next.append(-1)
        data.withUnsafeBufferPointer { data in
            let hash = hash(tuple: tuple, data: data, arity: arity)
            let fingerprint = hash >> 32
            let mask = heads.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = heads[slot]
                if entry == 0 {
                    heads[slot] = fingerprint << 32 | UInt64(tuple + 1)
                    keys += 1
                    if keys * 2 > heads.count { rehash(data: data, arity: arity) }
                    return
                }
                if entry >> 32 == fingerprint {
                    let head = Int(entry & 0xFFFF_FFFF) - 1
                    var same = true
                    for column in columns where data[head &* arity &+ column] != data[tuple &* arity &+ column] {
                        same = false
                        break
                    }
                    if same {
                        next[tuple] = Int32(head)
                        heads[slot] = fingerprint << 32 | UInt64(tuple + 1)
                        return
                    }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    private mutating func rehash(data: UnsafeBufferPointer<Int32>, arity: Int) {
        var grown = HashTable.zeroed(heads.count * 2)
        let mask = grown.count - 1
        for entry in heads where entry != 0 {
            let hash = hash(tuple: Int(entry & 0xFFFF_FFFF) - 1, data: data, arity: arity)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot &+ 1) & mask }
            grown[slot] = entry
        }
        heads = grown
    }

    func first(key: UnsafeBufferPointer<Int32>, data: [Int32], arity: Int) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in key {
            h = (h ^ UInt64(UInt32(bitPattern: value))) &* 0x100_0000_01b3
        }
        let hash = Mix.finish(h)
        let fingerprint = hash >> 32
        return heads.withUnsafeBufferPointer { heads in
            data.withUnsafeBufferPointer { data in
                let mask = heads.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = heads[slot]
                    if entry == 0 { return -1 }
                    if entry >> 32 == fingerprint {
                        let head = Int(entry & 0xFFFF_FFFF) - 1
                        let base = head &* arity
                        var same = true
                        var k = 0
                        for column in columns {
                            if data[base &+ column] != key[k] {
                                same = false
                                break
                            }
                            k &+= 1
                        }
                        if same { return Int32(head) }
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }
}
