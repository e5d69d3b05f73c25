import Foundation
import Syntax

/// Finds the `.lumen` files under a directory, in sorted order, skipping hidden
/// entries and never entering a directory twice (so symbolic-link loops end).
/// A link is followed only when it leads inside the root (the project's, or the
/// walked directory itself): a link to `/proc/self/environ` named like a draft
/// would otherwise print a CI job's secrets in a diagnostic's excerpt.
enum FileWalker {
    struct Result {
        var files: [String] = []
        /// Paths that could not be listed or followed, with the reason.
        var problems: [(path: String, reason: String)] = []
        /// `.json` and `.csv` files that are not drafts by their shape.
        var skipped: [String] = []
    }

    /// Whether a directory entry is a draft: `.lumen` always; `.json` (except the
    /// project file `lumen.json`) and `.csv` when exported drafts are wanted.
    static func isDraft(_ name: String, exported: Bool) -> Bool {
        if name.hasSuffix(".lumen") { return true }
        guard exported else { return false }
        return (name.hasSuffix(".json") && name != "lumen.json") || name.hasSuffix(".csv")
    }

    static func lumenFiles(under directory: String, exported: Bool = false, root: String? = nil) -> Result {
        var result = Result()
        var seen: Set<String> = []
        let root = root ?? FileReading.realPath(directory) ?? directory
        var pending = [directory]
        while let current = pending.popLast() {
            let real = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
            guard seen.insert(real).inserted else { continue }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: current).sorted()
            } catch {
                result.problems.append((current, "cannot list the directory"))
                continue
            }
            var subdirectories: [String] = []
            for entry in entries where !entry.hasPrefix(".") {
                let path = (current as NSString).appendingPathComponent(entry)
                var link = stat()
                if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                    let target = FileReading.realPath(path)
                    if let target, !FileReading.isInside(target, root: root) {
                        result.problems.append((path, "it is a link that leaves the project root (to `\(target)`); it is not followed"))
                        continue
                    }
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    if isDraft(entry, exported: exported) { result.problems.append((path, "broken link or missing file")) }
                    continue
                }
                if isDirectory.boolValue {
                    subdirectories.append(path)
                } else if isDraft(entry, exported: exported) {
                    if entry.hasSuffix(".lumen") || hasDraftShape(path) {
                        result.files.append(path)
                    } else {
                        result.skipped.append(path)
                    }
                }
            }
            pending += subdirectories.reversed()
        }
        result.files.sort()
        result.skipped.sort()
        return result
    }

    /// Whether a `.json` or `.csv` file found by a walk is a draft, from its first bytes.
    static func hasDraftShape(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // reported when read
        defer { try? handle.close() }
        let prefix = ArraySlice((try? handle.read(upToCount: DraftShape.prefixBytes)) ?? Data())
        return path.hasSuffix(".json") ? DraftShape.isJSONDraft(prefix) : DraftShape.isCSVDraft(prefix)
    }
}

extension Lumen {
    /// The files named by command-line paths: files as given, directories
    /// expanded to their `.lumen` files (and, with `exported`, their `.json` and
    /// `.csv` files that are drafts by their shape; the others are `skipped`).
    /// Problems are `(path, reason)` pairs.
    public static func expandPaths(_ paths: [String], exported: Bool = false, root: String? = nil) -> (
        files: [String], problems: [(path: String, reason: String)], skipped: [String]
    ) {
        var files: [String] = []
        var problems: [(path: String, reason: String)] = []
        var skipped: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append((path, "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                let walked = FileWalker.lumenFiles(under: path, exported: exported, root: root)
                files += walked.files
                problems += walked.problems
                skipped += walked.skipped
            } else {
                files.append(path)
            }
        }
        return (files, problems, skipped)
    }
}
