import Diagnostics
import Dispatch
import Syntax

/// The steps of semantic analysis, in the order they run.
package enum CheckPass: String, CaseIterable, Sendable {
    case collectDeclarations = "CollectDeclarations"
    case resolveNames = "ResolveNames"
    case checkTypes = "CheckTypes"
    case checkSafety = "CheckSafety"
    case stratify = "Stratify"
    case lower = "Lower"

    /// Runs the pass over the shared context.
    func run(_ context: inout CheckContext) {
        switch self {
        case .collectDeclarations: CollectDeclarations.run(&context)
        case .resolveNames: ResolveNames.run(&context)
        case .checkTypes: CheckTypes.run(&context)
        case .checkSafety: CheckSafety.run(&context)
        case .stratify: Stratify.run(&context)
        case .lower: Lower.run(&context)
        }
    }
}

/// Runs the checking passes over parsed files.
package enum Checker {
    /// Checks the units, running the passes up to and including `lastPass` (all by default).
    /// `scopes` says, by file number, where each file's interactions apply (see
    /// `InteractionSets`); a file missing from it is a draft that uses nothing.
    ///
    /// `deadline` (uptime nanoseconds, `--timeout`) is checked between passes: a
    /// run past it stops with a diagnostic naming the pass it had reached.
    ///
    /// The interactions of the standard library's files are not checked again
    /// unless `checkingStandardLibrary` (its tests check them).
    package static func check(
        _ units: [SourceUnit], scopes: [Int: FileScope] = [:], through lastPass: CheckPass = .lower, deadline: UInt64? = nil,
        checkingStandardLibrary: Bool = false
    ) -> CheckContext {
        var context = CheckContext(units: units)
        context.scopes = scopes
        context.checksStandardLibrary = checkingStandardLibrary
        for pass in CheckPass.allCases {
            if let deadline, DispatchTime.now().uptimeNanoseconds > deadline {
                context.report(
                    Diagnostic(
                        .evaluationTimeout, "the run stopped (`--timeout`) before the check `\(pass.rawValue)`", at: nil,
                        help: "raise `--timeout`, or check fewer files at once"))
                break
            }
            pass.run(&context)
            if pass == lastPass { break }
        }
        context.diagnostics = context.diagnostics.sortedForOutput()
        return context
    }
}

/// What the passes share: the input, the program being built, the diagnostics.
package struct CheckContext: Sendable {
    package let units: [SourceUnit]
    /// Where each file's interactions apply, by file number.
    package var scopes: [Int: FileScope] = [:]
    /// Whether the interactions of the standard library are checked too.
    var checksStandardLibrary = false
    package var program = CheckedProgram()
    package var diagnostics: [Diagnostic] = []

    /// Declarations gathered by `CollectDeclarations`, for the later passes.
    var resolutions: [ResolutionDecl] = []
    /// The indicators drafts declare for themselves.
    var localIndicators: [LocalIndicator] = []
    var measures: [(resolution: String, measure: MeasureDecl)] = []
    var goals: [GoalDecl] = []
    var principles: [PrincipleDecl] = []
    var countries: [CountryDecl] = []
    var kinds: [KindDecl] = []
    var profiles: [ProfileDecl] = []
    var levels: [LevelDecl] = []
    /// `unit` declarations, in the order read.
    var unitDecls: [UnitDecl] = []
    var interactions = InteractionList()
    var relationDecls: [RelationDecl] = []
    var clauses: [Clause] = []
    var ruleDecls: [RuleDecl] = []
    var absentDecls: [AbsentDecl] = []
    /// Variable types of each `absent` declaration that type-checked, by index.
    var absentTypes: [Int: [String: ValueType]] = [:]
    /// Indicator aliases: (alias id, primary id).
    var aliases: [(alias: Name, primary: String)] = []

    /// Variable types per clause (by index into `clauses`) and per rule; a
    /// clause or rule missing here failed type checking and is left out.
    var clauseTypes: [Int: [String: ValueType]] = [:]
    var ruleTypes: [Int: [String: ValueType]] = [:]
    /// Clauses and rules that failed safety checking.
    var unsafeClauses: Set<Int> = []
    var unsafeRules: Set<Int> = []
    /// Facts written as clauses, already converted to values.
    var clauseFacts: [Fact] = []

    init(units: [SourceUnit]) {
        self.units = units
        for schema in RelationSchema.builtins {
            program.relations[schema.name] = schema
        }
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func declare(_ type: ValueType, _ id: String, title: String?, span: Span, what: String? = nil) {
        if let first = program.entity(type, id) {
            report(.duplicate(what ?? type.rawValue, id, at: span, first: first.span))
            return
        }
        program.entities[type, default: [:]][id] = Entity(type: type, id: id, title: title, span: span)
    }

    /// Reports an unknown reference of `type` unless it is declared. Returns whether it is.
    @discardableResult
    mutating func resolve(_ type: ValueType, _ name: Name) -> Bool {
        if program.entity(type, name.value) != nil { return true }
        report(unknownDiagnostic(type, name))
        return false
    }

    func unknownDiagnostic(_ type: ValueType, _ name: Name) -> Diagnostic {
        let candidates = program.ids(of: type)
        switch type {
        case .indicator where program.retiredIndicators[name.value] != nil:
            return program.retiredIndicators[name.value].map { .retiredIndicator(name, $0) } ?? .unknown(type, name, suggestion: nil)
        case .indicator where name.value.first?.isNumber == false:
            let locals = candidates.filter { $0.first?.isNumber == false }.sorted()
            let suggestion = EditDistance.uniqueSuggestion(for: name.value, among: locals)
            let declare = "a local indicator is declared by an account that gives its title and targets: `indicator \(name.value) \"Title\" { monitors 11.2 ... }`"
            let note = locals.isEmpty ? declare : declare + "; the local indicators are \(locals.joined(separator: ", "))"
            return .unknown(type, name, suggestion: suggestion, note: note)
        case .target, .indicator:
            let parts = name.value.split(separator: ".")
            let goal = parts.first.map(String.init) ?? ""
            if program.entity(.goal, goal) == nil {
                let goals = program.ids(of: .goal).compactMap(Int.init).sorted()
                let range = declaredGoals(goals)
                return .unknown(type, name, suggestion: nil, note: "there is no goal \(goal); \(range)")
            }
            let targetID = parts.prefix(2).joined(separator: ".")
            if type == .indicator, program.entity(.target, targetID) == nil {
                let targets = sortedSDGIDs(program.ids(of: .target).filter { $0.hasPrefix(goal + ".") })
                let note = "there is no target \(targetID); goal \(goal) has \(targets.joined(separator: ", "))"
                return .unknown(type, name, suggestion: nil, note: note)
            }
            let prefix = type == .target ? goal + "." : targetID + "."
            let siblings = sortedSDGIDs(candidates.filter { $0.hasPrefix(prefix) })
            let parent = type == .target ? "goal \(goal)" : "target \(prefix.dropLast())"
            let note =
                siblings.isEmpty
                ? "\(parent) has no \(type.rawValue)s" : "\(parent) has \(siblings.joined(separator: ", "))"
            let suggestion = EditDistance.uniqueSuggestion(for: name.value, among: candidates)
            return .unknown(type, name, suggestion: suggestion, note: note)
        case .goal:
            let goals = program.ids(of: .goal).compactMap(Int.init).sorted()
            let note = declaredGoals(goals)
            return .unknown(type, name, suggestion: nil, note: note)
        case .measure where !name.value.contains("."):
            let matches = candidates.filter { $0.hasSuffix("." + name.value) }
            return .unknown(
                type, name, suggestion: matches.count == 1 ? matches.first : nil,
                help: "name a measure with its resolution: `resolution.\(name.value)`")
        default:
            return .unknown(type, name, suggestion: EditDistance.suggestion(for: name.value, among: candidates))
        }
    }
}

/// "the declared goals are 1 to 17", for notes about unknown goals.
private func declaredGoals(_ goals: [Int]) -> String {
    guard let first = goals.first, let last = goals.last else { return "no goal is declared" }
    if first == last { return "the only declared goal is \(first)" }
    if last - first + 1 == goals.count { return "the declared goals are \(first) to \(last)" }
    return "the declared goals are " + goals.map(String.init).joined(separator: ", ")
}

/// SDG ids in catalogue order: numbers before letters, `13.2` before `13.10`.
package func sortedSDGIDs(_ ids: [String]) -> [String] {
    ids.sorted { a, b in
        let x = a.split(separator: ".")
        let y = b.split(separator: ".")
        for (p, q) in zip(x, y) where p != q {
            switch (Int(p), Int(q)) {
            case (let i?, let j?): return i < j
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return p < q
            }
        }
        return x.count < y.count
    }
}

/// The interactions of a program, file by file in the order of the files, each
/// file's in file order. A file's list is kept as its unit holds it, not copied
/// into one array: the default base states thousands, each a large value.
struct InteractionList: Sequence {
    private var files: [[InteractionDecl]] = []
    /// The interactions of all the files.
    private(set) var count = 0

    mutating func append(file interactions: [InteractionDecl]) {
        guard !interactions.isEmpty else { return }
        files.append(interactions)
        count += interactions.count
    }

    func makeIterator() -> FlattenSequence<[[InteractionDecl]]>.Iterator {
        files.joined().makeIterator()
    }
}
