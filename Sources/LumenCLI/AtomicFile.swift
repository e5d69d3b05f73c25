import Foundation

/// Writing a file so that readers never see half of it.
enum AtomicFile {
    /// Writes to a temporary file beside the target, then renames it into place,
    /// so that an interrupted run never leaves a half-written file. Keeps the
    /// permissions of a file it replaces.
    static func write(_ text: String, to path: String) -> Bool {
        write(to: path) { sink in sink(text) }
    }

    /// Writes what `body` hands its sink, piece by piece, so that a large report
    /// is never whole in memory; atomically, as above.
    static func write(to path: String, _ body: ((String) -> Void) -> Void) -> Bool {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).lumen-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary.path)
            else { return false }
            var failed = false
            body { piece in
                guard !failed else { return }
                do { try handle.write(contentsOf: Data(piece.utf8)) } catch { failed = true }
            }
            try handle.close()
            if failed { throw CocoaError(.fileWriteUnknown) }
            if let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            guard rename(temporary.path, url.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return false
            }
            return true
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return false
        }
    }
}
