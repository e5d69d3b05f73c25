/// Stable identity of a finding, made of its rule and its subjects (never of
/// line numbers), so that it survives reformatting and moving declarations.
package enum Fingerprint {
    package static func of(_ finding: Finding) -> String {
        var text = finding.rule
        for (name, value) in finding.subjects.sorted(by: { $0.name < $1.name }) {
            text += "\u{0}\(name)=\(ValueFormatter.key(value))"
        }
        // FNV-1a, 64 bits, twice with different offsets: 128 bits of hex.
        func fnv(_ offset: UInt64) -> String {
            var hash = offset
            for byte in text.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        return fnv(0xcbf2_9ce4_8422_2325) + fnv(0x8422_2325_cbf2_9ce4)
    }
}
