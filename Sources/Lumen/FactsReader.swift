import Diagnostics
import Engine
import Foundation
import Glibc
import Semantics
import Syntax

/// Reads Soufflé-style fact files (`DIR/<relation>.facts`: one tuple per line,
/// values separated by tabs, no header) into the relations a program declares.
///
/// Bytes are scanned in place, without splitting lines into strings; an integer
/// column is parsed, any other column becomes an id (a text column, a text).
enum FactsReader {
    static let errorLimit = 100

    static func read(directory: String, program: CheckedProgram, symbols: inout SymbolTable) -> (
        relations: [ExternalRelation], diagnostics: [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            let reason = !exists ? "no such directory" : isDirectory.boolValue ? "permission denied" : "not a directory"
            return (
                [],
                [
                    Diagnostic(
                        .unreadableFile, "cannot read `\(directory)`: \(reason)", at: nil,
                        help: "give `--facts` the directory that holds the `<relation>.facts` files", path: directory)
                ]
            )
        }
        // Three things go on at once: a thread reads the files and splits them a
        // piece at a time (at most eight pieces ahead), this one interns their
        // values in file order (so that ids do not depend on timing), and another
        // builds each file's relation.
        var files: [(relation: String, path: String, columns: [ValueType])] = []
        var unknown: [Int: [Diagnostic]] = [:]
        for name in names.sorted() where name.hasSuffix(".facts") {
            let relation = String(name.dropLast(".facts".count))
            let path = (directory as NSString).appendingPathComponent(name)
            guard let schema = program.relations[relation] else {
                let suggestion = EditDistance.suggestion(for: relation, among: program.relations.keys)
                // Reported where the file comes in name order: before the next known file's problems.
                unknown[files.count, default: []].append(
                    Diagnostic(
                        .invalidFactsFile, "`\(name)` names no relation of the program", at: nil,
                        help: suggestion.map { "did you mean `\($0).facts`?" } ?? "declare `relation \(relation)(...)`",
                        path: path))
                continue
            }
            files.append((relation, path, schema.columns))
        }
        let pieces = Pieces(ahead: 8)
        let toSplit = files
        DispatchQueue(label: "lumen.facts.split").async {
            for file in toSplit { splitFile(path: file.path, columns: file.columns, into: pieces) }
        }
        let built = BuiltRelations()
        let queue = DispatchQueue(label: "lumen.facts.build")
        for (index, file) in files.enumerated() {
            diagnostics += unknown[index] ?? []
            var values: [Int32] = []
            var readable = true
            while true {
                var piece = pieces.take()
                diagnostics += piece.diagnostics
                if piece.unreadable {
                    readable = false
                    break
                }
                piece.intern(columns: file.columns, symbols: &symbols)
                if values.isEmpty { values = piece.values } else { values += piece.values }
                if piece.last { break }
            }
            guard readable else { continue }
            let (relation, arity) = (file.relation, file.columns.count)
            let tuples = values
            queue.async { built.add(ExternalRelation(name: relation, arity: arity, values: tuples)) }
        }
        diagnostics += unknown[files.count] ?? []
        queue.sync {}
        return (built.relations, diagnostics)
    }

    /// Bytes of a file split at a time: a piece is interned while the next is split.
    static let pieceSize = 1 << 20

    /// Reads a file and splits it into lines and fields, a piece of about a
    /// megabyte (whole lines) at a time; or says why it could not be read.
    static func splitFile(path: String, columns: [ValueType], into pieces: Pieces) {
        guard let bytes = contents(of: path) else {
            pieces.put(SplitFile(unreadable: .unreadable(path, reason: "permission denied or not a regular file")))
            return
        }
        // Fields are placed by 32-bit offsets.
        guard bytes.count < Int(Int32.max) else {
            pieces.put(
                SplitFile(
                    unreadable: Diagnostic(
                        .invalidFactsFile, "`\((path as NSString).lastPathComponent)` is larger than 2 GiB", at: nil,
                        help: "`--facts` reads files of up to 2 GiB each", path: path)))
            return
        }
        var start = 0
        var line = 1
        var errors = 0
        repeat {
            // The piece ends after the first line feed at or past its size.
            var end = min(start + pieceSize, bytes.count)
            while end < bytes.count && bytes[end - 1] != 10 { end += 1 }
            let piece = SplitFile(bytes, range: start..<end, firstLine: line, errorsBefore: errors, columns: columns, path: path)
            line += piece.newlines
            errors += piece.errors
            start = end
            pieces.put(piece)
        } while start < bytes.count
    }

    /// The bytes of a regular file, read straight into an array (Foundation's
    /// reader copies them once more, and leaks a buffer on empty files).
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let read = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + offset, buffer.count - offset)
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { break }
            offset += read
        }
        return offset == bytes.count ? bytes : Array(bytes[..<offset])
    }
}

/// The lines of a piece of a facts file (see `FactsReader.splitFile`) split
/// into fields, before any value is interned:
/// one slot per field of every valid line (`columns` per line), holding where
/// the field starts in `bytes` (encoded as `-2 - offset`), or `sameAsAbove`
/// when it equals the same column's field on the line before (a measure's
/// several targets, a resolution's many measures). `intern` turns the slots
/// into ids. Nothing else is kept per field: a field's end is found again by
/// looking for its tab, and an integer is read again, when it is interned.
struct SplitFile: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var values: [Int32] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// True when the file could not be read at all.
    private(set) var unreadable = false
    /// True for the file's last piece.
    private(set) var last = true
    /// Line feeds in the piece, and errors found in it.
    private(set) var newlines = 0
    private(set) var errors = 0

    /// The slot of a field equal to the field above it.
    static let sameAsAbove: Int32 = -1

    init(unreadable problem: Diagnostic) {
        diagnostics = [problem]
        unreadable = true
    }

    /// The lines of `bytes[range]` (whole lines; the last piece of a file ends
    /// at its end), the first being line `firstLine` of the file, after
    /// `errorsBefore` errors in the file's pieces before.
    init(_ bytes: [UInt8], range: Range<Int>, firstLine: Int, errorsBefore: Int, columns: [ValueType], path: String) {
        self.bytes = bytes
        last = range.upperBound == bytes.count
        let arity = columns.count
        let numeric = columns.map(SplitFile.fieldKind)
        newlines = bytes.withUnsafeBufferPointer { buffer in
            var newlines = 0
            for byte in UnsafeBufferPointer(rebasing: buffer[range]) { newlines &+= byte == 10 ? 1 : 0 }
            return newlines
        }
        values = [Int32](repeating: 0, count: (newlines + 1) * arity)
        var count = 0
        var errors = 0
        var problems: [Diagnostic] = []
        let layout = "one tuple per line: \(arity) value\(arity == 1 ? "" : "s") separated by tabs ("
            + columns.map(\.rawValue).joined(separator: ", ") + ")"
        func report(_ message: String, line: Int, column: Int) {
            errors += 1
            guard errorsBefore + errors <= FactsReader.errorLimit else { return }
            problems.append(Diagnostic(.invalidFactsFile, message, at: nil, help: layout, path: "\(path):\(line):\(column)"))
        }
        // Per column: the previous valid line's field, to spot repeats (-1: none).
        var previousStart = [Int](repeating: -1, count: arity)
        var previousEnd = [Int](repeating: -1, count: arity)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            values.withUnsafeMutableBufferPointer { values in
                var line = firstLine
                var start = range.lowerBound
                let size = range.upperBound
                while start < size {
                    let end = SplitFile.find(10, in: base, from: start, to: size)
                    var stop = end
                    if stop > start && buffer[stop - 1] == 13 { stop -= 1 }
                    if stop > start {
                        let line = Line(start: start, stop: stop, number: line)
                        if let next = SplitFile.split(
                            line, base: base, size: size, numeric: numeric, into: values, at: count, previousStart: &previousStart,
                            previousEnd: &previousEnd, report: report)
                        {
                            count = next
                        } else {
                            // The next line has no line above to repeat.
                            for column in 0..<arity { previousStart[column] = -1 }
                        }
                    }
                    start = end + 1
                    line += 1
                }
            }
        }
        values.removeSubrange(count...)
        self.errors = errors
        if last && errorsBefore + errors > FactsReader.errorLimit {
            problems.append(
                Diagnostic(
                    .tooManyErrors,
                    "too many errors; \(errorsBefore + errors - FactsReader.errorLimit) more in this file not shown", at: nil,
                    path: path))
        }
        diagnostics = problems
    }

    /// A line of a piece: its bytes `start..<stop` (without the line break) and its number.
    struct Line {
        let start: Int
        let stop: Int
        let number: Int
    }

    /// Puts the slots of one line's fields into `values` from `count` (see the
    /// type's comment) and returns the count after them; nil, after reporting
    /// why, when the line is invalid (a field that should be an integer is
    /// not, or the number of fields is not the relation's arity).
    @inline(__always)
    private static func split(
        _ line: Line, base: UnsafePointer<UInt8>, size: Int, numeric: [FieldKind], into values: UnsafeMutableBufferPointer<Int32>,
        at count: Int, previousStart: inout [Int], previousEnd: inout [Int], report: (String, Int, Int) -> Void
    ) -> Int? {
        let arity = numeric.count
        let buffer = UnsafeBufferPointer(start: base, count: size)
        var count = count
        var fieldStart = line.start
        var column = 0
        while true {
            let fieldEnd = min(fieldEnd(in: base, from: fieldStart, size: size), line.stop)
            if column < arity {
                if numeric[column] == .integer && integer(buffer, fieldStart, fieldEnd) == nil {
                    let found = String(decoding: buffer[fieldStart..<fieldEnd], as: UTF8.self)
                    report("expected an integer in column \(column + 1), found `\(found)`", line.number, fieldStart - line.start + 1)
                    return nil
                }
                if numeric[column] == .quantity && quantity(buffer, fieldStart, fieldEnd) == nil {
                    let found = String(decoding: buffer[fieldStart..<fieldEnd], as: UTF8.self)
                    report(
                        "expected a number and its unit in column \(column + 1) (`12.5 kt-co2e`), found `\(found)`", line.number,
                        fieldStart - line.start + 1)
                    return nil
                }
                let length = fieldEnd - fieldStart
                let previous = previousStart[column]
                if previous >= 0 && previousEnd[column] - previous == length && memcmp(base + previous, base + fieldStart, length) == 0 {
                    values[count] = sameAsAbove
                } else {
                    values[count] = -2 - Int32(fieldStart)
                }
                previousStart[column] = fieldStart
                previousEnd[column] = fieldEnd
                count += 1
            }
            column += 1
            if fieldEnd >= line.stop { break }
            fieldStart = fieldEnd + 1
        }
        guard column == arity else {
            report("line has \(column) value\(column == 1 ? "" : "s"), the relation has \(arity) column\(arity == 1 ? "" : "s")", line.number, 1)
            return nil
        }
        return count
    }

    /// The offset of the first tab or line feed at or after `start`, or `size`:
    /// eight bytes at a time, a field being a few bytes long.
    @inline(__always)
    static func fieldEnd(in base: UnsafePointer<UInt8>, from start: Int, size: Int) -> Int {
        var end = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while end &+ 8 <= size {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            let tabs = word ^ (ones &* 9)
            let feeds = word ^ (ones &* 10)
            // A byte of the word equal to 9 or 10 becomes 0; the lowest flagged byte is the first such.
            let found = ((tabs &- ones) & ~tabs | (feeds &- ones) & ~feeds) & highs
            if found != 0 { return end &+ found.trailingZeroBitCount >> 3 }
            end &+= 8
        }
        while end < size && base[end] != 9 && base[end] != 10 { end &+= 1 }
        return end
    }

    /// The offset of the first `byte` in `start..<end`, or `end`.
    @inline(__always)
    private static func find(_ byte: Int32, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let found = memchr(base + start, byte, end - start) else { return end }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// How a column's fields are read: as ids or texts, as integers, as quantities.
    enum FieldKind {
        case other, integer, quantity
    }

    static func fieldKind(_ type: ValueType) -> FieldKind {
        switch type {
        case .integer, .goal: .integer
        case .quantity: .quantity
        default: .other
        }
    }

    /// A quantity field: an exact decimal, then a space and its unit if it has one (`12.5 kt-co2e`).
    static func quantity(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Value? {
        let field = String(decoding: buffer[start..<end], as: UTF8.self)
        let parts = field.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = parts.first, let value = ExactDecimal(String(first)) else { return nil }
        let unit = parts.count > 1 ? String(parts[1]) : ""
        guard unit.isEmpty || Lexer.isIdentifier(unit) else { return nil }
        return .number(value, unit: unit)
    }

    /// An integer field: an optional sign and at most 18 digits.
    @inline(__always)
    private static func integer(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        var negative = false
        if index < end && (buffer[index] == 45 || buffer[index] == 43) {
            negative = buffer[index] == 45
            index += 1
        }
        guard index < end, end - index <= 18 else { return nil }
        var number = 0
        while index < end {
            let digit = Int(buffer[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            number = number * 10 + digit
            index += 1
        }
        return negative ? -number : number
    }

    /// Turns every slot into an id, in order: integers as read, other fields
    /// a few thousand at a time (see `SymbolTable.intern(fieldsOf:)`), then
    /// the repeats of each chunk (a repeat's field above is an id by then).
    mutating func intern(columns: [ValueType], symbols: inout SymbolTable) {
        let arity = columns.count
        guard arity > 0 else { return }
        let chunk = 4096
        var starts = [Int32](repeating: 0, count: chunk)
        var ends = [Int32](repeating: 0, count: chunk)
        var positions = [Int32](repeating: 0, count: chunk)
        var columnsOf = [Int32](repeating: 0, count: chunk)
        var prediction = SymbolTable.Prediction(columns: arity)
        let text = columns.map { $0 == .text }
        let numeric = columns.map(SplitFile.fieldKind)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var first = 0
            while first < values.count {
                let last = min(first + chunk, values.count)
                var fields = 0
                var column = first % arity
                for position in first..<last {
                    defer { column = column + 1 == arity ? 0 : column + 1 }
                    let slot = values[position]
                    guard slot <= -2 else { continue }
                    let start = Int(-2 - slot)
                    // The field ends at a tab, or at the end of its line (less a carriage return).
                    var end = SplitFile.fieldEnd(in: base, from: start, size: buffer.count)
                    if (end == buffer.count || buffer[end] == 10) && end > start && buffer[end - 1] == 13 { end -= 1 }
                    if numeric[column] == .integer {
                        values[position] = symbols.intern(integer: SplitFile.integer(buffer, start, end) ?? 0)
                    } else if numeric[column] == .quantity {
                        values[position] = symbols.intern(SplitFile.quantity(buffer, start, end) ?? .number(ExactDecimal(0), unit: ""))
                    } else {
                        starts[fields] = Int32(start)
                        ends[fields] = Int32(end)
                        positions[fields] = Int32(position)
                        columnsOf[fields] = Int32(column)
                        fields += 1
                    }
                }
                symbols.intern(
                    fieldsOf: buffer, starts: starts, ends: ends, positions: positions, columnsOf: columnsOf, count: fields,
                    text: text, prediction: &prediction, into: &values)
                for position in first..<last where values[position] == SplitFile.sameAsAbove {
                    values[position] = values[position - arity]
                }
                first = last
            }
        }
        bytes = []
    }
}

/// Pieces of files split on one thread and taken in order on another, at
/// most `ahead` of them split and not yet taken.
final class Pieces: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [SplitFile?] = []
    private var first = 0
    private let available = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore

    init(ahead: Int) {
        // Made at 0 and raised: libdispatch traps when a semaphore is freed below its initial value.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<ahead { room.signal() }
    }

    func put(_ piece: SplitFile) {
        room.wait()
        lock.lock()
        pieces.append(piece)
        lock.unlock()
        available.signal()
    }

    func take() -> SplitFile {
        available.wait()
        lock.lock()
        let piece = pieces[first] ?? SplitFile(unreadable: Diagnostic(.invalidFactsFile, "no piece", at: nil))
        // Taken: its memory goes with the reader.
        pieces[first] = nil
        first += 1
        lock.unlock()
        room.signal()
        return piece
    }
}

/// Relations built off the reading thread, in the order their files were read.
private final class BuiltRelations: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [ExternalRelation] = []

    func add(_ relation: ExternalRelation) {
        lock.lock()
        built.append(relation)
        lock.unlock()
    }

    var relations: [ExternalRelation] {
        lock.lock()
        defer { lock.unlock() }
        return built
    }
}
