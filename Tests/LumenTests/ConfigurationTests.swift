import Foundation
import Testing

@testable import Lumen

/// The project file `lumen.json`.
@Suite struct ConfigurationTests {
    private func project(_ configuration: String) throws -> URL {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data(
            """
            resolution plan "Plan" {
              scope 7
              measure solar "Solar auctions" {
                advances 7.2
              }
              measure board "Board"
            }

            """.utf8
        ).write(to: directory.appendingPathComponent("drafts/plan.lumen"))
        try Data(configuration.utf8).write(to: directory.appendingPathComponent("lumen.json"))
        return directory
    }

    @Test func configurationGivesPathsDisablesRulesAndOverridesSeverities() throws {
        let directory = try project(
            """
            {
              "paths": ["drafts"],
              "disable": ["unmeasured-measure", "no-means-of-implementation"],
              "severity": {"unmapped-measure": "error"},
              "failOn": "error"
            }
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("lumen.json").path
        let run = lumen(["check", "--config", config])
        #expect(run.status == 1)
        #expect(run.out.contains("error[unmapped-measure]: plan.board advances no SDG target"))
        #expect(!run.out.contains("unmeasured-measure"))
        #expect(run.out.hasSuffix("checked 1 file: 1 error\n"))
        // A flag overrides the file.
        #expect(lumen(["check", "--config", config, "--fail-on", "never"]).status == 0)
        // An audit takes the paths and rules of the file, but not its failure threshold.
        let audit = lumen(["audit", "--config", config])
        #expect(audit.status == 0)
        #expect(audit.out.hasPrefix("audited 1 file: 1 resolution, 2 measures, 1 error, 0 warnings, 0 info"))
        #expect(lumen(["audit", "--config", config, "--fail-on", "error"]).status == 1)
    }

    @Test func nearestFileIsFoundByWalkingUp() throws {
        let directory = try project("{}")
        defer { try? FileManager.default.removeItem(at: directory) }
        let found = Lumen.findConfiguration(from: directory.appendingPathComponent("drafts").path)
        #expect(found == directory.appendingPathComponent("lumen.json").path)
    }

    @Test func unknownKeyIsAnErrorWithASuggestion() throws {
        let directory = try project("{\n  \"fail-on\": \"warning\"\n}\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", "--config", directory.appendingPathComponent("lumen.json").path, "x"])
        #expect(run.status == 2)
        #expect(
            relativize(run.out, to: directory) == """
                error[L0206]: unknown key `fail-on` in the configuration
                 --> lumen.json:2:3
                  |
                2 |   "fail-on": "warning"
                  |   ^^^^^^^^^
                  |
                  = help: did you mean `failOn`?


                """)
    }

    @Test(arguments: [
        ("{\"paths\": \"drafts\"}", "`paths` must be an array of strings, not a string"),
        ("{\"severity\": {\"unmapped-measure\": \"fatal\"}}", "the severity of `unmapped-measure` must be \"error\", \"warning\" or \"info\""),
        ("{\"failOn\": 3}", "`failOn` must be \"error\", \"warning\", \"info\" or \"never\""),
        ("[1, 2]", "the configuration must be a JSON object"),
        ("{\"paths\": [", "invalid configuration: unexpected end of the file; a value is missing"),
    ])
    func wrongValuesAreErrors(text: String, message: String) throws {
        let directory = try project(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", "--config", directory.appendingPathComponent("lumen.json").path, "x"])
        #expect(run.status == 2)
        #expect(run.out.hasPrefix("error[L0206]: \(message)\n"))
    }

    @Test func unknownRuleInTheConfigurationIsReported() throws {
        let directory = try project("{\"paths\": [\"drafts\"], \"disable\": [\"unmaped-measure\"]}")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = lumen(["check", "--config", directory.appendingPathComponent("lumen.json").path])
        #expect(run.status == 2)
        #expect(run.out.contains("error[L1016]: unknown rule `unmaped-measure` in the configuration\n"))
        #expect(run.out.contains("= help: did you mean `unmapped-measure`?"))
    }

    @Test func configurationTurnsOnAPack() throws {
        let directory = try project("{\"paths\": [\"drafts\"], \"packs\": [\"interactions-sweden\"]}")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = try #require(try? Lumen.readConfiguration(directory.appendingPathComponent("lumen.json").path).get())
        var check = CheckOptions()
        check.packs = options.packs
        #expect(Lumen.check(paths: options.paths, options: check).program.facts.filter { $0.relation == "interaction" }.count == 1_122)
        var wrong = CheckOptions()
        wrong.packs = ["interactions-swedn"]
        let report = Lumen.check(paths: options.paths, options: wrong)
        #expect(report.diagnosticSummaries.first?.hasSuffix("error[L0204] unknown pack `interactions-swedn`") == true)
    }
}
