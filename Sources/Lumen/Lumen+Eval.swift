import Diagnostics
import Dispatch
import Engine
import Findings
import Reports
import Semantics
import Syntax

extension Lumen {
    /// Loads and checks the files and, if they are valid, evaluates them
    /// (`lumen eval`): the whole model, for other tools and for comparison with
    /// other engines.
    ///
    /// With `facts`, the relations of the program are also filled from the
    /// Soufflé-style fact files of that directory (`<relation>.facts`).
    public static func evaluate(paths: [String], facts: String? = nil, options: CheckOptions = CheckOptions()) -> EvaluationReport {
        let loaded = Pipeline.load(paths: paths, options: options)
        var diagnostics = loaded.diagnostics
        guard !diagnostics.hasErrors else {
            return EvaluationReport(sources: loaded.sources, diagnostics: diagnostics, Evaluated(program: loaded.program, model: nil))
        }
        var external: [ExternalRelation] = []
        var symbols = SymbolTable()
        var factsNanoseconds: UInt64?
        if let facts {
            let started = DispatchTime.now().uptimeNanoseconds
            let read = FactsReader.read(directory: facts, program: loaded.program, symbols: &symbols)
            factsNanoseconds = DispatchTime.now().uptimeNanoseconds - started
            external = read.relations
            // A relation filled from a file is not empty, whatever the program alone
            // says: its warning (which points at the relation's name) goes.
            let filled = Set(external.compactMap { loaded.program.relations[$0.name]?.declaredAt })
            diagnostics = diagnostics.filter { diagnostic in
                diagnostic.code != .emptyRelation || !(diagnostic.primary.map { filled.contains($0.span) } ?? false)
            }
            diagnostics += read.diagnostics
            guard !diagnostics.hasErrors else {
                return EvaluationReport(sources: loaded.sources, diagnostics: diagnostics, Evaluated(program: loaded.program, model: nil))
            }
        }
        let (model, stopped) = loaded.evaluate(symbols: symbols, external: external)
        if let stopped {
            diagnostics.append(stopped)
            return EvaluationReport(sources: loaded.sources, diagnostics: diagnostics, Evaluated(program: loaded.program, model: nil))
        }
        diagnostics += Diagnostic.unresolvedArithmetic(model)
        return EvaluationReport(
            sources: loaded.sources, diagnostics: diagnostics,
            Evaluated(program: loaded.program, model: model, factsNanoseconds: factsNanoseconds))
    }
}

/// The model of a program, or none when the input is invalid or evaluation
/// stopped at a limit.
public struct Evaluated: RunOutcome {
    let program: CheckedProgram
    let model: Model?
    /// Time taken to read the fact files, if any were read.
    var factsNanoseconds: UInt64? = nil

    public var isComplete: Bool { model != nil }
}

extension Report where Outcome == Evaluated {
    var program: CheckedProgram { outcome.program }
    var model: Model? { outcome.model }

    /// Every tuple of every relation of the program, one per line:
    /// `relation<TAB>value<TAB>value`, sorted by relation, then by values.
    public var tuples: String {
        guard let model else { return "" }
        var out = ""
        for name in program.relations.keys.sorted() {
            for values in model.tuples(name) {
                out += ([name] + values.map { Self.field(ValueFormatter.key($0)) }).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// Per-rule and per-stratum evaluation statistics (`--stats`).
    public var statistics: String {
        model.map { StatisticsReport.render($0, sources: sources, factsNanoseconds: outcome.factsNanoseconds) } ?? ""
    }

    /// Each rule's join plans with the planner's estimates and what it derived
    /// (`--explain-plan`).
    public var plans: String {
        model.map { PlanReport.render($0, sources: sources) } ?? ""
    }

    /// `relation<TAB>count` for every relation that a rule derives, sorted by name.
    public var counts: String {
        guard let model else { return "" }
        let derived = Set(program.clauses.map(\.clause.head.relation.value))
        return derived.sorted().map { "\($0)\t\(model.count($0))\n" }.joined()
    }

    /// A value as one tab-separated field: backslash, tab and line breaks
    /// escaped, other control characters (ESC, C1) as `\u{..}`, scalar by scalar.
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
