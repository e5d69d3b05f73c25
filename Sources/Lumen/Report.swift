import Diagnostics

/// What one run of the pipeline gave a command: the sources it read, the
/// problems found in them (syntax, semantics, limits, suppressions), and the
/// command's outcome: the findings of a check, the model of an evaluation, the
/// answer to a query, the results of rule tests, suggestions, an audit.
///
/// One type for every command, so that the CLI, the REPL and the language
/// server read any run alike: `hasErrors` decides exit status 2, and
/// `renderDiagnostics` prints the problems; what is particular to a command
/// is in its outcome, read through the report (`report.fileCount`).
@dynamicMemberLookup
public struct Report<Outcome: RunOutcome>: Sendable {
    let sources: SourceMap
    let diagnostics: [Diagnostic]
    var outcome: Outcome

    init(sources: SourceMap, diagnostics: [Diagnostic], _ outcome: Outcome) {
        self.sources = sources
        self.diagnostics = diagnostics
        self.outcome = outcome
    }

    /// True when the input is invalid, or a limit stopped the run before its
    /// outcome was made (exit status 2).
    public var hasErrors: Bool { diagnostics.hasErrors || !outcome.isComplete }

    /// The problems of the run (errors and warnings), rendered as text.
    public func renderDiagnostics(colors: Bool) -> String {
        DiagnosticRenderer(colors: colors).render(diagnostics, sources: sources)
    }

    public subscript<Value>(dynamicMember path: KeyPath<Outcome, Value>) -> Value {
        outcome[keyPath: path]
    }
}

/// What a command makes of a run (see `Report`).
public protocol RunOutcome: Sendable {
    /// False when a problem stopped the run before the outcome was made.
    var isComplete: Bool { get }
}

/// What `lumen check` reports (see `Checked`).
public typealias CheckReport = Report<Checked>
/// What `lumen eval` reports (see `Evaluated`).
public typealias EvaluationReport = Report<Evaluated>
/// What `lumen query` reports (see `Answered`).
public typealias QueryReport = Report<Answered>
/// What `lumen test` reports (see `Tested`).
public typealias TestReport = Report<Tested>
/// What `lumen suggest` reports (see `Suggested`).
public typealias SuggestReport = Report<Suggested>
/// What `lumen audit` reports (see `Audited`).
public typealias AuditReport = Report<Audited>
