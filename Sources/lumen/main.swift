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
        adviseHugePages()
    }

    /// Grows the heap by about what a one-draft check fills (with the top pad
    /// above, 40 MiB) and asks the kernel to back it with 2 MiB pages where it
    /// can, as glibc's `glibc.malloc.hugetlb=1` tunable would: one page fault per
    /// 2 MiB instead of 512 (a one-draft check: 3,100 -> 1,000 faults, 18.7 ->
    /// 15.6 ms; its resident memory 32 -> 42 MiB). Only what is touched is
    /// backed. Where transparent huge pages are off, `madvise` refuses and
    /// nothing changes.
    func adviseHugePages() {
        let hugePage = 2 << 20
        // Called through its symbol: the optimizer drops a block allocated and freed unused.
        typealias Allocate = @convention(c) (Int) -> UnsafeMutableRawPointer?
        guard let symbol = dlsym(nil, "malloc") else { return }
        let allocate = unsafeBitCast(symbol, to: Allocate.self)
        let before = Int(bitPattern: sbrk(0))
        // Freed at once, the block stays in the heap (the trim threshold above).
        free(allocate(24 << 20))
        let after = Int(bitPattern: sbrk(0))
        let start = (before + hugePage - 1) & ~(hugePage - 1)
        let end = after & ~(hugePage - 1)
        guard before > 0, end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, 14)  // MADV_HUGEPAGE
    }
#endif
let status = LumenCommand.run(Array(CommandLine.arguments.dropFirst()), console: .standard)
if status == ExitStatus.closedPipe {
    // The reader of standard output went away: end as Unix tools do, quietly, by SIGPIPE.
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
}
exit(status)
