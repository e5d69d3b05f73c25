import Diagnostics
import Findings
import Foundation
import Reports

extension Lumen {
    /// Reads a baseline file written by `--write-baseline`: the fingerprints it
    /// accepts, or the rendered diagnostic explaining what is wrong with it.
    public static func readBaseline(_ path: String, colors: Bool = false) -> Result<Set<String>, BaselineError> {
        let data: [UInt8]
        switch FileReading.read(path, limit: 1 << 30) {
        case .success(let bytes): data = bytes
        case .failure(.tooLarge):
            return .failure(BaselineError(message: "error[L0203]: cannot read the baseline `\(path)`: it is larger than 1 GiB\n"))
        case .failure(.unreadable(let reason)):
            return .failure(BaselineError(message: "error[L0203]: cannot read the baseline `\(path)`: \(reason)\n"))
        }
        var sources = SourceMap()
        let file = sources.add(path: path, bytes: data)
        switch Baseline.fingerprints(file) {
        case .success(let fingerprints): return .success(fingerprints)
        case .failure(let diagnostic):
            return .failure(BaselineError(message: DiagnosticRenderer(colors: colors).render([diagnostic], sources: sources)))
        }
    }
}

/// Why a baseline could not be read, rendered for the terminal.
public struct BaselineError: Error, Sendable {
    public let message: String
}
