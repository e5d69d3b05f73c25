/// Terminal display width of text, so that carets line up under the source.
///
/// Tabs expand to `tabWidth` columns, East Asian wide and emoji characters take two
/// columns, combining marks none, and control characters are shown as their
/// visible Unicode "control picture" (one column) so that a file can never send
/// escape sequences to the terminal.
package enum DisplayWidth {
    package static let tabWidth = 4

    /// The width of one character.
    package static func of(_ character: Character) -> Int {
        if character == "\t" { return tabWidth }
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return of(scalar)
    }

    package static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || value == 0x7F { return 1 }
        if (0x0300...0x036F).contains(value) || (0x200B...0x200F).contains(value) { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    /// The width of a string.
    package static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The text as it should appear on a terminal: tabs expanded, control
    /// characters replaced by visible pictures (C1 controls, which some terminals
    /// obey as escapes, by U+FFFD).
    package static func printable(_ text: some StringProtocol) -> String {
        // Most text needs nothing: no byte below 0x20, no DEL, no C1 (encoded C2 80 ... C2 9F).
        var plain = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                plain = false
                break
            }
            previous = byte
        }
        if plain { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\t" {
                out += String(repeating: " ", count: tabWidth)
            } else if character == "\r\n" {
                out += "\u{240D}\u{240A}"
            } else if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                scalar.value < 0x20 || scalar.value == 0x7F
            {
                let picture = scalar.value == 0x7F ? 0x2421 : 0x2400 + scalar.value
                out.unicodeScalars.append(Unicode.Scalar(picture) ?? "?")
            } else if character.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) {
                out.append("\u{FFFD}")
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The text with every word longer than `limit` characters shortened to
    /// its start, `…` and its end, so that a huge identifier in a message does
    /// not flood the terminal (the excerpt below a message shows the span).
    ///
    /// A word with a `/` is a path, which a reader must be able to copy whole:
    /// it is kept up to `pathLimit` characters (Linux's PATH_MAX), so only a
    /// string no file system would accept is shortened.
    package static func elidingLongWords(_ text: String, limit: Int = 80, pathLimit: Int = 4096) -> String {
        // A word has no more characters than bytes: when every word fits in `limit`
        // bytes, nothing is shortened (the usual case, told without counting characters).
        var bytes = text
        let longest = bytes.withUTF8 { buffer in
            var (run, longest) = (0, 0)
            for byte in buffer {
                run = byte == UInt8(ascii: " ") ? 0 : run + 1
                longest = max(longest, run)
            }
            return longest
        }
        guard longest > limit, text.count > limit else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let keep = word.contains("/") ? pathLimit : limit
            return word.count > keep ? word.prefix(keep / 2) + "…" + word.suffix(keep / 4) : String(word)
        }.joined(separator: " ")
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
