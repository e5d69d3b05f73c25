import Diagnostics

/// Reads drafts exported as CSV (RFC 4180: commas, fields quoted with `"`,
/// quotes doubled inside them, CRLF or LF) into the syntax tree of a `.lumen` file.
///
/// Two tables are understood, told apart by their header:
/// - a measures table, one row per measure, with the columns `resolution`,
///   `measure`, `title`, `advances`, `undermines`, `restricts`, `justification`,
///   `indicators`, `tags`, `kinds` (only the first two are required; lists are separated by `;`);
/// - a cross-impact matrix: target ids in the first row and column, a Nilsson score
///   in each cell (row target affects column target; empty cells are skipped).
package struct CSVDraftReader {
    private var problems = DraftProblems()
    private let file: SourceFile

    /// A field with its unquoted text and its span.
    package struct Field {
        package let text: String
        package let span: Span
    }

    /// The records of a CSV file, and the problems of its quoting.
    package static func fields(of file: SourceFile) -> (rows: [[Field]], diagnostics: [Diagnostic]) {
        var reader = CSVDraftReader(file: file)
        let rows = reader.records()
        return (rows, reader.problems.all)
    }

    package static let measureColumns = [
        "resolution", "measure", "title", "kinds", "advances", "undermines", "restricts", "justification", "indicators", "tags",
    ]

    package static func read(_ file: SourceFile) -> (unit: SourceUnit, diagnostics: [Diagnostic]) {
        var reader = CSVDraftReader(file: file)
        let rows = reader.records()
        var declarations: [Declaration] = []
        if let header = rows.first {
            let names = header.map { $0.text.lowercased().trimmingCharacters }
            if names.contains("resolution") || names.contains("measure") {
                declarations = reader.measures(header: header, rows: Array(rows.dropFirst()))
            } else if names.count > 1, header.dropFirst().allSatisfy({ $0.text.first?.isNumber == true }) {
                declarations = reader.matrix(header: header, rows: Array(rows.dropFirst()))
            } else {
                reader.report(
                    "unrecognised CSV table", header.first?.span ?? Span(file: file.id, start: 0, end: 0),
                    help: "a measures table starts with the columns `resolution,measure,...`; a cross-impact matrix has target ids in its first row")
            }
        }
        return (SourceUnit(file: file.id, declarations: declarations, comments: []), reader.problems.all)
    }

    private init(file: SourceFile) {
        self.file = file
    }

    private mutating func report(_ message: String, _ span: Span, help: String? = nil) {
        problems.report(message, span, help: help)
    }

    /// Splits the file into records of fields (one linear pass).
    private mutating func records() -> [[Field]] {
        let bytes = file.bytes
        var rows: [[Field]] = []
        var row: [Field] = []
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while position < bytes.count {
            let start = position
            var text: [UInt8] = []
            if bytes[position] == UInt8(ascii: "\"") {
                position += 1
                var closed = false
                while position < bytes.count {
                    if bytes[position] == UInt8(ascii: "\"") {
                        if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                            text.append(UInt8(ascii: "\""))
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    text.append(bytes[position])
                    position += 1
                }
                if !closed {
                    report("unterminated quoted field", Span(file: file.id, start: start, end: start + 1), help: "close the field with `\"`")
                }
                // Text between the closing quote and the separator is kept, as spreadsheets do.
                while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[position]) {
                    text.append(bytes[position])
                    position += 1
                }
            } else {
                while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[position]) {
                    text.append(bytes[position])
                    position += 1
                }
            }
            let quoted = bytes[start] == UInt8(ascii: "\"")
            let span = quoted ? Span(file: file.id, start: start + 1, end: max(start + 1, position - 1)) : Span(file: file.id, start: start, end: position)
            row.append(Field(text: String(decoding: text, as: UTF8.self), span: span))
            if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                position += 1
                if position == bytes.count { row.append(Field(text: "", span: Span(file: file.id, start: position, end: position))) }
                continue
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\r") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
            if !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
            row = []
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    private func list(_ field: Field?) -> [Name] {
        guard let field else { return [] }
        var names: [Name] = []
        var offset = field.span.start
        for part in field.text.split(separator: ";", omittingEmptySubsequences: false) {
            let leading = part.prefix { $0 == " " }.utf8.count
            let trimmed = String(part).trimmingCharacters
            if !trimmed.isEmpty {
                let start = offset + leading
                names.append(Name(trimmed, Span(file: file.id, start: start, end: start + trimmed.utf8.count)))
            }
            offset += part.utf8.count + 1
        }
        return names
    }

    private mutating func measures(header: [Field], rows: [[Field]]) -> [Declaration] {
        var columns: [String: Int] = [:]
        for (index, field) in header.enumerated() {
            let name = field.text.lowercased().trimmingCharacters
            guard CSVDraftReader.measureColumns.contains(name) else {
                guard !problems.isFull else {
                    report("unknown column", field.span)
                    continue
                }
                let suggestion = EditDistance.suggestion(for: name, among: CSVDraftReader.measureColumns)
                report(
                    "unknown column `\(field.text)`", field.span,
                    help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "the columns are " + CSVDraftReader.measureColumns.map { "`\($0)`" }.joined(separator: ", "))
                continue
            }
            columns[name] = index
        }
        guard columns["resolution"] != nil, columns["measure"] != nil else {
            report("a measures table needs the columns `resolution` and `measure`", header.first?.span ?? Span(file: file.id, start: 0, end: 0))
            return []
        }
        var order: [String] = []
        var resolutionNames: [String: Name] = [:]
        var measuresOf: [String: [MeasureDecl]] = [:]
        for row in rows {
            func cell(_ name: String) -> Field? {
                guard let index = columns[name], index < row.count else { return nil }
                let field = row[index]
                return field.text.trimmingCharacters.isEmpty ? nil : field
            }
            guard let resolution = cell("resolution"), let measure = cell("measure") else {
                report("each row needs a `resolution` and a `measure`", row.first?.span ?? Span(file: file.id, start: 0, end: 0))
                continue
            }
            let resolutionID = resolution.text.trimmingCharacters
            if resolutionNames[resolutionID] == nil {
                order.append(resolutionID)
                resolutionNames[resolutionID] = Name(resolutionID, resolution.span)
            }
            var items: [MeasureItem] = []
            func add(_ column: String, _ make: ([Name]) -> MeasureItem.Kind) {
                let names = list(cell(column))
                if let field = cell(column), !names.isEmpty { items.append(MeasureItem(kind: make(names), span: field.span)) }
            }
            add("kinds") { .kinds($0) }
            add("advances") { .advances($0) }
            add("undermines") { .undermines($0) }
            let justification = cell("justification").map { Located($0.text.trimmingCharacters, $0.span) }
            for principle in list(cell("restricts")) {
                items.append(MeasureItem(kind: .restricts(principle: principle, justification: justification), span: principle.span))
            }
            add("indicators") { .indicators($0) }
            add("tags") { .tags($0) }
            let title = cell("title").map { Located($0.text, $0.span) }
            let span = row.first.map { first in first.span.to(row.last?.span ?? first.span) } ?? measure.span
            measuresOf[resolutionID, default: []].append(
                MeasureDecl(id: Name(measure.text.trimmingCharacters, measure.span), title: title, items: items, span: span))
        }
        return order.compactMap { id in
            guard let name = resolutionNames[id] else { return nil }
            let items = (measuresOf[id] ?? []).map { ResolutionItem(kind: .measure($0), span: $0.span) }
            return .resolution(ResolutionDecl(id: name, title: nil, items: items, span: name.span))
        }
    }

    private mutating func matrix(header: [Field], rows: [[Field]]) -> [Declaration] {
        var declarations: [Declaration] = []
        for row in rows {
            guard let from = row.first, !from.text.trimmingCharacters.isEmpty else { continue }
            for (index, cell) in row.enumerated().dropFirst() {
                let text = cell.text.trimmingCharacters
                guard !text.isEmpty else { continue }
                guard index < header.count else {
                    report("more cells than target ids in the first row", cell.span)
                    break
                }
                guard let score = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                    report("`\(text)` is not a score; write an integer from -3 to +3", cell.span)
                    continue
                }
                let to = header[index]
                declarations.append(
                    .interaction(
                        InteractionDecl(
                            from: Name(from.text.trimmingCharacters, from.span), to: Name(to.text.trimmingCharacters, to.span),
                            score: Located(score, cell.span), source: nil, span: cell.span)))
            }
        }
        return declarations
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no allocation for a field that has none).
    var trimmingCharacters: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        if first == startIndex && last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
}
