import Semantics
import Syntax

/// Interns values to dense ids. Equal values have equal ids, so joins compare integers.
///
/// Values are found by their bytes (a kind byte, then the UTF-8 of a text or id,
/// or the eight bytes of an integer), so that a reader of fact files can intern
/// a field straight from its buffer; a `Value` is made from the bytes only when asked for.
package struct SymbolTable: Sendable {
    /// The number of each id that is one, for comparisons and arithmetic.
    package private(set) var numbers = Numbers()
    /// Each id's key bytes: `keys[starts[id]..<starts[id + 1]]`, a kind byte
    /// then the value's bytes. A `Value` is made from them when asked for.
    private var keys: [UInt8] = []
    private var starts: [Int] = [0]
    /// Each id's hash, so that growing the table reads no key.
    private var hashes: [UInt64] = []
    /// Open addressing over ids: the hash's high half beside `id + 1` (0: empty slot).
    private var slots = [UInt64](repeating: 0, count: 64)
    /// Values of more than `sharedValueBytes` bytes, made once: every finding,
    /// trace and message that asks for one shares its storage, instead of making
    /// a copy each (a 4 MB text in a thousand findings was 4 GB).
    private var large: [Int32: Value] = [:]
    private static let sharedValueBytes = 4_096

    package init() {}

    private enum Kind: UInt8 {
        case integer, text, id, quantity
    }

    /// Says how the units of quantities convert (the program's `unit` declarations).
    package mutating func useUnits(_ units: UnitTable) {
        numbers.useUnits(units)
    }

    package var count: Int { hashes.count }

    package func value(_ id: Int32) -> Value {
        let start = starts[Int(id)]
        let end = starts[Int(id) + 1]
        if end - start > SymbolTable.sharedValueBytes, let shared = large[id] { return shared }
        switch Kind(rawValue: keys[start]) {
        case .integer?:
            var number = 0
            withUnsafeMutableBytes(of: &number) { raw in
                for offset in raw.indices { raw[offset] = keys[start + 1 + offset] }
            }
            return .integer(number)
        case .text?:
            return .text(String(decoding: keys[(start + 1)..<end], as: UTF8.self))
        case .quantity?:
            guard let quantity = numbers.quantities[Int(id)] else { return .id("") }
            return .quantity(quantity.value, unit: numbers.unitNames[Int(quantity.unit)])
        case .id?, nil:
            return .id(String(decoding: keys[(start + 1)..<end], as: UTF8.self))
        }
    }

    package mutating func intern(_ value: Value) -> Int32 {
        switch value {
        case .integer(let number): return intern(integer: number)
        case .text(var string): return string.withUTF8 { intern(.text, $0, integer: nil) }
        case .id(var string): return string.withUTF8 { intern(.id, $0, integer: nil) }
        case .quantity(let value, let unit):
            let plain = value.normalized
            let key = Self.quantityKey(plain, unit)
            let id = key.withUnsafeBufferPointer { intern(.quantity, $0, integer: nil) }
            if numbers.quantities[Int(id)] == nil { numbers.setQuantity(id, plain, unit: unit) }
            return id
        }
    }

    /// Interns a number computed from interned ones: an integer, or a quantity
    /// in the unit numbered `unit` (see `Numbers`).
    package mutating func intern(computed number: Arithmetic.Number) -> Int32 {
        if number.isInteger { return intern(integer: number.value.units) }
        return intern(.number(number.value, unit: numbers.unitNames[Int(number.unit)]))
    }

    /// A quantity's key: its units (8 bytes), its scale, then its unit's UTF-8.
    private static func quantityKey(_ value: ExactDecimal, _ unit: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var units = value.units
        withUnsafeBytes(of: &units) { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(truncatingIfNeeded: value.scale))
        bytes.append(contentsOf: unit.utf8)
        return bytes
    }

    package func id(of value: Value) -> Int32? {
        switch value {
        case .integer(var number):
            return withUnsafeBytes(of: &number) { find(.integer, $0.bindMemory(to: UInt8.self)) }
        case .text(var string): return string.withUTF8 { find(.text, $0) }
        case .id(var string): return string.withUTF8 { find(.id, $0) }
        case .quantity(let value, let unit): return Self.quantityKey(value.normalized, unit).withUnsafeBufferPointer { find(.quantity, $0) }
        }
    }

    package mutating func intern(integer: Int) -> Int32 {
        var number = integer
        return withUnsafeBytes(of: &number) { bytes in
            intern(.integer, bytes.bindMemory(to: UInt8.self), integer: integer)
        }
    }

    /// The id of a text (`text: true`) or an id whose UTF-8 bytes are `utf8`.
    package mutating func intern(utf8: UnsafeBufferPointer<UInt8>, text: Bool) -> Int32 {
        intern(text ? .text : .id, utf8, integer: nil)
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

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, integer: Int?) -> Int32 {
        intern(kind, bytes, hash: SymbolTable.hash(kind, bytes), integer: integer)
    }

    private mutating func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, integer: Int?) -> Int32 {
        let found = slot(kind, bytes, hash: hash)
        let entry = slots[found]
        if entry != 0 { return Int32(HashSlots.number(entry)) }
        let id = hashes.count
        numbers.append(integer: integer)
        keys.append(kind.rawValue)
        keys.append(contentsOf: bytes)
        starts.append(keys.count)
        hashes.append(hash)
        slots[found] = HashSlots.entry(hash: hash, number: id)
        if bytes.count >= SymbolTable.sharedValueBytes {
            let text = String(decoding: bytes, as: UTF8.self)
            large[Int32(id)] = kind == .text ? .text(text) : .id(text)
        }
        if hashes.count * 2 > slots.count { grow() }
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

    /// Ids tried after a column's last (see `intern(fieldsOf:)`).
    static let lookahead = 4

    /// What `intern(fieldsOf:)` has seen of each column: the id of its last
    /// field, and how often one of the ids just after it was the next field's.
    package struct Prediction {
        var last: [Int]
        var tried: [Int]
        var guessed: [Int]

        package init(columns: Int) {
            last = Array(repeating: -2, count: columns)
            tried = Array(repeating: 0, count: columns)
            guessed = Array(repeating: 0, count: columns)
        }
    }

    /// Interns `count` fields of a buffer of lines: the texts, or ids
    /// (`text[column]`), at `starts[k]..<ends[k]`, writing the id of field k
    /// (of column `columnsOf[k]`) to `ids[positions[k]]`. Calls for the chunks
    /// of one file share a `prediction`.
    ///
    /// Two things keep a large file from waiting on memory once per field. In a
    /// column, the few ids after the previous field's are tried first (their keys
    /// lie next to that field's): files list values in the order they first appeared,
    /// so a file naming measures one after another in the order an earlier file
    /// introduced them finds each without the table. Other fields' slots are read
    /// sixteen at a time before they are used, so that a table larger than the
    /// cache costs one wait per sixteen fields rather than one each.
    package mutating func intern(
        fieldsOf buffer: UnsafeBufferPointer<UInt8>, starts fieldStarts: [Int32], ends fieldEnds: [Int32], positions: [Int32],
        columnsOf: [Int32], count: Int, text: [Bool], prediction: inout Prediction, into ids: inout [Int32]
    ) {
        let block = 16
        var blockHashes = [UInt64](repeating: 0, count: block)
        var blockIDs = [Int32](repeating: -1, count: block)
        var first = 0
        var sum: UInt64 = 0
        while first < count {
            let end = min(first + block, count)
            for k in first..<end {
                let bytes = UnsafeBufferPointer(rebasing: buffer[Int(fieldStarts[k])..<Int(fieldEnds[k])])
                let column = Int(columnsOf[k])
                let kind: Kind = text[column] ? .text : .id
                let next = prediction.last[column] + 1
                // A column whose guesses mostly fail stops guessing (its next ids lie anywhere).
                if next > 0 && next < hashes.count
                    && (prediction.tried[column] < 64 || prediction.guessed[column] * 2 >= prediction.tried[column])
                {
                    prediction.tried[column] += 1
                    // The next few ids: a file may skip some (the measures without an indicator).
                    if let found = (next..<min(next + SymbolTable.lookahead, hashes.count)).first(where: { matches($0, kind, bytes) }) {
                        prediction.guessed[column] += 1
                        blockIDs[k - first] = Int32(found)
                        prediction.last[column] = found
                        continue
                    }
                }
                blockIDs[k - first] = -1
                prediction.last[column] = -2
                blockHashes[k - first] = SymbolTable.hash(kind, bytes)
            }
            // The reads alone, in a loop of their own: all of them are under way at once.
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                for k in 0..<(end - first) where blockIDs[k] < 0 {
                    sum &+= slots[Int(truncatingIfNeeded: blockHashes[k]) & mask]
                }
            }
            for k in first..<end {
                var id = blockIDs[k - first]
                let column = Int(columnsOf[k])
                if id < 0 {
                    let bytes = UnsafeBufferPointer(rebasing: buffer[Int(fieldStarts[k])..<Int(fieldEnds[k])])
                    id = intern(text[column] ? .text : .id, bytes, hash: blockHashes[k - first], integer: nil)
                }
                ids[Int(positions[k])] = id
                prediction.last[column] = Int(id)
            }
            first = end
        }
        touched &+= sum
    }

    /// The sum of the slots read ahead, kept so that the reads are made.
    private var touched: UInt64 = 0
}
