/// The words of the language that start a declaration or an item of a block.
///
/// One list of each, read by the parser (dispatch, recovery, "did you mean"
/// and help), by the formatter's tests and by the REPL (which tells a
/// declaration from a query by its first word), so that a new keyword cannot be
/// known to one of them and not another.
package enum DeclarationKeyword: String, CaseIterable, Sendable {
    case use, goal, principle, country, kind, level, interaction, resolution, relation, rule, absent, test

    /// True for the keywords that also start an item of a block.
    package var alsoStartsAnItem: Bool {
        ItemKeywords.resolution.contains(rawValue) || ItemKeywords.measure.contains(rawValue)
            || ItemKeywords.kind.contains(rawValue) || ItemKeywords.principle.contains(rawValue)
    }

    /// The keywords as the parser's help lists them.
    package static var listed: String {
        allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    }
}

/// The items each kind of block holds, in the order help text names them.
package enum ItemKeywords {
    package static let resolution = ["measure", "level", "jurisdiction", "implements", "scope", "description"]
    package static let measure = ["advances", "undermines", "restricts", "indicator", "kind", "tag", "description", "not"]
    package static let kind = ["definition", "terms", "advances", "undermines", "restricts", "offsets"]
    package static let principle = ["description", "enshrined"]

    /// "`a`, `b` or `c`".
    package static func listed(_ words: [String]) -> String {
        let quoted = words.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    }
}
