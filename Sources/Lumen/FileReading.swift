import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How every part of Lumen reads a file that its input names (a draft, a file
/// it `use`s, a project file, a baseline, a facts file, the REPL's history).
///
/// The input of a CI run is written by whoever opens a pull request, so a read
/// must open exactly the path that was checked and nothing else:
/// - a path with a control character (a NUL above all, which ends the string the
///   system sees before the one that was checked) is refused;
/// - the file is opened once, without following it into a device, a pipe or a
///   socket (`O_NONBLOCK`, then `fstat` on the open descriptor: regular files only);
/// - when the read must stay inside a directory (a file reached through `use` or
///   by walking a directory, as opposed to one named on the command line), the
///   real path of the open descriptor is checked, so that no link, and no change
///   between the check and the open, leads outside;
/// - the size comes from the open file, and the read stops at the limit, so a
///   file that grows while it is read is cut off, not read whole.
package enum FileReading {
    /// Why a file was not read.
    package enum Problem: Error, Equatable, Sendable {
        /// It cannot be read: the reason, in words ("no such file").
        case unreadable(String)
        /// It is larger than the limit.
        case tooLarge
    }

    /// True when a path holds a character no file name the user typed contains.
    package static func hasControlCharacter(_ path: String) -> Bool {
        path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// True when `real` is `root` or lies under it.
    package static func isInside(_ real: String, root: String) -> Bool {
        real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The bytes of a regular file, at most `limit` of them; when `root` is
    /// given, only if the file really lies inside it.
    package static func read(_ path: String, limit: Int, inside root: String? = nil) -> Result<[UInt8], Problem> {
        guard !hasControlCharacter(path) else { return .failure(.unreadable("the path contains a control character")) }
        let descriptor = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(reason(errno, path))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason(errno, path))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.unreadable("it is a directory"))
        default: return .failure(.unreadable("it is not a regular file (a device, a pipe or a socket)"))
        }
        if let root {
            let real = realPath(of: descriptor) ?? URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard isInside(real, root: root) else {
                return .failure(.unreadable("it lies outside the project root `\(root)` (it is `\(real)`)"))
            }
        }
        guard Int(status.st_size) <= limit else { return .failure(.tooLarge) }
        // Read to the end of the file, never past the limit: the size the file gave
        // is where to start (a file of the system's may say 0 and hold more, and a
        // file may grow while it is read).
        var bytes = [UInt8](repeating: 0, count: min(limit, Int(status.st_size)) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { return .failure(.tooLarge) }
                bytes += [UInt8](repeating: 0, count: min(max(count, 4096), limit + 1 - count))
            }
            let got = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + count, buffer.count - count)
            }
            if got < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if got < 0 { return .failure(.unreadable(reason(errno, path))) }
            if got == 0 { break }
            count += got
        }
        if count > limit { return .failure(.tooLarge) }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    /// The size of the file a path names, links followed (nil if there is none).
    package static func size(_ path: String) -> Int? {
        var status = stat()
        guard !hasControlCharacter(path), stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// The real path of an open file (what `/proc/self/fd/N` links to).
    package static func realPath(of descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, Int(PATH_MAX))
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The real path of a path, all links followed (nil if it does not exist).
    package static func realPath(_ path: String) -> String? {
        guard !hasControlCharacter(path), let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func reason(_ code: Int32, _ path: String) -> String {
        switch code {
        case ENOENT, ENOTDIR:
            // A dangling link is no file either; say so, since the name exists.
            var status = stat()
            return lstat(path, &status) == 0 ? "a link to a file that does not exist" : "no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory"
        case ELOOP: return "too many levels of links"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(code))
        }
    }
}
