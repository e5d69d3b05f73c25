import Foundation
import Lumen
import Testing

/// The files given are read and parsed on all cores before being loaded in
/// order; what comes out must not depend on that.
@Suite struct ParallelLoadingTests {
    /// Ten drafts; `a0` uses `a9`, so every file after it gets another number
    /// than the one it was parsed under, and must be parsed again in its turn.
    private func corpus(useLast: Bool) throws -> URL {
        let directory = try temporaryDirectory()
        for index in 0..<10 {
            var text = useLast && index == 0 ? "use \"a9.lumen\"\n\n" : ""
            text += "resolution r\(index) \"R\(index)\" {\n  scope 13\n  measure m \"M\" {\n"
            // File 5 has an unknown target, so a diagnostic must point into it.
            text += index == 5 ? "    advances 13.9\n" : "    advances 13.2\n"
            text += "    indicator 13.2.2\n  }\n}\n"
            try Data(text.utf8).write(to: directory.appendingPathComponent("a\(index).lumen"))
        }
        return directory
    }

    @Test(arguments: [false, true])
    func diagnosticsPointIntoTheRightFile(useLast: Bool) throws {
        let directory = try corpus(useLast: useLast)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Lumen.check(paths: [directory.path])
        let summaries = report.diagnosticSummaries.map { relativize($0, to: directory) }
        #expect(summaries.count == 1)
        #expect(summaries.first?.hasPrefix("a5.lumen:4:14: error[") == true)
        #expect(summaries.first?.contains("13.9") == true)
        #expect(report.fileCount == 10)
    }

    @Test func theSameFindingsWhateverTheLoadingOrder() throws {
        let plain = try corpus(useLast: false)
        let used = try corpus(useLast: true)
        defer {
            try? FileManager.default.removeItem(at: plain)
            try? FileManager.default.removeItem(at: used)
        }
        // Fix the error, then compare the findings of both corpora, in order.
        for directory in [plain, used] {
            let bad = directory.appendingPathComponent("a5.lumen")
            let text = String(decoding: try Data(contentsOf: bad), as: UTF8.self).replacingOccurrences(of: "13.9", with: "13.2")
            try Data(text.utf8).write(to: bad)
        }
        let first = Lumen.check(paths: [plain.path]).diagnosticSummaries.map { relativize($0, to: plain) }
        let second = Lumen.check(paths: [used.path]).diagnosticSummaries.map { relativize($0, to: used) }
        #expect(!first.isEmpty)
        // Files are numbered in load order: with the `use`, a9 is loaded right after a0,
        // so its findings come second; nothing else differs.
        let rest = first.filter { !$0.hasPrefix("a0.lumen") }
        #expect(rest.count == 9)
        #expect(second.filter { !$0.hasPrefix("a0.lumen") } == rest.suffix(1) + rest.dropLast())
    }
}
