import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

/// `--format json`: one object with the findings, the diagnostics and a summary.
/// The schema is documented in docs/json-report.md and docs/json-report.schema.json.
package enum JSONReport {
    package static let formatVersion = 1

    package static func render(_ input: ReportInput) -> String {
        document(input).rendered()
    }

    /// Writes the report piece by piece: one finding's trace at a time.
    package static func write(_ input: ReportInput, to sink: (String) -> Void) {
        document(input).write(to: sink)
    }

    private static func document(_ input: ReportInput) -> JSONStream {
        let counts = input.counts
        let shared = WrittenProofs()
        var summary: [(String, JSONValue)] = [
            ("files", .number(input.checkedFiles.count)),
            ("errors", .number(counts.errors)),
            ("warnings", .number(counts.warnings)),
            ("infos", .number(counts.infos)),
            ("findings", .number(input.findings.count)),
            ("suppressed", .number(input.suppressed.count)),
        ]
        var members: [(String, JSONStream)] = [
            ("version", .value(.number(formatVersion))),
            ("tool", .value(.object([("name", .string("lumen")), ("version", .string(input.version))]))),
            (
                "findings",
                .array { each in
                    for (index, entry) in input.findings.enumerated() { each(finding(entry, input, at: "/findings/\(index)", shared)) }
                }
            ),
            (
                "suppressed",
                .array { each in
                    for (index, entry) in input.suppressed.enumerated() {
                        each(suppressed(entry, input, at: "/suppressed/\(index)", shared))
                    }
                }
            ),
            ("diagnostics", .array { each in for entry in input.diagnostics { each(diagnostic(entry, input)) } }),
        ]
        if input.comparing {
            // Compared with a baseline or a revision: the findings above are the new ones.
            members.append(("resolved", .value(.array(input.resolved.map(resolved)))))
            summary += [("unchanged", .number(input.unchanged.count)), ("resolved", .number(input.resolved.count))]
        }
        members.append(("summary", .value(.object(summary))))
        return .object(members)
    }

    static func resolved(_ entry: ResolvedFinding) -> JSONValue {
        .object([
            ("rule", .string(entry.rule)), ("severity", .string(entry.severity.rawValue)), ("message", .string(entry.message)),
            ("fingerprint", .string(entry.fingerprint)),
        ])
    }

    package static func location(_ span: Span, _ input: ReportInput) -> JSONValue {
        guard let region = input.region(span) else { return .null }
        return .object([
            ("file", .string(region.path)), ("line", .number(region.line)), ("column", .number(region.column)),
            ("endLine", .number(region.endLine)), ("endColumn", .number(region.endColumn)),
        ])
    }

    package static func finding(
        _ finding: Finding, _ input: ReportInput, at pointer: String = "", _ shared: WrittenProofs? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("location", location(finding.anchor, input)),
            ("subjects", .object(finding.subjects.map { ($0.name, .string(ValueFormatter.traced($0.value))) })),
            ("fingerprint", .string(Fingerprint.of(finding))),
            ("trace", trace(finding.trace, input, at: pointer + "/trace", shared)),
        ]
        if !finding.suggestions.isEmpty { members.append(("suggestions", suggestions(finding))) }
        return .object(members)
    }

    /// The targets suggested for a finding's measure, best first: id, title, score and the words that matched.
    package static func suggestions(_ finding: Finding) -> JSONValue {
        .array(
            finding.suggestions.map { suggestion in
                .object([
                    ("target", .string(suggestion.target)), ("title", .string(suggestion.title)),
                    ("score", .hundredths(suggestion.hundredths)), ("words", .array(suggestion.words.map(JSONValue.string))),
                ])
            })
    }

    static func suppressed(_ entry: SuppressedFinding, _ input: ReportInput, at pointer: String, _ shared: WrittenProofs) -> JSONValue {
        guard case .object(var members) = finding(entry.finding, input, at: pointer, shared) else { return .null }
        members.append(
            (
                "suppression",
                .object([
                    ("reason", .string(entry.suppression.reason)),
                    ("until", entry.suppression.until.map { .string($0) } ?? .null),
                    ("location", location(entry.suppression.span, input)),
                ])
            ))
        return .object(members)
    }

    /// A proof as JSON. With `shared`, a derived fact whose proof the report has
    /// written already (for another finding, or higher in this one) is written
    /// once: later it is its rule and a `sameAs` JSON pointer to the first, so
    /// that findings sharing a deep derivation do not repeat it.
    package static func trace(_ node: ProofTree, _ input: ReportInput, at pointer: String = "", _ shared: WrittenProofs? = nil)
        -> JSONValue
    {
        var members: [(String, JSONValue)] = [
            ("relation", .string(node.relation)),
            ("values", .array(node.values.map { .string(ValueFormatter.traced($0)) })),
        ]
        if let shared, case .derived(_, let span) = node.step, !node.truncated {
            let key = WrittenProofs.Key(relation: node.relation, tuple: node.tuple)
            if let first = shared.places[key] {
                let name = input.proofs?.reportingRule(of: node.step)
                members.append(("rule", name.map { .string($0) } ?? .null))
                members.append(("ruleLocation", location(span, input)))
                members.append(("sameAs", .string(first)))
                return .object(members)
            }
            shared.places[key] = pointer
        }
        switch node.step {
        case .declared(let span):
            members.append(("declared", location(span, input)))
            if let note = input.program.factNote(span) { members.append(("note", .string(note))) }
        case .derived(_, let span):
            let name = input.proofs?.reportingRule(of: node.step)
            members.append(("rule", name.map { .string($0) } ?? .null))
            members.append(("ruleLocation", location(span, input)))
            members.append(
                ("premises", .array(node.premises.enumerated().map { trace($1, input, at: pointer + "/premises/\($0)", shared) })))
            members.append(
                (
                    "absent",
                    .array(
                        node.absences.map { absence in
                            let words = input.proofs?.words(for: absence)
                            return .object([
                                ("relation", .string(absence.relation)),
                                ("values", .array(absence.values.map { $0.map { .string(ValueFormatter.traced($0)) } ?? .null })),
                                ("text", words.map { .string($0.line) } ?? .null),
                                ("instead", .array((words?.instead ?? []).map { .string($0) })),
                            ])
                        })
                ))
            if node.truncated { members.append(("truncated", .bool(true))) }
        }
        return .object(members)
    }

    package static func diagnostic(_ diagnostic: Diagnostic, _ input: ReportInput) -> JSONValue {
        var location: JSONValue = .null
        if let span = diagnostic.primary?.span {
            location = Self.location(span, input)
        } else if let path = diagnostic.path {
            location = .object([("file", .string(path))])
        }
        return .object([
            ("code", .string(diagnostic.code.id)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("location", location),
            ("notes", .array(diagnostic.notes.map { .string($0) })),
            ("help", diagnostic.help.map { .string($0) } ?? .null),
        ])
    }
}

/// The derived proofs a JSON report has written, by fact, with the JSON
/// pointer of the first: a proof written once is pointed at afterwards.
package final class WrittenProofs {
    /// A fact, by its relation and its tuple's number (comparing numbers, not values).
    struct Key: Hashable {
        let relation: String
        let tuple: Int
    }

    var places: [Key: String] = [:]

    package init() {}
}
