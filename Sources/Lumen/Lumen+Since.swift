import Foundation
import Reports

extension Lumen {
    /// Checks the same paths as they were at a git revision (`--since REV`): the
    /// files of that revision are extracted into a temporary directory with
    /// `git archive`, checked there, and removed.
    public static func check(paths: [String], atRevision revision: String, options: CheckOptions) -> Result<CheckReport, RevisionError> {
        // The repository is the one holding the first path (or the current directory).
        var start = FileManager.default.currentDirectoryPath
        if let first = paths.first {
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: first).standardizedFileURL
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                start = isDirectory.boolValue ? url.path : url.deletingLastPathComponent().path
            }
        }
        guard let top = git(["rev-parse", "--show-toplevel"], in: start)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !top.isEmpty
        else {
            return .failure(RevisionError(message: "--since needs a git repository; `\(start)` is not in one"))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-since-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tree = scratch.appendingPathComponent("tree")
        let archive = scratch.appendingPathComponent("revision.tar")
        do {
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        } catch {
            return .failure(RevisionError(message: "cannot create a temporary directory: \(error.localizedDescription)"))
        }
        // A revision that looks like an option is refused before git sees it, and the
        // one git reads is resolved to a commit id first, after `--end-of-options`.
        guard !revision.hasPrefix("-"), !revision.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        else {
            return .failure(RevisionError(message: "`\(revision)` is not a git revision"))
        }
        guard
            let commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: top)?
                .trimmingCharacters(in: .whitespacesAndNewlines), !commit.isEmpty,
            git(["archive", "--format=tar", "-o", archive.path, commit], in: top) != nil
        else {
            return .failure(RevisionError(message: "git cannot read revision `\(revision)`"))
        }
        guard run("/usr/bin/env", ["tar", "-xf", archive.path, "-C", tree.path], in: top) != nil else {
            return .failure(RevisionError(message: "cannot extract revision `\(revision)`"))
        }
        let realTop = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        var mapped: [String] = []
        for path in paths {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard absolute == realTop || absolute.hasPrefix(realTop + "/") else {
                return .failure(RevisionError(message: "`\(path)` is outside the git repository at \(top)"))
            }
            let old = tree.appendingPathComponent(String(absolute.dropFirst(realTop.count))).path
            if FileManager.default.fileExists(atPath: old) { mapped.append(old) }
        }
        var oldOptions = options
        oldOptions.knownFingerprints = nil
        oldOptions.root = nil
        return .success(check(paths: mapped, options: oldOptions))
    }

    private static func git(_ arguments: [String], in directory: String) -> String? {
        run("/usr/bin/env", ["git"] + arguments, in: directory)
    }

    /// Runs a program; its standard output, or nil if it failed.
    private static func run(_ executable: String, _ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a revision could not be checked.
public struct RevisionError: Error, Sendable {
    public let message: String
}
