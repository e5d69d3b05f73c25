// An imported resolution -> the text of its draft (laid out afterwards by the
// formatter).
import Foundation
import Syntax
import TextAnalysis

enum DraftWriter {
    /// Suggested targets written per measure, as `lumen suggest --apply` does.
    static let suggestedTargets = 3

    static func draft(
        _ resolution: ImportedResolution, source: String, suggester: inout Suggester?, cache: inout StemCache
    ) -> String {
        let quote = Formatter.quote
        let file = (source as NSString).lastPathComponent.replacingOccurrences(of: "\n", with: " ")
        var out = "# Imported by `lumen import` from \(file).\n"
        out += "# Suggested kinds and targets wait for a person: confirm one by writing `kind K` or `advances T`.\n"
        out += "resolution \(resolution.id) \(quote(resolution.title)) {\n"
        out += "  level \(resolution.level)\n"
        if let adopted = resolution.adopted { out += "  adopted \(quote(adopted))\n" }
        if let body = resolution.issuedBy { out += "  issued-by \(quote(body))\n" }
        if let uri = resolution.source { out += "  source \(quote(uri))\n" }
        if !resolution.recalls.isEmpty { out += "  recalls \(resolution.recalls.joined(separator: ", "))\n" }
        if !resolution.preamble.isEmpty { out += "  description \(quote(resolution.preamble.joined(separator: " ")))\n" }
        var ids: Set<String> = []
        for paragraph in resolution.paragraphs {
            var id = ImportText.identifier(paragraph.reference, prefix: "p")
            while !ids.insert(id).inserted { id += "_" }
            let (title, shortened) = ImportText.title(paragraph.body)
            out += "  measure \(id) \(quote(title)) {\n"
            out += "    paragraph \(quote(paragraph.reference))\n"
            if shortened { out += "    description \(quote(paragraph.text))\n" }
            if var found = suggester {
                let suggestion = found.suggest(paragraph.text, cache: &cache)
                suggester = found
                for kind in suggestion.kinds.prefix(1) {
                    out += "    suggested kind \(kind.id) score \(Int(kind.score.rounded()))\n"
                }
                for target in suggestion.targets.prefix(suggestedTargets) {
                    out += "    suggested advances \(target.id) score \(Int(target.score.rounded()))\n"
                }
            }
            out += "  }\n"
        }
        return out + "}\n"
    }
}
