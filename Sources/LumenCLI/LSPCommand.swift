import Foundation
import Lumen

#if canImport(Glibc)
    import Glibc
#endif

/// `lumen lsp`: the language server, over standard input and output.
enum LSPCommand: Command {
    static let name = "lsp"
    static let abstract = "Run the language server (LSP 3.17) over standard input and output, for editors."
    static let usageArguments = ""
    static let discussion = """
        Speaks the Language Server Protocol on standard input and output: an
        editor starts `lumen lsp` and sends it the drafts it opens and edits.
        Each document is checked as `lumen check` would check it (its `use`d
        files and its project's lumen.json as on disk, the standard library)
        once the edits pause, and its problems and findings are published with
        the rule or code, the trace as related information, and quick fixes
        (did-you-mean replacements, a suppression with an expiry, the targets a
        measure's words suggest, confirming a `suggested` item). Also hover,
        go to definition, references, completion, formatting and symbols.
        The standard library's files are written read-only to a directory of
        the system's temporary folder, so that an editor can open them.

        EXIT STATUS:
          0  ended by `shutdown` then `exit`
          1  ended otherwise (the input closed, or `exit` without `shutdown`)
        """
    static let options: [ArgumentParser.Option] = [helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        let channel = LanguageServer.Channel(
            read: {
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    return count > 0 ? Array(buffer.prefix(count)) : nil
                }
            },
            waitForInput: { milliseconds in
                var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                return poll(&descriptor, 1, Int32(milliseconds)) != 0
            },
            write: { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    offset += written
                }
            })
        return LanguageServer(channel: channel).run()
    }
}
