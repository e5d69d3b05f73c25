import Diagnostics
import Foundation
import Reports

/// The project file, `lumen.json`: defaults for `lumen check`, overridden by flags.
public struct Configuration: Sendable, Equatable {
    /// The file itself.
    public let path: String
    /// Paths to check when none is given, relative to the working directory.
    public var paths: [String] = []
    /// Rule packs to load.
    public var rules: [String] = []
    /// Optional packs of the standard library.
    public var packs: [String] = []
    /// Rules whose findings are not reported.
    public var disable: [String] = []
    /// Severity overrides by rule id.
    public var severity: [String: String] = [:]
    /// The failure threshold.
    public var failOn: String?
    /// A baseline file.
    public var baseline: String?
    /// Files of observed values for the drafts' accounts (see `DataSource`).
    public var data: [DataSource] = []

    static let keys = ["paths", "rules", "packs", "disable", "severity", "failOn", "baseline", "data"]
}

/// A CSV file of observed values that the project file names for an indicator:
/// its rows go to every account of the indicator (or to the one of `resolution`),
/// as a draft's `data` item would bring them.
public struct DataSource: Sendable, Equatable {
    /// The file, relative to the working directory (or absolute), and as the project file writes it.
    public let path: String
    public let written: String
    public let indicator: String
    public var series: String?
    public var area: String?
    public var resolution: String?

    static let keys = ["file", "indicator", "series", "area", "resolution"]
}

extension Lumen {
    /// The name of the project file.
    public static let configurationFileName = "lumen.json"

    /// The nearest `lumen.json` in `directory` or one of its parents. A working
    /// directory that was deleted has no path (`""`): there is then none.
    public static func findConfiguration(from directory: String) -> String? {
        guard directory.hasPrefix("/") else { return nil }
        var components = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        // One step per component: the walk up ends at `/` whatever the path holds.
        while !components.isEmpty {
            let candidate = NSString.path(withComponents: components + [configurationFileName])
            var status = stat()
            if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG { return candidate }
            components.removeLast()
        }
        return nil
    }

    /// Reads and validates a project file. Paths in it become relative to the
    /// working directory (absolute when the file is elsewhere).
    public static func readConfiguration(_ path: String, colors: Bool = false) -> Result<Configuration, ConfigurationError> {
        let data: [UInt8]
        switch FileReading.read(path, limit: 16 << 20) {
        case .success(let bytes): data = bytes
        case .failure(.tooLarge):
            return .failure(ConfigurationError(message: "error[L0203]: cannot read the configuration `\(path)`: it is larger than 16 MiB\n"))
        case .failure(.unreadable(let reason)):
            return .failure(ConfigurationError(message: "error[L0203]: cannot read the configuration `\(path)`: \(reason)\n"))
        }
        var sources = SourceMap()
        let file = sources.add(path: path, bytes: data)
        var reader = ConfigurationReader(path: path)
        var configuration = Configuration(path: path)
        switch JSONDocument.parse(file) {
        case .failure(let error):
            reader.problem("invalid configuration: \(error.message)", error.span)
        case .success(let root):
            if case .object(let members) = root.value {
                for (key, node) in members { reader.read(key, node, into: &configuration) }
            } else {
                reader.problem("the configuration must be a JSON object", root.span)
            }
        }
        guard reader.problems.isEmpty else {
            return .failure(ConfigurationError(message: DiagnosticRenderer(colors: colors).render(reader.problems, sources: sources)))
        }
        return .success(configuration)
    }
}

/// Reads the members of a project file one by one, collecting their problems.
private struct ConfigurationReader {
    var problems: [Diagnostic] = []
    /// The directory of the project file: relative paths start here.
    let base: URL
    /// Its real path: a path in the file that leads outside it (`/proc/self/environ`,
    /// `../secrets.json`, a link out) is refused.
    let project: String

    init(path: String) {
        base = URL(fileURLWithPath: path).deletingLastPathComponent()
        project = FileReading.realPath(base.path) ?? base.standardizedFileURL.path
    }

    mutating func problem(_ message: String, _ span: Span, help: String? = nil) {
        problems.append(Diagnostic(.invalidConfiguration, message, at: Label(span), help: help))
    }

    /// A path of the file, relative to the working directory; nil (and a
    /// problem) when it leads outside the project.
    mutating func resolve(_ relative: String, _ key: String, _ span: Span, flag: String?) -> String? {
        let resolved = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).standardizedFileURL.path
        let real = FileReading.realPath(resolved) ?? resolved
        guard !FileReading.hasControlCharacter(relative), FileReading.isInside(real, root: project) else {
            problem(
                "`\(key)` names `\(relative)`, outside the project (the directory of \(Lumen.configurationFileName))", span,
                help: flag.map { "a project file cannot make lumen read outside its project; give the path on the command line (\($0)) to read it" }
                    ?? "a project file cannot make lumen read outside its project; move the file inside it")
            return nil
        }
        return resolved
    }

    mutating func strings(_ node: JSONDocument.Node, _ key: String) -> [(text: String, span: Span)] {
        guard case .array(let items) = node.value else {
            problem("`\(key)` must be an array of strings, not \(node.typeName)", node.span)
            return []
        }
        var out: [(text: String, span: Span)] = []
        for item in items {
            if case .string(let text) = item.value { out.append((text, item.span)) } else {
                problem("`\(key)` must contain strings, not \(item.typeName)", item.span)
            }
        }
        return out
    }

    /// Reads one member into the configuration.
    mutating func read(_ key: JSONDocument.Located, _ node: JSONDocument.Node, into configuration: inout Configuration) {
        switch key.text {
        case "paths":
            configuration.paths = strings(node, "paths").compactMap { resolve($0.text, "paths", $0.span, flag: "`lumen check PATH`") }
        case "rules":
            configuration.rules = strings(node, "rules").compactMap { resolve($0.text, "rules", $0.span, flag: "`--rules DIR`") }
        case "packs": configuration.packs = strings(node, "packs").map(\.text)
        case "disable": configuration.disable = strings(node, "disable").map(\.text)
        case "severity": readSeverities(node, into: &configuration)
        case "failOn":
            guard case .string(let value) = node.value, FailureThreshold(rawValue: value) != nil else {
                return problem("`failOn` must be \"error\", \"warning\", \"info\" or \"never\"", node.span)
            }
            configuration.failOn = value
        case "baseline":
            guard case .string(let value) = node.value else {
                return problem("`baseline` must be a path string, not \(node.typeName)", node.span)
            }
            configuration.baseline = resolve(value, "baseline", node.span, flag: "`--baseline FILE`")
        case "data":
            guard case .array(let entries) = node.value else {
                return problem(
                    "`data` must be an array of objects, not \(node.typeName)", node.span,
                    help: "as in `\"data\": [{\"file\": \"data/emissions.csv\", \"indicator\": \"13.2.2\"}]`")
            }
            configuration.data = []
            for entry in entries {
                if let source = dataSource(entry) { configuration.data.append(source) }
            }
        default:
            let suggestion = EditDistance.suggestion(for: key.text, among: Configuration.keys)
            problem(
                "unknown key `\(key.text)` in the configuration", key.span,
                help: suggestion.map { "did you mean `\($0)`?" }
                    ?? "the keys are " + Configuration.keys.map { "`\($0)`" }.joined(separator: ", "))
        }
    }

    /// `{"file": "...", "indicator": "13.2.2", "series": "...", "area": "...", "resolution": "..."}`
    mutating func dataSource(_ node: JSONDocument.Node) -> DataSource? {
        guard case .object(let members) = node.value else {
            problem("an entry of `data` must be an object with `file` and `indicator`, not \(node.typeName)", node.span)
            return nil
        }
        var fields: [String: (text: String, span: Span)] = [:]
        var valid = true
        for (key, value) in members {
            guard DataSource.keys.contains(key.text) else {
                let suggestion = EditDistance.suggestion(for: key.text, among: DataSource.keys)
                problem(
                    "unknown key `\(key.text)` in an entry of `data`", key.span,
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "the keys are " + DataSource.keys.map { "`\($0)`" }.joined(separator: ", "))
                valid = false
                continue
            }
            guard case .string(let text) = value.value, !text.isEmpty, !FileReading.hasControlCharacter(text) else {
                problem("`\(key.text)` must be a non-empty string, not \(value.typeName)", value.span)
                valid = false
                continue
            }
            fields[key.text] = (text, value.span)
        }
        for required in ["file", "indicator"] where fields[required] == nil {
            problem(
                "an entry of `data` needs `\(required)`", node.span,
                help: "name the CSV file and the indicator its values are of: `{\"file\": \"data/emissions.csv\", \"indicator\": \"13.2.2\"}`")
            valid = false
        }
        guard valid, let file = fields["file"], let indicator = fields["indicator"],
            let path = resolve(file.text, "data", file.span, flag: nil)
        else { return nil }
        var source = DataSource(path: path, written: file.text, indicator: indicator.text)
        source.series = fields["series"]?.text
        source.area = fields["area"]?.text
        source.resolution = fields["resolution"]?.text
        return source
    }

    mutating func readSeverities(_ node: JSONDocument.Node, into configuration: inout Configuration) {
        guard case .object(let overrides) = node.value else {
            return problem("`severity` must be an object from rule ids to severities", node.span)
        }
        for (rule, value) in overrides {
            guard case .string(let severity) = value.value, ["error", "warning", "info"].contains(severity) else {
                problem("the severity of `\(rule.text)` must be \"error\", \"warning\" or \"info\"", value.span)
                continue
            }
            configuration.severity[rule.text] = severity
        }
    }
}

/// Why a configuration could not be used, rendered for the terminal.
public struct ConfigurationError: Error, Sendable {
    public let message: String
}
