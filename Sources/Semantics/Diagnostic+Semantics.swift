import Diagnostics
import Syntax

/// The semantic layer's diagnostics, one constructor per code, sorted by code.
extension Diagnostic {
    package static func unknown(
        _ type: ValueType, _ name: Name, suggestion: String?, note: String? = nil, help: String? = nil
    ) -> Diagnostic {
        let code: DiagnosticCode =
            switch type {
            case .target: .unknownTarget
            case .indicator: .unknownIndicator
            case .principle: .unknownPrinciple
            case .resolution: .unknownResolution
            case .measure: .unknownMeasure
            case .goal: .unknownGoal
            case .country: .unknownCountry
            case .kind: .unknownKind
            case .level: .unknownLevel
            default: .internalError
            }
        return Diagnostic(
            code, "unknown \(type.rawValue) `\(name.value)`", at: Label(name.span, "not a declared \(type.rawValue)"),
            notes: note.map { [$0] } ?? [],
            help: suggestion.map { "did you mean `\($0)`?" } ?? help)
    }

    /// An indicator id that a past edition of the framework used.
    package static func retiredIndicator(_ name: Name, _ retired: RetiredIndicator) -> Diagnostic {
        Diagnostic(
            .retiredIndicator, "indicator `\(name.value)` is no longer in the global indicator framework",
            at: Label(name.span, retired.note),
            help: retired.successor.map { "name `\($0)` instead" }
                ?? "name a current indicator of the target (`lumen catalog target \(name.value.split(separator: ".").prefix(2).joined(separator: "."))`), or none")
    }

    package static func unknownRelation(_ name: Name, suggestion: String?) -> Diagnostic {
        Diagnostic(
            .unknownRelation, "unknown relation `\(name.value)`", at: Label(name.span, "not built in or declared"),
            help: suggestion.map { "did you mean `\($0)`?" }
                ?? "declare it, as in `relation \(name.value)(measure, target)`")
    }

    package static func unknownType(_ name: Name, suggestion: String?) -> Diagnostic {
        Diagnostic(
            .unknownType, "unknown column type `\(name.value)`", at: Label(name.span),
            help: suggestion.map { "did you mean `\($0)`?" }
                ?? "column types are \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    package static func duplicate(_ what: String, _ id: String, at span: Span, first: Span) -> Diagnostic {
        Diagnostic(
            .duplicateDeclaration, "\(what) `\(id)` is declared twice", at: Label(span, "declared again here"),
            secondary: [Label(first, "first declared here")],
            help: "remove one of the declarations, or give this one another id")
    }

    package static func misplacedTarget(_ id: Name, goal: Int) -> Diagnostic {
        let expected = id.value.split(separator: ".").first.map(String.init) ?? "?"
        return Diagnostic(
            .misplacedTarget, "target `\(id.value)` is declared inside goal \(goal)",
            at: Label(id.span, "belongs to goal \(expected)"),
            help: "move it into `goal \(expected) { ... }`")
    }

    package static func misplacedIndicator(_ id: Name, target: String) -> Diagnostic {
        let expected = id.value.split(separator: ".").prefix(2).joined(separator: ".")
        return Diagnostic(
            .misplacedIndicator, "indicator `\(id.value)` is declared inside target \(target)",
            at: Label(id.span, "belongs to target \(expected)"),
            help: "move it into `target \(expected) { ... }`, or list it with `also` if it is another id of an indicator of \(target)")
    }

    package static func implementsCycle(_ name: Name, cycle: [String]) -> Diagnostic {
        Diagnostic(
            .implementsCycle, "resolution `\(cycle.first ?? name.value)` implements itself",
            at: Label(name.span, "closes the cycle"),
            notes: ["cycle: " + cycle.map { "`\($0)`" }.joined(separator: " implements ")],
            help: "remove one `implements` of the cycle")
    }

    /// `what` names the text: "the justification of restricting `property`".
    package static func unknownLanguage(_ language: Name) -> Diagnostic {
        Diagnostic(
            .unknownLanguage, "unknown language `\(language.value)`", at: Label(language.span, "not a language of the suggester"),
            help: "terms are in English (`en`, or no language) or French (`fr`)")
    }

    package static func blankText(_ text: Located<String>, what: String, help: String) -> Diagnostic {
        Diagnostic(.blankText, "\(what) is blank", at: Label(text.span, "says nothing"), help: help)
    }

    package static func unknownUnit(_ unit: Name, suggestion: String?) -> Diagnostic {
        Diagnostic(
            .unknownUnit, "unknown unit `\(unit.value)`", at: Label(unit.span, "no `unit` declares it"),
            help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it, as in `unit \(unit.value) \"symbol\"`")
    }

    package static func unitMismatch(_ span: Span, _ message: String, help: String) -> Diagnostic {
        Diagnostic(.unitMismatch, message, at: Label(span), help: help)
    }

    package static func invalidArithmetic(_ span: Span, _ message: String, help: String) -> Diagnostic {
        Diagnostic(.invalidArithmetic, message, at: Label(span), help: help)
    }

    package static func unitMismatch(_ unit: Name, indicator: String, accountUnit: String, at account: Span) -> Diagnostic {
        Diagnostic(
            .unitMismatch, "`\(unit.value)` does not convert to `\(accountUnit)`, the unit of the account of \(indicator)",
            at: Label(unit.span, "not an amount of `\(accountUnit)`"),
            secondary: [Label(account, "the account is kept in `\(accountUnit)`")],
            help: "write the effect in a unit that converts to `\(accountUnit)`, or declare how it converts")
    }

    package static func invalidAccount(_ span: Span, _ message: String, help: String, first: Span? = nil) -> Diagnostic {
        Diagnostic(
            .invalidAccount, message, at: Label(span), secondary: first.map { [Label($0, "first here")] } ?? [], help: help)
    }

    package static func invalidLocalIndicator(_ span: Span, _ message: String, help: String) -> Diagnostic {
        Diagnostic(.invalidLocalIndicator, message, at: Label(span), help: help)
    }

    package static func invalidDate(_ text: Located<String>) -> Diagnostic {
        Diagnostic(
            .invalidDate, "`\(text.value)` is not a date", at: Label(text.span, "expected YYYY-MM-DD"),
            help: "write the day as year-month-day, such as `\"2018-11-16\"`")
    }

    package static func levelCycle(_ name: Name, cycle: [String]) -> Diagnostic {
        Diagnostic(
            .levelCycle, "level `\(cycle.first ?? name.value)` is below itself",
            at: Label(name.span, "closes the cycle"),
            notes: ["cycle: " + cycle.map { "`\($0)`" }.joined(separator: " below ")],
            help: "levels form one order from local to international; remove one `below` of the cycle")
    }

    package static func scoreOutOfRange(_ score: Located<Int>) -> Diagnostic {
        Diagnostic(
            .scoreOutOfRange, "interaction score \(score.value) is outside -3 ... +3", at: Label(score.span),
            help: "use the seven-point scale: +3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, -1 constraining, -2 counteracting, -3 cancelling")
    }

    package static func builtinRedeclared(_ name: Name, _ schema: RelationSchema) -> Diagnostic {
        Diagnostic(
            .builtinRedeclared, "`\(name.value)` is a built-in relation", at: Label(name.span),
            notes: ["built in as `\(schema.signature)`"],
            help: "use it without declaring it, or choose another name")
    }

    package static func arityMismatch(_ atom: Atom, _ schema: RelationSchema) -> Diagnostic {
        let n = schema.arity
        return Diagnostic(
            .arityMismatch,
            "`\(schema.name)` takes \(n) argument\(n == 1 ? "" : "s"), but \(atom.arguments.count) \(atom.arguments.count == 1 ? "was" : "were") given",
            at: Label(atom.span), notes: ["declared as `\(schema.signature)`"])
    }

    package static func typeMismatch(expected: ValueType, found: String, at span: Span, help: String? = nil) -> Diagnostic {
        Diagnostic(
            .typeMismatch, "expected \(expected.withArticle), found \(found)", at: Label(span, "expected \(expected.rawValue)"),
            help: help)
    }

    package static func variableTypeConflict(_ name: Name, _ first: ValueType, firstSpan: Span, _ second: ValueType) -> Diagnostic {
        Diagnostic(
            .variableTypeConflict, "variable `\(name.value)` is used as \(first.withArticle) and as \(second.withArticle)",
            at: Label(name.span, "used as \(second.withArticle) here"),
            secondary: [Label(firstSpan, "used as \(first.withArticle) here")],
            help: "use two different variables, or fix the column")
    }

    package static func invalidComparison(_ span: Span, _ reason: String) -> Diagnostic {
        Diagnostic(.invalidComparison, "invalid comparison: \(reason)", at: Label(span))
    }

    package static func unsafeVariable(_ code: DiagnosticCode, _ name: Name, context: String) -> Diagnostic {
        Diagnostic(
            code, "variable `\(name.value)` in \(context) is not bound by a positive literal",
            at: Label(name.span, "unbound"),
            help: "use `\(name.value)` in a positive literal of the body, so that it has a value")
    }

    package static func unstratifiable(
        at span: Span, negated: String, head: String, path: [String]
    ) -> Diagnostic {
        Diagnostic(
            .unstratifiable, "negation of `\(negated)` is not stratifiable",
            at: Label(span, "`\(head)` depends on the negation of `\(negated)`"),
            notes: [
                "cycle through negation: " + path.map { "`\($0)`" }.joined(separator: " -> ") + " -(not)-> `\(head)`",
                "`a -> b` means that a rule deriving `b` uses `a`",
            ],
            help: "compute `\(negated)` from relations that do not depend on `\(head)`")
    }

    package static func invalidAnchor(_ name: Name, type: ValueType?) -> Diagnostic {
        guard let type else {
            return Diagnostic(
                .invalidAnchor, "anchor `\(name.value)` is not bound by the rule's body",
                at: Label(name.span, "unbound"), help: "anchor the finding at a variable of the body, such as a measure")
        }
        return Diagnostic(
            .invalidAnchor, "a finding cannot point at \(type.withArticle)", at: Label(name.span, "a \(type.rawValue)"),
            help: "anchor the finding at a measure, resolution, goal, target, indicator, principle or country")
    }

    /// `suggest M` names a variable that is not a subject of the finding, or not a measure.
    package static func invalidSuggestion(_ name: Name, type: ValueType?) -> Diagnostic {
        guard let type else {
            return Diagnostic(
                .invalidSuggestion, "`suggest \(name.value)` names neither the anchor nor a variable of the message",
                at: Label(name.span, "not a subject of the finding"),
                help: "name the measure the finding is about: its anchor, or a `{VAR}` of its message")
        }
        return Diagnostic(
            .invalidSuggestion, "only a measure gets suggested targets, and `\(name.value)` is \(type.withArticle)",
            at: Label(name.span, "a \(type.rawValue)"), help: "name a measure variable, or remove `suggest`")
    }

    /// An aggregate, or a value computed with arithmetic, whose body depends on its own head.
    package static func evaluatedOnceInRecursion(at span: Span, head: String, path: [String], computed: Bool) -> Diagnostic {
        let (what, done, edge) = computed ? ("computed value", "computed from", "computed") : ("aggregate", "aggregated over", "aggregate")
        return Diagnostic(
            computed ? .invalidArithmetic : .aggregateInRecursion, "the \(what) of `\(head)` depends on `\(head)` itself",
            at: Label(span, "\(done) a relation that depends on `\(head)`"),
            notes: [
                "cycle: " + path.map { "`\($0)`" }.joined(separator: " -> ") + " -(\(edge))-> `\(head)`",
                "`a -> b` means that a rule deriving `b` uses `a`",
            ] + (computed ? ["a value computed inside recursion could grow without end"] : []),
            help: computed ? "compute from relations that do not depend on `\(head)`" : "aggregate over relations that do not depend on `\(head)`")
    }

    package static func invalidAggregate(_ span: Span, _ message: String, help: String) -> Diagnostic {
        Diagnostic(.invalidAggregate, message, at: Label(span), help: help)
    }

    package static func wildcardInHead(_ span: Span) -> Diagnostic {
        Diagnostic(.wildcardInHead, "`_` in a rule head", at: Label(span), help: "name the value with a variable bound in the body")
    }

    package static func singletonVariable(_ name: Name) -> Diagnostic {
        Diagnostic(
            .singletonVariable, "variable `\(name.value)` is used only once", at: Label(name.span),
            help: "write `_` if its value does not matter, or `_\(name.value)` to keep the name")
    }

    package static func emptyRelation(_ name: Name) -> Diagnostic {
        Diagnostic(
            .emptyRelation, "relation `\(name.value)` has no facts and no rule derives it", at: Label(name.span),
            help: "add facts or a rule for it, or remove it")
    }
}
