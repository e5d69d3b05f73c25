// LumenCLI: the `lumen` command line. Parses arguments, calls the `Lumen`
// facade, writes what it returns, and maps the result to an exit status:
// 0 clean, 1 findings at or above the failure threshold, 2 invalid input or usage.
//
//   LumenCommand   dispatches to a subcommand (CheckCommand, AuditCommand, ...),
//                  each a `Command` with its options and help text
//   ArgumentParser options and positionals, as swift-argument-parser spells them
//   Console        standard output and error, and whether to use colour
//   OutputFile     writes a report atomically, never over an input or a device
//   Terminal, LineEditor   the REPL's raw-mode line editing
//
// No finding is computed here: the CLI only parses, calls and writes.
