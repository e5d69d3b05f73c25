/// The words of the language that start a declaration or an item of a block.
///
/// One enum of each, read by the parser (dispatch, recovery, "did you mean"
/// and help), by the formatter's tests and by the REPL (which tells a
/// declaration from a query by its first word), so that a new keyword cannot be
/// known to one of them and not another.
package enum DeclarationKeyword: String, CaseIterable, Sendable {
    case use, goal, principle, country, kind, profile, level, interaction, resolution, relation, rule, absent, test, unit

    /// True for the keywords that also start an item of a block.
    package var alsoStartsAnItem: Bool {
        ItemKeywords.resolution.contains(rawValue) || ItemKeywords.measure.contains(rawValue)
            || ItemKeywords.kind.contains(rawValue) || ItemKeywords.principle.contains(rawValue)
            || ItemKeywords.profile.contains(rawValue) || ItemKeywords.account.contains(rawValue)
    }

    /// The keywords as the parser's help lists them.
    package static var listed: String {
        allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    }
}

/// The words that start an item of a `resolution` block, in the order help names them.
package enum ResolutionKeyword: String, CaseIterable, Sendable {
    case measure, level, jurisdiction, implements, scope, description, adopted
    case issuedBy = "issued-by"
    case source, recalls, indicator
}

/// The words that start an item of a `measure` block.
package enum MeasureKeyword: String, CaseIterable, Sendable {
    case advances, undermines, restricts, indicator, kind, tag, description, not, suggested, paragraph, effect, implements, cost
}

/// The words that start an item of an `indicator` block (an account) of a resolution.
package enum AccountKeyword: String, CaseIterable, Sendable {
    case unit, monitors, better, baseline, target, observed, data
}

/// The words that start an item of a `kind` block.
package enum KindKeyword: String, CaseIterable, Sendable {
    case definition, terms, advances, undermines, restricts, offsets
}

/// The words that start an item of a `profile` block.
package enum ProfileKeyword: String, CaseIterable, Sendable {
    case terms
}

/// The words that start an item of a `principle` block.
package enum PrincipleKeyword: String, CaseIterable, Sendable {
    case description, enshrined
}

/// The items each kind of block holds, as words, in the order help text names
/// them: read from the enums above, which the parser dispatches on.
package enum ItemKeywords {
    package static let resolution = ResolutionKeyword.allCases.map(\.rawValue)
    package static let measure = MeasureKeyword.allCases.map(\.rawValue)
    package static let kind = KindKeyword.allCases.map(\.rawValue)
    package static let principle = PrincipleKeyword.allCases.map(\.rawValue)
    package static let profile = ProfileKeyword.allCases.map(\.rawValue)
    package static let account = AccountKeyword.allCases.map(\.rawValue)

    /// "`a`, `b` or `c`".
    package static func listed(_ words: [String]) -> String {
        let quoted = words.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
    }
}
