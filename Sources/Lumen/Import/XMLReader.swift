// A small XML reader for `lumen import`: a document -> a tree of elements
// and their text, or the first well-formedness error with its line and
// column.
//
// Why not FoundationXML: on Linux it brings libxml2 and ICU into the binary
// as shared libraries, loaded by every command (a slower start, and a binary
// that no longer runs on a machine without them). Akoma Ntoso needs little
// of XML: elements, attributes, text, CDATA, comments, processing
// instructions, the five predefined entities and character references.
// A document type declaration is skipped and may define nothing: an entity
// reference other than those is an error, so no external file is ever read
// and no entity expands into another (what makes XML readers unsafe).
// Namespace prefixes are dropped from names (`akn:p` is `p`).

/// An element: its local name, attributes (prefixes dropped), what it holds,
/// and where its start tag begins (a byte offset, and its line for messages).
struct MarkupElement: Sendable {
    enum Node: Sendable {
        case element(MarkupElement)
        case text(String)
    }

    let name: String
    let attributes: [String: String]
    var children: [Node]
    let offset: Int
    let line: Int

    /// The child elements, in order.
    var elements: [MarkupElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element with this name.
    func child(_ name: String) -> MarkupElement? {
        elements.first { $0.name == name }
    }

    /// The elements with this name below this one, in document order, not
    /// looking inside one that matched (`paragraph`s, not their sub-paragraphs).
    func outermost(_ names: Set<String>) -> [MarkupElement] {
        var found: [MarkupElement] = []
        for element in elements {
            if names.contains(element.name) { found.append(element) } else { found += element.outermost(names) }
        }
        return found
    }

    /// The first element with this name at any depth below.
    func first(_ name: String) -> MarkupElement? {
        for element in elements {
            if element.name == name { return element }
            if let found = element.first(name) { return found }
        }
        return nil
    }
}

struct XMLError: Error, Sendable, Equatable {
    let message: String
    /// The byte offset where reading stopped.
    let offset: Int
}

struct XMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var depth = 0
    /// Elements nested deeper than this are refused (the reader recurses).
    static let maximumDepth = 256

    /// The root element of a document, or the first error.
    static func parse(_ bytes: [UInt8]) -> Result<MarkupElement, XMLError> {
        var reader = XMLReader(bytes: bytes)
        do {
            return .success(try reader.document())
        } catch let error as XMLError {
            return .failure(error)
        } catch {
            return .failure(XMLError(message: "unreadable XML", offset: reader.index))
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        // A byte-order mark is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private func fail(_ message: String, at offset: Int? = nil) -> XMLError {
        XMLError(message: message, offset: offset ?? index)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private func looking(at text: String) -> Bool {
        let pattern = Array(text.utf8)
        return index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private mutating func skip(_ text: String) {
        for _ in text.utf8 { advance() }
    }

    /// Moves past `end`, failing with `what` if the document ends first.
    private mutating func skip(through end: String, _ what: String) throws {
        while !looking(at: end) {
            guard current != nil else { throw fail("\(what) is not closed") }
            advance()
        }
        skip(end)
    }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private mutating func document() throws -> MarkupElement {
        var root: MarkupElement?
        while true {
            skipSpace()
            guard current != nil else { break }
            if looking(at: "<?") {
                try skip(through: "?>", "a processing instruction")
            } else if looking(at: "<!--") {
                try skip(through: "-->", "a comment")
            } else if looking(at: "<!DOCTYPE") {
                try doctype()
            } else if current == UInt8(ascii: "<"), root == nil {
                root = try element()
            } else {
                throw fail(root == nil ? "expected an element, found text" : "content after the root element")
            }
        }
        guard let root else { throw fail("no element: the file is empty or not XML") }
        return root
    }

    /// Skips a document type declaration, with its internal subset.
    private mutating func doctype() throws {
        var depth = 0
        while let byte = current {
            advance()
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") { depth -= 1 }
            if byte == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw fail("the document type declaration is not closed")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private mutating func name() throws -> String {
        let start = index
        while let byte = current, XMLReader.isNameByte(byte) { advance() }
        guard index > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The local part of a qualified name.
    private static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private mutating func element() throws -> MarkupElement {
        let (startLine, startOffset) = (line, index)
        depth += 1
        defer { depth -= 1 }
        guard depth <= XMLReader.maximumDepth else { throw fail("elements nested more than \(XMLReader.maximumDepth) deep") }
        advance()  // <
        let qualified = try name()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            if looking(at: "/>") {
                skip("/>")
                return MarkupElement(name: XMLReader.local(qualified), attributes: attributes, children: [], offset: startOffset, line: startLine)
            }
            if current == UInt8(ascii: ">") {
                advance()
                break
            }
            guard current != nil else { throw fail("the start tag of <\(qualified)> is not closed") }
            let attribute = try name()
            skipSpace()
            guard current == UInt8(ascii: "=") else { throw fail("expected `=` after attribute `\(attribute)`") }
            advance()
            skipSpace()
            guard let quote = current, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for attribute `\(attribute)`")
            }
            advance()
            var value: [UInt8] = []
            while let byte = current, byte != quote {
                if byte == UInt8(ascii: "<") { throw fail("`<` in the value of attribute `\(attribute)`") }
                if byte == UInt8(ascii: "&") { value += try reference() } else {
                    value.append(byte)
                    advance()
                }
            }
            guard current != nil else { throw fail("the value of attribute `\(attribute)` is not closed") }
            advance()
            // Namespace declarations are not attributes of the content.
            if attribute == "xmlns" || attribute.hasPrefix("xmlns:") { continue }
            attributes[XMLReader.local(attribute)] = String(decoding: value, as: UTF8.self)
        }
        var children: [MarkupElement.Node] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { children.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while true {
            guard let byte = current else { throw fail("<\(qualified)> (line \(startLine)) is not closed") }
            if byte == UInt8(ascii: "<") {
                if looking(at: "</") {
                    let tag = index
                    skip("</")
                    let closing = try name()
                    guard closing == qualified else {
                        throw fail("</\(closing)> closes <\(qualified)>, opened at line \(startLine)", at: tag)
                    }
                    skipSpace()
                    guard current == UInt8(ascii: ">") else { throw fail("expected `>` to end </\(closing)>") }
                    advance()
                    flush()
                    return MarkupElement(
                        name: XMLReader.local(qualified), attributes: attributes, children: children, offset: startOffset, line: startLine)
                } else if looking(at: "<!--") {
                    try skip(through: "-->", "a comment")
                } else if looking(at: "<![CDATA[") {
                    skip("<![CDATA[")
                    let start = index
                    try skip(through: "]]>", "a CDATA section")
                    text += bytes[start..<(index - 3)]
                } else if looking(at: "<?") {
                    try skip(through: "?>", "a processing instruction")
                } else {
                    flush()
                    children.append(.element(try element()))
                }
            } else if byte == UInt8(ascii: "&") {
                text += try reference()
            } else {
                text.append(byte)
                advance()
            }
        }
    }

    /// An entity or character reference, at `&`: its bytes.
    private mutating func reference() throws -> [UInt8] {
        let ampersand = index
        advance()  // &
        let start = index
        while let byte = current, byte != UInt8(ascii: ";") {
            guard index - start < 12, XMLReader.isNameByte(byte) || byte == UInt8(ascii: "#") else {
                throw fail("`&` must start a reference such as `&amp;`")
            }
            advance()
        }
        guard current != nil else { throw fail("a reference is not ended by `;`") }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        advance()  // ;
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            guard name.hasPrefix("#") else {
                throw fail("entity `&\(name);` is not one of XML's five; write the character itself or `&#...;`", at: ampersand)
            }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                throw fail("`&\(name);` is not a character", at: ampersand)
            }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
