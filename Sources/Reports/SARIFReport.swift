import Diagnostics
import Engine
import Semantics
import Syntax

/// `--format sarif`: SARIF 2.1.0, as code-scanning services read it. Each
/// finding is a result with its rule, its location, every premise of its trace
/// as a related location, and a fingerprint made of its rule and subjects.
/// Files of the built-in standard library are addressed relative to the
/// `LUMEN_STDLIB` base, since they have no path on disk.
package enum SARIFReport {
    package static func render(_ input: ReportInput) -> String {
        var ruleIDs: [String] = []
        var rules: [JSONValue] = []
        func ruleIndex(_ id: String, _ make: () -> JSONValue) -> Int {
            if let index = ruleIDs.firstIndex(of: id) { return index }
            ruleIDs.append(id)
            rules.append(make())
            return ruleIDs.count - 1
        }
        // Every rule of the program is listed, so a service knows them even when they do not fire.
        for checked in input.program.rules.sorted(by: { $0.rule.id.value < $1.rule.id.value }) {
            _ = ruleIndex(checked.rule.id.value) { ruleDescriptor(checked.rule) }
        }
        var results: [JSONValue] = []
        for finding in input.findings {
            let index = ruleIndex(finding.rule) { .object([("id", .string(finding.rule))]) }
            results.append(result(finding, ruleIndex: index, input))
        }
        for entry in input.suppressed {
            let index = ruleIndex(entry.finding.rule) { .object([("id", .string(entry.finding.rule))]) }
            guard case .object(var members) = result(entry.finding, ruleIndex: index, input) else { continue }
            var suppression: [(String, JSONValue)] = [("kind", .string("inSource")), ("justification", .string(entry.suppression.reason))]
            if let location = physicalLocation(entry.suppression.span, input) {
                suppression.append(("location", .object([("physicalLocation", location)])))
            }
            members.append(("suppressions", .array([.object(suppression)])))
            results.append(.object(members))
        }
        for diagnostic in input.diagnostics {
            let index = ruleIndex(diagnostic.code.id) {
                .object([
                    ("id", .string(diagnostic.code.id)),
                    ("shortDescription", .object([("text", .string(diagnostic.code.summary))])),
                    ("fullDescription", .object([("text", .string(diagnostic.code.explanation))])),
                    ("defaultConfiguration", .object([("level", .string(level(diagnostic.code.defaultSeverity)))])),
                ])
            }
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
            results.append(.object(members))
        }
        let run: JSONValue = .object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("lumen")),
                            ("version", .string(input.version)),
                            ("semanticVersion", .string(input.version)),
                            ("rules", .array(rules)),
                        ])
                    )
                ])
            ),
            (
                "originalUriBaseIds",
                .object([
                    ("LUMEN_STDLIB", .object([("description", .object([("text", .string("The standard library built into lumen (Rules/ in its repository)."))]))]))
                ])
            ),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        let log: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.rendered()
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

    private static func result(_ finding: Finding, ruleIndex: Int, _ input: ReportInput) -> JSONValue {
        var related: [JSONValue] = []
        var flow: [JSONValue] = []
        func visit(_ node: ProofTree) {
            if case .declared(let span) = node.step, let location = physicalLocation(span, input) {
                let text = ValueFormatter.fact(node.relation, node.values) + (input.program.factNotes[span].map { " (\($0))" } ?? "")
                related.append(
                    .object([("id", .number(related.count + 1)), ("physicalLocation", location), ("message", .object([("text", .string(text))]))]))
                flow.append(.object([("location", .object([("physicalLocation", location), ("message", .object([("text", .string(text))]))]))]))
            }
            node.premises.forEach(visit)
        }
        visit(finding.trace)
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.rule)),
            ("ruleIndex", .number(ruleIndex)),
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
        ]
        if let location = physicalLocation(finding.anchor, input) {
            members.append(("locations", .array([.object([("physicalLocation", location)])])))
        }
        if !related.isEmpty {
            members.append(("relatedLocations", .array(related)))
            members.append(
                ("codeFlows", .array([.object([("threadFlows", .array([.object([("locations", .array(flow))])]))])])))
        }
        members.append(("partialFingerprints", .object([("lumenFingerprint/v1", .string(Fingerprint.of(finding)))])))
        return .object(members)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
