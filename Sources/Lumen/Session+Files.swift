// The REPL's files: `:load`, `:reload`, and what a change did to the findings.
import Diagnostics
import Findings
import Foundation
import Semantics

extension Session {
    func load(_ path: String) -> Reply {
        guard !path.isEmpty else { return usage("load") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return Reply("error: no such file or directory: \(path)\n", json: message("no such file or directory: \(path)"), isError: true)
        }
        let previous = report
        let candidate = Session.evaluate(paths + [path], inputs: inputs, options: options, cache: cache)
        // A file that cannot be read or checked is refused: the session goes on as it was.
        guard !candidate.0.hasErrors || previous.hasErrors else {
            let problems = renderedDiagnostics(candidate.0.diagnostics.filter { $0.severity == .error }, candidate.0.sources)
            return Reply(
                problems + "not loaded: \(DisplayWidth.printable(path))\n", json: message("not loaded: \(path)"), isError: true)
        }
        paths.append(path)
        (report, timings) = candidate
        let problems = renderedDiagnostics(report.diagnostics, report.sources)
        return change("loaded \(path)", from: previous, kind: "loaded", extra: [("path", .string(path))], prefix: problems)
    }

    func reload() -> Reply {
        let previous = report
        // Nothing changed: the model stands, and the reload costs only reading the files.
        if filesAreUnchanged() {
            return change("reloaded (no file changed)", from: previous, kind: "reloaded", extra: [("changed", .array([]))])
        }
        (report, timings) = Session.evaluate(paths, inputs: inputs, options: options, cache: cache)
        let changed = changedFiles(from: previous.sources, to: report.sources)
        let what = changed.isEmpty ? "no file changed" : "changed: " + changed.joined(separator: ", ")
        let problems = renderedDiagnostics(report.diagnostics, report.sources)
        return change(
            "reloaded (\(what))", from: previous, kind: "reloaded", extra: [("changed", .array(changed.map { .string($0) }))],
            prefix: problems)
    }

    /// True when every file of the session has the bytes it had when last
    /// loaded, and the paths name no file that was not loaded.
    func filesAreUnchanged() -> Bool {
        let loaded = report.sources.files.filter { !$0.path.hasPrefix("<") }
        let known = Set(loaded.map(\.path))
        let (files, problems, _) = Lumen.expandPaths(paths, exported: true)
        guard problems.isEmpty, files.allSatisfy(known.contains) else { return false }
        return loaded.allSatisfy { file in
            FileManager.default.contents(atPath: file.path).map { [UInt8]($0) == file.bytes } ?? false
        }
    }

    /// Files (not the standard library, not typed inputs) added, removed or edited.
    func changedFiles(from old: SourceMap, to new: SourceMap) -> [String] {
        func files(_ map: SourceMap) -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for file in map.files where !file.path.hasPrefix("<") { out[file.path] = file.bytes }
            return out
        }
        let before = files(old)
        let after = files(new)
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// Says what happened and which findings appeared and disappeared.
    func change(
        _ headline: String, from previous: CheckReport, kind: String, extra: [(String, JSONValue)], prefix: String = ""
    ) -> Reply {
        let before = Set(previous.findings.map(Fingerprint.of))
        let after = Set(report.findings.map(Fingerprint.of))
        let appeared = report.findings.filter { !before.contains(Fingerprint.of($0)) }
        let disappeared = previous.findings.filter { !after.contains(Fingerprint.of($0)) }
        var text = prefix + headline + "\n"
        if report.model == nil {
            text += "the files have errors: nothing was evaluated\n"
        } else if appeared.isEmpty && disappeared.isEmpty {
            text += "findings unchanged (\(report.findings.count))\n"
        } else {
            for finding in appeared { text += "+ " + line(finding, report.sources) + "\n" }
            for finding in disappeared { text += "- " + line(finding, previous.sources) + "\n" }
            text += "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") now (+\(appeared.count) −\(disappeared.count))\n"
        }
        let json: JSONValue = .object(
            [("kind", .string(kind))] + extra + [
                ("appeared", .array(appeared.map { findingJSON($0, report) })),
                ("disappeared", .array(disappeared.map { findingJSON($0, previous) })),
            ] + summaryMembers + [("diagnostics", diagnosticsJSON(report.diagnostics, report.sources))])
        return Reply(text, json: json)
    }
}
