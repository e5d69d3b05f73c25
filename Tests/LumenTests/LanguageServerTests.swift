import Foundation
import Testing

@testable import Diagnostics

@testable import Lumen

/// An in-process client speaks the protocol to the server and reads its replies.
struct LanguageClient {
    /// The replies and notifications, each as compact JSON, and the exit status.
    static func session(_ input: [UInt8], today: String = "2026-12-04") -> (messages: [String], status: Int32) {
        var remaining = input
        var output: [UInt8] = []
        let server = LanguageServer(
            channel: .init(
                read: {
                    guard !remaining.isEmpty else { return nil }
                    // A few bytes at a time: messages arrive cut anywhere.
                    let piece = Array(remaining.prefix(97))
                    remaining.removeFirst(piece.count)
                    return piece
                },
                waitForInput: { _ in !remaining.isEmpty },
                write: { output += $0 }),
            today: today)
        let status = server.run()
        var messages: [String] = []
        var rest = output[...]
        while let end = rest.firstRange(of: Array("\r\n\r\n".utf8)) {
            let header = String(decoding: rest[..<end.lowerBound], as: UTF8.self)
            guard let length = Int(header.dropFirst("Content-Length: ".count)) else { break }
            messages.append(String(decoding: rest[end.upperBound..<(end.upperBound + length)], as: UTF8.self))
            rest = rest[(end.upperBound + length)...]
        }
        return (messages, status)
    }

    static func framed(_ json: String) -> [UInt8] {
        Array("Content-Length: \(json.utf8.count)\r\n\r\n".utf8) + Array(json.utf8)
    }
}

@Suite struct LanguageServerTests {
    static let draft = """
        resolution plan "Plan" {
          level national
          measure diesel "Subsidise diesel fuel for fishing fleets"
          measure tax "Carbon tax" {
            advances 13.2
            indicator 13.2.2
          }
        }

        """

    /// initialize, didOpen, hover, definition, completion, a code action on a
    /// finding, a change that makes a mistake and its fix, formatting, symbols,
    /// shutdown and exit: every reply, as reviewed.
    @Test func aSessionAsReviewed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let uri = "file://" + directory.path + "/plan.lumen"
        let document = "{\"uri\": \"\(uri)\"}"
        let misspelt = Self.draft.replacingOccurrences(of: "    advances 13.2\n", with: "    kind carbon-taxes\n")
        let requests = [
            #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}"#,
            #"{"jsonrpc": "2.0", "method": "initialized", "params": {}}"#,
            #"{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "\#(uri)", "languageId": "lumen", "version": 1, "text": \#(JSONValue.quote(Self.draft))}}}"#,
            #"{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": \#(document), "position": {"line": 5, "character": 16}}}"#,
            #"{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": \#(document), "position": {"line": 3, "character": 12}}}"#,
            #"{"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {"textDocument": \#(document), "position": {"line": 5, "character": 16}}}"#,
            #"{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": \#(document), "position": {"line": 5, "character": 17}}}"#,
            #"{"jsonrpc": "2.0", "id": 6, "method": "textDocument/codeAction", "params": {"textDocument": \#(document), "range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 16}}, "context": {"diagnostics": [{"range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 16}}, "code": "unmapped-measure", "message": "plan.diesel advances no SDG target", "data": {"rule": "unmapped-measure", "suggestions": ["12.c", "14.6"]}}]}}}"#,
            #"{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "\#(uri)", "version": 2}, "contentChanges": [{"text": \#(JSONValue.quote(misspelt))}]}}"#,
            #"{"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": {"textDocument": \#(document), "range": {"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 21}}, "context": {"diagnostics": [{"range": {"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 21}}, "code": "L1015", "message": "unknown kind", "data": {"replacement": "carbon-tax"}}]}}}"#,
            #"{"jsonrpc": "2.0", "id": 8, "method": "textDocument/formatting", "params": {"textDocument": \#(document), "options": {"tabSize": 2, "insertSpaces": true}}}"#,
            #"{"jsonrpc": "2.0", "id": 9, "method": "textDocument/documentSymbol", "params": {"textDocument": \#(document)}}"#,
            #"{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}"#,
            #"{"jsonrpc": "2.0", "method": "exit"}"#,
        ]
        let (messages, status) = LanguageClient.session(requests.flatMap(LanguageClient.framed))
        #expect(status == 0)
        let library = AnalysisContext(today: nil).openablePath("<stdlib>/x") ?? ""
        let transcript = messages.map {
            $0.replacingOccurrences(of: String(library.dropLast(2)), with: "$STDLIB").replacingOccurrences(of: directory.path, with: "$DIR")
        }.joined(separator: "\n") + "\n"
        expectGolden(transcript, "lsp/session.jsonl")
    }

    /// A local indicator's hover says who declares it and what it monitors.
    @Test func aLocalIndicatorIsHoveredWithWhatItMonitors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let uri = "file://" + directory.path + "/plan.lumen"
        let text = """
            resolution city "City plan" {
              indicator cycling-share "Share of trips made by bicycle" {
                monitors 11.2
                unit percent
              }
              measure lanes "Cycle lanes" {
                advances 11.2
                indicator cycling-share
              }
            }

            """
        let requests = [
            #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}"#,
            #"{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "\#(uri)", "languageId": "lumen", "version": 1, "text": \#(JSONValue.quote(text))}}}"#,
            #"{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "\#(uri)"}, "position": {"line": 7, "character": 16}}}"#,
        ]
        let (messages, _) = LanguageClient.session(requests.flatMap(LanguageClient.framed))
        let hover = try #require(messages.first { $0.contains("\"id\":2") })
        #expect(
            hover.contains(
                #"indicator cycling-share  Share of trips made by bicycle\n  local: declared by city, not of the global framework\n  monitors: 11.2 (Safe, affordable and sustainable transport systems)\n"#))
    }

    /// Whatever arrives, the protocol's error answers, and the server goes on.
    @Test func malformedMessagesGetTheProtocolsErrors() {
        var input: [UInt8] = []
        input += Array("Content-Type: text/plain\r\n\r\n".utf8)  // no length
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}"#)
        input += LanguageClient.framed("{not json")
        input += LanguageClient.framed(#"[1, 2]"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 3, "method": "workspace/unknown"}"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///nowhere.lumen"}, "position": {"line": 0, "character": 0}}}"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "method": "some/notification"}"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 5, "method": "shutdown"}"#)
        input += LanguageClient.framed(#"{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover"}"#)
        input += Array("Content-Length: 99999999999\r\n\r\n".utf8)
        let (messages, status) = LanguageClient.session(input)
        #expect(
            messages == [
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"cannot read the message: a message without a valid Content-Length header"}}"#,
                #"{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"the server is not initialized: send `initialize` first"}}"#,
                #"{"jsonrpc":"2.0","id":2,"result":{"capabilities":{"positionEncoding":"utf-8","textDocumentSync":{"openClose":true,"change":1},"hoverProvider":true,"definitionProvider":true,"referencesProvider":true,"completionProvider":{"triggerCharacters":["."]},"codeActionProvider":{"codeActionKinds":["quickfix"]},"documentFormattingProvider":true,"documentSymbolProvider":true},"serverInfo":{"name":"lumen","version":"0.1.0"}}}"#,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"the message is not valid JSON"}}"#,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"a request needs a `method`"}}"#,
                #"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"unknown method `workspace/unknown`"}}"#,
                #"{"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"`file:///nowhere.lumen` is not open"}}"#,
                #"{"jsonrpc":"2.0","id":5,"result":null}"#,
                #"{"jsonrpc":"2.0","id":6,"error":{"code":-32600,"message":"the server is shut down: only `exit` is accepted"}}"#,
                #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"cannot read the message: a message longer than 64 MiB"}}"#,
            ])
        // The input ended after a shutdown, without `exit`.
        #expect(status == 0)
    }

    @Test func exitWithoutShutdownEndsWithOne() {
        let input = LanguageClient.framed(#"{"jsonrpc": "2.0", "method": "exit"}"#)
        #expect(LanguageClient.session(input).status == 1)
    }

    /// Positions count UTF-16 code units unless the client offers UTF-8.
    @Test func positionsCountUTF16Units() {
        var sources = SourceMap()
        let file = sources.add(path: "x", bytes: Array("a\u{1F600}é = 1\nb".utf8))
        let utf16 = LineMap(file: file, encoding: .utf16)
        #expect(utf16.position(5).character == 3)  // after the emoji: 1 + 2 units
        #expect(utf16.offset(line: 0, character: 3) == 5)
        #expect(utf16.offset(line: 1, character: 0) == file.lineStarts[1])
        let utf8 = LineMap(file: file, encoding: .utf8)
        #expect(utf8.position(5).character == 5)
        #expect(utf8.offset(line: 9, character: 0) == file.bytes.count)
    }
}

/// The README's transcript of the protocol is what the server says.
@Suite struct ReadmeProtocolTranscriptTests {
    @Test func theTranscriptIsReplayed() throws {
        let readme = String(decoding: try #require(FileManager.default.contents(atPath: Paths.repository.appendingPathComponent("README.md").path)), as: UTF8.self)
        let start = try #require(readme.range(of: "```text\n--> "))
        let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let lines = readme[readme.index(start.lowerBound, offsetBy: "```text\n".count)..<end.lowerBound].split(separator: "\n")
        let sent = lines.filter { $0.hasPrefix("--> ") }.map { String($0.dropFirst(4)) }
        let expected = lines.filter { $0.hasPrefix("<-- ") }.map { String($0.dropFirst(4)) }
        #expect(sent.count == 6)
        let (messages, status) = LanguageClient.session(sent.flatMap(LanguageClient.framed))
        // The library's folder is named by the version and a hash of its files: the README says so.
        let library = String((AnalysisContext(today: nil).openablePath("<stdlib>/x") ?? "").dropLast(2))
        let directory = URL(fileURLWithPath: library).deletingLastPathComponent().path
        #expect(
            messages.map { $0.replacingOccurrences(of: library, with: directory + "/lumen-stdlib-VERSION-HASH") }
                == expected.map { $0.replacingOccurrences(of: "/tmp/lumen-stdlib-VERSION-HASH", with: directory + "/lumen-stdlib-VERSION-HASH") })
        #expect(status == 0)
    }
}

@Suite struct LanguageServerNavigationTests {
    /// A `use` path leads to its file; a measure's references are found in the document and the files beside it.
    @Test func usePathsAndReferences() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("resolution parent \"Parent\" {\n  level national\n  measure grid \"Grid\" {\n    advances 7.1\n  }\n}\n".utf8)
            .write(to: directory.appendingPathComponent("parent.lumen"))
        let text = "use \"parent.lumen\"\nresolution child \"Child\" {\n  level local\n  implements parent\n}\n"
        let uri = "file://" + directory.path + "/child.lumen"
        let document = "{\"uri\": \"\(uri)\"}"
        let requests = [
            #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}"#,
            #"{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "\#(uri)", "languageId": "lumen", "version": 1, "text": \#(JSONValue.quote(text))}}}"#,
            #"{"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": \#(document), "position": {"line": 0, "character": 8}}}"#,
            #"{"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": \#(document), "position": {"line": 3, "character": 15}}}"#,
            #"{"jsonrpc": "2.0", "id": 4, "method": "textDocument/references", "params": {"textDocument": \#(document), "position": {"line": 3, "character": 15}, "context": {"includeDeclaration": true}}}"#,
        ]
        let (messages, _) = LanguageClient.session(requests.flatMap(LanguageClient.framed))
        let replies = messages.filter { $0.contains("\"id\":2") || $0.contains("\"id\":3") || $0.contains("\"id\":4") }
            .map { $0.replacingOccurrences(of: directory.path, with: "$DIR") }
        #expect(
            replies == [
                #"{"jsonrpc":"2.0","id":2,"result":{"uri":"file://$DIR/parent.lumen","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}}}"#,
                #"{"jsonrpc":"2.0","id":3,"result":{"uri":"file://$DIR/parent.lumen","range":{"start":{"line":0,"character":11},"end":{"line":0,"character":17}}}}"#,
                #"{"jsonrpc":"2.0","id":4,"result":[{"uri":"file://$DIR/parent.lumen","range":{"start":{"line":0,"character":11},"end":{"line":0,"character":17}}},{"uri":"file://$DIR/child.lumen","range":{"start":{"line":3,"character":13},"end":{"line":3,"character":19}}}]}"#,
            ])
    }
}

@Suite struct LanguageServerProjectTests {
    /// A lumen.json that cannot be read is said on the document, which is still checked.
    @Test func aBrokenProjectFileIsReported() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"paths\": [".utf8).write(to: directory.appendingPathComponent("lumen.json"))
        let uri = "file://" + directory.path + "/a.lumen"
        let text = "resolution a \"A\" {\n  measure m \"M\" {\n    advances 13.9\n  }\n}\n"
        let requests = [
            #"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}"#,
            #"{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "\#(uri)", "languageId": "lumen", "version": 1, "text": \#(JSONValue.quote(text))}}}"#,
        ]
        let (messages, _) = LanguageClient.session(requests.flatMap(LanguageClient.framed))
        let published = try #require(messages.last).replacingOccurrences(of: directory.path, with: "$DIR")
        #expect(published.contains(#""code":"L0206","source":"lumen","message":"$DIR/lumen.json is not used: invalid configuration: unexpected end of the file; a value is missing\nhelp: fix it; `lumen check` fails on it too"}"#))
        #expect(published.contains(#""code":"L1001""#))
    }
}
