import Foundation
import Glibc
import Lumen

/// A key, decoded from the bytes a terminal sends.
enum Key: Equatable {
    case text(Character)
    case enter, tab, backspace, delete
    case left, right, home, end, up, down
    /// Ctrl and a letter: `.control("a")` for Ctrl-A.
    case control(Character)
    /// An escape sequence the editor does not use.
    case ignored
}

/// Turns bytes into keys: UTF-8 characters, control bytes and the escape
/// sequences of the usual terminals (`ESC [ A`, `ESC O H`, `ESC [ 3 ~`, ...).
struct KeyDecoder {
    private let next: () -> UInt8?

    init(next: @escaping () -> UInt8?) {
        self.next = next
    }

    /// The next key, or nil at the end of input.
    func read() -> Key? {
        guard let byte = next() else { return nil }
        switch byte {
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 27: return escape()
        case 1...26: return .control(Character(Unicode.Scalar(byte + 96)))
        case 0..<32: return .ignored
        default: return utf8(byte)
        }
    }

    private func escape() -> Key {
        guard let kind = next() else { return .ignored }
        guard kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O") else { return .ignored }
        var parameters: [UInt8] = []
        while let byte = next() {
            switch byte {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            case UInt8(ascii: "~"):
                switch String(decoding: parameters, as: UTF8.self) {
                case "1", "7": return .home
                case "4", "8": return .end
                case "3": return .delete
                default: return .ignored
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ";"):
                parameters.append(byte)
            default:
                return .ignored
            }
        }
        return .ignored
    }

    private func utf8(_ lead: UInt8) -> Key {
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var bytes = [lead]
        while bytes.count < length, let byte = next() { bytes.append(byte) }
        guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else { return .ignored }
        return .text(character)
    }
}

/// The line being edited and the cursor in it, with the editing operations
/// of the usual shells (Emacs keys).
struct EditBuffer: Equatable {
    private(set) var characters: [Character] = []
    private(set) var cursor = 0

    var text: String { String(characters) }

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    mutating func insert(_ text: String) {
        characters.insert(contentsOf: Array(text), at: cursor)
        cursor += text.count
    }

    mutating func left() { cursor = max(0, cursor - 1) }
    mutating func right() { cursor = min(characters.count, cursor + 1) }
    mutating func home() { cursor = 0 }
    mutating func end() { cursor = characters.count }

    mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-K: delete from the cursor to the end.
    mutating func killToEnd() { characters.removeSubrange(cursor...) }

    /// Ctrl-U: delete from the start to the cursor.
    mutating func killToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: delete the word before the cursor and the spaces after it.
    mutating func deleteWordBefore() {
        var start = cursor
        while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
        while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// The word being typed before the cursor, for completion.
    var wordBeforeCursor: String {
        var start = cursor
        while start > 0 && EditBuffer.isWordCharacter(characters[start - 1]) { start -= 1 }
        return String(characters[start..<cursor])
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_.:".contains(character)
    }
}

/// Previous inputs, kept in a file (`~/.lumen_history`), one line each.
struct History {
    private(set) var entries: [String] = []
    let path: String?
    static let limit = 1000

    init(path: String?) {
        self.path = path
        // A history file of more than a few megabytes is not one lumen wrote: it is left unread.
        if let path, case .success(let data) = FileReading.read(path, limit: 4 << 20) {
            entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).suffix(History.limit)
        }
    }

    /// Records a line (not an empty one, nor the same line twice in a row) and
    /// appends it to the file, so that history survives a crash.
    mutating func add(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, entries.last != line, !line.contains("\n") else { return }
        entries.append(line)
        if entries.count > History.limit { entries.removeFirst(entries.count - History.limit) }
        guard let path else { return }
        // Appended to a regular file only: a FIFO or a device in its place is left alone.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Rewrites the file with only the last `limit` entries.
    func compact() {
        guard let path, entries.count >= History.limit else { return }
        OutputFile.write(entries.joined(separator: "\n") + "\n", to: path)
    }
}

/// Edits one line at a time on a terminal, in raw mode.
final class LineEditor {
    enum Outcome: Equatable {
        case line(String)
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    private let input: Int32
    private let output: Int32
    var history: History
    /// The words Tab completes.
    var completions: () -> [String]

    init(input: Int32, output: Int32, history: History, completions: @escaping () -> [String]) {
        self.input = input
        self.output = output
        self.history = history
        self.completions = completions
    }

    /// Shows the prompt and edits a line until Enter, Ctrl-C or Ctrl-D.
    /// The terminal is in raw mode only inside this call.
    func readLine(prompt: String) -> Outcome {
        guard let original = Terminal.enableRawMode(input) else { return .endOfInput }
        defer { Terminal.restore(input, original) }
        var buffer = EditBuffer()
        var position = history.entries.count
        var edited = ""
        let decoder = KeyDecoder { [input] in
            var byte: UInt8 = 0
            while true {
                let count = read(input, &byte, 1)
                if count == 1 { return byte }
                if count < 0 && errno == EINTR { continue }
                return nil
            }
        }
        refresh(prompt, buffer)
        while let key = decoder.read() {
            switch key {
            case .enter:
                write("\r\n")
                return .line(buffer.text)
            case .text(let character): buffer.insert(String(character))
            case .backspace: buffer.backspace()
            case .delete: buffer.deleteForward()
            case .left, .control("b"): buffer.left()
            case .right, .control("f"): buffer.right()
            case .home, .control("a"): buffer.home()
            case .end, .control("e"): buffer.end()
            case .control("k"): buffer.killToEnd()
            case .control("u"): buffer.killToStart()
            case .control("w"): buffer.deleteWordBefore()
            case .control("c"):
                write("^C\r\n")
                return .interrupted
            case .control("d"):
                if buffer.text.isEmpty {
                    write("\r\n")
                    return .endOfInput
                }
                buffer.deleteForward()
            case .control("l"): write("\u{1B}[H\u{1B}[2J")
            case .up, .control("p"):
                guard position > 0 else { break }
                if position == history.entries.count { edited = buffer.text }
                position -= 1
                buffer = EditBuffer(history.entries[position])
            case .down, .control("n"):
                guard position < history.entries.count else { break }
                position += 1
                buffer = EditBuffer(position == history.entries.count ? edited : history.entries[position])
            case .tab: complete(&buffer, prompt: prompt)
            default: break
            }
            refresh(prompt, buffer)
        }
        write("\r\n")
        return .endOfInput
    }

    /// Completes the word before the cursor: the rest of it when one word fits,
    /// the common part when several do (and lists them when that adds nothing).
    private func complete(_ buffer: inout EditBuffer, prompt: String) {
        let word = buffer.wordBeforeCursor
        guard !word.isEmpty else { return }
        let candidates = completions().filter { $0.hasPrefix(word) && $0 != word }.sorted()
        guard let first = candidates.first else { return }
        var common = first
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > word.count {
            buffer.insert(String(common.dropFirst(word.count)))
            return
        }
        let shown = candidates.prefix(60)
        var list = "\r\n" + shown.joined(separator: "  ")
        if candidates.count > shown.count { list += "  … \(candidates.count - shown.count) more" }
        write(list + "\r\n")
    }

    /// Redraws the prompt and the line, scrolled so that the cursor is visible.
    private func refresh(_ prompt: String, _ buffer: EditBuffer) {
        let columns = Terminal.columns(output)
        let promptWidth = Lumen.displayWidth(prompt)
        let characters = buffer.characters
        var start = 0
        func width(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + Lumen.displayWidth(String(characters[$1])) } }
        while start < buffer.cursor && promptWidth + width(start..<buffer.cursor) >= columns - 1 { start += 1 }
        var end = start
        var used = promptWidth
        while end < characters.count {
            let next = Lumen.displayWidth(String(characters[end]))
            if used + next >= columns { break }
            used += next
            end += 1
        }
        let cursorColumn = promptWidth + width(start..<buffer.cursor)
        var out = "\r" + prompt + String(characters[start..<end]) + "\u{1B}[K\r"
        if cursorColumn > 0 { out += "\u{1B}[\(cursorColumn)C" }
        write(out)
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBufferPointer { Glibc.write(output, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
