import Glibc

/// Raw mode for the line editor, through termios.
///
/// Raw mode is on only while a line is being edited; output is printed with
/// the terminal's own settings. The saved settings are restored on every way
/// out: the end of the line, and a crash or termination signal (the handler
/// restores them and re-raises the signal, so the process still dies of it).
enum Terminal {
    /// The settings to restore, and on which descriptor; read by the signal
    /// handler. The settings live in memory of their own (allocated once), not
    /// in a global of the imported C type.
    nonisolated(unsafe) private static let saved: UnsafeMutablePointer<termios> = {
        let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        pointer.initialize(to: termios())
        return pointer
    }()
    nonisolated(unsafe) private static var savedDescriptor: Int32 = -1
    nonisolated(unsafe) private static var handlersInstalled = false

    /// Signals after which the terminal must not stay raw.
    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGTERM, SIGHUP, SIGQUIT]

    /// Switches `descriptor` to raw mode and returns the settings to restore;
    /// nil if it is not a terminal. One line editor per process is in raw mode
    /// at a time (the signal handler restores the latest).
    static func enableRawMode(_ descriptor: Int32) -> termios? {
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return nil }
        installHandlers()
        saved.pointee = original
        savedDescriptor = descriptor
        var raw = original
        // No echo, no line buffering, no signals from keys (Ctrl-C arrives as a byte),
        // no CR/NL translation on input, output processed as usual.
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutablePointer(to: &raw.c_cc) { pointer in
            pointer.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
        }
        return tcsetattr(descriptor, TCSADRAIN, &raw) == 0 ? original : nil
    }

    /// Restores the settings `enableRawMode` returned.
    static func restore(_ descriptor: Int32, _ original: termios) {
        var settings = original
        _ = tcsetattr(descriptor, TCSADRAIN, &settings)
        if savedDescriptor == descriptor { savedDescriptor = -1 }
    }

    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signal in fatalSignals {
            _ = Glibc.signal(signal) { number in
                if Terminal.savedDescriptor >= 0 {
                    _ = tcsetattr(Terminal.savedDescriptor, TCSANOW, Terminal.saved)
                }
                _ = Glibc.signal(number, SIG_DFL)
                _ = raise(number)
            }
        }
    }

    /// The width of the terminal in columns (80 when it cannot be told).
    static func columns(_ descriptor: Int32) -> Int {
        var size = winsize()
        let result = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
        return result == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
