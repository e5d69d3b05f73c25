import Foundation
import Testing

@testable import Lumen

/// A resolution's jurisdiction: restriction findings cite the article that
/// enshrines the principle there, or say that none is known.
@Suite struct JurisdictionTests {
    static let draft = """
        resolution national "National" {
          jurisdiction germany
          jurisdiction european-union
        }
        resolution city "City" {
          implements national
          measure cameras "Camera network" {
            restricts privacy
          }
        }
        resolution uk "UK" {
          jurisdiction united-kingdom
          measure cameras "Camera network" {
            restricts privacy
          }
        }
        resolution none "None" {
          measure cameras "Camera network" {
            restricts privacy
          }
        }
        """

    private func restrictionMessages(_ text: String, file: String = "draft.lumen") throws -> [String] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(file)
        try Data(text.utf8).write(to: path)
        let report = Lumen.check(paths: [path.path])
        return report.findings.filter { $0.rule == "unjustified-restriction" }.map(\.message)
    }

    @Test func restrictionFindingsCiteTheArticleOrSayThereIsNone() throws {
        #expect(
            try restrictionMessages(Self.draft) == [
                // Inherited from the resolution it implements, both of its jurisdictions.
                "city.cameras restricts privacy without a justification (enshrined in Germany by Art. 10 and Art. 13 of the "
                    + "Constitution of German Federal Republic and enshrined in the European Union by Art. 7 and Art. 8 of the "
                    + "Charter of Fundamental Rights of the European Union)",
                // A jurisdiction with no anchor for the principle.
                "uk.cameras restricts privacy without a justification (Lumen's table cites no article that enshrines it in the United Kingdom)",
                "none.cameras restricts privacy without a justification (no jurisdiction declared, so no article cited)",
            ])
    }

    @Test func aDeclaredJurisdictionReplacesTheInheritedOne() throws {
        let text = """
            resolution national "National" {
              jurisdiction germany
            }
            resolution plan "Plan" {
              jurisdiction japan
              implements national
              measure land "Expropriation for the rail line" {
                restricts property
              }
            }
            """
        #expect(
            try restrictionMessages(text) == [
                "plan.land restricts property without a justification (enshrined in Japan by Art. 29 of the Constitution of Japan)"
            ])
    }

    @Test func aJSONDraftDeclaresItsJurisdictionToo() throws {
        let json = """
            {"resolutions": [{"id": "plan", "jurisdiction": "italy", "measures": [{"id": "land", "restricts": ["property"]}]}]}
            """
        #expect(
            try restrictionMessages(json, file: "draft.json") == [
                "plan.land restricts property without a justification (enshrined in Italy by Art. 42 of the Constitution of Italy)"
            ])
    }

    @Test func anUnknownJurisdictionIsAnError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("draft.lumen")
        try Data("resolution plan \"Plan\" {\n  jurisdiction germny\n}\n".utf8).write(to: path)
        let report = Lumen.check(paths: [path.path])
        #expect(report.diagnosticSummaries.map { relativize($0, to: directory) } == ["draft.lumen:2:16: error[L1008] unknown country `germny`"])
        #expect(report.diagnostics.first?.help == "did you mean `germany`?")
    }

    /// A rule pack can declare a country and its anchors; the finding cites them.
    @Test func aPackCanDeclareAnotherCountry() throws {
        let text = """
            country norway "Norway"
            enshrined(privacy, norway, "Art. 102").
            resolution plan "Plan" {
              jurisdiction norway
              measure cameras "Camera network" {
                restricts privacy
              }
            }
            """
        #expect(try restrictionMessages(text) == ["plan.cameras restricts privacy without a justification (enshrined in Norway by Art. 102)"])
    }

    @Test func theCatalogueNamesTheMembersWithoutAnAnchor() {
        let run = lumen(["catalog", "principle", "privacy"])
        #expect(run.out.hasSuffix("\nno article in the table (5): African Union, Australia, France, India, United Kingdom\n"
            + "a restriction of privacy in a resolution of one of these says so instead of citing an article\n"))
    }
}
