import Engine
import Semantics
import Syntax

/// The words a trace uses for a fact that had to be absent: the relation's
/// `absent` wording when the rules give one ("no measure of plan advances a
/// target of goal 6"), with what holds instead ("plan.meals advances 2.2"), or
/// else the fact itself (`no goal-advanced-in(plan, 6)`).
package enum AbsenceText {
    /// At most this many rows of what holds instead are shown; the rest are counted.
    package static let insteadLimit = 5

    package static func render(_ absence: Absence, model: Model) -> (line: String, instead: [String]) {
        let plain = "no " + ValueFormatter.fact(absence.relation, absence.values)
        let program = model.program
        guard let wording = program.absenceWordings[absence.relation], wording.columns.count == absence.values.count else {
            return (plain, [])
        }
        var bound: [String: Value] = [:]
        for (name, value) in zip(wording.columns, absence.values) {
            if let name, let value { bound[name] = value }
        }
        let line = fill(wording.text, bound, wording.variableTypes, program)
        guard let insteadText = wording.insteadText else { return (line, []) }
        let body = wording.insteadBody.map { substitute($0, bound) }
        // A trace is shown after evaluation: a second is plenty for a lookup by the bound columns.
        let result = model.query(RuleLowering.literals(body), timeoutNanoseconds: 1_000_000_000)
        var distinct: [String] = []
        var seen: Set<String> = []
        for row in result.rows.sorted(by: ValueFormatter.naturalOrder) {
            var values = bound
            for (column, value) in zip(result.columns, row) { values[column] = value }
            let line = fill(insteadText, values, wording.variableTypes, program)
            if seen.insert(line).inserted { distinct.append(line) }
        }
        if distinct.isEmpty { return (line, ["nothing"]) }
        if distinct.count > insteadLimit {
            let rest = distinct.count - insteadLimit
            distinct = Array(distinct.prefix(insteadLimit)) + ["and \(rest) more"]
        }
        return (line, distinct)
    }

    /// The absence as trace lines: the wording, then what holds instead, indented.
    package static func lines(_ absence: Absence, model: Model) -> [String] {
        let (line, instead) = render(absence, model: model)
        guard let first = instead.first else { return [line] }
        return [line, "  instead: " + first] + instead.dropFirst().map { "           " + $0 }
    }

    private static func fill(
        _ template: MessageTemplate, _ values: [String: Value], _ types: [String: ValueType], _ program: CheckedProgram
    ) -> String {
        template.parts.map { part -> String in
            switch part {
            case .text(let text): text
            case .placeholder(let name), .listing(let name):
                values[name.value].map { ValueFormatter.display($0, type: types[name.value], program: program) } ?? "any"
            }
        }.joined()
    }

    /// The literal with the bound variables replaced by their values.
    private static func substitute(_ literal: Literal, _ bound: [String: Value]) -> Literal {
        func term(_ term: Term) -> Term {
            guard case .variable(let name) = term, let value = bound[name.value] else { return term }
            switch value {
            case .integer(let number): return .integer(Located(number, name.span))
            case .text(let text): return .string(Located(text, name.span))
            case .id(let id): return .symbol(Name(id, name.span))
            case .quantity(let value, let unit):
                return .quantity(Located(value, name.span), unit: unit.isEmpty ? nil : Name(unit, name.span))
            }
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
}
