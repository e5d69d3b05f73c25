import Foundation
import Lumen

#if canImport(Glibc)
    import Glibc
#endif

/// The one way `lumen` writes a file: reports (`--output`, the audit's files),
/// baselines, `fmt --write`, `suggest --apply` and the REPL's history.
///
/// A report lands where the user meant, and nowhere else:
/// - a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written through,
///   never replaced by a regular file;
/// - a symbolic link is kept: its target is written;
/// - a regular file is replaced atomically: a temporary file beside it, created
///   exclusively under an unpredictable name (`mkstemp`, so no link planted in
///   advance can redirect it), takes the permissions of the file it replaces
///   (or those a new file gets), and is renamed over it;
/// - a file that is one of the run's inputs, a directory, a socket or a block
///   device is refused;
/// - for `fmt --write`, a file whose bytes changed since they were read (lines
///   appended meanwhile) is refused rather than overwritten.
enum OutputFile {
    /// A file's identity, to tell whether an output is one of the inputs.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64

        init?(_ path: String) {
            var status = stat()
            guard !FileReading.hasControlCharacter(path), stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// Writes text, as `write(to:_:)`.
    @discardableResult
    static func write(_ text: String, to path: String, inputs: Set<Identity> = [], unchangedFrom original: [UInt8]? = nil)
        -> Result<Void, WriteError>
    {
        write(to: path, inputs: inputs, unchangedFrom: original) { sink in sink(text) }
    }

    /// Writes what `body` hands its sink, piece by piece, so that a large report
    /// is never whole in memory.
    @discardableResult
    static func write(
        to path: String, inputs: Set<Identity> = [], unchangedFrom original: [UInt8]? = nil, _ body: ((String) -> Void) -> Void
    ) -> Result<Void, WriteError> {
        guard !FileReading.hasControlCharacter(path), !path.isEmpty else {
            return .failure(WriteError("`\(printable(path))` is not a usable path: it contains a control character"))
        }
        let target = linkTarget(path)
        var status = stat()
        let exists = stat(target, &status) == 0
        if exists {
            switch status.st_mode & S_IFMT {
            case S_IFCHR, S_IFIFO:
                return writeThrough(target, body)
            case S_IFREG:
                if let identity = Identity(target), inputs.contains(identity) {
                    return .failure(WriteError("`\(printable(path))` is one of the files being checked; write the report elsewhere"))
                }
            case S_IFDIR:
                return .failure(WriteError("`\(printable(path))` is a directory"))
            default:
                return .failure(WriteError("`\(printable(path))` is neither a regular file, a device nor a pipe"))
            }
        }
        let directory = (target as NSString).deletingLastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/." + (target as NSString).lastPathComponent + ".lumen-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            return .failure(WriteError("cannot create a file beside `\(printable(path))`: \(String(cString: strerror(errno)))"))
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        body { piece in
            guard failure == nil else { return }
            if let problem = writeAll(descriptor, piece) { failure = problem }
        }
        // The permissions of the file replaced, or of a new file under the umask.
        let mask = umask(0)
        umask(mask)
        let mode = exists ? status.st_mode & 0o7777 : 0o666 & ~mask
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, let original, case .success(let now) = FileReading.read(target, limit: Int.max / 2), now != original {
            failure = "it changed while lumen was working on it; run lumen again"
        }
        if failure == nil, rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            return .failure(WriteError("cannot write `\(printable(path))`: \(failure)"))
        }
        return .success(())
    }

    /// Where writing `path` lands: the final target of a chain of links (kept as
    /// links), else the path itself.
    static func linkTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, Int(PATH_MAX))
            guard length > 0 else { return current }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
        }
        return current
    }

    /// Writes to a device or a pipe as it is.
    private static func writeThrough(_ path: String, _ body: ((String) -> Void) -> Void) -> Result<Void, WriteError> {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(WriteError("cannot write `\(printable(path))`: \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var failure: String?
        body { piece in
            guard failure == nil else { return }
            failure = writeAll(descriptor, piece)
        }
        return failure.map { .failure(WriteError("cannot write `\(printable(path))`: \($0)")) } ?? .success(())
    }

    /// Writes every byte of a piece; the reason on failure.
    static func writeAll(_ descriptor: Int32, _ piece: String) -> String? {
        var bytes = Array(piece.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    private static func printable(_ text: String) -> String {
        Lumen.printable(text)
    }
}

/// Why an output was not written, in words.
struct WriteError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
