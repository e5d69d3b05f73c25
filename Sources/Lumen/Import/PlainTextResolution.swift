// A resolution published as plain text (.txt) or Markdown (.md): its title
// is the first heading (or the first line); its operative paragraphs are the
// lines numbered `1.`, `2.` ..., each with the lines after it, its points
// (`(a)`, `(i)`) included; the lines before the first are its preamble.
import Foundation

enum PlainTextResolution {
    struct Problem: Error, Sendable {
        let message: String
        /// The byte offset of the line at fault.
        let offset: Int
        let help: String
    }

    static func resolution(_ text: String, id: String, level: String) -> Result<ImportedResolution, Problem> {
        var title: String?
        var preamble: [String] = []
        // True while the preamble's last recital goes on: until a blank line.
        var recitalOpen = false
        var paragraphs: [(number: String, lines: [String])] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ImportText.normalized(String(raw))
            guard !line.isEmpty else {
                recitalOpen = false
                continue
            }
            let heading = line.hasPrefix("#")
            if heading { line = ImportText.normalized(String(line.drop { $0 == "#" })) }
            if title == nil {
                title = line
                continue
            }
            if let number = paragraphNumber(line) {
                paragraphs.append((number, [line]))
            } else if !paragraphs.isEmpty {
                paragraphs[paragraphs.count - 1].lines.append(line)
            } else if !heading {
                if recitalOpen, let last = preamble.popLast() { preamble.append(last + " " + line) } else { preamble.append(line) }
                recitalOpen = true
            }
        }
        guard let title, !paragraphs.isEmpty else {
            return .failure(
                Problem(
                    message: title == nil ? "the file is empty" : "no numbered operative paragraph (`1. ...`)", offset: 0,
                    help: "number each operative paragraph at the start of its line: `1. Decides ...`, `2. Requests ...`"))
        }
        var resolution = ImportedResolution(id: id, title: title, level: level)
        resolution.preamble = preamble
        resolution.paragraphs = paragraphs.map { paragraph in
            let text = paragraph.lines.joined(separator: " ")
            // The words after `12.` (or `12)`).
            let body = String(text.dropFirst(paragraph.number.count + 1)).trimmingCharacters(in: .whitespaces)
            return .init(reference: "para_\(paragraph.number)", text: text, body: body)
        }
        return .success(resolution)
    }

    /// The number of a line that starts an operative paragraph (`12. Decides`), if it does.
    static func paragraphNumber(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return String(digits)
    }
}
