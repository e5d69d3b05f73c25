// Which reader a published file goes to (by its extension), and its problems as
// diagnostics at their place in the file.
import Diagnostics
import Foundation

/// A file -> the resolutions it holds, or the diagnostic of why it cannot be read.
enum ImportReader {
    static func readsExtension(_ ext: String) -> Bool {
        ["xml", "akn", "txt", "md"].contains(ext.lowercased())
    }

    static func read(_ file: SourceFile, level: String) -> Result<[ImportedResolution], Diagnostic> {
        let ext = (file.path as NSString).pathExtension.lowercased()
        let stem = ImportText.identifier(((file.path as NSString).lastPathComponent as NSString).deletingPathExtension)
        switch ext {
        case "xml", "akn":
            let root: MarkupElement
            switch XMLReader.parse(file.bytes) {
            case .success(let parsed): root = parsed
            case .failure(let error):
                return .failure(problem(file, error.message, at: error.offset, help: "fix the XML: it is not well-formed"))
            }
            switch AkomaNtoso.resolutions(root, fallbackID: stem, level: level) {
            case .success(let resolutions): return .success(resolutions)
            case .failure(let found): return .failure(problem(file, found.message, at: found.offset, help: found.help))
            }
        case "txt", "md":
            switch PlainTextResolution.resolution(String(decoding: file.bytes, as: UTF8.self), id: stem, level: level) {
            case .success(let resolution): return .success([resolution])
            case .failure(let found): return .failure(problem(file, found.message, at: found.offset, help: found.help))
            }
        default:
            return .failure(
                Diagnostic(
                    .invalidResolutionDocument, "`\(file.path)` is neither Akoma Ntoso (.xml, .akn) nor text (.txt, .md)", at: nil,
                    help: "lumen import reads resolutions published in Akoma Ntoso or as numbered text", path: file.path))
        }
    }

    /// A diagnostic at a byte offset of a file.
    private static func problem(_ file: SourceFile, _ message: String, at offset: Int, help: String) -> Diagnostic {
        let start = max(0, min(offset, file.bytes.count))
        return Diagnostic(
            .invalidResolutionDocument, message, at: Label(Span(file: file.id, start: start, end: min(start + 1, file.bytes.count))),
            help: help)
    }
}
