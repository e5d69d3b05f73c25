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

    static let keys = ["paths", "rules", "packs", "disable", "severity", "failOn", "baseline"]
}

extension Lumen {
    /// The name of the project file.
    public static let configurationFileName = "lumen.json"

    /// The nearest `lumen.json` in `directory` or one of its parents.
    public static func findConfiguration(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(configurationFileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Reads and validates a project file. Paths in it become relative to the
    /// working directory (absolute when the file is elsewhere).
    public static func readConfiguration(_ path: String, colors: Bool = false) -> Result<Configuration, ConfigurationError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigurationError(message: "error[L0203]: cannot read the configuration `\(path)`\n"))
        }
        var sources = SourceMap()
        let file = sources.add(path: path, bytes: [UInt8](data))
        var problems: [Diagnostic] = []
        func problem(_ message: String, _ span: Span, help: String? = nil) {
            problems.append(Diagnostic(.invalidConfiguration, message, at: Label(span), help: help))
        }
        var configuration = Configuration(path: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).standardizedFileURL.path
        }
        switch JSONDocument.parse(file) {
        case .failure(let error):
            problem("invalid configuration: \(error.message)", error.span)
        case .success(let root):
            guard case .object(let members) = root.value else {
                problem("the configuration must be a JSON object", root.span)
                break
            }
            func strings(_ node: JSONDocument.Node, _ key: String) -> [String] {
                guard case .array(let items) = node.value else {
                    problem("`\(key)` must be an array of strings, not \(node.typeName)", node.span)
                    return []
                }
                return items.compactMap { item in
                    if case .string(let text) = item.value { return text }
                    problem("`\(key)` must contain strings, not \(item.typeName)", item.span)
                    return nil
                }
            }
            for (key, node) in members {
                switch key.text {
                case "paths": configuration.paths = strings(node, "paths").map(resolve)
                case "rules": configuration.rules = strings(node, "rules").map(resolve)
                case "packs": configuration.packs = strings(node, "packs")
                case "disable": configuration.disable = strings(node, "disable")
                case "severity":
                    guard case .object(let overrides) = node.value else {
                        problem("`severity` must be an object from rule ids to severities", node.span)
                        continue
                    }
                    for (rule, value) in overrides {
                        guard case .string(let severity) = value.value, ["error", "warning", "info"].contains(severity) else {
                            problem("the severity of `\(rule.text)` must be \"error\", \"warning\" or \"info\"", value.span)
                            continue
                        }
                        configuration.severity[rule.text] = severity
                    }
                case "failOn":
                    guard case .string(let value) = node.value, FailureThreshold(rawValue: value) != nil else {
                        problem("`failOn` must be \"error\", \"warning\", \"info\" or \"never\"", node.span)
                        continue
                    }
                    configuration.failOn = value
                case "baseline":
                    guard case .string(let value) = node.value else {
                        problem("`baseline` must be a path string, not \(node.typeName)", node.span)
                        continue
                    }
                    configuration.baseline = resolve(value)
                default:
                    let suggestion = EditDistance.suggestion(for: key.text, among: Configuration.keys)
                    problem(
                        "unknown key `\(key.text)` in the configuration", key.span,
                        help: suggestion.map { "did you mean `\($0)`?" }
                            ?? "the keys are " + Configuration.keys.map { "`\($0)`" }.joined(separator: ", "))
                }
            }
        }
        guard problems.isEmpty else {
            return .failure(ConfigurationError(message: DiagnosticRenderer(colors: colors).render(problems, sources: sources)))
        }
        return .success(configuration)
    }
}

/// Why a configuration could not be used, rendered for the terminal.
public struct ConfigurationError: Error, Sendable {
    public let message: String
}
