import Diagnostics
import Testing

@testable import Syntax

/// After a syntax error the parser resumes at the next declaration, whichever
/// keyword starts it: every keyword of the language is tried, after an error at
/// the top level and after a block left open.
@Suite struct KeywordRecoveryTests {
    /// One small declaration per keyword; a new keyword without a case here fails the test.
    static func sample(_ keyword: DeclarationKeyword) -> String {
        switch keyword {
        case .use: #"use "common.lumen""#
        case .goal: #"goal 18 "Extra goal""#
        case .principle: #"principle fairness "Fairness""#
        case .country: #"country atlantis "Atlantis""#
        case .kind: "kind levy \"Levy\" {\n  definition \"A levy.\"\n}"
        case .profile: "profile 14.6 {\n  terms fr \"pêche\"\n}"
        case .level: #"level district "District" below local"#
        case .interaction: #"interaction 7.2 -> 13.2 +2 source "a source""#
        case .resolution: "resolution plan \"Plan\" {\n  scope 7\n}"
        case .relation: "relation flagged(measure)"
        case .rule: "rule flag warning \"{M}\" when measure(M) at M"
        case .absent: "absent flagged(M) \"{M} is not flagged\""
        case .test: "test \"a test\" {\n  expect no flag\n}"
        case .unit: #"unit kt-co2e "kt CO2e" = 1000 t-co2e"#
        }
    }

    /// The keyword of a parsed declaration, as written.
    static func keyword(of declaration: Declaration) -> String? {
        switch declaration {
        case .use: "use"
        case .goal: "goal"
        case .principle: "principle"
        case .country: "country"
        case .kind: "kind"
        case .profile: "profile"
        case .level: "level"
        case .interaction: "interaction"
        case .resolution: "resolution"
        case .unit: "unit"
        case .relation: "relation"
        case .rule: "rule"
        case .absent: "absent"
        case .test: "test"
        case .clause: nil
        }
    }

    @Test(arguments: DeclarationKeyword.allCases)
    func resumesAtTheKeywordAfterATopLevelError(_ keyword: DeclarationKeyword) {
        let (unit, diagnostics, _) = parse("@ stray words here\n" + Self.sample(keyword) + "\n")
        #expect(diagnostics.map(\.code) == [.unexpectedCharacter])
        #expect(unit.declarations.compactMap(Self.keyword(of:)) == [keyword.rawValue])
    }

    @Test(arguments: DeclarationKeyword.allCases)
    func resumesAtTheKeywordAfterABlockLeftOpen(_ keyword: DeclarationKeyword) {
        let text = "resolution open \"Open\" {\n  measure m \"M\" {\n    advances 7.2\n" + Self.sample(keyword) + "\n"
        let (unit, diagnostics, _) = parse(text)
        #expect(diagnostics.map(\.code) == [.unclosedBlock, .unclosedBlock])
        #expect(unit.declarations.compactMap(Self.keyword(of:)) == ["resolution", keyword.rawValue])
    }

    /// `kind` and `level` also start items of blocks: indented, after an error in
    /// a block's first line, they are skipped with the block, not taken for declarations.
    @Test(arguments: ["  level local", "    kind carbon-tax"])
    func anIndentedItemKeywordIsNotADeclaration(_ item: String) {
        let (unit, diagnostics, _) = parse("policy city \"Plan\" {\n\(item)\n}\nresolution next \"Next\"\n")
        #expect(diagnostics.map(\.code) == [.unexpectedToken])
        #expect(unit.declarations.compactMap(Self.keyword(of:)) == ["resolution"])
    }

    /// A misspelt item keyword of a block gets the nearest keyword as help.
    @Test(arguments: [
        ("resolution r {\n  ↓scopes 7\n}\n", "scope"),
        ("resolution r {\n  measure m {\n    ↓advance 7.2\n  }\n}\n", "advances"),
        ("resolution r {\n  measure m {\n    ↓indicators 7.2.1\n  }\n}\n", "indicator"),
        ("kind k {\n  ↓offset carbon-tax on 1.2 because \"x\"\n}\n", "offsets"),
        ("principle p {\n  ↓enshrine germany \"Art. 1\"\n}\n", "enshrined"),
    ])
    func misspeltItemKeywordGetsASuggestion(_ source: String, _ suggestion: String) {
        let (text, offset) = marked(source)
        let (_, diagnostics, _) = parse(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.primary?.span.start == offset)
        #expect(diagnostics.first?.help == "did you mean `\(suggestion)`?")
    }
}

/// Whether a `.json` or `.csv` file a directory walk finds is a draft.
@Suite struct DraftShapeTests {
    @Test(arguments: [
        (#"{"resolutions": []}"#, true),
        ("\u{FEFF}  {\n \"version\": 1, \"interactions\": [{\"from\": \"1.1\"}]}", true),
        (#"{"name": "x", "dependencies": {"resolutions": 1}}"#, false),
        (#"{"findings": [{"rule": "x", "resolutions": 2}], "version": 1}"#, false),
        (#"{"title": "a \"resolutions\" key", "x": 1}"#, false),
        (#"["resolutions"]"#, false),
        ("", false),
    ])
    func json(_ text: String, _ isDraft: Bool) {
        #expect(DraftShape.isJSONDraft(ArraySlice(Array(text.utf8))) == isDraft)
    }

    @Test(arguments: [
        ("resolution,measure,title\nr,m,t\n", true),
        ("\u{FEFF}\"Resolution\", \"Measure\"\r\n", true),
        (",7.2,13.2\n7.2,,+2\n", true),
        ("year,value\n2020,3\n", false),
        (",a,b\n", false),
        ("", false),
    ])
    func csv(_ text: String, _ isDraft: Bool) {
        #expect(DraftShape.isCSVDraft(ArraySlice(Array(text.utf8))) == isDraft)
    }
}
