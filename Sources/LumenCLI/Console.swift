import Foundation

/// Where a command writes, and what it knows of its terminal and environment.
/// Tests pass a console that records into strings.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    /// Standard input, whole, up to one byte past the limit given: a caller
    /// that gets more than its limit knows the input is too large, and no more
    /// than that is ever held.
    public var readInput: @Sendable (_ limit: Int) -> [UInt8]
    /// True when standard output is a terminal (colour is then allowed).
    public var outputIsTerminal: Bool
    public var environment: [String: String]
    /// True when standard input is a terminal (the REPL then edits lines itself).
    public var inputIsTerminal: Bool
    /// Reads one line of standard input without its line break; nil at the end.
    public var readLine: @Sendable () -> String?
    /// True when standard error is a terminal (progress is then drawn there).
    public var errorIsTerminal: Bool
    /// Why writing to standard output failed (an `errno` value), or nil: a full
    /// disk or a closed pipe is kept here rather than crashing the run.
    public var outputFailure: @Sendable () -> Int32? = { nil }

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable (_ limit: Int) -> [UInt8],
        outputIsTerminal: Bool,
        environment: [String: String],
        inputIsTerminal: Bool = false,
        readLine: (@Sendable () -> String?)? = nil,
        errorIsTerminal: Bool = false
    ) {
        self.errorIsTerminal = errorIsTerminal
        self.writeOut = writeOut
        self.writeError = writeError
        self.readInput = readInput
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.inputIsTerminal = inputIsTerminal
        self.readLine = readLine ?? Lines({ readInput(Int.max - 1) }).next
    }

    /// The process's real standard streams.
    public static var standard: Console {
        streams(output: STDOUT_FILENO, error: STDERR_FILENO)
    }

    /// A console writing to two open descriptors with write(2), keeping the first
    /// failure of each instead of raising it.
    public static func streams(output: Int32, error: Int32) -> Console {
        let out = DescriptorStream(output)
        let err = DescriptorStream(error)
        var console = Console(
            writeOut: out.write,
            writeError: err.write,
            readInput: { limit in
                var bytes: [UInt8] = []
                while bytes.count <= limit {
                    let chunk = FileHandle.standardInput.readData(ofLength: min(1 << 20, limit + 1 - bytes.count))
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                return bytes
            },
            outputIsTerminal: isatty(output) == 1,
            environment: ProcessInfo.processInfo.environment,
            inputIsTerminal: isatty(STDIN_FILENO) == 1,
            readLine: { Swift.readLine(strippingNewline: true) },
            errorIsTerminal: isatty(error) == 1)
        console.outputFailure = { out.failure }
        return console
    }

    /// Colour is used only on a terminal, never when `NO_COLOR` is set.
    func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}

enum ColorChoice: String, CaseIterable {
    case auto, always, never
}

/// Exit statuses of `lumen`.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let findings: Int32 = 1
    public static let invalid: Int32 = 2
    /// Standard output was a pipe its reader closed: the executable then ends as
    /// Unix tools do, by SIGPIPE, silently (a shell sees 141).
    public static let closedPipe: Int32 = 141
}

/// An open descriptor written with write(2): the first failure is kept and
/// later writes are dropped, so that `lumen check | head` or a full disk ends
/// the run with a status, not a crash.
final class DescriptorStream: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var error: Int32?

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    var failure: Int32? { lock.withLock { error } }

    @Sendable func write(_ text: String) {
        lock.withLock {
            guard error == nil else { return }
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBufferPointer { buffer in
                    Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    error = errno
                    return
                }
                offset += written
            }
        }
    }
}

/// Splits all of an input, read when first asked for, into lines (`\n` or `\r\n`).
private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private let read: @Sendable () -> [UInt8]
    private var lines: [String]?
    private var index = 0

    init(_ read: @escaping @Sendable () -> [UInt8]) {
        self.read = read
    }

    @Sendable func next() -> String? {
        lock.withLock {
            if lines == nil {
                var all = String(decoding: read(), as: UTF8.self).components(separatedBy: "\n")
                if all.last == "" { all.removeLast() }
                lines = all.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
            }
            guard let lines, index < lines.count else { return nil }
            index += 1
            return lines[index - 1]
        }
    }
}
