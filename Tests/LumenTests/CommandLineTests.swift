import Foundation
import Testing

/// End-to-end tests of `lumen` as a user runs it: help, usage errors, exit statuses.
@Suite struct CommandLineTests {
    @Test(arguments: [
        (["--help"], "help/lumen.txt"),
        (["help"], "help/lumen.txt"),
        (["help", "check"], "help/check.txt"),
        (["check", "--help"], "help/check.txt"),
        (["fmt", "-h"], "help/fmt.txt"),
        (["explain", "--help"], "help/explain.txt"),
        (["query", "--help"], "help/query.txt"),
        (["test", "--help"], "help/test.txt"),
        (["catalog", "--help"], "help/catalog.txt"),
        (["repl", "--help"], "help/repl.txt"),
        (["eval", "--help"], "help/eval.txt"),
        (["audit", "--help"], "help/audit.txt"),
        (["systems", "--help"], "help/systems.txt"),
        (["suggest", "--help"], "help/suggest.txt"),
    ])
    func helpText(arguments: [String], golden: String) {
        let run = lumen(arguments)
        #expect(run.status == 0)
        #expect(run.error.isEmpty)
        expectGolden(run.out, golden)
    }

    @Test func versionIsPrinted() {
        let run = lumen(["--version"])
        #expect(run.status == 0)
        #expect(run.out == "0.1.0\n")
    }

    @Test func unknownOptionListsTheValidOnes() {
        let run = lumen(["check", "--foo", "x.lumen"])
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(
            run.error == """
                Error: Unknown option '--foo'
                Valid options: --config, --no-stdlib, --rules, --root, --format, --output, --fail-on, --baseline, --write-baseline, --since, --show-suppressed, --explain, --stats, --sarif-results, --max-tuples, --timeout, --max-proof-depth, --max-file-size, --max-input-size, --max-declarations, --max-nesting, --color, --help
                Usage: lumen check [<options>] [<paths> ...]
                  See 'lumen check --help' for more information.

                """)
    }

    @Test(arguments: [
        (["check"], "Error: Missing expected argument '<paths> ...'"),
        (["check", "--rules"], "Error: Missing value for '--rules <dir>'"),
        (["check", "--no-stdlib=yes", "x"], "Error: The option '--no-stdlib' takes no value"),
        (["check", "--color", "purple", "x"], "Error: Invalid value for '--color': expected auto, always or never"),
        (["fmt", "--check", "--write", "x"], "Error: '--check' and '--write' cannot be used together"),
        (["explain", "L0001", "L0002"], "Error: Expected one code, got 2"),
        (["query"], "Error: Missing expected argument '<query>'"),
    ])
    func usageErrorsExitWithTwo(arguments: [String], firstLine: String) {
        let run = lumen(arguments)
        #expect(run.status == 2)
        #expect(run.error.components(separatedBy: "\n").first == firstLine)
        #expect(run.error.contains("See 'lumen \(arguments[0]) --help' for more information."))
    }

    @Test func unknownSubcommandSuggestsTheClosest() {
        let run = lumen(["chek"])
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: Unknown subcommand 'chek'\nDid you mean 'check'?\n"))
    }

    @Test func noArgumentsPrintsHelpAndFails() {
        let run = lumen([])
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("OVERVIEW:"))
    }

    @Test func optionValuesMayFollowAnEqualsSign() {
        let examples = Paths.repository.appendingPathComponent("Examples").path
        #expect(lumen(["check", "--color=never", "--fail-on=never", examples]).status == 0)
        #expect(lumen(["check", "--color", "never", "--fail-on", "never", "--", examples]).status == 0)
    }

    @Test func explainPrintsTheLongExplanation() {
        let run = lumen(["explain", "l2003"])
        #expect(run.status == 0)
        expectGolden(run.out, "explain/L2003.txt")
    }

    @Test func explainWithoutACodeListsThemAll() {
        let run = lumen(["explain"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("L0001  unexpected character\nL0002  unterminated string\n"))
        #expect(run.out.contains("L2003  negation is not stratifiable\n"))
    }

    @Test func explainRejectsAnUnknownCode() {
        let run = lumen(["explain", "L4242"])
        #expect(run.status == 2)
        #expect(run.error == "Error: unknown diagnostic code or rule 'L4242'; run 'lumen explain' to list the codes\n")
    }
}
