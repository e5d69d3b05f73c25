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
        var h = Mix.seed ^ UInt64(kind.rawValue)
        for byte in bytes { h = Mix.add(h, UInt64(byte)) }
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
        return entry == 0 ? nil : Int32(HashSlots.number(entry))
    }

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ make: () -> Value) -> Int32 {
        intern(kind, bytes, hash: SymbolTable.hash(kind, bytes), make)
    }

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, _ make: () -> Value) -> Int32 {
        let found = slot(kind, bytes, hash: hash)
        let entry = slots[found]
        if entry != 0 { return Int32(HashSlots.number(entry)) }
        let id = values.count
        let value = make()
        values.append(value)
        if case .integer(let number) = value { integers.append(number) } else { integers.append(nil) }
        keys.append(kind.rawValue)
        keys.append(contentsOf: bytes)
        starts.append(keys.count)
        hashes.append(hash)
        slots[found] = HashSlots.entry(hash: hash, number: id)
        if values.count * 2 > slots.count { grow() }
        return Int32(id)
    }

    private mutating func grow() {
        var grown = HashTable.zeroed(slots.count * 2)
        grown.withUnsafeMutableBufferPointer { grown in
            for (id, hash) in hashes.enumerated() {
                HashSlots.place(HashSlots.entry(hash: hash, number: id), hash: hash, in: grown)
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
