/// "Did you mean" suggestions from the Levenshtein distance over names in scope.
package enum EditDistance {
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Names longer than this get no suggestion: a typo of a long name is not
    /// worth a quadratic comparison with every name of its length (sixty unknown
    /// names of 2,000 characters took 35 s).
    package static let longestName = 64

    /// The closest candidate within a third of the name's length (at least 1),
    /// ties broken by candidate order; nil if none is close enough.
    package static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        guard name.utf8.count <= longestName else { return nil }
        let limit = max(1, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            // Long inputs would make this quadratic; they are never typos of short ids.
            guard candidate.utf8.count <= longestName * 2, abs(candidate.count - name.count) <= limit else { continue }
            let d = distance(name, candidate)
            guard d <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (d, candidate) { continue }
            best = (candidate, d)
        }
        return best?.name
    }

    /// The closest candidate, only when no other is as close: for ids such as
    /// `13.9`, where several targets are one edit away, no single guess is right.
    package static func uniqueSuggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        guard name.utf8.count <= longestName else { return nil }
        let limit = max(1, name.count / 3)
        var best: [String] = []
        var bestDistance = Int.max
        for candidate in candidates where candidate != name && abs(candidate.count - name.count) <= limit {
            let d = distance(name, candidate)
            guard d <= limit else { continue }
            if d < bestDistance {
                best = [candidate]
                bestDistance = d
            } else if d == bestDistance {
                best.append(candidate)
            }
        }
        return best.count == 1 ? best.first : nil
    }
}
