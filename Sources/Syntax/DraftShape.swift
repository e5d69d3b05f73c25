/// Tells, from the first bytes of a `.json` or `.csv` file found by walking a
/// directory, whether it is a draft: a repository also holds baselines,
/// `package.json` files and data tables, which are not checked unless named.
///
/// A JSON draft is an object with a top-level `resolutions` or `interactions`
/// key; a CSV draft has the header of a measures table (`resolution` and
/// `measure` columns) or of a cross-impact matrix (an empty first cell, then
/// target ids). Only the given prefix is read, so a large data file costs little.
package enum DraftShape {
    /// How much of a file the walk reads to decide.
    package static let prefixBytes = 1 << 20

    package static func isJSONDraft(_ bytes: ArraySlice<UInt8>) -> Bool {
        var position = bytes.startIndex
        if bytes[position...].starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
        func skipSpace() {
            while position < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        skipSpace()
        guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "{") else { return false }
        var depth = 0
        while position < bytes.endIndex {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                // A string: at depth 1 and followed by `:`, it is a top-level key.
                let start = position + 1
                position = start
                while position < bytes.endIndex, bytes[position] != UInt8(ascii: "\"") {
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard position < bytes.endIndex else { return false }
                let text = bytes[start..<position]
                position += 1
                if depth == 1 {
                    skipSpace()
                    if position < bytes.endIndex, bytes[position] == UInt8(ascii: ":"),
                        text.elementsEqual("resolutions".utf8) || text.elementsEqual("interactions".utf8)
                    {
                        return true
                    }
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return false }
            default:
                break
            }
            position += 1
        }
        return false
    }

    package static func isCSVDraft(_ bytes: ArraySlice<UInt8>) -> Bool {
        var line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        let cells = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t\r\"").lowercased()
        }
        if cells.contains("resolution") && cells.contains("measure") { return true }
        return cells.count > 1 && cells[0].isEmpty
            && cells.dropFirst().allSatisfy { $0.first?.isNumber == true && $0.contains(".") }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
