import Testing

@testable import Engine
@testable import Semantics

/// The relation store without its hash set (tuples grouped by their first
/// value) and the symbol table's batched interning, against plain references.
@Suite struct StoreTests {
    /// A small deterministic generator (xorshift), so that failures repeat.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }

        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    /// Tuples in the shapes inserts take: grouped by first value (a file of
    /// measures), with repeats inside a group, a group opened again later, a
    /// group larger than `groupLimit`, or no order at all.
    static func batches(_ random: inout Random, arity: Int) -> [[Int32]] {
        var batches: [[Int32]] = []
        var first: Int32 = 0
        for _ in 0..<(1 + random.next(4)) {
            var batch: [Int32] = []
            for _ in 0..<random.next(60) {
                switch random.next(10) {
                case 0: first = Int32(random.next(Int(first) + 1))  // an earlier group again
                case 1, 2, 3: first += Int32(1 + random.next(3))
                default: break  // the same group
                }
                batch.append(first)
                for _ in 1..<arity { batch.append(Int32(random.next(random.next(10) == 0 ? 200 : 4))) }
            }
            batches.append(batch)
        }
        return batches
    }

    @Test func groupedInsertsAddWhatASetAdds() {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        var sawGroupedToTheEnd = 0
        var sawSetBuilt = 0
        for round in 0..<400 {
            let arity = 1 + round % 3
            var store = RelationStore(arity: arity)
            var reference: [[Int32]: Int] = [:]
            var order: [[Int32]] = []
            for batch in Self.batches(&random, arity: arity) {
                let origin = Int32(order.count)
                let added = batch.withUnsafeBufferPointer { store.insert(batch: $0, originStart: origin, originStep: 1) }
                var expected: [Bool] = []
                for start in stride(from: 0, to: batch.count, by: arity) {
                    let tuple = Array(batch[start..<(start + arity)])
                    let new = reference[tuple] == nil
                    if new {
                        reference[tuple] = order.count
                        order.append(tuple)
                    }
                    expected.append(new)
                }
                #expect(added == expected, "round \(round)")
            }
            #expect(store.count == order.count)
            for (number, tuple) in order.enumerated() {
                #expect(store.tuple(number) == tuple)
                #expect(store.origins[number] == Int32(number))
                #expect(store.find(tuple) == number)
            }
            #expect(store.find([Int32](repeating: 999, count: arity)) == nil)
            // Single inserts agree as well, grouped or not.
            let again = order.last ?? [Int32](repeating: 0, count: arity)
            #expect(store.insert(again, origin: 0).inserted == order.isEmpty)
            if store.grouped { sawGroupedToTheEnd += 1 } else if store.hasSet { sawSetBuilt += 1 }
            store.ensureSet()
            for (number, tuple) in order.enumerated() { #expect(store.find(tuple) == number) }
        }
        // Both ways were taken.
        #expect(sawGroupedToTheEnd > 40)
        #expect(sawSetBuilt > 40)
    }

    @Test func aRelationGroupedByItsFirstValueNeedsNoHashSet() {
        var store = RelationStore(arity: 2)
        let tuples: [Int32] = [1, 7, 1, 8, 1, 7, 2, 7, 5, 1, 5, 1, 9, 9]
        let added = tuples.withUnsafeBufferPointer { store.insert(batch: $0, originStart: 0, originStep: 1) }
        #expect(added == [true, true, false, true, true, false, true])
        #expect(store.grouped && !store.hasSet)
        #expect(store.data == [1, 7, 1, 8, 2, 7, 5, 1, 9, 9])
        // A tuple of a closed group cannot be told without the set: it is built.
        #expect(store.insert([1, 8], origin: 0) == (1, false))
        #expect(!store.grouped && store.hasSet)
        #expect(store.insert([1, 9], origin: 0) == (5, true))
    }

    @Test func tuplesAppendedToAnEmptyRelationWithAHashSetAreFound() {
        // A reporting rule's relation gets its hash set before anything is derived;
        // distinct tuples appended to it must not be left out of that set.
        var store = RelationStore(arity: 2)
        store.ensureSet()
        let tuples: [Int32] = [1, 2, 3, 4]
        tuples.withUnsafeBufferPointer { store.append(distinct: $0, originStart: 0, originStep: 1) }
        #expect(store.find([3, 4]) == 1)
        #expect(store.insert([1, 2], origin: 9) == (0, false))
        #expect(store.count == 2)
    }

    @Test func aGroupPastTheLimitGoesToTheHashSet() {
        var store = RelationStore(arity: 2)
        let size = RelationStore.groupLimit + 5
        let tuples: [Int32] = (0..<size).flatMap { [Int32(3), Int32($0)] } + [3, 0, 3, Int32(size - 1)]
        let added = tuples.withUnsafeBufferPointer { store.insert(batch: $0, originStart: 0, originStep: 1) }
        #expect(added == Array(repeating: true, count: size) + [false, false])
        #expect(store.hasSet && store.count == size)
    }

    @Test func sortedIndexesFindWhatAFilterFinds() {
        var random = Random(state: 7)
        var checked = 0
        for round in 0..<300 {
            let arity = 2 + round % 3
            let count = random.next(round % 10 == 0 ? 3000 : 80)
            // Values few or spread out, the first column mostly in order (as files list them).
            let spread = [3, 40, 100_000][random.next(3)]
            var data: [Int32] = []
            for tuple in 0..<count {
                data.append(Int32(tuple / (1 + random.next(4)) % 200))
                for _ in 1..<arity { data.append(Int32(random.next(spread))) }
            }
            let columns = Array((0..<arity).shuffled(using: &random).prefix(1 + random.next(arity)))
            // A first column of values too spread out for direct offsets gets no sorted index.
            let largest = (0..<count).map { data[$0 * arity + columns[0]] }.max() ?? -1
            guard let index = SortedIndex(columns: columns, data: data, arity: arity, count: count) else {
                #expect(Int(largest) >= 4 * count + 65_536, "no index on \(columns)")
                continue
            }
            let keyOf = { (tuple: Int) in columns.map { data[tuple * arity + $0] } }
            #expect(index.keyCount == Set((0..<count).map(keyOf)).count)
            for probe in 0..<20 {
                let key = probe < 10 && count > 0 ? keyOf(random.next(count)) : columns.map { _ in Int32(random.next(spread)) }
                let expected = (0..<count).filter { keyOf($0) == key }.map { Int32($0) }
                let found = key.withUnsafeBufferPointer { index.range(key: $0, data: data, arity: arity) }.map { index.rows[$0] }
                #expect(found == expected, "columns \(columns), key \(key)")
                checked += 1
            }
            var store = RelationStore(arity: arity)
            data.withUnsafeBufferPointer { _ = store.insert(batch: $0, originStart: 0, originStep: 0) }
            let column = columns[0]
            #expect(store.distinctValues(ofColumn: column) == Set((0..<store.count).map { store.value($0, column) }).count)
        }
        #expect(checked > 3000)
    }

    @Test func aLargeIndexBuiltOnBothCoresIsTheOneOrderOfItsKeys() {
        // Past `parallelMinimum` rows each core places and sorts half: the rows must be
        // exactly the tuples ordered by key, then by number, as on one core.
        var random = Random(state: 5)
        let count = SortedIndex.parallelMinimum + 1_000
        var data: [Int32] = []
        for tuple in 0..<count {
            data.append(Int32(tuple / 3 % 40_000))
            data.append(Int32(random.next(50)))
            data.append(Int32(random.next(7)))
        }
        for columns in [[0], [0, 1], [1, 0, 2]] {
            guard let index = SortedIndex(columns: columns, data: data, arity: 3, count: count) else {
                Issue.record("no index on \(columns)")
                continue
            }
            let expected = (0..<count).sorted { a, b in
                for column in columns where data[a * 3 + column] != data[b * 3 + column] {
                    return data[a * 3 + column] < data[b * 3 + column]
                }
                return a < b
            }
            #expect(index.rows == expected.map { Int32($0) }, "columns \(columns)")
            let keys = Set((0..<count).map { tuple in columns.map { data[tuple * 3 + $0] } })
            #expect(index.keyCount == keys.count)
            let key = columns.map { data[12_345 * 3 + $0] }
            let found = key.withUnsafeBufferPointer { index.range(key: $0, data: data, arity: 3) }.map { index.rows[$0] }
            #expect(found == (0..<count).filter { tuple in columns.map { data[tuple * 3 + $0] } == key }.map { Int32($0) })
        }
    }

    @Test func derivationsKeptByRunsAreFoundByNumber() {
        var random = Random(state: 99)
        var derivations = Derivations()
        var expected: [(rule: Int, premises: [Int32])] = []
        for _ in 0..<200 {
            let rule = random.next(4)
            let width = rule % 3
            let count = random.next(5)
            let premises = (0..<(count * width)).map { _ in Int32(random.next(1000)) }
            premises.withUnsafeBufferPointer {
                derivations.append(rule: Int32(rule), width: width, derivations: count, premises: $0)
            }
            for n in 0..<count { expected.append((rule, Array(premises[(n * width)..<((n + 1) * width)]))) }
        }
        #expect(derivations.count == expected.count)
        for (number, derivation) in expected.enumerated() {
            let found = derivations.derivation(number)
            #expect(found?.rule == derivation.rule)
            #expect(found.map { Array(derivations.premises[$0.premises]) } == derivation.premises)
        }
        #expect(derivations.derivation(expected.count) == nil)
        #expect(derivations.derivation(-1) == nil)
    }

    @Test func batchedInterningGivesTheIdsOfPlainInterning() {
        // Fields of a "file" of three columns (id, text, id): measures in the order an
        // earlier file introduced them, with gaps; a text column of repeated words; a
        // column of values with no order. Ids must be those that one-by-one interning gives.
        var random = Random(state: 42)
        var plain = SymbolTable()
        var batched = SymbolTable()
        for table in [0, 1] {
            for number in 0..<300 {
                let name = "m\(number)"
                _ = table == 0 ? plain.intern(.id(name)) : batched.intern(.id(name))
            }
        }
        var text: [UInt8] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        var expected: [Value] = []
        var measure = 0
        for _ in 0..<2000 {
            measure += random.next(10) == 0 ? 2 : 1
            let fields: [Value] = [
                .id("m\(measure % 400)"), .text(["m\(measure % 400 + 1)", "m1", "x"][random.next(3)]),
                .id("v\(random.next(500))"),
            ]
            for field in fields {
                let bytes: [UInt8]
                switch field {
                case .id(let name), .text(let name): bytes = Array(name.utf8)
                case .integer, .quantity: bytes = []
                }
                starts.append(Int32(text.count))
                text += bytes
                ends.append(Int32(text.count))
                text.append(9)
                expected.append(field)
            }
        }
        var ids = [Int32](repeating: -1, count: expected.count)
        var prediction = SymbolTable.Prediction(columns: 3)
        let chunk = 700
        text.withUnsafeBufferPointer { buffer in
            for first in stride(from: 0, to: expected.count, by: chunk) {
                let last = min(first + chunk, expected.count)
                batched.intern(
                    fieldsOf: buffer, starts: Array(starts[first..<last]), ends: Array(ends[first..<last]),
                    positions: (first..<last).map { Int32($0) }, columnsOf: (first..<last).map { Int32($0 % 3) }, count: last - first,
                    text: [false, true, false],
                    prediction: &prediction, into: &ids)
            }
        }
        let plainIDs = expected.map { plain.intern($0) }
        #expect(ids == plainIDs)
        #expect(batched.count == plain.count)
        for (id, value) in zip(ids, expected) {
            #expect(batched.value(id) == value)
            #expect(batched.id(of: value) == id)
        }
        // A text and an id of the same spelling are two values.
        #expect(batched.id(of: .text("m5")) != batched.id(of: .id("m5")))
        let integer = batched.intern(integer: -7)
        #expect(batched.value(integer) == .integer(-7))
    }
}

/// Derivations keep their premises where findings need them; elsewhere a proof
/// finds them again, as a valid derivation that ends.
@Suite struct RebuiltProofTests {
    static let program = """
        relation edge(integer, integer)
        relation path(integer, integer)
        relation flagged(resolution, integer)
        relation side(integer)
        resolution r "R" {
        }
        edge(1, 2). edge(2, 3). edge(3, 1). edge(3, 4).
        path(A, B) :- edge(A, B).
        path(A, C) :- path(A, B), edge(B, C).
        flagged(r, A) :- path(A, A).
        side(A) :- path(A, B), edge(B, 4).

        """

    @Test func onlyTheRelationsFindingsReadKeepTheirPremises() {
        let model = evaluate(Self.program + "rule looped warning \"{R}: {A} reaches itself\" when flagged(R, A) at R\n")
        let kept = model.rules.filter { model.layouts[$0.number].keepsPremises }.map { model.relationNames[$0.head] }
        #expect(Set(kept) == ["path", "flagged", "rule:looped"])
        #expect(model.rules.filter { !model.layouts[$0.number].keepsPremises }.map { model.relationNames[$0.head] } == ["side"])
        // A tuple whose premises were not kept still has a valid proof.
        for tuple in model.tuples("side") {
            let proof = model.proof("side", tuple, maxDepth: 50)
            #expect(proof.map { ProofChecker(model: model).verify($0) } == true)
            #expect(proof?.premises.map(\.relation) == ["path", "edge"])
        }
        #expect(model.tuples("side").count == 3)
    }

    @Test func aRebuiltProofOfARecursiveTupleGoesDownToFacts() {
        // Without reporting rules nothing keeps its premises; `path(1, 1)` has matches
        // through itself (path(1, 1) from path(1, 3) from path(1, 2) ...), and its proof
        // must take the earlier ones only.
        let model = evaluate(Self.program)
        #expect(model.layouts.allSatisfy { !$0.keepsPremises })
        for tuple in model.tuples("path") {
            guard let proof = model.proof("path", tuple, maxDepth: 50) else {
                Issue.record("no proof of path\(tuple)")
                continue
            }
            #expect(ProofChecker(model: model).verify(proof))
            #expect(Self.depth(proof) <= 5, "path\(tuple)")
        }
        let loop = model.proof("path", [.integer(1), .integer(1)], maxDepth: 50)
        #expect(loop?.premises.map(\.values) == [[.integer(1), .integer(3)], [.integer(3), .integer(1)]])
    }

    static func depth(_ proof: ProofTree) -> Int {
        1 + (proof.premises.map(depth).max() ?? 0)
    }
}

/// The one-number encoding of a tuple's origin, both ways.
@Suite struct TupleOriginTests {
    @Test(arguments: [TupleOrigin.derivation(0), .derivation(41), .fact(0), .fact(7), .external, .unrecorded])
    func everyOriginSurvivesItsNumber(origin: TupleOrigin) {
        #expect(TupleOrigin(origin.raw) == origin)
    }

    @Test func theNumbersAreTheStoresConventions() {
        #expect(TupleOrigin.derivation(41).raw == 41)
        #expect(TupleOrigin.fact(0).raw == -1)
        #expect(TupleOrigin.fact(7).raw == -8)
        #expect(TupleOrigin(Int32.min) == .external)
        #expect(TupleOrigin(Int32.min + 1) == .unrecorded)
    }
}
