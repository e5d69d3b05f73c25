// The `lumen` executable: everything happens in LumenCLI, which tests call directly.
import Foundation
import Lumen
import LumenCLI

// One command, then the end of the process: what the command built is not freed first.
KeptUntilExit.turnOn()
let status = LumenCommand.run(Array(CommandLine.arguments.dropFirst()), console: .standard)
if status == ExitStatus.closedPipe {
    // The reader of standard output went away: end as Unix tools do, quietly, by SIGPIPE.
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
}
exit(status)
