import Diagnostics

/// A record of accepted findings (`--write-baseline`), so that `--baseline`
/// reports only new ones. Findings are matched by fingerprint: rule and
/// subjects, never positions.
package enum Baseline {
    package static func render(_ findings: [Finding], sources: SourceMap) -> String {
        let entries = findings.map { finding -> (String, JSONValue) in
            let fingerprint = Fingerprint.of(finding)
            var members: [(String, JSONValue)] = [
                ("fingerprint", .string(fingerprint)), ("rule", .string(finding.rule)), ("message", .string(finding.message)),
            ]
            if let file = sources.file(finding.anchor.file) { members.append(("file", .string(file.path))) }
            return (fingerprint, .object(members))
        }
        var seen = Set<String>()
        let unique = entries.sorted { $0.0 < $1.0 }.filter { seen.insert($0.0).inserted }.map(\.1)
        return JSONValue.object([("version", .number(1)), ("findings", .array(unique))]).rendered()
    }

    /// The fingerprints of a baseline file, or a diagnostic at the place that is wrong.
    package static func fingerprints(_ file: SourceFile) -> Result<Set<String>, Diagnostic> {
        func failure(_ message: String, _ span: Span) -> Result<Set<String>, Diagnostic> {
            .failure(
                Diagnostic(
                    .invalidBaseline, "invalid baseline: \(message)", at: Label(span),
                    help: "write it again with `lumen check --write-baseline \(file.path)`"))
        }
        switch JSONDocument.parse(file) {
        case .failure(let error):
            return failure(error.message, error.span)
        case .success(let root):
            guard let findings = root.member("findings"), case .array(let entries) = findings.value else {
                return failure("expected an object with a `findings` array", root.span)
            }
            var result = Set<String>()
            for entry in entries {
                guard let fingerprint = entry.member("fingerprint"), case .string(let text) = fingerprint.value else {
                    return failure("each finding needs a `fingerprint` string", entry.span)
                }
                result.insert(text)
            }
            return .success(result)
        }
    }
}
