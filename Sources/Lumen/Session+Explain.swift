import Diagnostics
import Engine
import Findings
import Foundation
import Reports
import Semantics
import Syntax

/// `:why` and `:whynot`: why a fact holds (its proof tree), and why one does
/// not (for each rule that could derive it, the first premise with no match).
extension Session {
    /// A fact as typed after `:why` or `:whynot`: one atom, its relation named
    /// as in the program or by a reporting rule's id.
    private struct Pattern {
        let atom: Atom
        /// The relation in the model: the atom's, or `rule:ID` for a reporting rule.
        let relation: String
        /// The reporting rule, when the atom names one.
        let rule: CheckedRule?
        let sources: SourceMap
    }

    /// Parses `text` as one atom. A reporting rule's id stands for its findings,
    /// with the rule's subjects as columns (`:rules` lists them).
    private func pattern(_ text: String, command: String) -> Result<Pattern, ReplyError> {
        var sources = report.sources
        let file = sources.add(path: "<:\(command)>", bytes: Array(text.utf8))
        let (literals, syntax) = Parser.parseQuery(file)
        if syntax.hasErrors { return .failure(ReplyError(problems(syntax, sources))) }
        guard literals.count == 1, case .positive(let atom) = literals[0] else {
            let text = "`:\(command)` takes one fact, as in `:\(command) covered(city-energy, 7.2)`"
            return .failure(ReplyError(Reply("error: \(text)\n", json: message(text), isError: true)))
        }
        let name = atom.relation.value
        if report.program.relations[name] == nil, let rule = report.program.rules.first(where: { $0.rule.id.value == name }) {
            let subjects = rule.subjects
            guard subjects.count == atom.arguments.count else {
                let expected = subjects.map(\.value).joined(separator: ", ")
                let text = "the findings of `\(name)` have \(subjects.count) subjects: \(name)(\(expected))"
                return .failure(ReplyError(Reply("error: \(text)\n", json: message(text), isError: true)))
            }
            return .success(Pattern(atom: atom, relation: rule.findingRelation, rule: rule, sources: sources))
        }
        let (typeProblems, _) = QueryChecker.check(literals, program: report.program)
        if typeProblems.hasErrors { return .failure(ReplyError(problems(typeProblems, sources))) }
        return .success(Pattern(atom: atom, relation: name, rule: nil, sources: sources))
    }

    struct ReplyError: Error {
        let reply: Reply
        init(_ reply: Reply) { self.reply = reply }
    }

    // MARK: :why

    func why(_ argument: String) -> Reply {
        guard let model = report.model else { return noModel }
        guard !argument.isEmpty else {
            let text = "usage: :why N (a finding's number in `:findings`) or :why FACT"
            return Reply("error: \(text)\n", json: message(text), isError: true)
        }
        if let number = Int(argument) {
            guard number >= 1 && number <= report.findings.count else {
                let text =
                    report.findings.isEmpty
                    ? "there are no findings" : "no finding \(number): the findings are numbered 1 to \(report.findings.count)"
                return Reply("error: \(text)\n", json: message(text), isError: true)
            }
            let finding = report.findings[number - 1]
            let text = TextReport(colors: colors, fullTraces: true).render(finding, proofs: ProofReader(model), sources: report.sources)
            let json: JSONValue = .object([
                ("kind", .string("proof")), ("finding", .number(number)), ("trace", traceJSON(finding.trace, report.sources)),
            ])
            return Reply(text, json: json)
        }
        let pattern: Pattern
        switch self.pattern(argument, command: "why") {
        case .failure(let error): return error.reply
        case .success(let found): pattern = found
        }
        let terms = pattern.atom.arguments.map(RuleLowering.term)
        let matches = model.tuples(pattern.relation).filter { ProofPattern.matches(terms, $0) }
        guard !matches.isEmpty else {
            let text = "`\(Formatter.atom(pattern.atom))` does not hold; `:whynot` tells which premise is missing"
            return Reply(text + "\n", json: .object([("kind", .string("proof")), ("holds", .bool(false)), ("proofs", .array([]))]))
        }
        let shown = matches.prefix(10)
        let renderer = TextReport(colors: colors, fullTraces: true)
        var proofs: [ProofTree] = []
        for values in shown {
            if let proof = model.proof(pattern.relation, values, maxDepth: options.traceDepth) { proofs.append(proof) }
        }
        let reader = ProofReader(model)
        var text = proofs.map { renderer.proof($0, proofs: reader, sources: pattern.sources) }.joined(separator: "\n")
        if matches.count > shown.count { text += "… and \(matches.count - shown.count) more facts match\n" }
        let json: JSONValue = .object([
            ("kind", .string("proof")), ("holds", .bool(true)), ("count", .number(matches.count)),
            ("proofs", .array(proofs.map { traceJSON($0, pattern.sources) })),
        ])
        return Reply(text, json: json)
    }

    // MARK: :whynot

    func whyNot(_ argument: String) -> Reply {
        guard let model = report.model else { return noModel }
        guard !argument.isEmpty else {
            let text = "usage: :whynot FACT"
            return Reply("error: \(text)\n", json: message(text), isError: true)
        }
        let pattern: Pattern
        switch self.pattern(argument, command: "whynot") {
        case .failure(let error): return error.reply
        case .success(let found): pattern = found
        }
        let fact = Formatter.atom(pattern.atom)
        let terms = pattern.atom.arguments.map(RuleLowering.term)
        if terms.contains(where: { $0.value == nil }) {
            let text = "`:whynot` takes a fact with values, not variables: `\(fact)`"
            return Reply("error: \(text)\n", json: message(text), isError: true)
        }
        if model.tuples(pattern.relation).contains(where: { ProofPattern.matches(terms, $0) }) {
            let text = "`\(fact)` holds; `:why \(argument)` shows its proof"
            return Reply(text + "\n", json: .object([("kind", .string("whynot")), ("fact", .string(fact)), ("holds", .bool(true))]))
        }
        // The rules whose head has the fact's relation, with their bodies.
        var candidates: [(head: [RuleTerm], body: [RuleLiteral], span: Span, name: String)] = []
        if let rule = pattern.rule {
            let subjects = rule.subjects.map { RuleTerm.variable($0.value) }
            candidates.append((subjects, RuleLowering.literals(rule.rule.body), rule.rule.span, "rule `\(rule.rule.id.value)`"))
        } else {
            for clause in report.program.clauses where clause.clause.head.relation.value == pattern.relation {
                var head = clause.clause.head.arguments.map(RuleLowering.term)
                // An aggregate's column is what the matches add up to: any value, as far as the body goes.
                if let column = clause.clause.aggregate?.column, head.indices.contains(column) { head[column] = .wildcard }
                candidates.append(
                    (head, RuleLowering.literals(clause.clause.body), clause.clause.span, Formatter.head(clause.clause)))
            }
        }
        guard !candidates.isEmpty else {
            let text =
                "`\(fact)` does not hold: no rule derives `\(pattern.relation)`, only declarations and facts do, and none states it"
            return Reply(
                text + "\n", json: .object([("kind", .string("whynot")), ("fact", .string(fact)), ("holds", .bool(false)), ("rules", .array([]))]))
        }
        var text = "`\(fact)` does not hold; \(plural(candidates.count, "rule")) could derive it:\n"
        var rulesJSON: [JSONValue] = []
        for candidate in candidates {
            text += "\n\(candidate.name) at \(place(candidate.span, report.sources))\n"
            guard let steps = model.whyNot(terms, head: candidate.head, body: candidate.body) else {
                text += "  its head does not match: it derives only facts of another shape\n"
                rulesJSON.append(.object([("location", .string(place(candidate.span, report.sources))), ("matches", .bool(false))]))
                continue
            }
            let (table, premises) = Session.premiseStatuses(steps)
            text += table
            rulesJSON.append(
                .object([
                    ("location", .string(place(candidate.span, report.sources))), ("matches", .bool(true)),
                    ("premises", .array(premises)),
                ]))
        }
        let json: JSONValue = .object([
            ("kind", .string("whynot")), ("fact", .string(fact)), ("holds", .bool(false)), ("rules", .array(rulesJSON)),
        ])
        return Reply(text, json: json)
    }

    /// Each premise with what became of it: held (in how many ways), missing or
    /// failed (with an example binding), or not reached; as a table and as JSON.
    private static func premiseStatuses(_ steps: [WhyNotStep]) -> (table: String, json: [JSONValue]) {
        var json: [JSONValue] = []
        var rows: [[String]] = []
        var failed = false
        for step in steps {
            let literal = step.literal.written
            let status: String
            if failed {
                status = "not reached"
            } else if step.count > 0 {
                status = "holds" + (step.count > 1 ? " (\(step.count) ways)" : "")
            } else {
                failed = true
                let example = step.example.map { "\($0.0) = \(ValueFormatter.key($0.1))" }.joined(separator: ", ")
                let what: String
                switch step.literal {
                case .positive: what = "MISSING"
                case .negative: what = "FAILS: the negated fact holds"
                case .compare: what = "FAILS"
                }
                status = what + (example.isEmpty ? "" : ", e.g. for \(example)")
            }
            rows.append(["  " + literal, status])
            json.append(.object([("literal", .string(literal)), ("status", .string(status))]))
        }
        return (Table(rows: rows).render(), json)
    }
}
