/// A small JSON parser that keeps the place of every value, so that problems in
/// a JSON file (a baseline, a configuration, a draft) are reported at
/// `file:line:col`. Iterative where it matters: nesting is limited by
/// `maxDepth`, so a file nested a million levels deep is an error, not a crash.
package struct JSONDocument: Sendable {
    package indirect enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Node])
        case object([(key: Located, value: Node)])

        package static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): true
            case (.bool(let x), .bool(let y)): x == y
            case (.number(let x), .number(let y)): x == y
            case (.string(let x), .string(let y)): x == y
            case (.array(let x), .array(let y)): x == y
            case (.object(let x), .object(let y)): x.map(\.key.text) == y.map(\.key.text) && x.map(\.value) == y.map(\.value)
            default: false
            }
        }
    }

    /// A key with its place.
    package struct Located: Sendable, Equatable {
        package let text: String
        package let span: Span
    }

    /// A value with its place.
    package struct Node: Sendable, Equatable {
        package let value: Value
        package let span: Span

        package var typeName: String {
            switch value {
            case .null: "null"
            case .bool: "a boolean"
            case .number: "a number"
            case .string: "a string"
            case .array: "an array"
            case .object: "an object"
            }
        }

        package func member(_ key: String) -> Node? {
            guard case .object(let members) = value else { return nil }
            return members.first { $0.key.text == key }?.value
        }
    }

    package struct SyntaxError: Error, Sendable {
        package let message: String
        package let span: Span
    }

    /// The default nesting limit; the parser recurses once per level.
    package static let maxDepth = 512

    /// Parses a whole file, nested at most `maxDepth` levels deep.
    package static func parse(_ file: SourceFile, maxDepth: Int = JSONDocument.maxDepth) -> Result<Node, SyntaxError> {
        var parser = JSONParser(bytes: file.bytes, file: file.id, maxDepth: maxDepth)
        do {
            parser.skipSpace()
            let node = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.position >= file.bytes.count else {
                throw parser.error("unexpected text after the JSON value")
            }
            return .success(node)
        } catch let error as SyntaxError {
            return .failure(error)
        } catch {
            return .failure(SyntaxError(message: "invalid JSON", span: Span(file: file.id, start: 0, end: 0)))
        }
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    let file: Int
    let maxDepth: Int
    var position = 0

    init(bytes: [UInt8], file: Int, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    func error(_ message: String, at start: Int? = nil) -> JSONDocument.SyntaxError {
        let at = min(start ?? position, bytes.count)
        return JSONDocument.SyntaxError(message: message, span: Span(file: file, start: at, end: min(at + 1, bytes.count)))
    }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value(depth: Int) throws -> JSONDocument.Node {
        guard depth < maxDepth else {
            throw error("JSON nested more than \(maxDepth) levels deep (`--max-nesting`)")
        }
        guard position < bytes.count else { throw error("unexpected end of the file; a value is missing") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"):
            return try object(depth: depth, start: start)
        case UInt8(ascii: "["):
            return try array(depth: depth, start: start)
        case UInt8(ascii: "\""):
            return node(.string(try string()), start)
        case UInt8(ascii: "t"):
            try literal("true")
            return node(.bool(true), start)
        case UInt8(ascii: "f"):
            try literal("false")
            return node(.bool(false), start)
        case UInt8(ascii: "n"):
            try literal("null")
            return node(.null, start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return node(.number(try number()), start)
        default:
            throw error("unexpected character; expected a JSON value")
        }
    }

    /// An object, from its `{`: members in order, each key once.
    mutating func object(depth: Int, start: Int) throws -> JSONDocument.Node {
        position += 1
        var members: [(key: JSONDocument.Located, value: JSONDocument.Node)] = []
        // A key given twice is an error: a reader would keep one of the two silently.
        var keys: Set<String> = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return node(.object(members), start)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes")
            }
            let keyStart = position
            let key = try string()
            let keyEnd = position
            guard keys.insert(key).inserted else {
                position = keyStart
                throw error("the key `\(key)` appears twice in this object; keep one")
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected `:` after the key") }
            position += 1
            skipSpace()
            let member = try value(depth: depth + 1)
            members.append((JSONDocument.Located(text: key, span: Span(file: file, start: keyStart, end: keyEnd)), member))
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end of the file; `}` is missing") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected `,` or `}`") }
            position += 1
            return node(.object(members), start)
        }
    }

    /// An array, from its `[`.
    mutating func array(depth: Int, start: Int) throws -> JSONDocument.Node {
        position += 1
        var items: [JSONDocument.Node] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return node(.array(items), start)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end of the file; `]` is missing") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected `,` or `]`") }
            position += 1
            return node(.array(items), start)
        }
    }

    func node(_ value: JSONDocument.Value, _ start: Int) -> JSONDocument.Node {
        JSONDocument.Node(value: value, span: Span(file: file, start: start, end: position))
    }

    mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<(position + expected.count)]) == expected else {
            throw error("unexpected word; expected `\(word)`")
        }
        position += expected.count
    }

    mutating func number() throws -> Double {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, "0123456789.eE+-".utf8.contains(bytes[position]) { position += 1 }
        guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw error("malformed number", at: start)
        }
        return value
    }

    mutating func string() throws -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in a string; escape it") }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                throw error("invalid escape in a string", at: position - 2)
            }
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw error("`\\u` takes four hex digits")
        }
        position += 4
        return value
    }
}
