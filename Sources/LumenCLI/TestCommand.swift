import Lumen

/// `lumen test [PATH...]`: run the test blocks of rule files.
enum TestCommand: Command {
    static let name = "test"
    static let abstract = "Run the test blocks of rule files (of the standard library when no path is given)."
    static let usageArguments = "[<options>] [<paths> ...]"
    static let discussion = """
        ARGUMENTS:
          <paths>                 .lumen files or directories whose `test` blocks to run.

        A test block holds declarations of a small case and expectations:

          test "fires when a sibling measure undermines the target" {
            resolution r "R" {
              measure a "A" {
                advances 7.2
              }
            }
            expect my-rule at r.a      # a finding of my-rule pointing at r.a
            expect no my-rule at r.b   # no such finding
            expect no other-rule       # no finding of other-rule at all
          }

        Each test is evaluated on its own, with the standard library and the other
        declarations of the files, but not the other tests. Files of Rules/ given
        here replace their built-in copies.

        EXIT STATUS:
          0  every test passed
          1  some test failed
          2  invalid input or usage
        """
    static let options: [ArgumentParser.Option] = loadingOptions + [colorOption, helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard let color = colorChoice(arguments) else {
            return usageError("Invalid value for '--color': expected auto, always or never", console: console)
        }
        let options = checkOptions(arguments)
        let report = Lumen.test(paths: arguments.positionals, options: options)
        console.writeOut(report.render(colors: console.useColor(color)))
        return report.exitStatus
    }
}
