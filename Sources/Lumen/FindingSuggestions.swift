// Findings whose rule ends with `suggest M` (unmapped-measure does) list the
// targets `lumen suggest` finds for the measure M, so that a drafter told
// "this measure advances no target" also reads which targets its words speak
// of. The profiles of the standard library are read, and the index of a
// language built, only when such a finding exists: a check that needs no
// suggestion never pays for them (one that does pays about 6 ms, most of it
// stemming the words of the English profiles and titles).
import Diagnostics
import Findings
import Foundation
import Semantics
import Syntax
import TextAnalysis

enum FindingSuggestions {
    /// How many targets a finding lists.
    static let shown = 3

    /// The findings, each that asks for them with its measure's suggested targets.
    static func attach(_ findings: [Finding], program: CheckedProgram, units: [SourceUnit], profilesLoaded: Bool) -> [Finding] {
        guard findings.contains(where: { $0.suggestionSubject != nil }) else { return findings }
        var wanted: Set<String> = []
        for finding in findings {
            if case .id(let measure)? = finding.suggestionSubject { wanted.insert(measure) }
        }
        let texts = measureTexts(units, wanted)
        var suggester = Suggester(program: profilesLoaded ? program : withStandardProfiles(program))
        var cache = StemCache()
        var found: [String: [TargetSuggestion]] = [:]
        for measure in wanted.sorted() {
            guard let text = texts[measure] else { continue }
            found[measure] = suggester.suggestTargets(text, cache: &cache).prefix(shown).map {
                TargetSuggestion(target: $0.id, title: $0.name, hundredths: Suggester.hundredths($0.score), words: $0.words)
            }
        }
        return findings.map { finding in
            guard case .id(let measure)? = finding.suggestionSubject, let suggestions = found[measure] else { return finding }
            var finding = finding
            finding.suggestions = suggestions
            return finding
        }
    }

    /// The title and description of each wanted measure, by qualified id.
    private static func measureTexts(_ units: [SourceUnit], _ wanted: Set<String>) -> [String: String] {
        var texts: [String: String] = [:]
        for unit in units {
            for case .resolution(let resolution) in unit.declarations {
                for case .measure(let measure) in resolution.items.map(\.kind) {
                    let id = "\(resolution.id.value).\(measure.id.value)"
                    if wanted.contains(id) { texts[id] = Suggester.text(of: measure) }
                }
            }
        }
        return texts
    }

    /// The program with the standard library's profiles (`Rules/suggest/`)
    /// before the ones it declares itself (a pack's additions).
    static func withStandardProfiles(_ program: CheckedProgram) -> CheckedProgram {
        var profiles: [String: SuggestionProfile] = [:]
        for (number, file) in embeddedRuleFiles.enumerated() where file.path.hasPrefix(Pipeline.profilesFolder) {
            let parsed = Parser.parse(SourceFile(id: number, path: "<stdlib>/" + file.path, text: file.text))
            for case .profile(let profile) in parsed.unit.declarations {
                for list in profile.terms {
                    guard let language = SuggestionProfile.language(list.language?.value ?? "en") else { continue }
                    profiles[profile.subject.value, default: SuggestionProfile()].terms[language, default: []] +=
                        list.terms.map(\.value)
                }
            }
        }
        for (subject, own) in program.profiles {
            for (language, terms) in own.terms { profiles[subject, default: SuggestionProfile()].terms[language, default: []] += terms }
        }
        var program = program
        program.profiles = profiles
        return program
    }
}
