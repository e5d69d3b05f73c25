// Positions as the protocol counts them (a 0-based line and a character
// offset in UTF-16 code units, or UTF-8 bytes when the client says it can)
// <-> byte offsets of Lumen's spans.
import Diagnostics
import Foundation

enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
}

struct LineMap {
    let file: SourceFile
    let encoding: PositionEncoding

    /// The line and character of a byte offset.
    func position(_ offset: Int) -> (line: Int, character: Int) {
        let clamped = max(0, min(offset, file.bytes.count))
        let line = file.lineIndex(of: clamped)
        let start = file.lineStarts[line]
        guard encoding == .utf16 else { return (line, clamped - start) }
        var units = 0
        var index = start
        while index < clamped {
            let length = Self.sequenceLength(file.bytes[index])
            units += length == 4 ? 2 : 1
            index += length
        }
        return (line, units)
    }

    /// The byte offset of a line and character (clamped to the line, and to the file).
    func offset(line: Int, character: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < file.lineStarts.count else { return file.bytes.count }
        let start = file.lineStarts[line]
        let end = line + 1 < file.lineStarts.count ? file.lineStarts[line + 1] - 1 : file.bytes.count
        guard encoding == .utf16 else { return min(start + max(0, character), end) }
        var units = 0
        var index = start
        while index < end, units < character {
            let length = Self.sequenceLength(file.bytes[index])
            units += length == 4 ? 2 : 1
            index += length
        }
        return min(index, end)
    }

    /// The bytes of the UTF-8 sequence a byte starts (a stray continuation byte counts alone).
    private static func sequenceLength(_ byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
    }

    func range(_ span: Span) -> JSONValue {
        let (startLine, startCharacter) = position(span.start)
        let (endLine, endCharacter) = position(span.end)
        return .object([
            ("start", .object([("line", .number(startLine)), ("character", .number(startCharacter))])),
            ("end", .object([("line", .number(endLine)), ("character", .number(endCharacter))])),
        ])
    }
}

enum DocumentURI {
    /// The path of a `file:` URI; nil for another scheme.
    static func path(_ uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.standardizedFileURL.path
    }

    static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
