import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

/// `--format sarif`: SARIF 2.1.0, as code-scanning services read it. Each
/// finding is a result with its rule, its location, every premise of its trace
/// as a related location, and a fingerprint made of its rule and subjects.
/// Files of the built-in standard library are addressed relative to the
/// `LUMEN_STDLIB` base, since they have no path on disk.
///
/// GitHub code scanning refuses a run of more than 25,000 results and shows
/// the first 5,000 by severity; a result of more than 1,000 locations is
/// refused and only 100 are shown; a thread flow keeps 1,000 locations. So a
/// report holds at most `sarifResultLimit` results (diagnostics first, then
/// findings by severity), each with at most 100 related locations and 1,000
/// steps of its code flow, and says in the run what it left out. Compared with
/// a baseline or a revision, results carry their `baselineState`: `new`,
/// `unchanged`, or `absent` for the findings the change resolved.
package enum SARIFReport {
    /// Related locations per result, as many as GitHub shows.
    package static let relatedLocationLimit = 100
    /// Steps of a result's code flow, as many as GitHub keeps.
    package static let flowLocationLimit = 1_000

    package static func render(_ input: ReportInput) -> String {
        var out = ""
        write(input) { out += $0 }
        return out
    }

    /// Writes the report piece by piece: one result at a time.
    package static func write(_ input: ReportInput, to sink: (String) -> Void) {
        let plan = ResultPlan(input)
        var notifications: [JSONValue] = []
        if plan.omitted > 0 {
            let shown = plan.total - plan.omitted
            notifications.append(
                .object([
                    ("level", .string("note")),
                    ("message", .object([("text", .string(plan.omissionNote(shown: shown)))])),
                ]))
        }
        let run: JSONStream = .object([
            (
                "tool",
                .value(
                    .object([
                        (
                            "driver",
                            .object([
                                ("name", .string("lumen")),
                                ("version", .string(input.version)),
                                ("semanticVersion", .string(input.version)),
                                ("rules", .array(plan.rules)),
                            ])
                        )
                    ]))
            ),
            (
                "invocations",
                .value(
                    .array([
                        .object(
                            [("executionSuccessful", .bool(true))]
                                + (notifications.isEmpty ? [] : [("toolExecutionNotifications", .array(notifications))]))
                    ]))
            ),
            (
                "originalUriBaseIds",
                .value(
                    .object([
                        (
                            "LUMEN_STDLIB",
                            .object([
                                ("description", .object([("text", .string("The standard library built into lumen (Rules/ in its repository)."))]))
                            ])
                        )
                    ]))
            ),
            ("columnKind", .value(.string("unicodeCodePoints"))),
            ("results", .array { each in plan.results(input, each) }),
        ])
        let log: JSONStream = .object([
            ("$schema", .value(.string("https://json.schemastore.org/sarif-2.1.0.json"))),
            ("version", .value(.string("2.1.0"))),
            ("runs", .elements([run])),
        ])
        log.write(to: sink)
    }

    /// Which results the report holds, in which order, and the rules they index.
    private struct ResultPlan {
        var rules: [JSONValue] = []
        var ruleIDs: [String: Int] = [:]
        /// Findings shown, by severity then place; then suppressed ones, then unchanged ones, then resolved ones.
        var findings: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        var unchanged: [Finding] = []
        var resolved: [ResolvedFinding] = []
        var total = 0
        var omitted = 0
        let limit: Int?

        init(_ input: ReportInput) {
            limit = input.sarifResultLimit
            // Every rule of the program is listed, so a service knows them even when they do not fire.
            for checked in input.program.rules.sorted(by: { $0.rule.id.value < $1.rule.id.value }) {
                add(rule: checked.rule.id.value, ruleDescriptor(checked.rule))
            }
            total = input.diagnostics.count + input.findings.count + input.suppressed.count + input.unchanged.count
                + input.resolved.count
            var room = (limit ?? Int.max) - input.diagnostics.count
            func take<T>(_ items: [T]) -> [T] {
                let kept = Array(items.prefix(max(0, room)))
                room -= kept.count
                return kept
            }
            findings = take(RuleSeverity.allCases.flatMap { severity in input.findings.filter { $0.severity == severity } })
            suppressed = take(input.suppressed)
            unchanged = take(input.unchanged)
            resolved = take(input.resolved)
            omitted = total - input.diagnostics.count - findings.count - suppressed.count - unchanged.count - resolved.count
            for finding in findings + unchanged { add(rule: finding.rule, .object([("id", .string(finding.rule))])) }
            for entry in suppressed { add(rule: entry.finding.rule, .object([("id", .string(entry.finding.rule))])) }
            for entry in resolved { add(rule: entry.rule, .object([("id", .string(entry.rule))])) }
            for diagnostic in input.diagnostics {
                add(
                    rule: diagnostic.code.id,
                    .object([
                        ("id", .string(diagnostic.code.id)),
                        ("shortDescription", .object([("text", .string(diagnostic.code.summary))])),
                        ("fullDescription", .object([("text", .string(diagnostic.code.explanation))])),
                        ("defaultConfiguration", .object([("level", .string(level(diagnostic.code.defaultSeverity)))])),
                    ]))
            }
        }

        private mutating func add(rule id: String, _ descriptor: @autoclosure () -> JSONValue) {
            guard ruleIDs[id] == nil else { return }
            ruleIDs[id] = rules.count
            rules.append(descriptor())
        }

        func omissionNote(shown: Int) -> String {
            "This report holds \(shown) of \(total) results (input problems first, then findings by severity), "
                + "the most GitHub code scanning shows; run `lumen check --format sarif --sarif-results all` "
                + "for all of them, or `--format json` for every finding with its trace."
        }

        func results(_ input: ReportInput, _ each: (JSONValue) -> Void) {
            for diagnostic in input.diagnostics { each(SARIFReport.diagnostic(diagnostic, ruleIndex: ruleIDs[diagnostic.code.id] ?? 0, input)) }
            let state: String? = input.comparing ? "new" : nil
            for finding in findings { each(result(finding, ruleIndex: ruleIDs[finding.rule] ?? 0, input, baselineState: state)) }
            for entry in suppressed {
                guard case .object(var members) = result(entry.finding, ruleIndex: ruleIDs[entry.finding.rule] ?? 0, input, baselineState: nil)
                else { continue }
                var suppression: [(String, JSONValue)] = [("kind", .string("inSource")), ("justification", .string(entry.suppression.reason))]
                if let location = physicalLocation(entry.suppression.span, input) {
                    suppression.append(("location", .object([("physicalLocation", location)])))
                }
                members.append(("suppressions", .array([.object(suppression)])))
                each(.object(members))
            }
            for finding in unchanged { each(result(finding, ruleIndex: ruleIDs[finding.rule] ?? 0, input, baselineState: "unchanged")) }
            for entry in resolved {
                each(
                    .object([
                        ("ruleId", .string(entry.rule)),
                        ("ruleIndex", .number(ruleIDs[entry.rule] ?? 0)),
                        ("level", .string(level(entry.severity))),
                        ("message", .object([("text", .string(entry.message))])),
                        ("baselineState", .string("absent")),
                        ("partialFingerprints", .object([("lumenFingerprint/v1", .string(entry.fingerprint))])),
                    ]))
            }
        }
    }

    private static func diagnostic(_ diagnostic: Diagnostic, ruleIndex index: Int, _ input: ReportInput) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.code.id)), ("ruleIndex", .number(index)),
            ("level", .string(level(diagnostic.severity))),
            ("message", .object([("text", .string(diagnostic.message + (diagnostic.help.map { " (\($0))" } ?? "")))])),
        ]
        if let span = diagnostic.primary?.span, let location = physicalLocation(span, input) {
            members.append(("locations", .array([.object([("physicalLocation", location)])])))
        } else if let path = diagnostic.path {
            members.append(
                (
                    "locations",
                    .array([
                        .object([("physicalLocation", .object([("artifactLocation", .object([("uri", .string(uri(path)))]))]))])
                    ])
                ))
        }
        return .object(members)
    }

    static func level(_ severity: RuleSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private static func ruleDescriptor(_ rule: RuleDecl) -> JSONValue {
        let template = rule.message.value.parts.map { part -> String in
            switch part {
            case .text(let text): text
            case .placeholder(let name): "{\(name.value)}"
            case .listing(let name): "{all \(name.value)}"
            }
        }.joined()
        return .object([
            ("id", .string(rule.id.value)),
            ("shortDescription", .object([("text", .string(template))])),
            ("fullDescription", .object([("text", .string(rule.description?.value ?? template))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity.value)))])),
        ])
    }

    /// A path as a relative URI reference: forward slashes, spaces and the like percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/".contains(character) {
                out.append(character)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    static func physicalLocation(_ span: Span, _ input: ReportInput) -> JSONValue? {
        guard let region = input.region(span) else { return nil }
        var artifact: [(String, JSONValue)]
        if region.path.hasPrefix("<stdlib>/") {
            artifact = [("uri", .string(uri(String(region.path.dropFirst("<stdlib>/".count))))), ("uriBaseId", .string("LUMEN_STDLIB"))]
        } else {
            artifact = [("uri", .string(uri(region.path)))]
        }
        return .object([
            ("artifactLocation", .object(artifact)),
            (
                "region",
                .object([
                    ("startLine", .number(region.line)), ("startColumn", .number(region.column)),
                    ("endLine", .number(region.endLine)), ("endColumn", .number(region.endColumn)),
                ])
            ),
        ])
    }

    private static func result(_ finding: Finding, ruleIndex: Int, _ input: ReportInput, baselineState: String?) -> JSONValue {
        var related: [JSONValue] = []
        var flow: [JSONValue] = []
        var cut = 0
        func visit(_ node: ProofTree) {
            if case .declared(let span) = node.step, let location = physicalLocation(span, input) {
                let text = ValueFormatter.fact(node.relation, node.values) + (input.program.factNote(span).map { " (\($0))" } ?? "")
                if related.count < relatedLocationLimit {
                    related.append(
                        .object([("id", .number(related.count + 1)), ("physicalLocation", location), ("message", .object([("text", .string(text))]))]))
                }
                if flow.count < flowLocationLimit {
                    flow.append(.object([("location", .object([("physicalLocation", location), ("message", .object([("text", .string(text))]))]))]))
                } else {
                    cut += 1
                }
            }
            node.premises.forEach(visit)
        }
        visit(finding.trace)
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.rule)),
            ("ruleIndex", .number(ruleIndex)),
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.messageWithHelp))])),
        ]
        if let location = physicalLocation(finding.anchor, input) {
            members.append(("locations", .array([.object([("physicalLocation", location)])])))
        }
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related)))
            members.append(
                ("codeFlows", .array([.object([("threadFlows", .array([.object([("locations", .array(flow))])]))])])))
        }
        if let baselineState { members.append(("baselineState", .string(baselineState))) }
        members.append(("partialFingerprints", .object([("lumenFingerprint/v1", .string(Fingerprint.of(finding)))])))
        var properties: [(String, JSONValue)] = []
        if cut > 0 { properties.append(("lumenTraceStepsLeftOut", .number(cut))) }
        if !finding.suggestions.isEmpty { properties.append(("lumenSuggestedTargets", JSONReport.suggestions(finding))) }
        if !properties.isEmpty { members.append(("properties", .object(properties))) }
        return .object(members)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
