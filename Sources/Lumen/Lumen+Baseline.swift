import Diagnostics
import Foundation
import Reports

extension Lumen {
    /// Reads a baseline file written by `--write-baseline`: the fingerprints it
    /// accepts, or the rendered diagnostic explaining what is wrong with it.
    public static func readBaseline(_ path: String, colors: Bool = false) -> Result<Set<String>, BaselineError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(BaselineError(message: "error[L0203]: cannot read the baseline `\(path)`\n"))
        }
        var sources = SourceMap()
        let file = sources.add(path: path, bytes: [UInt8](data))
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
