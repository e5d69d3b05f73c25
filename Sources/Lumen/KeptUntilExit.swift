import Synchronization

/// What a one-shot command keeps until the process exits: the loaded files,
/// the checked program, the model and the findings of a run are then given back
/// to the system at once when the process ends, instead of being freed object
/// by object first (a tenth of a one-draft `lumen check`, and more for a corpus;
/// compilers skip that work the same way, as clang's `-disable-free` does).
///
/// Off unless the executable turns it on (`lumen`'s `main`): the tests, the REPL
/// and any other long-lived user of the library free what they no longer need.
public enum KeptUntilExit {
    private static let state = Mutex<(on: Bool, kept: [Any])>((false, []))

    /// Turns keeping on, for a process that ends after one command.
    public static func turnOn() {
        state.withLock { $0.on = true }
    }

    /// Keeps `value` alive until the process exits, if keeping is on.
    public static func keep(_ value: Any) {
        state.withLock { state in
            if state.on { state.kept.append(value) }
        }
    }
}
