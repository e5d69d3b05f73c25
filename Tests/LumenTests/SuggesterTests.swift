import Foundation
import Testing

/// `lumen suggest` as a classifier: profiles in English and French, negation,
/// the threshold, and the JSON report.
@Suite struct SuggesterTests {
    /// The kinds and targets suggested for a text, as `id` lines.
    func suggested(_ text: String, _ extra: [String] = []) -> [String] {
        let run = lumen(["suggest", "--text", text] + extra)
        return run.out.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count > 2, words[0] == "kind" || words[0] == "target" else { return nil }
            return "\(words[0]) \(words[1])"
        }
    }

    @Test func aFuelSubsidyForFishingFleetsIsReadInEnglishAndInFrench() {
        let english = suggested("Subsidise diesel fuel for fishing fleets")
        let french = suggested("Subventionner le gazole des flottes de pêche")
        for found in [english, french] {
            #expect(found.contains("kind fossil-fuel-subsidy"))
            #expect(found.contains("target 14.6"))
            #expect(found.contains("target 12.c"))
        }
        #expect(english == french)
    }

    /// French measures, read with French stems and profiles: the two best kinds and targets.
    @Test(arguments: [
        ("Gratuité des transports en commun pour les jeunes", ["kind public-transport-investment", "target 11.2"]),
        (
            "Rénovation énergétique des logements sociaux",
            ["kind energy-efficiency-standard", "kind social-housing", "target 7.3", "target 11.1"]
        ),
        ("Interdiction des plastiques à usage unique dans les cantines", ["target 12.5"]),
        ("Reboisement des terres dégradées du Sahel", ["kind reforestation", "target 15.3", "target 15.2"]),
        (
            "Hausse du salaire minimum et lutte contre le travail des enfants",
            ["kind minimum-wage", "kind labour-inspection", "target 8.5", "target 8.7"]
        ),
        (
            "Aide juridictionnelle gratuite pour les victimes de violences conjugales",
            ["kind legal-aid", "target 5.2", "target 16.3"]
        ),
    ])
    func frenchMeasuresGetTheirKindsAndTargets(_ text: String, _ expected: [String]) {
        #expect(suggested(text, ["--top", "2"]) == expected)
    }

    @Test func endingASubsidyIsNotASubsidyButKeepsItsTopic() {
        let found = suggested("Ending diesel subsidies for fishing fleets")
        #expect(!found.contains("kind fossil-fuel-subsidy"))
        #expect(found.contains("target 14.6"))
        // In French too: without a subsidy to coal is no subsidy, and its topics
        // are 12.c (the subsidy) and 13.2 (coal).
        #expect(suggested("Sans subvention au charbon pour les centrales") == ["target 12.c", "target 13.2"])
        #expect(suggested("Une subvention au charbon pour les centrales").contains("kind fossil-fuel-subsidy"))
    }

    @Test func standardInputIsReadAsAFileIsWithinItsLimit() {
        let run = lumen(["suggest", "--text", "-"], input: Array("Subsidise diesel fuel for fishing fleets\n".utf8))
        #expect(run.status == 0)
        #expect(run.out.hasPrefix("<text>:1:1: text \"Subsidise diesel fuel for fishing fleets\"\n  kind fisheries-subsidy"))
        let large = lumen(["suggest", "--text", "-"], input: [UInt8](repeating: 0x61, count: (64 << 20) + 1))
        #expect(large.status == 2)
        #expect(large.error == "error: standard input is larger than the limit of 64 MiB for one file\n")
        let format = lumen(["fmt", "-"], input: [UInt8](repeating: 0x61, count: (64 << 20) + 1))
        #expect(format.status == 2)
        #expect(format.error == "error: standard input is larger than the limit of 64 MiB for one file\n")
    }

    @Test func aTextWithNothingToSayGetsNoSuggestion() {
        let run = lumen(["suggest", "--text", "Annual festival"])
        #expect(run.status == 0)
        #expect(run.out == "<text>:1:1: text \"Annual festival\"\n  no suggestion: no word scored enough\n1 measure without kind or mapping, 0 with a suggested kind\n")
    }

    @Test func theThresholdAndTopCutTheList() {
        #expect(suggested("Subsidise diesel fuel for fishing fleets", ["--top", "1"]) == ["kind fisheries-subsidy", "target 12.c"])
        // A word of a profile (9.1's "roads") reaches the threshold; a single word of
        // a title (3.6's) does not, and reaches a lower one.
        #expect(suggested("road") == ["kind road-building", "target 9.1"])
        #expect(suggested("road", ["--min-score", "1"]) == ["kind road-building", "target 9.1", "target 3.6"])
    }

    @Test func theJSONReportListsKindsTargetsAndGoalsWithTheirScores() {
        let run = lumen(["suggest", "--text", "Subventionner le gazole des flottes de pêche", "--format", "json", "--top", "1"])
        #expect(run.status == 0)
        #expect(
            run.out == """
                {
                  "version": 1,
                  "tool": {
                    "name": "lumen",
                    "version": "0.1.0"
                  },
                  "measures": [
                    {
                      "measure": "text",
                      "path": "<text>",
                      "line": 1,
                      "column": 1,
                      "language": "fr",
                      "kinds": [
                        {
                          "id": "fisheries-subsidy",
                          "name": "Fisheries subsidy",
                          "score": 39.98,
                          "words": [
                            "flottes",
                            "pêche"
                          ]
                        }
                      ],
                      "targets": [
                        {
                          "id": "12.c",
                          "name": "Rationalise inefficient fossil-fuel subsidies",
                          "score": 46.22,
                          "words": [
                            "gazole",
                            "subventionner"
                          ]
                        }
                      ],
                      "goals": [
                        {
                          "goal": 12,
                          "score": 46.22
                        }
                      ]
                    }
                  ],
                  "summary": {
                    "measures": 1,
                    "withKind": 1,
                    "withTarget": 1
                  }
                }

                """)
    }

    /// Every object of a report has exactly the keys its schema names (docs/suggest-report.schema.json).
    @Test func theJSONReportHasTheKeysOfItsSchema() throws {
        let schemaData = try Data(contentsOf: Paths.repository.appendingPathComponent("docs/suggest-report.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        func keys(_ object: Any?) -> Set<String> { Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys ?? [:].keys) }
        let run = lumen(["suggest", "--all", "--format", "json", Paths.repository.appendingPathComponent("Examples").path])
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(Set(report.keys) == keys(schema))
        let measures = try #require(report["measures"] as? [[String: Any]])
        #expect(measures.count == 30)
        for measure in measures {
            #expect(Set(measure.keys) == keys(definitions["measure"]))
            for match in (measure["kinds"] as? [[String: Any]] ?? []) + (measure["targets"] as? [[String: Any]] ?? []) {
                #expect(Set(match.keys) == keys(definitions["match"]))
                #expect((match["score"] as? Double ?? 0) >= 6)
            }
        }
    }

    @Test(arguments: [
        (["--text", "x", "--top", "0"], "Invalid value for '--top': expected a positive integer of at most 1000"),
        (["--text", "x", "--min-score", "-1"], "Invalid value for '--min-score': expected a number of at least 0"),
        (["--text", "x", "--language", "es"], "Invalid value for '--language': expected en or fr"),
        (["--text", "x", "--format", "xml"], "Invalid value for '--format': expected text or json"),
        (["--text", "x", "Examples"], "'--text' reads no drafts: give either paths or '--text', and no '--apply'"),
        ([], "Missing expected argument '<paths> ...' or '--text'"),
    ])
    func badArgumentsAreUsageErrors(_ arguments: [String], _ message: String) {
        let run = lumen(["suggest"] + arguments)
        #expect(run.status == 2)
        #expect(run.error.hasPrefix("Error: \(message)\n"))
    }
}

/// `lumen catalog search` finds targets and kinds by the words of their profiles too.
@Suite struct ProfileSearchTests {
    @Test func aFrenchWordFindsTheTargetsAndKindsWhoseProfilesUseIt() {
        let run = lumen(["catalog", "search", "pêche"])
        #expect(run.status == 0)
        #expect(
            run.out == """
                  target 14.4             End overfishing and destructive fishing
                  target 14.6             End harmful fisheries subsidies
                  target 14.7             Economic benefits from sustainable use of marine resources
                  target 14.b             Access of small-scale fishers to resources and markets
                  kind fisheries-subsidy  Fisheries subsidy
                5 matches

                """)
    }
}

/// Every target of the catalogue has a profile in both languages, and every
/// profile file checks clean with the standard library.
@Suite struct ProfileCoverageTests {
    /// The ids of lines that begin with `prefix` (`  target 1.1` in a goal, `kind carbon-tax`) in files of the library.
    static func declared(_ prefix: String, in files: [String]) throws -> [String] {
        try files.flatMap { file in
            try String(contentsOf: Paths.repository.appendingPathComponent(file), encoding: .utf8).split(separator: "\n")
                .compactMap { line -> String? in
                    guard line.hasPrefix(prefix) else { return nil }
                    return line.dropFirst(prefix.count).split(separator: " ").first.map(String.init)
                }
        }
    }

    /// Shows every entry in one REPL session (a process per entry would take seconds) and checks
    /// that each has English and French terms; `indent` is that of the terms lines.
    static func expectTermsInBothLanguages(_ ids: [String], heading: String, indent: String) {
        let input = ids.map { ":catalog \($0)\n" }.joined()
        let run = lumen(["repl", Paths.repository.appendingPathComponent("Examples").path], input: Array(input.utf8))
        let shown = run.out.components(separatedBy: "\n\(heading) ").dropFirst()
        #expect(shown.count == ids.count)
        for entry in shown {
            let id = entry.prefix { $0 != " " }
            #expect(entry.contains("\n\(indent)terms (en): \""), "\(id) has no English terms")
            #expect(entry.contains("\n\(indent)terms (fr): \""), "\(id) has no French terms")
        }
    }

    @Test func everyTargetHasEnglishAndFrenchTerms() throws {
        let ids = try Self.declared("  target ", in: ["Rules/sdg/goals.lumen"])
        #expect(ids.count == 169)
        Self.expectTermsInBothLanguages(ids, heading: "target", indent: "  ")
    }

    @Test func everyKindHasEnglishAndFrenchTerms() throws {
        let folder = Paths.repository.appendingPathComponent("Rules/mapping")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".lumen") }
        let ids = try Self.declared("kind ", in: files.map { "Rules/mapping/" + $0 })
        #expect(ids.count == 84)
        Self.expectTermsInBothLanguages(ids, heading: "kind", indent: "")
    }
}
