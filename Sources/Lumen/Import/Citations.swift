// The resolutions of one import that each one's text cites (`recalls`).

/// "Resolution 71 (Rev. Dubai, 2018)" in one resolution's text, and
/// resolution 71 of the same body in the same import: the first recalls the
/// second.
enum Citations {
    /// For each resolution, the ids of the others of the import that its texts cite, sorted.
    static func recalls(_ resolutions: [ImportedResolution]) -> [[String]] {
        // By body and number (`itu-pp`, `71`): the resolutions of that number, with their years.
        var byNumber: [String: [(id: String, year: String?)]] = [:]
        for resolution in resolutions {
            guard let number = resolution.number.flatMap(digits) else { continue }
            byNumber[(resolution.author ?? "") + "#" + number, default: []].append((resolution.id, resolution.year))
        }
        return resolutions.map { resolution in
            var cited: Set<String> = []
            for text in resolution.texts {
                for (number, year) in citations(in: text) {
                    let candidates = (byNumber[(resolution.author ?? "") + "#" + number] ?? []).filter { $0.id != resolution.id }
                    let chosen = candidates.count == 1 ? candidates : candidates.filter { year != nil && $0.year == year }
                    if chosen.count == 1, let only = chosen.first { cited.insert(only.id) }
                }
            }
            return cited.sorted()
        }
    }

    /// A resolution number as its groups of digits (`res-71` -> `71`, `79-275`
    /// and `79/275` -> `79-275`), if it has some.
    static func digits(_ number: some StringProtocol) -> String? {
        let groups = number.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).compactMap { Int($0).map(String.init) }
        return groups.isEmpty ? nil : groups.joined(separator: "-")
    }

    /// Each "Resolution N" (or "résolution N") in a text, with the year of the
    /// parenthesis after it if it gives one (`(Rev. Dubai, 2018)`).
    static func citations(in text: String) -> [(number: String, year: String?)] {
        var found: [(String, String?)] = []
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated() where index + 1 < words.count {
            let lowered = word.lowercased()
            guard lowered == "resolution" || lowered == "résolution" || lowered == "resolutions" || lowered == "résolutions" else {
                continue
            }
            // `71`, `79/275`: digits and the separators between them.
            let token = words[index + 1].prefix { ($0.isASCII && $0.isNumber) || $0 == "/" || $0 == "-" }
            guard token.first?.isNumber == true, token.count <= 12, let value = digits(token) else { continue }
            // A parenthesis right after: its last four-digit number is the year.
            var year: String?
            if index + 2 < words.count, words[index + 2].hasPrefix("(") {
                let rest = words[(index + 2)...].prefix(5).joined(separator: " ")
                let parenthesis = rest.prefix { $0 != ")" }
                year = parenthesis.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).last { $0.count == 4 }.map(String.init)
            }
            found.append((value, year))
        }
        return found
    }
}
