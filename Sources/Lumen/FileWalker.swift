import Foundation

/// Finds the `.lumen` files under a directory, in sorted order, skipping hidden
/// entries and never entering a directory twice (so symbolic-link loops end).
enum FileWalker {
    struct Result {
        var files: [String] = []
        /// Paths that could not be listed or followed, with the reason.
        var problems: [(path: String, reason: String)] = []
    }

    /// Whether a directory entry is a draft: `.lumen` always; `.json` (except the
    /// project file `lumen.json`) and `.csv` when exported drafts are wanted.
    static func isDraft(_ name: String, exported: Bool) -> Bool {
        if name.hasSuffix(".lumen") { return true }
        guard exported else { return false }
        return (name.hasSuffix(".json") && name != "lumen.json") || name.hasSuffix(".csv")
    }

    static func lumenFiles(under directory: String, exported: Bool = false) -> Result {
        var result = Result()
        var seen: Set<String> = []
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
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    if isDraft(entry, exported: exported) { result.problems.append((path, "broken link or missing file")) }
                    continue
                }
                if isDirectory.boolValue {
                    subdirectories.append(path)
                } else if isDraft(entry, exported: exported) {
                    result.files.append(path)
                }
            }
            pending += subdirectories.reversed()
        }
        result.files.sort()
        return result
    }
}

extension Lumen {
    /// The files named by command-line paths: files as given, directories
    /// expanded to their `.lumen` files (and, with `exported`, their `.json` and
    /// `.csv` drafts). Problems are `(path, reason)` pairs.
    public static func expandPaths(_ paths: [String], exported: Bool = false) -> (files: [String], problems: [(path: String, reason: String)]) {
        var files: [String] = []
        var problems: [(path: String, reason: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append((path, "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                let walked = FileWalker.lumenFiles(under: path, exported: exported)
                files += walked.files
                problems += walked.problems
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }
}
