// Pipeline: the one way from files to findings, used by every command.
//
//   load       files given, the files they `use` and the standard library ->
//              parsed units (Syntax, through SourceLoader) -> a checked program
//              (Semantics, through Checker)
//   evaluate   the checked program -> a model (Engine), or the diagnostic of the
//              limit that stopped it
//   report     the model -> the findings after the run's policy (Findings), in
//              a Report (here a CheckReport, which every format renders, Reports)
//
// check, audit and the REPL go to the end; eval, query and test stop at the
// model; catalog and suggest at the checked program.
import Diagnostics
import Engine
import Findings
import Foundation
import Semantics
import Syntax

/// One run of the pipeline over a set of files, past its load and check stages.
struct Pipeline {
    /// The standard library's folder of profiles, loaded only on request (`CheckOptions.loadsProfiles`).
    static let profilesFolder = "suggest/"
    /// The influence relations of the systemic view, loaded only on request (`CheckOptions.loadsInfluence`).
    static let influenceFile = "systems/influence.lumen"

    let options: CheckOptions
    let loader: SourceLoader
    let context: CheckContext

    var sources: SourceMap { loader.sources }
    var program: CheckedProgram { context.program }
    /// The problems of loading and checking, in output order.
    var diagnostics: [Diagnostic] { (loader.diagnostics + context.diagnostics).sortedForOutput() }

    /// Loads the files (and the standard library, and the packs the options
    /// name), parses them and checks everything but their tests.
    ///
    /// `inputs` are texts typed at a prompt, loaded after the files as drafts;
    /// `cache` keeps parsed files between runs of one session.
    static func load(
        paths: [String], options: CheckOptions, inputs: [(path: String, text: String)] = [], cache: ParseCache? = nil
    ) -> Pipeline {
        let options = options.started()
        let root = options.root.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
            ?? SourceLoader.commonRoot(of: paths + options.rulePacks)
        var loader = SourceLoader(
            root: root, cache: cache,
            limits: .init(
                fileBytes: options.maxFileBytes, inputBytes: options.maxInputBytes, nesting: options.maxNesting,
                declarations: options.maxDeclarations, deadline: options.deadline))
        loader.onFileLoaded = options.onFileLoaded
        if options.useStandardLibrary {
            // A file of Rules/ given on the command line replaces its built-in copy,
            // so that `lumen test Rules` tests the files on disk.
            let given = Lumen.expandPaths(options.rulePacks + paths).files.map {
                URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path
            }
            loader.loadStandardLibrary(embeddedRuleFiles.filter { file in
                !given.contains { $0.hasSuffix("/Rules/" + file.path) }
                    && (options.loadsProfiles || !file.path.hasPrefix(Pipeline.profilesFolder))
                    && (options.loadsInfluence || file.path != Pipeline.influenceFile)
            })
        }
        for pack in options.packs where !loader.loadPack(named: pack) {
            let suggestion = EditDistance.suggestion(for: pack, among: loader.packNames)
            loader.diagnostics.append(
                Diagnostic(
                    .unknownPack, "unknown pack `\(pack)`", at: nil,
                    notes: ["the packs are " + loader.packNames.map { "`\($0)`" }.joined(separator: ", ")],
                    help: suggestion.map { "did you mean `\($0)`?" }, path: options.configurationPath))
        }
        loader.load(paths: options.rulePacks, countAsChecked: false)
        loader.load(paths: paths)
        for input in inputs { loader.addInput(path: input.path, text: input.text) }
        loader.addConfiguredData(options.dataSources, configuration: options.configurationPath)
        let context = Checker.check(loader.orderedUnits, scopes: loader.scopes, deadline: options.deadline)
        return Pipeline(options: options, loader: loader, context: context)
    }

    /// The model of a checked program, and the diagnostic of the limit that
    /// stopped its evaluation, if one did.
    static func evaluate(
        _ program: CheckedProgram, options: CheckOptions, symbols: SymbolTable = SymbolTable(), external: [ExternalRelation] = []
    ) -> (model: Model, stopped: Diagnostic?) {
        let model = Evaluator.evaluate(program, options: options.evaluation, symbols: symbols, external: external)
        return (model, model.limitReached.map { Diagnostic.evaluationStopped($0, model: model) })
    }

    /// Evaluates this run's program (which must be valid), with relations
    /// filled from outside if given.
    func evaluate(symbols: SymbolTable = SymbolTable(), external: [ExternalRelation] = []) -> (model: Model, stopped: Diagnostic?) {
        Pipeline.evaluate(program, options: options, symbols: symbols, external: external)
    }

    /// Every stage: evaluates the program if it is valid and collects the
    /// findings under the run's policy.
    func report() -> CheckReport {
        var diagnostics = loader.diagnostics + context.diagnostics
        // A malformed suppression is an error, but the program itself is still
        // evaluated: the comments are read in the findings stage, after.
        let evaluated = diagnostics.hasErrors ? nil : evaluate()
        if let stopped = evaluated?.stopped { diagnostics.append(stopped) }
        if let model = evaluated?.model { diagnostics += Diagnostic.unresolvedArithmetic(model) }
        var found = FindingSet.of(
            evaluated?.stopped == nil ? evaluated?.model : nil, units: loader.units, policy: options.findingPolicy, sources: sources)
        found.findings = FindingSuggestions.attach(
            found.findings, program: program, units: loader.units, profilesLoaded: options.loadsProfiles)
        diagnostics += found.diagnostics
        let model = evaluated?.model
        return CheckReport(
            sources: sources, diagnostics: diagnostics.sortedForOutput(),
            Checked(
                program: program, model: model, found: found, fileCount: loader.userFileCount, drafts: loader.draftPaths,
                skipped: loader.skippedPaths, comparing: options.knownFingerprints != nil))
    }
}
