// The `lumen` executable: everything happens in LumenCLI, which tests call directly.
import Foundation
import LumenCLI

exit(LumenCommand.main(Array(CommandLine.arguments.dropFirst()), console: .standard))
