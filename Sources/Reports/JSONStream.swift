import Diagnostics

/// A JSON document written piece by piece, in the layout of
/// `JSONValue.rendered()`, so that a report with a million findings is never
/// whole in memory: each element of a large array is built, written and
/// released before the next.
package indirect enum JSONStream {
    /// A value small enough to build whole.
    case value(JSONValue)
    /// An object whose members may themselves be streamed.
    case object([(String, JSONStream)])
    /// An array whose elements are produced one at a time: the closure hands
    /// each element to the function it is given.
    case array((_ element: (JSONValue) -> Void) -> Void)
    /// An array of a few elements that are themselves streamed.
    case elements([JSONStream])

    /// Writes the document and a final newline.
    package func write(to sink: (String) -> Void) {
        write(indent: 0, sink)
        sink("\n")
    }

    /// The document as one string (for tests and small reports).
    package func rendered() -> String {
        var out = ""
        write { out += $0 }
        return out
    }

    private func write(indent: Int, _ sink: (String) -> Void) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .value(let value):
            var out = ""
            value.write(into: &out, indent: indent)
            sink(out)
        case .object(let members):
            guard !members.isEmpty else {
                sink("{}")
                return
            }
            sink("{\n")
            for (index, (key, member)) in members.enumerated() {
                sink(pad + JSONValue.quote(key) + ": ")
                member.write(indent: indent + 1, sink)
                sink(index + 1 < members.count ? ",\n" : "\n")
            }
            sink(closing + "}")
        case .array(let produce):
            // `[]` when empty, as `JSONValue` writes it: the opening waits for the first element.
            var count = 0
            produce { element in
                var out = count == 0 ? "[\n" + pad : ",\n" + pad
                element.write(into: &out, indent: indent + 1)
                sink(out)
                count += 1
            }
            sink(count == 0 ? "[]" : "\n" + closing + "]")
        case .elements(let elements):
            guard !elements.isEmpty else {
                sink("[]")
                return
            }
            sink("[\n")
            for (index, element) in elements.enumerated() {
                sink(pad)
                element.write(indent: indent + 1, sink)
                sink(index + 1 < elements.count ? ",\n" : "\n")
            }
            sink(closing + "]")
        }
    }
}
