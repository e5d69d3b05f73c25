// Engine: a checked program -> a model (every fact that follows), with the
// proof of each derived fact.
//
// Values are interned to dense 32-bit ids; relations are flat arrays of ids
// with a hash set for set semantics and hash indexes on the column sets that
// the join plans bind. Evaluation is bottom-up, stratum by stratum, semi-naive
// within a recursive stratum. The engine knows nothing of SDGs.
import Semantics

/// Interns values to dense ids. Equal values have equal ids, so joins compare integers.
package struct SymbolTable: Sendable {
    package private(set) var values: [Value] = []
    /// The integer of each id (for ordering comparisons), or nil.
    package private(set) var integers: [Int?] = []
    private var ids: [Value: Int32] = [:]

    package init() {}

    package mutating func intern(_ value: Value) -> Int32 {
        if let id = ids[value] { return id }
        let id = Int32(values.count)
        values.append(value)
        if case .integer(let number) = value { integers.append(number) } else { integers.append(nil) }
        ids[value] = id
        return id
    }

    package func id(of value: Value) -> Int32? { ids[value] }

    package func value(_ id: Int32) -> Value { values[Int(id)] }

    package var count: Int { values.count }
}
