import Diagnostics

/// A relation's name and typed columns.
package struct RelationSchema: Sendable, Equatable {
    package let name: String
    package let columns: [ValueType]
    package let columnNames: [String?]
    /// Where it is declared; nil for built-in relations.
    package let declaredAt: Span?
    package let summary: String

    package var arity: Int { columns.count }
    package var isBuiltin: Bool { declaredAt == nil }

    package var signature: String {
        let columns = zip(columnNames, columns).map { name, type in
            name.map { "\($0): \(type.rawValue)" } ?? type.rawValue
        }
        return "\(name)(\(columns.joined(separator: ", ")))"
    }

    /// The relations that declarations are lowered to, in documentation order.
    package static let builtins: [RelationSchema] = [
        builtin("goal", [("g", .goal)], "a goal of the catalogue"),
        builtin("target", [("t", .target)], "a target of the catalogue"),
        builtin("target-of-goal", [("t", .target), ("g", .goal)], "target t belongs to goal g"),
        builtin(
            "means-of-implementation", [("t", .target)],
            "t is a means-of-implementation target (a lettered target such as 13.a)"),
        builtin("indicator", [("i", .indicator)], "an indicator id of the catalogue (aliases included)"),
        builtin("indicator-of", [("i", .indicator), ("t", .target)], "indicator id i is listed under target t (or a local indicator monitors t)"),
        builtin("local-indicator", [("i", .indicator), ("r", .resolution)], "indicator i is not of the global framework: resolution r declares it"),
        builtin(
            "indicator-alias", [("alias", .indicator), ("i", .indicator)],
            "alias is another id of the same indicator i"),
        builtin(
            "indicator-code", [("i", .indicator), ("code", .text)],
            "code is the UN Statistics Division's code of indicator i (shared by its aliases)"),
        builtin("principle", [("p", .principle)], "a constitutional principle"),
        builtin("country", [("c", .country)], "a country or union"),
        builtin(
            "enshrined", [("p", .principle), ("c", .country), ("reference", .text)],
            "principle p is enshrined in the constitution of c at reference"),
        builtin(
            "enshrined-in", [("p", .principle), ("c", .country), ("where", .text)],
            "where c enshrines p, as a finding cites it (the articles and documents), or that no article is known"),
        builtin(
            "interaction", [("from", .target), ("to", .target), ("score", .integer)],
            "advancing from affects to, scored -3 ... +3, in every resolution"),
        builtin(
            "pack-interaction", [("pack", .symbol), ("from", .target), ("to", .target), ("score", .integer)],
            "a pack that drafts turn on with `use pack` scores from -> to"),
        builtin(
            "interaction-set", [("r", .resolution), ("set", .symbol)],
            "the set of scored interactions that applies to resolution r"),
        builtin(
            "interaction-in", [("set", .symbol), ("from", .target), ("to", .target), ("score", .integer)],
            "in this set, advancing from affects to with this score (a draft's own before its packs' before the default)"),
        builtin(
            "reported", [("from", .target), ("to", .target), ("sign", .symbol), ("evidence", .integer), ("cite", .text)],
            "advancing from is reported (synergy, trade-off, unspecified) to affect to, in every resolution; "
                + "evidence entries (0: not counted), and the citation a message shows"),
        builtin(
            "reported-in",
            [("set", .symbol), ("from", .target), ("to", .target), ("sign", .symbol), ("evidence", .integer), ("cite", .text)],
            "in this set, a pack's or draft's own report that advancing from affects to"),
        builtin(
            "overridden-in", [("set", .symbol), ("from", .target), ("to", .target)],
            "this set scores from -> to, or reports it itself, so the default's reports of the pair do not apply"),
        builtin(
            "citation", [("source", .text), ("reference", .text)],
            "the full reference of a source that interactions name, shown in traces and the catalogue"),
        builtin("resolution", [("r", .resolution)], "a resolution"),
        builtin("level", [("r", .resolution), ("level", .level)], "the level of resolution r (local, national, ...)"),
        builtin(
            "jurisdiction", [("r", .resolution), ("c", .country)],
            "resolution r is adopted under the constitution of c (a country or union)"),
        builtin("level-below", [("lower", .level), ("higher", .level)], "level lower is just below level higher"),
        builtin("implements", [("r", .resolution), ("parent", .resolution)], "resolution r implements parent"),
        builtin("adopted", [("r", .resolution), ("date", .text)], "resolution r was adopted on this date (YYYY-MM-DD)"),
        builtin("issued-by", [("r", .resolution), ("body", .text)], "resolution r was adopted by this body"),
        builtin("published-at", [("r", .resolution), ("uri", .text)], "resolution r is published at this address"),
        builtin("recalls", [("r", .resolution), ("other", .resolution)], "the text of resolution r cites resolution other"),
        builtin("account", [("r", .resolution), ("i", .indicator)], "resolution r keeps an account of indicator i"),
        builtin("measure-cost", [("m", .measure), ("cost", .text)], "what measure m costs, with its unit"),
        builtin(
            "measure-implements", [("m", .measure), ("other", .measure)],
            "measure m carries out measure other, of a resolution above (an effect both claim is counted once)"),
        builtin(
            "account-unit", [("r", .resolution), ("i", .indicator), ("symbol", .text)],
            "the account of i in r counts in this unit (its symbol)"),
        builtin(
            "account-better", [("r", .resolution), ("i", .indicator), ("direction", .symbol)],
            "for the account of i in r, higher or lower values are better (said, or read from its target)"),
        builtin(
            "account-value", [("r", .resolution), ("i", .indicator), ("kind", .symbol), ("year", .integer), ("value", .quantity)],
            "a value of the account of i in r: baseline, target or observed, its year, and the value in the account's unit"),
        builtin(
            "account-effect", [("r", .resolution), ("i", .indicator), ("m", .measure), ("year", .integer), ("value", .quantity)],
            "measure m of r claims this change in i by this year, in the account's unit"),
        builtin(
            "account-baseline", [("r", .resolution), ("i", .indicator), ("year", .integer)],
            "the account of i in r has a baseline, of this year"),
        builtin(
            "account-target", [("r", .resolution), ("i", .indicator), ("year", .integer)],
            "the account of i in r has a target, for this year"),
        builtin(
            "account-observed", [("r", .resolution), ("i", .indicator), ("year", .integer)],
            "the account of i in r has a value observed in this year"),
        builtin(
            "account-status", [("r", .resolution), ("i", .indicator), ("status", .symbol), ("reading", .text)],
            "the trend of i in r (target-achieved, on-track, needs-acceleration, limited-progress, deterioration), with its numbers"),
        builtin(
            "effect", [("m", .measure), ("i", .indicator), ("amount", .text)],
            "measure m claims this change in indicator i, by a year"),
        builtin(
            "account-claimed", [("r", .resolution), ("i", .indicator), ("total", .quantity)],
            "the effects r's measures (and those under r) claim on i up to its target's year, added in its unit"),
        builtin(
            "account-claims", [("r", .resolution), ("i", .indicator), ("comparison", .symbol), ("reading", .text)],
            "the effects r's measures claim on i, against the gap to its target (over, under, matches), with the numbers"),
        builtin("scope", [("r", .resolution), ("g", .goal)], "goal g is in the scope of resolution r"),
        builtin("measure", [("m", .measure)], "a measure"),
        builtin("in", [("m", .measure), ("r", .resolution)], "measure m belongs to resolution r"),
        builtin("advances", [("m", .measure), ("t", .target)], "measure m advances target t"),
        builtin("undermines", [("m", .measure), ("t", .target)], "measure m undermines target t"),
        builtin("restricts", [("m", .measure), ("p", .principle)], "measure m restricts principle p"),
        builtin(
            "justifies", [("m", .measure), ("p", .principle)],
            "measure m gives a justification for restricting p"),
        builtin("measured-by", [("m", .measure), ("i", .indicator)], "measure m names indicator i"),
        builtin(
            "paragraph", [("m", .measure), ("ref", .text)],
            "measure m comes from this paragraph of its resolution's published text (its eId)"),
        builtin("kind", [("m", .measure), ("k", .kind)], "measure m is of kind k"),
        builtin("kind-advances", [("k", .kind), ("t", .target)], "a measure of kind k is taken to advance target t"),
        builtin("kind-undermines", [("k", .kind), ("t", .target)], "a measure of kind k is taken to undermine target t"),
        builtin("kind-restricts", [("k", .kind), ("p", .principle)], "a measure of kind k is taken to restrict principle p"),
        builtin(
            "kind-offsets", [("k", .kind), ("other", .kind), ("t", .target)],
            "a measure of kinds k and other is not taken to undermine t through other"),
        builtin(
            "suggested-advances", [("m", .measure), ("t", .target), ("score", .integer)],
            "`lumen suggest` proposed that measure m advances t, with this score; no person has confirmed it"),
        builtin(
            "suggested-kind", [("m", .measure), ("k", .kind), ("score", .integer)],
            "`lumen suggest` proposed that measure m is of kind k, with this score; no person has confirmed it"),
        builtin(
            "rejects-advances", [("m", .measure), ("t", .target), ("reason", .text)],
            "the drafter rejects that measure m advances t, for this reason"),
        builtin(
            "rejects-undermines", [("m", .measure), ("t", .target), ("reason", .text)],
            "the drafter rejects that measure m undermines t, for this reason"),
        builtin(
            "rejects-restricts", [("m", .measure), ("p", .principle), ("reason", .text)],
            "the drafter rejects that measure m restricts p, for this reason"),
        builtin("tag", [("m", .measure), ("tag", .symbol)], "measure m carries this tag"),
    ]

    private static func builtin(_ name: String, _ columns: [(String, ValueType)], _ summary: String) -> RelationSchema {
        RelationSchema(
            name: name, columns: columns.map(\.1), columnNames: columns.map(\.0), declaredAt: nil, summary: summary)
    }
}
