// Engine: a checked program -> a model (every fact that follows), with the
// proof of each derived fact.
//
// Values are interned to dense 32-bit ids; relations are flat arrays of ids
// with a hash set for set semantics and hash indexes on the column sets that
// the join plans bind. Evaluation is bottom-up, stratum by stratum, semi-naive
// within a recursive stratum. The engine knows nothing of SDGs.
import Semantics

/// Interns values to dense ids. Equal values have equal ids, so joins compare integers.
///
/// Values are found by their bytes (a kind byte, then the UTF-8 of a text or id,
/// or the eight bytes of an integer), so that a reader of fact files can intern
/// a field straight from its buffer: a `Value` is made only for a value not seen before.
package struct SymbolTable: Sendable {
    package private(set) var values: [Value] = []
    /// The integer of each id (for ordering comparisons), or nil.
    package private(set) var integers: [Int?] = []
    /// Each id's key bytes: `keys[starts[id]..<starts[id + 1]]`.
    private var keys: [UInt8] = []
    private var starts: [Int] = [0]
    /// Each id's hash, so that growing the table reads no key.
    private var hashes: [UInt64] = []
    /// Open addressing over ids: the hash's high half beside `id + 1` (0: empty slot).
    private var slots = [UInt64](repeating: 0, count: 64)

    package init() {}

    private enum Kind: UInt8 {
        case integer, text, id
    }

    package var count: Int { values.count }

    package func value(_ id: Int32) -> Value { values[Int(id)] }

    package mutating func intern(_ value: Value) -> Int32 {
        switch value {
        case .integer(let number): return intern(integer: number)
        case .text(let string): return intern(string, kind: .text)
        case .id(let string): return intern(string, kind: .id)
        }
    }

    package func id(of value: Value) -> Int32? {
        switch value {
        case .integer(var number):
            return withUnsafeBytes(of: &number) { find(.integer, $0.bindMemory(to: UInt8.self)) }
        case .text(var string): return string.withUTF8 { find(.text, $0) }
        case .id(var string): return string.withUTF8 { find(.id, $0) }
        }
    }

    package mutating func intern(integer: Int) -> Int32 {
        var number = integer
        return withUnsafeBytes(of: &number) { bytes in
            intern(.integer, bytes.bindMemory(to: UInt8.self)) { .integer(integer) }
        }
    }

    /// The id of a text (`text: true`) or an id whose UTF-8 bytes are `utf8`.
    package mutating func intern(utf8: UnsafeBufferPointer<UInt8>, text: Bool) -> Int32 {
        intern(text ? .text : .id, utf8) {
            let string = String(decoding: utf8, as: UTF8.self)
            return text ? .text(string) : .id(string)
        }
    }

    private mutating func intern(_ string: String, kind: Kind) -> Int32 {
        var bytes = string
        return bytes.withUTF8 { utf8 in intern(kind, utf8) { kind == .text ? .text(string) : .id(string) } }
    }

    // MARK: The byte table

    @inline(__always)
    private static func hash(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind.rawValue)
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Mix.finish(h)
    }

    @inline(__always)
    private func matches(_ id: Int, _ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let end = starts[id + 1]
        guard end - start == bytes.count + 1, keys[start] == kind.rawValue else { return false }
        return keys.withUnsafeBufferPointer { stored in
            var offset = 0
            while offset < bytes.count {
                if stored[start + 1 + offset] != bytes[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// The slot holding this key, or the empty slot where it would go.
    @inline(__always)
    private func slot(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            HashSlots.probe(slots, hash: hash) { matches($0, kind, bytes) }
        }
    }

    private func find(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let entry = slots[slot(kind, bytes, hash: SymbolTable.hash(kind, bytes))]
        return entry == 0 ? nil : Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
    }

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ make: () -> Value) -> Int32 {
        intern(kind, bytes, hash: SymbolTable.hash(kind, bytes), make)
    }

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ make: () -> Value) -> Int32 {
        let found = slot(kind, bytes, hash: hash)
        let entry = slots[found]
        if entry != 0 { return Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }
        let id = values.count
        let value = make()
        values.append(value)
        if case .integer(let number) = value { integers.append(number) } else { integers.append(nil) }
        keys.append(kind.rawValue)
        keys.append(contentsOf: bytes)
        starts.append(keys.count)
        hashes.append(hash)
        slots[found] = (hash >> 32) << 32 | UInt64(id + 1)
        if values.count * 2 > slots.count { grow() }
        return Int32(id)
    }

    private mutating func grow() {
        var grown = HashTable.zeroed(slots.count * 2)
        let mask = grown.count - 1
        grown.withUnsafeMutableBufferPointer { grown in
            for (id, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while grown[slot] != 0 { slot = (slot &+ 1) & mask }
                grown[slot] = (hash >> 32) << 32 | UInt64(id + 1)
            }
        }
        slots = grown
    }

    /// Interns fields of a buffer (the texts, or ids, at `starts[k]..<ends[k]`)
    /// and writes the id of field k to `ids[positions[k]]`. The fields' slots are
    /// read sixteen at a time before they are used, so that a table larger than
    /// the cache costs one wait per sixteen fields rather than one each.
    package mutating func intern(
        fieldsOf buffer: UnsafeBufferPointer<UInt8>, starts fieldStarts: [Int32], ends fieldEnds: [Int32], text: [Bool],
        positions: [Int32], into ids: inout [Int32]
    ) {
        let block = 16
        var blockHashes = [UInt64](repeating: 0, count: block)
        var first = 0
        var sum: UInt64 = 0
        while first < fieldStarts.count {
            let end = min(first + block, fieldStarts.count)
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                for k in first..<end {
                    let bytes = UnsafeBufferPointer(rebasing: buffer[Int(fieldStarts[k])..<Int(fieldEnds[k])])
                    let hash = SymbolTable.hash(text[k] ? .text : .id, bytes)
                    blockHashes[k - first] = hash
                    sum &+= slots[Int(truncatingIfNeeded: hash) & mask]
                }
            }
            for k in first..<end {
                let bytes = UnsafeBufferPointer(rebasing: buffer[Int(fieldStarts[k])..<Int(fieldEnds[k])])
                let isText = text[k]
                ids[Int(positions[k])] = intern(isText ? .text : .id, bytes, hash: blockHashes[k - first]) {
                    let string = String(decoding: bytes, as: UTF8.self)
                    return isText ? .text(string) : .id(string)
                }
            }
            first = end
        }
        touched &+= sum
    }

    /// The sum of the slots read ahead, kept so that the reads are made.
    private var touched: UInt64 = 0
}

/// The last step of the engine's hashes: spreads every input bit over the
/// whole word (MurmurHash3's finaliser), so that the low bits pick a slot and
/// the high bits serve as a fingerprint.
enum Mix {
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
}

#if canImport(Glibc)
    import Glibc
#endif

/// The engine's open-addressing tables: each slot holds a hash's high half
/// beside `number + 1` (0: empty).
enum HashSlots {
    /// The slot of the entry `matches` accepts (tried only where the fingerprints
    /// agree), or the empty slot where such an entry would go.
    @inline(__always)
    static func probe(_ slots: UnsafeBufferPointer<UInt64>, hash: UInt64, matches: (Int) -> Bool) -> Int {
        let mask = slots.count - 1
        let fingerprint = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 || (entry >> 32 == fingerprint && matches(Int(entry & 0xFFFF_FFFF) - 1)) { return slot }
            slot = (slot &+ 1) & mask
        }
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
