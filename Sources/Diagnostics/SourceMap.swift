/// Every source file of a run, addressed by the `file` number of a span.
package struct SourceMap: Sendable {
    package private(set) var files: [SourceFile] = []

    package init() {}

    /// Adds a file and returns its id.
    @discardableResult
    package mutating func add(path: String, bytes: [UInt8]) -> SourceFile {
        let file = SourceFile(id: files.count, path: path, bytes: bytes)
        files.append(file)
        return file
    }

    package func file(_ id: Int) -> SourceFile? {
        id >= 0 && id < files.count ? files[id] : nil
    }

    /// `path:line:col` of the start of a span, or nil for a span with no file.
    package func position(of span: Span) -> (path: String, location: SourceLocation)? {
        guard let file = file(span.file) else { return nil }
        return (file.path, file.location(of: span.start))
    }

}
