#if canImport(Glibc)
    import Glibc
#endif

// The engine's hash tables (the relations' hash sets, their hash indexes and the
// symbol table) are open-addressing arrays of 64-bit slots: a slot holds the
// high half of the hash of what it points to, beside that thing's number + 1
// (0: an empty slot), so that a probe reads the thing only when the halves agree.

/// The engine's hash function: FNV-1a over 32-bit values or bytes, then
/// MurmurHash3's finaliser, which spreads every input bit over the whole word
/// so that the low bits pick a slot and the high bits serve as a fingerprint.
enum Mix {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func add(_ h: UInt64, _ value: UInt64) -> UInt64 {
        (h ^ value) &* 0x100_0000_01b3
    }

    @inline(__always)
    static func add(_ h: UInt64, _ value: Int32) -> UInt64 {
        add(h, UInt64(UInt32(bitPattern: value)))
    }

    @inline(__always)
    static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The hash of a tuple, or of an index key: its values in order.
    @inline(__always)
    static func hash(_ values: UnsafeBufferPointer<Int32>) -> UInt64 {
        var h = seed
        for value in values { h = add(h, value) }
        return finish(h)
    }
}

/// Slots of the engine's hash tables (see the top of this file).
enum HashSlots {
    /// The slot for thing `number` with this hash.
    @inline(__always)
    static func entry(hash: UInt64, number: Int) -> UInt64 {
        (hash >> 32) << 32 | UInt64(number + 1)
    }

    /// The number a slot holds, or -1 for an empty slot.
    @inline(__always)
    static func number(_ entry: UInt64) -> Int {
        Int(entry & 0xFFFF_FFFF) - 1
    }

    /// The slot of the entry `matches` accepts (tried only where the fingerprints
    /// agree), or the empty slot where such an entry would go.
    @inline(__always)
    static func probe(_ slots: UnsafeBufferPointer<UInt64>, hash: UInt64, matches: (Int) -> Bool) -> Int {
        let mask = slots.count - 1
        let fingerprint = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 || (entry >> 32 == fingerprint && matches(number(entry))) { return slot }
            slot = (slot &+ 1) & mask
        }
    }

    /// Puts `entry` in the first empty slot from its hash's (while a table is
    /// filled again, when every entry is known to be distinct).
    @inline(__always)
    static func place(_ entry: UInt64, hash: UInt64, in slots: UnsafeMutableBufferPointer<UInt64>) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = entry
    }
}

/// Zeroed hash tables. A large table is asked to be backed by huge pages
/// before it is touched: probes land anywhere in it, and with 4 KiB pages
/// most of them would also miss the TLB.
enum HashTable {
    static func zeroed(_ count: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
                let bytes = count * MemoryLayout<UInt64>.stride
                let huge = 2 << 20
                if bytes >= 2 * huge, let base = buffer.baseAddress {
                    let address = Int(bitPattern: base)
                    let start = (address + huge - 1) & ~(huge - 1)
                    let end = (address + bytes) & ~(huge - 1)
                    if end > start {
                        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
                    }
                }
            #endif
            if let base = buffer.baseAddress { base.initialize(repeating: 0, count: count) }
            initialized = count
        }
    }
}
