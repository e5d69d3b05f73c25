import Diagnostics
import Engine
import Foundation
import Glibc
import Semantics

/// Reads Soufflé-style fact files (`DIR/<relation>.facts`: one tuple per line,
/// values separated by tabs, no header) into the relations a program declares.
///
/// Bytes are scanned once, without splitting lines into strings; an integer
/// column is parsed in place, any other column becomes an id (a text column, a text).
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
        // Each file's relation is built (its hash set filled) on another thread
        // while the next file is read and its values interned.
        let built = BuiltRelations()
        let queue = DispatchQueue(label: "lumen.facts")
        for name in names.sorted() where name.hasSuffix(".facts") {
            let relation = String(name.dropLast(".facts".count))
            let path = (directory as NSString).appendingPathComponent(name)
            guard let schema = program.relations[relation] else {
                let suggestion = EditDistance.suggestion(for: relation, among: program.relations.keys)
                diagnostics.append(
                    Diagnostic(
                        .invalidFactsFile, "`\(name)` names no relation of the program", at: nil,
                        help: suggestion.map { "did you mean `\($0).facts`?" } ?? "declare `relation \(relation)(...)`", path: path))
                continue
            }
            guard let bytes = contents(of: path) else {
                diagnostics.append(.unreadable(path, reason: "permission denied or not a regular file"))
                continue
            }
            // Fields are placed by 32-bit offsets.
            guard bytes.count < Int(Int32.max) else {
                diagnostics.append(
                    Diagnostic(
                        .invalidFactsFile, "`\(name)` is larger than 2 GiB", at: nil,
                        help: "`--facts` reads files of up to 2 GiB each", path: path))
                continue
            }
            let (values, problems) = parse(bytes, columns: schema.columns, path: path, symbols: &symbols)
            diagnostics += problems
            let arity = schema.arity
            queue.async { built.add(ExternalRelation(name: relation, arity: arity, values: values)) }
        }
        queue.sync {}
        return (built.relations, diagnostics)
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

    /// The ids of the values of every line, `columns.count` per line.
    static func parse(_ bytes: [UInt8], columns: [ValueType], path: String, symbols: inout SymbolTable) -> ([Int32], [Diagnostic]) {
        var values: [Int32] = []
        values.reserveCapacity(bytes.count / 6)
        var diagnostics: [Diagnostic] = []
        var errors = 0
        // Fields that are not integers are interned together at the end (see `SymbolTable.intern(fieldsOf:)`).
        var fieldStarts: [Int32] = []
        var fieldEnds: [Int32] = []
        var fieldIsText: [Bool] = []
        var fieldPositions: [Int32] = []
        // A field equal to the same column's field on the line before (a measure's
        // several targets, a resolution's many measures) takes that field's id.
        var previousStart = [Int](repeating: 0, count: columns.count)
        var previousEnd = [Int](repeating: -1, count: columns.count)
        var previousPosition = [Int32](repeating: -1, count: columns.count)
        var copies: [(to: Int32, from: Int32)] = []
        let numeric = columns.map { $0 == .integer || $0 == .goal }
        let textual = columns.map { $0 == .text }
        let layout = "one tuple per line: \(columns.count) value\(columns.count == 1 ? "" : "s") separated by tabs ("
            + columns.map(\.rawValue).joined(separator: ", ") + ")"
        func report(_ message: String, line: Int, column: Int) {
            errors += 1
            guard errors <= errorLimit else { return }
            diagnostics.append(
                Diagnostic(.invalidFactsFile, message, at: nil, help: layout, path: "\(path):\(line):\(column)"))
        }
        bytes.withUnsafeBufferPointer { buffer in
            var line = 1
            var start = 0
            let count = buffer.count
            while start < count {
                var end = start
                while end < count && buffer[end] != 10 { end += 1 }
                var stop = end
                if stop > start && buffer[stop - 1] == 13 { stop -= 1 }
                if stop > start {
                    let before = values.count
                    var fieldStart = start
                    var column = 0
                    var valid = true
                    while valid {
                        var fieldEnd = fieldStart
                        while fieldEnd < stop && buffer[fieldEnd] != 9 { fieldEnd += 1 }
                        if column < columns.count {
                            let type = columns[column]
                            if !numeric[column] {
                                let length = fieldEnd - fieldStart
                                let previous = previousStart[column]
                                if previousPosition[column] >= 0 && previousEnd[column] - previous == length
                                    && (0..<length).allSatisfy({ buffer[previous + $0] == buffer[fieldStart + $0] })
                                {
                                    copies.append((Int32(values.count), previousPosition[column]))
                                } else {
                                    fieldStarts.append(Int32(fieldStart))
                                    fieldEnds.append(Int32(fieldEnd))
                                    fieldIsText.append(textual[column])
                                    fieldPositions.append(Int32(values.count))
                                }
                                previousStart[column] = fieldStart
                                previousEnd[column] = fieldEnd
                                previousPosition[column] = Int32(values.count)
                                values.append(-1)
                            } else if let value = value(buffer, fieldStart, fieldEnd, type, &symbols) {
                                values.append(value)
                            } else {
                                report(
                                    "expected an integer in column \(column + 1), found `\(String(decoding: buffer[fieldStart..<fieldEnd], as: UTF8.self))`",
                                    line: line, column: fieldStart - start + 1)
                                valid = false
                            }
                        }
                        column += 1
                        if fieldEnd >= stop { break }
                        fieldStart = fieldEnd + 1
                    }
                    if valid && column != columns.count {
                        report(
                            "line has \(column) value\(column == 1 ? "" : "s"), the relation has \(columns.count) column\(columns.count == 1 ? "" : "s")",
                            line: line, column: 1)
                        valid = false
                    }
                    if !valid {
                        values.removeSubrange(before...)
                        while let last = fieldPositions.last, Int(last) >= before {
                            fieldPositions.removeLast()
                            fieldStarts.removeLast()
                            fieldEnds.removeLast()
                            fieldIsText.removeLast()
                        }
                        while let last = copies.last, Int(last.to) >= before { copies.removeLast() }
                        for column in columns.indices where Int(previousPosition[column]) >= before {
                            previousPosition[column] = -1
                        }
                    }
                }
                start = end + 1
                line += 1
            }
            symbols.intern(
                fieldsOf: buffer, starts: fieldStarts, ends: fieldEnds, text: fieldIsText, positions: fieldPositions, into: &values)
            // In order: a copy's source comes before it, interned or copied already.
            values.withUnsafeMutableBufferPointer { values in
                for copy in copies { values[Int(copy.to)] = values[Int(copy.from)] }
            }
        }
        if errors > errorLimit {
            diagnostics.append(
                Diagnostic(.tooManyErrors, "too many errors; \(errors - errorLimit) more in this file not shown", at: nil, path: path))
        }
        return (values, diagnostics)
    }

    @inline(__always)
    private static func value(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ type: ValueType, _ symbols: inout SymbolTable
    ) -> Int32? {
        switch type {
        case .integer, .goal:
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
            return symbols.intern(integer: negative ? -number : number)
        case .text:
            return symbols.intern(utf8: UnsafeBufferPointer(rebasing: buffer[start..<end]), text: true)
        default:
            return symbols.intern(utf8: UnsafeBufferPointer(rebasing: buffer[start..<end]), text: false)
        }
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
