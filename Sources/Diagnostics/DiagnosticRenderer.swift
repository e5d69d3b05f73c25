/// Renders diagnostics as text in the style of rustc: a header with code and
/// message, `--> file:line:col`, the source lines with carets, then notes and help.
package struct DiagnosticRenderer: Sendable {
    package var colors: Bool
    /// Source lines wider than this are shown as a window around the span.
    package var maxLineWidth = 120

    package init(colors: Bool = false) {
        self.colors = colors
    }

    /// Renders every diagnostic followed by a blank line.
    package func render(_ diagnostics: [Diagnostic], sources: SourceMap) -> String {
        diagnostics.map { render($0, sources: sources) + "\n" }.joined()
    }

    package func render(_ diagnostic: Diagnostic, sources: SourceMap) -> String {
        render(
            title: "\(diagnostic.severity.rawValue)[\(diagnostic.code.id)]", severity: diagnostic.severity,
            message: diagnostic.message, primary: diagnostic.primary, secondary: diagnostic.secondary,
            notes: diagnostic.notes.map { ("note", $0) } + (diagnostic.help.map { [("help", $0)] } ?? []),
            path: diagnostic.path, sources: sources)
    }

    /// Renders anything shaped like a diagnostic: a finding of a rule uses its
    /// rule id in the title and its trace in the notes. A note whose text has
    /// several lines is indented under its label.
    package func render(
        title: String, severity: Severity, message: String, primary: Label?, secondary: [Label] = [],
        notes: [(label: String, text: String)] = [], path: String? = nil, sources: SourceMap
    ) -> String {
        var out = ""
        let tone = color(for: severity)
        out += paint(title, tone, bold: true)
        out += paint(": " + DisplayWidth.printable(DisplayWidth.elidingLongWords(message)), nil, bold: true) + "\n"

        // Labels in source order: the primary's file first, then by position.
        let primaryFile = primary?.span.file
        let labels = ([primary].compactMap { $0 } + secondary)
            .filter { sources.file($0.span.file)?.showsExcerpts == true }
            .enumerated()
            .sorted { a, b in
                let keyA = (a.element.span.file == primaryFile ? 0 : 1, a.element.span.file, a.element.span.start, a.offset)
                let keyB = (b.element.span.file == primaryFile ? 0 : 1, b.element.span.file, b.element.span.start, b.offset)
                return keyA < keyB
            }
        let gutter = labels.map { String(lineNumber(of: $0.element.span, sources)).count }.max() ?? 1
        let pad = String(repeating: " ", count: gutter)

        if let primary, let (path, location) = sources.position(of: primary.span) {
            out += "\(pad)\(paint("-->", .blue, bold: true)) \(DisplayWidth.printable(path)):\(location)\n"
        } else if let path {
            out += "\(pad)\(paint("-->", .blue, bold: true)) \(DisplayWidth.printable(path))\n"
        }

        var previousFile = primary?.span.file
        var previousLine: (file: Int, line: Int) = (-1, -1)
        if !labels.isEmpty { out += "\(pad) \(paint("|", .blue, bold: true))\n" }
        for (offset, label) in labels {
            let isPrimary = offset == 0 && primary != nil
            if label.span.file != previousFile, let (path, location) = sources.position(of: label.span) {
                out += "\(pad)\(paint(":::", .blue, bold: true)) \(DisplayWidth.printable(path)):\(location)\n"
                out += "\(pad) \(paint("|", .blue, bold: true))\n"
                previousFile = label.span.file
            }
            let line = lineNumber(of: label.span, sources)
            let sameLine = label.span.file == previousLine.file && line == previousLine.line
            out += snippet(label, primary: isPrimary, tone: tone, gutter: gutter, sources: sources, showSource: !sameLine)
            previousLine = (label.span.file, line)
        }
        if !labels.isEmpty && !notes.isEmpty {
            out += "\(pad) \(paint("|", .blue, bold: true))\n"
        }
        for (label, text) in notes {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = { (line: Substring) in DisplayWidth.printable(DisplayWidth.elidingLongWords(String(line))) }
            let first = lines.first.map { $0.isEmpty ? "" : " " + shown($0) } ?? ""
            out += "\(pad) \(paint("=", .blue, bold: true)) \(paint(label, nil, bold: true)):\(first)\n"
            for line in lines.dropFirst() {
                out += "\(pad)   \(String(repeating: " ", count: label.count + 2))\(shown(line))\n"
            }
        }
        return out
    }

    private func lineNumber(of span: Span, _ sources: SourceMap) -> Int {
        guard let file = sources.file(span.file) else { return 0 }
        return file.lineIndex(of: min(span.start, file.bytes.count)) + 1
    }

    /// The source line of a label (unless it was just shown) and the label's carets.
    private func snippet(
        _ label: Label, primary: Bool, tone: Tone, gutter: Int, sources: SourceMap, showSource: Bool
    ) -> String {
        guard let file = sources.file(label.span.file) else { return "" }
        let start = min(label.span.start, file.bytes.count)
        let lineIndex = file.lineIndex(of: start)
        let lineStart = file.lineStarts[lineIndex]
        let lineBytes = file.lineBytes(lineIndex)
        let lineEnd = lineStart + lineBytes.count
        let spanEnd = min(max(label.span.end, start), lineEnd)

        // Decode only a window of bytes around the span: a line may be megabytes long.
        let window = 4 * maxLineWidth
        let markStart = min(start, lineEnd)
        let beforeStart = boundary(file.bytes, max(lineStart, markStart - window), forward: true)
        let markEnd = boundary(file.bytes, min(spanEnd, markStart + window), forward: false)
        let afterEnd = boundary(file.bytes, min(lineEnd, max(markEnd, spanEnd) + window), forward: false)
        let before = String(decoding: file.bytes[beforeStart..<markStart], as: UTF8.self)
        let marked = String(decoding: file.bytes[markStart..<max(markStart, markEnd)], as: UTF8.self)
        let after = String(decoding: file.bytes[max(markStart, markEnd, spanEnd)..<max(afterEnd, markStart, markEnd, spanEnd)], as: UTF8.self)

        var shownBefore = Substring(before)
        var shownAfter = Substring(after)
        var shownMarked = Substring(marked)
        var prefix = beforeStart > lineStart ? "…" : ""
        var suffix = afterEnd < lineEnd ? "…" : ""
        if DisplayWidth.of(before) + DisplayWidth.of(marked) + DisplayWidth.of(after) > maxLineWidth {
            // Keep a window around the span; long lines are cut, never wrapped.
            let context = maxLineWidth / 3
            if DisplayWidth.of(before) > context {
                shownBefore = before.suffix(context)
                prefix = "…"
            }
            if shownMarked.count > context {
                shownMarked = shownMarked.prefix(context)
                shownAfter = ""
                suffix = "…"
            } else if shownAfter.count > context {
                shownAfter = shownAfter.prefix(context)
                suffix = "…"
            }
        }
        let number = String(lineIndex + 1)
        let numberPad = String(repeating: " ", count: gutter - number.count)
        let bar = paint("|", .blue, bold: true)
        var out = ""
        if showSource {
            out += paint(numberPad + number, .blue, bold: true) + " " + bar + " "
            out += prefix + DisplayWidth.printable(shownBefore) + DisplayWidth.printable(shownMarked)
            out += DisplayWidth.printable(shownAfter) + suffix + "\n"
        }

        let indent = DisplayWidth.of(prefix) + DisplayWidth.of(shownBefore)
        let width = max(1, DisplayWidth.of(shownMarked))
        let mark = String(repeating: primary ? "^" : "-", count: width)
        let labelText = label.text.isEmpty ? "" : " " + DisplayWidth.printable(DisplayWidth.elidingLongWords(label.text))
        out += String(repeating: " ", count: gutter) + " " + bar + " "
        out += String(repeating: " ", count: indent)
        out += paint(mark + labelText, primary ? tone : .blue, bold: true) + "\n"
        return out
    }

    /// Moves an offset to the start of a UTF-8 sequence.
    private func boundary(_ bytes: [UInt8], _ offset: Int, forward: Bool) -> Int {
        var offset = max(0, min(offset, bytes.count))
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 {
            offset += forward ? 1 : -1
        }
        return offset
    }

    // MARK: Colour

    package enum Tone: String, Sendable {
        case red = "31", yellow = "33", blue = "34", cyan = "36"
    }

    private func color(for severity: Severity) -> Tone {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    private func paint(_ text: String, _ tone: Tone?, bold: Bool) -> String {
        guard colors else { return text }
        var codes: [String] = []
        if bold { codes.append("1") }
        if let tone { codes.append(tone.rawValue) }
        guard !codes.isEmpty else { return text }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
