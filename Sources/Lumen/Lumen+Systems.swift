// `lumen systems`: the systemic view of each resolution, from the interactions
// that apply to it (influence, feedback loops, leverage, blind spots, spill-overs).
import Reports

/// What `lumen systems` computes and shows.
public struct SystemsOptions: Sendable {
    /// The longest feedback loop looked for (2 or more).
    public var maxLoopLength = 4
    /// Look for loops among every target of the interactions, not only the resolution's own.
    public var allTargets = false
    /// Loops listed per resolution (all are counted).
    public var loops = 20
    /// Targets of each ranking shown as text (the resolution's own are always shown).
    public var top = 10

    public init() {}
}

extension Lumen {
    /// Loads, checks and evaluates drafts, and computes the systemic view of each resolution.
    public static func systems(
        paths: [String], options: CheckOptions = CheckOptions(), systems: SystemsOptions = SystemsOptions()
    ) -> SystemsRunReport {
        var options = options
        options.loadsInfluence = true
        let check = Pipeline.load(paths: paths, options: options).report()
        var analysis = Systems.Options()
        analysis.maxLoopLength = systems.maxLoopLength
        analysis.allTargets = systems.allTargets
        analysis.loopsShown = systems.loops
        let result = check.outcome.model.map { Systems.make(model: $0, options: analysis) }
        return SystemsRunReport(
            sources: check.sources, diagnostics: check.diagnostics,
            SystemsOutcome(checked: check.outcome, systems: result, top: systems.top))
    }
}

/// What `lumen systems` reports (see `SystemsOutcome`).
public typealias SystemsRunReport = Report<SystemsOutcome>

/// The outcome of `lumen systems`: the check behind it and, if the drafts are valid, their systemic view.
public struct SystemsOutcome: RunOutcome {
    let checked: Checked
    let systems: Systems?
    let top: Int

    public var isComplete: Bool { systems != nil }
}

extension Report where Outcome == SystemsOutcome {
    /// The check behind the analysis.
    public var check: CheckReport { CheckReport(sources: sources, diagnostics: diagnostics, outcome.checked) }

    /// Each resolution's rankings, loops, leverage, blind spots and spill-overs, as text.
    public var text: String {
        guard let systems = outcome.systems else { return "" }
        var options = SystemsFormats.Options()
        options.top = outcome.top
        return SystemsFormats.text(systems, options: options)
    }

    /// The same as JSON, with every target of each ranking and every spill-over.
    public var json: String { outcome.systems.map(SystemsFormats.json) ?? "" }

    /// Every target of every ranking, one CSV row each.
    public var csv: String { outcome.systems.map(SystemsFormats.csv) ?? "" }
}
