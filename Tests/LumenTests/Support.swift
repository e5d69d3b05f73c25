import Foundation
import LumenCLI
import Testing

/// Paths of the repository and of this test target's fixtures and goldens.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let goldens = testsDirectory.appendingPathComponent("Goldens")
}

/// Collects what a command writes.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errorText = ""

    var out: String { lock.withLock { outText } }
    var error: String { lock.withLock { errorText } }

    func console(input: [UInt8] = [], terminal: Bool = false, environment: [String: String] = [:]) -> Console {
        Console(
            writeOut: { text in self.lock.withLock { self.outText += text } },
            writeError: { text in self.lock.withLock { self.errorText += text } },
            readInput: { limit in Array(input.prefix(limit + 1)) },
            outputIsTerminal: terminal,
            environment: environment)
    }
}

/// The result of running `lumen` in-process.
struct Run {
    let status: Int32
    let out: String
    let error: String
}

func lumen(_ arguments: [String], input: [UInt8] = [], terminal: Bool = false, environment: [String: String] = [:]) -> Run {
    let recorder = Recorder()
    let status = LumenCommand.main(
        arguments, console: recorder.console(input: input, terminal: terminal, environment: environment))
    return Run(status: status, out: recorder.out, error: recorder.error)
}

/// Compares text with a golden file under `Goldens/`. With
/// `LUMEN_UPDATE_GOLDENS=1` the golden is rewritten instead (review with `git diff`).
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = Paths.goldens.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["LUMEN_UPDATE_GOLDENS"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(name); run with LUMEN_UPDATE_GOLDENS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    #expect(actual == expected, "output differs from golden \(name)", sourceLocation: sourceLocation)
}

/// Removes a directory prefix from paths in output, so goldens do not depend
/// on where the repository is checked out.
func relativize(_ text: String, to directory: URL) -> String {
    text.replacingOccurrences(of: directory.path + "/", with: "")
        .replacingOccurrences(of: directory.path, with: ".")
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.resolvingSymlinksInPath()
}

/// A draft named `draft.lumen` in a new temporary directory; the caller removes the directory.
func writeDraft(_ text: String) throws -> (directory: URL, path: String) {
    let directory = try temporaryDirectory()
    let file = directory.appendingPathComponent("draft.lumen")
    try Data(text.utf8).write(to: file)
    return (directory, file.path)
}
