// The Language Server Protocol's framing: each message is headers
// (`Content-Length: N`, and optionally `Content-Type`), a blank line, then N
// bytes of JSON. Reading never trusts the peer: a header block without a
// usable length, or one longer than the limit, is reported and skipped.
import Diagnostics
import Foundation

struct MessageReader {
    enum Next: Equatable {
        case message([UInt8])
        /// A header block that cannot be read: what is wrong with it.
        case malformed(String)
        case end
    }

    /// The largest message accepted.
    static let maximumLength = 64 << 20
    /// The longest header block accepted before its blank line.
    static let maximumHeaders = 8 << 10

    private var buffer: [UInt8] = []
    private var start = 0
    /// Reads what is available (blocking until some is), nil at the end of input.
    private let read: () -> [UInt8]?
    private var ended = false

    init(read: @escaping () -> [UInt8]?) {
        self.read = read
    }

    /// True when a whole message or more is already read.
    var hasBufferedMessage: Bool {
        headerEnd() != nil
    }

    private func headerEnd() -> Int? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var index = start
        while index + 4 <= buffer.count {
            if buffer[index] == 13, buffer[index..<(index + 4)].elementsEqual(terminator) { return index }
            index += 1
        }
        return nil
    }

    private mutating func fill() -> Bool {
        guard !ended, let more = read(), !more.isEmpty else {
            ended = true
            return false
        }
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer += more
        return true
    }

    mutating func next() -> Next {
        while true {
            if let end = headerEnd() {
                let headers = String(decoding: buffer[start..<end], as: UTF8.self)
                var length: Int?
                for line in headers.split(separator: "\r\n") {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
                    length = Int(parts[1].trimmingCharacters(in: .whitespaces))
                }
                guard let length, length >= 0, length <= MessageReader.maximumLength else {
                    start = end + 4
                    return .malformed(
                        length == nil ? "a message without a valid Content-Length header" : "a message longer than 64 MiB")
                }
                while buffer.count - (end + 4) < length {
                    guard fill() else {
                        start = buffer.count
                        return .malformed("the input ended inside a message")
                    }
                }
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                start = end + 4 + length
                return .message(body)
            }
            if buffer.count - start > MessageReader.maximumHeaders {
                start = buffer.count
                return .malformed("headers longer than 8 KiB without a blank line")
            }
            guard fill() else { return .end }
        }
    }
}

extension JSONValue {
    /// The message with its header, as the protocol frames it.
    var framed: [UInt8] {
        let body = Array(compact().utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
