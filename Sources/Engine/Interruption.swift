import Synchronization

/// A request to stop an evaluation or query under way, made from outside it
/// (the REPL's Ctrl-C): the join loop reads it where it reads the clock, and
/// stops as at the time limit. One flag per session, so that two sessions in
/// one process (tests run side by side) never stop each other.
package final class Interruption: Sendable {
    private let flag = Atomic<Bool>(false)

    package init() {}

    /// Asks the running evaluation to stop; a plain atomic store, safe in a signal handler.
    package func request() {
        flag.store(true, ordering: .relaxed)
    }

    /// Forgets a request (before an input is evaluated).
    package func reset() {
        flag.store(false, ordering: .relaxed)
    }

    package var isRequested: Bool {
        flag.load(ordering: .relaxed)
    }

    /// The flag a SIGINT handler sets, held without a reference count so that the
    /// handler does no more than an atomic store (see `ReplCommand`).
    nonisolated(unsafe) package static var onSignal: Unmanaged<Interruption>?

    /// Called from a signal handler: sets the flag of `onSignal`, if any.
    package static func signalled() {
        onSignal?._withUnsafeGuaranteedRef { $0.request() }
    }
}
