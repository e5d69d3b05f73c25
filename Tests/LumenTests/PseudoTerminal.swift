import Foundation
import Glibc
import Testing

/// A pseudo-terminal (openpty) for tests of the line editor: keys are written
/// to the master side, and what the program draws is read back from it.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    /// Everything read from the terminal so far.
    private(set) var output = ""
    private var bytes: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(columns: UInt16 = 80) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed: errno \(errno)") }
        self.master = master
        self.slave = slave
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Types text (keys as the bytes a terminal sends).
    func send(_ text: String) {
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Reads until the output since `from` contains `needle`; the output since `from`.
    @discardableResult
    func read(until needle: String, from start: Int = 0, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = String(decoding: bytes.dropFirst(start), as: UTF8.self)
            if text.contains(needle) { return text }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else {
                throw Failure(description: "timed out waiting for \(needle.debugDescription); read so far: \(text.debugDescription)")
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
            guard count > 0 else {
                throw Failure(description: "the terminal closed while waiting for \(needle.debugDescription); read: \(text.debugDescription)")
            }
            bytes += buffer[..<count]
            output = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Reads what the program has drawn so far, waiting at most `timeout` seconds for it.
    func drain(timeout: Double = 0.05) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, Int32(timeout * 1000)) > 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            bytes += buffer[..<count]
            output = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The number of bytes read so far (a mark for `read(until:from:)`).
    var mark: Int { bytes.count }

    /// The terminal's local modes (ICANON, ECHO, ...) as the program left them.
    var localModes: tcflag_t {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings.c_lflag
    }

    /// True when the terminal edits lines itself and echoes (not in raw mode).
    var isCooked: Bool {
        localModes & tcflag_t(ICANON) != 0 && localModes & tcflag_t(ECHO) != 0
    }
}

/// Keys as a terminal (xterm) sends them.
enum Keys {
    static let up = "\u{1B}[A", down = "\u{1B}[B", right = "\u{1B}[C", left = "\u{1B}[D"
    static let home = "\u{1B}[H", end = "\u{1B}[F", delete = "\u{1B}[3~", homeTilde = "\u{1B}[1~", endSS3 = "\u{1B}OF"
    static let backspace = "\u{7F}", enter = "\r", tab = "\t"
    static func control(_ letter: Character) -> String {
        String(UnicodeScalar(UInt8(letter.asciiValue ?? 64) - 96))
    }
}

/// A value set on one thread and read on another.
final class Box<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// A child process on a terminal, started with posix_spawn (Foundation's
/// Process keeps objects alive that LeakSanitizer then reports).
final class ChildProcess {
    let pid: pid_t
    /// How the child ended: its exit status, or the signal that killed it.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    init(executable: String, arguments: [String], environment: [String: String], terminal: Int32) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, terminal, target) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw PseudoTerminal.Failure(description: "posix_spawn failed: \(result)") }
        self.pid = pid
    }

    /// Waits for the child to end; kills it and returns nil after `timeout` seconds.
    func wait(timeout: Double = 30) -> Ending? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7F
                return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }
}
