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
        let matches = model.tuples(pattern.relation).filter { Session.matches(pattern.atom.arguments, $0) }
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

    /// The value of a constant term.
    private static func value(_ term: Term) -> Value? {
        switch term {
        case .integer(let number): .integer(number.value)
        case .string(let text): .text(text.value)
        case .sdgID(let name), .symbol(let name), .measure(let name): .id(name.value)
        case .variable, .wildcard: nil
        }
    }

    /// True when a tuple fits a pattern: equal constants, one value per variable.
    private static func matches(_ pattern: [Term], _ values: [Value]) -> Bool {
        var bound: [String: Value] = [:]
        for (term, value) in zip(pattern, values) {
            switch term {
            case .wildcard: continue
            case .variable(let name):
                if let earlier = bound[name.value], earlier != value { return false }
                bound[name.value] = value
            default:
                if Session.value(term) != value { return false }
            }
        }
        return true
    }

    // MARK: :whynot

    /// One premise of a rule, after the head was matched with the fact.
    private struct Step {
        let literal: Literal
        /// How many distinct bindings the premises up to this one have (0: it fails).
        let count: Int
        /// One such binding of the premises before it, for the message.
        let example: [(String, Value)]
    }

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
        if pattern.atom.arguments.contains(where: { Session.value($0) == nil }) {
            let text = "`:whynot` takes a fact with values, not variables: `\(fact)`"
            return Reply("error: \(text)\n", json: message(text), isError: true)
        }
        if model.tuples(pattern.relation).contains(where: { Session.matches(pattern.atom.arguments, $0) }) {
            let text = "`\(fact)` holds; `:why \(argument)` shows its proof"
            return Reply(text + "\n", json: .object([("kind", .string("whynot")), ("fact", .string(fact)), ("holds", .bool(true))]))
        }
        // The rules whose head has the fact's relation, with their bodies.
        var candidates: [(head: [Term], body: [Literal], span: Span, name: String)] = []
        if let rule = pattern.rule {
            let subjects = rule.subjects.map { Term.variable($0) }
            candidates.append((subjects, rule.rule.body, rule.rule.span, "rule `\(rule.rule.id.value)`"))
        } else {
            for clause in report.program.clauses where clause.clause.head.relation.value == pattern.relation {
                candidates.append((clause.clause.head.arguments, clause.clause.body, clause.clause.span, Formatter.atom(clause.clause.head)))
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
            guard let substitution = Session.unify(candidate.head, with: pattern.atom.arguments) else {
                text += "  its head does not match: it derives only facts of another shape\n"
                rulesJSON.append(.object([("location", .string(place(candidate.span, report.sources))), ("matches", .bool(false))]))
                continue
            }
            let body = Session.ordered(candidate.body.map { Session.substitute($0, substitution) })
            let steps = explain(body, model: model)
            var literalsJSON: [JSONValue] = []
            var rows: [[String]] = []
            var failed = false
            for step in steps {
                let literal = Formatter.literal(step.literal)
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
                    case .comparison: what = "FAILS"
                    }
                    status = what + (example.isEmpty ? "" : ", e.g. for \(example)")
                }
                rows.append(["  " + literal, status])
                literalsJSON.append(.object([("literal", .string(literal)), ("status", .string(status))]))
            }
            text += Table(rows: rows).render()
            rulesJSON.append(
                .object([
                    ("location", .string(place(candidate.span, report.sources))), ("matches", .bool(true)),
                    ("premises", .array(literalsJSON)),
                ]))
        }
        let json: JSONValue = .object([
            ("kind", .string("whynot")), ("fact", .string(fact)), ("holds", .bool(false)), ("rules", .array(rulesJSON)),
        ])
        return Reply(text, json: json)
    }

    /// Binds the head's variables to the fact's constants; nil when a constant
    /// of the head differs or a repeated variable would need two values.
    private static func unify(_ head: [Term], with fact: [Term]) -> [String: Term]? {
        var substitution: [String: Term] = [:]
        for (term, constant) in zip(head, fact) {
            switch term {
            case .variable(let name):
                if let earlier = substitution[name.value], value(earlier) != value(constant) { return nil }
                substitution[name.value] = constant
            case .wildcard: continue
            default:
                if value(term) != value(constant) { return nil }
            }
        }
        return substitution
    }

    private static func substitute(_ literal: Literal, _ substitution: [String: Term]) -> Literal {
        func term(_ term: Term) -> Term {
            if case .variable(let name) = term, let bound = substitution[name.value] { return bound }
            return term
        }
        func atom(_ atom: Atom) -> Atom {
            Atom(relation: atom.relation, arguments: atom.arguments.map(term), span: atom.span)
        }
        switch literal {
        case .positive(let a): return .positive(atom(a))
        case .negative(let a, let span): return .negative(atom(a), span: span)
        case .comparison(let left, let op, let right, let span): return .comparison(term(left), op, term(right), span: span)
        }
    }

    /// The body in an order whose every prefix is safe: positive premises as
    /// written, each negation and comparison as soon as its variables are bound.
    private static func ordered(_ body: [Literal]) -> [Literal] {
        func variables(_ literal: Literal) -> Set<String> {
            let terms: [Term]
            switch literal {
            case .positive(let a), .negative(let a, _): terms = a.arguments
            case .comparison(let l, _, let r, _): terms = [l, r]
            }
            var names: Set<String> = []
            for case .variable(let name) in terms { names.insert(name.value) }
            return names
        }
        var bound: Set<String> = []
        var pending: [Literal] = []
        var out: [Literal] = []
        func flush() {
            // An equality binds a variable to a value or another bound variable.
            var progress = true
            while progress {
                progress = false
                for (index, literal) in pending.enumerated() {
                    var free = variables(literal).subtracting(bound)
                    if case .comparison(_, .equal, _, _) = literal, free.count == 1 { free = [] }
                    if free.isEmpty {
                        out.append(literal)
                        bound.formUnion(variables(literal))
                        pending.remove(at: index)
                        progress = true
                        break
                    }
                }
            }
        }
        for literal in body {
            if case .positive = literal {
                out.append(literal)
                bound.formUnion(variables(literal))
            } else {
                pending.append(literal)
            }
            flush()
        }
        return out + pending
    }

    /// Evaluates longer and longer prefixes of the body until one has no answer.
    private func explain(_ body: [Literal], model: Model) -> [Step] {
        var steps: [Step] = []
        var previous: QueryResult?
        for index in body.indices {
            let result = model.query(Array(body.prefix(index + 1)))
            let example = previous.flatMap { earlier in earlier.rows.first.map { Array(zip(earlier.columns, $0)) } } ?? []
            steps.append(Step(literal: body[index], count: result.rows.count, example: example))
            if result.rows.isEmpty {
                for rest in body[(index + 1)...] { steps.append(Step(literal: rest, count: 0, example: [])) }
                break
            }
            previous = result
        }
        return steps
    }
}
