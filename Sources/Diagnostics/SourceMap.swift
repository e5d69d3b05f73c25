/// Every source file of a run, addressed by the `file` number of a span.
package struct SourceMap: Sendable {
    package private(set) var files: [SourceFile] = []

    package init() {}

    /// Adds a file and returns its id.
    @discardableResult
    package mutating func add(path: String, bytes: [UInt8], showsExcerpts: Bool = true) -> SourceFile {
        var file = SourceFile(id: files.count, path: path, bytes: bytes)
        file.showsExcerpts = showsExcerpts
        files.append(file)
        return file
    }

    /// Adds a file made beforehand (in parallel); false, and nothing added, unless
    /// its id is the next one.
    package mutating func add(_ file: SourceFile) -> Bool {
        guard file.id == files.count else { return false }
        files.append(file)
        return true
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
