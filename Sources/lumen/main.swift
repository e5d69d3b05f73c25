// The `lumen` executable: everything happens in LumenCLI, which tests call directly.
import Foundation
import Lumen
import LumenCLI

// One command, then the end of the process: what the command built is not freed first.
KeptUntilExit.turnOn()
#if canImport(Glibc)
    // A run allocates tens of megabytes in growing arrays and frees little of it: the
    // allocator keeps them in its heap and hands freed memory back to the system
    // rarely, instead of mapping, trimming and faulting in the same pages again
    // (a fifth of a one-draft check's page faults; see Benchmarks/README.md).
    // glibc's `mallopt` and its parameters (malloc.h, which the Glibc module leaves
    // out), looked up and called as the C function it is.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    if let symbol = dlsym(nil, "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        _ = mallopt(topPad, 16 << 20)
    }
#endif
let status = LumenCommand.run(Array(CommandLine.arguments.dropFirst()), console: .standard)
if status == ExitStatus.closedPipe {
    // The reader of standard output went away: end as Unix tools do, quietly, by SIGPIPE.
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
}
exit(status)
