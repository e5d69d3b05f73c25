import Lumen

/// `lumen systems PATH...`: the systemic view of each resolution.
enum SystemsCommand: Command {
    static let name = "systems"
    static let abstract = "Show how each resolution's targets move the others: influence, feedback loops, leverage, spill-overs."
    static let usageArguments = "[<options>] [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 Drafts or directories, as for `lumen check`. Without
                                  paths, the `paths` of the project file lumen.json.

        For each resolution, from the interactions that apply to it (its packs',
        its own, the standard library's):
          influence    each target's first-order influence (the sum of its row
                       of scores, positive and negative apart; Weitz, Carlsen,
                       Nilsson and Skanberg 2018) and second-order influence
                       (over every two-step path to a third target, the product
                       of the two scores), ranked by net first-order influence.
                       Effects reported without a score (the literature base)
                       are counted instead, +1 or -1, in a ranking of their own.
          loops        feedback loops among its targets: reinforcing when the
                       product of the signs is positive, balancing when negative;
                       each loop once, whatever target it is read from.
          leverage     its targets in the top third of the ranking, with a
                       positive net influence.
          blind spots  its targets on a strong balancing loop among its targets
                       (every edge scored 2 or more either way).
          spill-overs  scores of 2 or more either way (or effects reported more
                       than once) from its targets onto goals outside its scope.

        EXIT STATUS:
          0  analysed
          2  invalid input or usage
        """
    static let options: [ArgumentParser.Option] =
        [
            .init(name: "format", valueName: "format", help: "Output format: text (default), json, or csv (every ranking, a row per target)."),
            .init(name: "max-loop-length", valueName: "n", help: "Longest feedback loop looked for (default 4, from 2 to 8)."),
            .init(name: "all-targets", valueName: nil, help: "Look for loops among every target of the interactions, not only the resolution's."),
            .init(name: "loops", valueName: "n", help: "Loops listed per resolution (default 20; all are counted)."),
            .init(name: "top", valueName: "n", help: "Targets of each ranking shown as text (default 10; the resolution's own always are)."),
            .init(name: "config", valueName: "file", help: "Read this project file instead of the nearest lumen.json."),
        ] + loadingOptions + limitOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        let run: ProjectRun
        switch projectRun(arguments, console: console, defaultFailOn: { _ in "never" }) {
        case .success(let started): run = started
        case .failure(let failed): return failed.code
        }
        let format = arguments.value("format") ?? "text"
        guard ["text", "json", "csv"].contains(format) else {
            return usageError("Invalid value for '--format': expected text, json or csv", console: console)
        }
        var systems = SystemsOptions()
        systems.allTargets = arguments.flags.contains("all-targets")
        for (name, range, apply) in [
            ("max-loop-length", 2...8, { systems.maxLoopLength = $0 }),
            ("loops", 0...100_000, { systems.loops = $0 }),
            ("top", 0...100_000, { systems.top = $0 }),
        ] as [(String, ClosedRange<Int>, (Int) -> Void)] {
            guard let text = arguments.value(name) else { continue }
            guard let value = Int(text), range.contains(value) else {
                return usageError(
                    "Invalid value for '--\(name)': expected an integer from \(range.lowerBound) to \(range.upperBound)",
                    console: console)
            }
            apply(value)
        }
        var options = projectOptions(arguments, configuration: run.configuration, console: console)
        if let problem = applyLimits(arguments, to: &options) { return usageError(problem, console: console) }
        let report = Lumen.systems(paths: run.paths, options: options, systems: systems)
        console.writeError(report.renderDiagnostics(colors: console.useColor(run.color)))
        if let note = report.check.skippedNote { console.writeError(note + "\n") }
        guard !report.hasErrors else { return ExitStatus.invalid }
        switch format {
        case "json": console.writeOut(report.json)
        case "csv": console.writeOut(report.csv)
        default: console.writeOut(Lumen.printableLines(report.text))
        }
        return ExitStatus.success
    }
}
