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

    /// `data` in the project file feeds the drafts' accounts, as a draft's own `data` item would.
    @Test func dataFilesNamedByTheProjectFileFeedTheAccounts() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data(
            """
            resolution city "City plan" {
              indicator cycling-share "Share of trips made by bicycle" {
                monitors 11.2
                unit percent
                better higher
                baseline 9 in 2015
                target 25 by 2030
              }
            }

            """.utf8
        ).write(to: directory.appendingPathComponent("plan.lumen"))
        try Data("indicator,year,value\ncycling-share,2019,12\ncycling-share,2023,14\n13.2.2,2023,5\n".utf8)
            .write(to: directory.appendingPathComponent("data/survey.csv"))
        try Data(#"{"paths": ["plan.lumen"], "data": [{"file": "data/survey.csv", "indicator": "cycling-share"}]}"#.utf8)
            .write(to: directory.appendingPathComponent("lumen.json"))
        let config = directory.appendingPathComponent("lumen.json").path
        let run = lumen(["check", "--config", config, "--explain"])
        #expect(run.status == 0, "\(run.error)")
        #expect(
            run.out.contains(
                "warning[off-track-indicator]: in city, cycling-share (Share of trips made by bicycle) is off track (needs-acceleration): 14 % in 2023, from 9 % in 2015, target 25 % by 2030: 5.7% a year observed, 7% a year needed (ratio 0.81)"
            ))
        // The trace cites the row of the file that holds the latest value; the row of 13.2.2 is not read.
        #expect(run.out.contains("declared at \(directory.appendingPathComponent("data/survey.csv").path):3:15"))
        #expect(run.out.hasSuffix("checked 1 file: 1 warning\n"))
        // Without the entry, the account has no observed value and no status.
        try Data(#"{"paths": ["plan.lumen"]}"#.utf8).write(to: directory.appendingPathComponent("lumen.json"))
        #expect(lumen(["check", "--config", config]).out == "checked 1 file: no problems\n")
    }

    @Test func dataEntriesAreCheckedAndOneThatFeedsNoAccountIsReported() throws {
        let directory = try project(
            """
            {"paths": ["drafts"],
             "data": [{"file": "../elsewhere.csv", "indicator": "13.2.2"},
                      {"file": "drafts/plan.lumen", "indicatr": "13.2.2"},
                      {"file": 3, "indicator": "13.2.2"},
                      "emissions.csv"]}
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("lumen.json").path
        let run = lumen(["check", "--config", config])
        #expect(run.status == 2)
        let headings = run.out.split(separator: "\n").filter { $0.hasPrefix("error[") }
        #expect(
            headings == [
                "error[L0206]: `data` names `../elsewhere.csv`, outside the project (the directory of lumen.json)",
                "error[L0206]: unknown key `indicatr` in an entry of `data`",
                "error[L0206]: an entry of `data` needs `indicator`",
                "error[L0206]: `file` must be a non-empty string, not a number",
                "error[L0206]: an entry of `data` needs `file`",
                "error[L0206]: an entry of `data` must be an object with `file` and `indicator`, not a string",
            ])
        #expect(run.out.contains("help: did you mean `indicator`?"))
        // A valid entry whose indicator no draft keeps an account of: its values would go nowhere.
        try Data("indicator,year,value\n13.2.2,2023,5\n".utf8).write(to: directory.appendingPathComponent("drafts/emissions.csv"))
        try Data(#"{"paths": ["drafts"], "data": [{"file": "drafts/emissions.csv", "indicator": "13.2.2"}]}"#.utf8)
            .write(to: directory.appendingPathComponent("lumen.json"))
        let nowhere = lumen(["check", "--config", config])
        #expect(nowhere.status == 2)
        #expect(nowhere.out.contains("error[L0212]: `drafts/emissions.csv` is named for 13.2.2, but no resolution keeps an account of it\n --> \(config)\n"))
        // The file is read as data, not called a skipped file of the directory.
        #expect(!nowhere.out.contains("skipped"))
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
