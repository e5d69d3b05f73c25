import Diagnostics
import Engine
import Findings
import Semantics
import Syntax

/// Renders findings like compiler diagnostics: the excerpt at the anchor, the
/// message, then the trace: the rule with its place, and each premise with the
/// place that declared it (the compact form shows the rule's direct premises;
/// the full form the whole proof tree).
package struct TextReport: Sendable {
    package var colors = false
    package var fullTraces = false

    package init(colors: Bool = false, fullTraces: Bool = false) {
        self.colors = colors
        self.fullTraces = fullTraces
    }

    /// Errors, then warnings, then info; a stable sort, so the order within a severity stays.
    package static func bySeverity(_ findings: [Finding]) -> [Finding] {
        RuleSeverity.allCases.flatMap { severity in findings.filter { $0.severity == severity } }
    }

    /// Suppressed findings, each with the suppression's reason and place.
    package func render(_ suppressed: [SuppressedFinding], proofs: ProofReader, sources: SourceMap) -> String {
        suppressed.map { entry in
            var note = "suppressed at \(place(entry.suppression.span, sources)): \(entry.suppression.reason)"
            if let until = entry.suppression.until { note += " (until \(until))" }
            return render(entry.finding, proofs: proofs, sources: sources, extra: [("note", note)], prefix: "suppressed ") + "\n"
        }.joined()
    }

    package func render(_ finding: Finding, proofs: ProofReader, sources: SourceMap) -> String {
        render(finding, proofs: proofs, sources: sources, extra: [], prefix: "")
    }

    private func render(
        _ finding: Finding, proofs: ProofReader, sources: SourceMap, extra: [(label: String, text: String)], prefix: String
    ) -> String {
        let severity: Severity =
            switch finding.severity {
            case .error: .error
            case .warning: .warning
            case .info: .note
            }
        var lines: [String] = []
        let trace = finding.trace
        if fullTraces {
            tree(trace, proofs: proofs, sources: sources, indent: 0, into: &lines)
        } else {
            for premise in trace.premises {
                lines.append(describe(premise, proofs: proofs, sources: sources))
                // A derived premise shows, under it, the declarations with a source it rests on.
                for cited in citedDeclarations(below: premise, proofs: proofs) {
                    lines.append("  " + describe(cited, proofs: proofs, sources: sources))
                }
            }
            for absence in trace.absences {
                lines += proofs.lines(for: absence)
            }
        }
        var notes: [(label: String, text: String)] =
            extra + [
                ("rule", "`\(finding.rule)` at \(place(finding.ruleSpan, sources))"),
                ("because", "\n" + lines.joined(separator: "\n")),
            ]
        if !finding.suggestions.isEmpty {
            notes.append(("help", "its words suggest (confirm with `advances T`):\n" + TextReport.suggestionLines(finding).joined(separator: "\n")))
        }
        return DiagnosticRenderer(colors: colors).render(
            title: "\(prefix)\(finding.severity.rawValue)[\(finding.rule)]", severity: prefix.isEmpty ? severity : .note,
            message: finding.message,
            primary: Label(finding.anchor), notes: notes, sources: sources)
    }

    /// One line per target suggested for a finding's measure: id, title, score and the words that matched.
    package static func suggestionLines(_ finding: Finding) -> [String] {
        finding.suggestions.map { suggestion in
            "\(suggestion.target) (\(suggestion.title))  score \(suggestion.score), matched "
                + suggestion.words.map { "\"\($0)\"" }.joined(separator: ", ")
        }
    }

    /// A whole proof tree, one fact per line, premises indented under what they prove.
    package func proof(_ root: ProofTree, proofs: ProofReader, sources: SourceMap) -> String {
        var lines = [describe(root, proofs: proofs, sources: sources)]
        tree(root, proofs: proofs, sources: sources, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A finding's whole proof below its root, one fact per line, indented by depth.
    package func traceLines(_ root: ProofTree, proofs: ProofReader, sources: SourceMap) -> [String] {
        var lines: [String] = []
        tree(root, proofs: proofs, sources: sources, indent: 0, into: &lines)
        return lines.map { String($0.dropFirst(2)) }
    }

    /// The declared facts with a note (an interaction's source) in the proof of a
    /// derived premise, in proof order, each once: what the compact form cites.
    private func citedDeclarations(below node: ProofTree, proofs: ProofReader) -> [ProofTree] {
        guard case .derived = node.step else { return [] }
        var found: [ProofTree] = []
        var seen: Set<Span> = []
        var stack = Array(node.premises.reversed())
        while let next = stack.popLast(), found.count < 8 {
            switch next.step {
            case .declared(let span):
                if proofs.citesASource(span), seen.insert(span).inserted { found.append(next) }
            case .derived:
                stack += next.premises.reversed()
            }
        }
        return found
    }

    /// One line per premise: the fact, and where it was declared or which rule derived it.
    private func describe(_ node: ProofTree, proofs: ProofReader, sources: SourceMap) -> String {
        let fact = ValueFormatter.fact(node.relation, node.values)
        switch node.step {
        case .declared(let span):
            let note = proofs.note(at: span).map { " (\($0))" } ?? ""
            return "\(fact)  declared at \(place(span, sources))\(note)"
        case .derived(_, let span):
            return "\(fact)  derived by \(proofs.ruleName(of: node.step) ?? "a rule") at \(place(span, sources))"
        }
    }

    private func tree(_ node: ProofTree, proofs: ProofReader, sources: SourceMap, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        if indent > 0 { lines.append(pad + describe(node, proofs: proofs, sources: sources)) }
        if node.truncated {
            lines.append(pad + "  … (proof cut at the depth or size limit)")
            return
        }
        for premise in node.premises {
            tree(premise, proofs: proofs, sources: sources, indent: indent + 1, into: &lines)
        }
        for absence in node.absences {
            lines += proofs.lines(for: absence).map { pad + "  " + $0 }
        }
    }

    private func place(_ span: Span, _ sources: SourceMap) -> String {
        guard let (path, location) = sources.position(of: span) else { return "an unknown place" }
        return "\(path):\(location)"
    }
}
