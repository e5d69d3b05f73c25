/// A JSON value with ordered object keys, so that output is byte-for-byte stable.
package indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Int)
    /// A number with two decimals (`0.82`), written so the same value always
    /// reads the same.
    case hundredths(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.hundredths(let x), .hundredths(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    /// Serialises with two-space indentation and a final newline.
    package func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    /// Serialises on one line, without spaces (for JSON Lines output).
    package func compact() -> String {
        switch self {
        case .array(let values): "[" + values.map { $0.compact() }.joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { JSONValue.quote($0.0) + ":" + $0.1.compact() }.joined(separator: ",") + "}"
        default: rendered().dropLast().description
        }
    }

    /// Serialises as a value nested `indent` levels deep (no final newline).
    package func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += String(value)
        case .hundredths(let value): out += value.hundredthsText
        case .string(let value): out += JSONValue.quote(value)
        case .array(let values):
            guard !values.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += pad
                value.write(into: &out, indent: indent + 1)
                out += index + 1 < values.count ? ",\n" : "\n"
            }
            out += closing + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad + JSONValue.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += closing + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    package static func quote(_ text: String) -> String {
        // Most strings need no escape: copy them whole (U+2028 and U+2029 start with 0xE2).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Int {
    /// This number of hundredths with two decimals (`4201` -> `42.01`), as every report prints a score.
    package var hundredthsText: String {
        let digits = String(magnitude % 100)
        return (self < 0 ? "-" : "") + String(magnitude / 100) + "." + (digits.count == 1 ? "0" : "") + digits
    }
}
