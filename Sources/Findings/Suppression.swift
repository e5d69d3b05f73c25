import Diagnostics
import Syntax

/// `# lumen: allow RULE "reason" [until YYYY-MM-DD]`: accept the findings of a
/// rule that point at the line of the comment, or at the next line with code
/// when the comment stands alone on its line.
package struct Suppression: Sendable, Equatable {
    package let rule: String
    package let reason: String
    /// ISO date after which the suppression no longer applies.
    package let until: String?
    /// The comment itself.
    package let span: Span
    /// The 0-based line whose findings it suppresses.
    package let file: Int
    package let line: Int
}

/// A finding that a suppression accepted.
package struct SuppressedFinding: Sendable, Equatable {
    package let finding: Finding
    package let suppression: Suppression
}

package enum Suppressions {
    /// Reads the `lumen:` comments of the parsed files.
    package static func parse(_ units: [SourceUnit], sources: SourceMap) -> (suppressions: [Suppression], diagnostics: [Diagnostic]) {
        var suppressions: [Suppression] = []
        var diagnostics: [Diagnostic] = []
        for unit in units {
            guard let file = sources.file(unit.file) else { continue }
            for comment in unit.comments {
                let text = comment.text.drop { $0 == " " || $0 == "\t" }
                guard text.hasPrefix("lumen:") else { continue }
                let line = file.lineIndex(of: comment.span.start)
                var target = line
                if comment.ownLine { target = nextCodeLine(after: line, in: file) }
                switch parseBody(String(text.dropFirst("lumen:".count))) {
                case .success(let (rule, reason, until)):
                    suppressions.append(
                        Suppression(rule: rule, reason: reason, until: until, span: comment.span, file: unit.file, line: target))
                case .failure(let problem):
                    diagnostics.append(
                        Diagnostic(
                            .malformedSuppression, "malformed suppression: \(problem.message)", at: Label(comment.span),
                            help: "write `# lumen: allow RULE \"reason\"`, optionally followed by `until YYYY-MM-DD`"))
                }
            }
        }
        return (suppressions, diagnostics)
    }

    /// The next line after `line` that holds code (not blank, not only a comment).
    private static func nextCodeLine(after line: Int, in file: SourceFile) -> Int {
        var next = line + 1
        while next < file.lineStarts.count {
            let content = file.lineBytes(next).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if let first = content.first, first != UInt8(ascii: "#") { return next }
            next += 1
        }
        return line
    }

    struct Problem: Error {
        let message: String
    }

    /// Parses `allow RULE "reason" [until DATE]`.
    static func parseBody(_ text: String) -> Result<(String, String, String?), Problem> {
        var rest = Substring(text).drop { $0 == " " }
        guard rest.hasPrefix("allow ") else { return .failure(Problem(message: "expected `allow RULE \"reason\"`")) }
        rest = rest.dropFirst("allow ".count).drop { $0 == " " }
        let rule = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard !rule.isEmpty else { return .failure(Problem(message: "expected a rule id after `allow`")) }
        rest = rest.dropFirst(rule.count).drop { $0 == " " }
        guard rest.first == "\"" else { return .failure(Problem(message: "a suppression of `\(rule)` needs a reason in quotes")) }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "\"") else { return .failure(Problem(message: "the reason's closing `\"` is missing")) }
        let reason = String(rest[..<close]).trimmingSpaces
        guard !reason.isEmpty else { return .failure(Problem(message: "the reason is empty")) }
        rest = rest[rest.index(after: close)...].drop { $0 == " " }
        var until: String?
        if rest.hasPrefix("until ") {
            let date = String(rest.dropFirst("until ".count)).trimmingSpaces
            guard CalendarDate.isValid(date) else { return .failure(Problem(message: "`until` takes a date written YYYY-MM-DD")) }
            until = date
        } else if !rest.trimmingSpaces.isEmpty {
            return .failure(Problem(message: "unexpected `\(rest.trimmingSpaces)` after the reason"))
        }
        return .success((String(rule), reason, until))
    }

    /// Splits findings into those that stand and those a suppression accepts, and
    /// reports unknown rules, unused and expired suppressions. `today` is YYYY-MM-DD.
    package static func apply(
        _ suppressions: [Suppression], to findings: [Finding], ruleIDs: Set<String>, today: String, sources: SourceMap
    ) -> (findings: [Finding], suppressed: [SuppressedFinding], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var active: [Suppression] = []
        for suppression in suppressions {
            guard ruleIDs.contains(suppression.rule) else {
                let suggestion = EditDistance.suggestion(for: suppression.rule, among: ruleIDs)
                diagnostics.append(
                    Diagnostic(
                        .unknownRule, "unknown rule `\(suppression.rule)` in suppression", at: Label(suppression.span),
                        help: suggestion.map { "did you mean `\($0)`?" }))
                continue
            }
            if let until = suppression.until, until < today {
                diagnostics.append(
                    Diagnostic(
                        .expiredSuppression, "suppression of `\(suppression.rule)` expired on \(until)",
                        at: Label(suppression.span), notes: ["reason given: \(suppression.reason)"],
                        help: "fix the finding, or renew the suppression with a new reason and date"))
                continue
            }
            active.append(suppression)
        }
        var used = Set<Int>()
        var standing: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        for finding in findings {
            let line = sources.file(finding.anchor.file)?.lineIndex(of: finding.anchor.start)
            if let index = active.firstIndex(where: { $0.rule == finding.rule && $0.file == finding.anchor.file && $0.line == line }) {
                used.insert(index)
                suppressed.append(SuppressedFinding(finding: finding, suppression: active[index]))
            } else {
                standing.append(finding)
            }
        }
        for (index, suppression) in active.enumerated() where !used.contains(index) {
            diagnostics.append(
                Diagnostic(
                    .unusedSuppression, "suppression of `\(suppression.rule)` suppresses nothing", at: Label(suppression.span),
                    help: "remove it, or put it on or just above the line the finding points at"))
        }
        return (standing, suppressed, diagnostics)
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
