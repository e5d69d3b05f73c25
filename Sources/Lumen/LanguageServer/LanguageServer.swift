// `lumen lsp`: a language server (LSP 3.17) over a byte stream.
//
//   transport   MessageReader (framing in), JSONValue.framed (framing out)
//   state       the open documents, each with its text and its last analysis;
//               a document changed is analysed when the input has been quiet
//               for `debounce` milliseconds, or before a request needs it
//   analysis    the pipeline of `lumen check` on the document's text (its
//               `use`d files and its project's lumen.json as on disk), with the
//               standard library parsed once for the session (LanguageAnalysis)
//   features    LanguageFeatures: diagnostics and findings, hover, definition,
//               references, completion, code actions, formatting, symbols
//
// Whatever arrives, the server answers as the protocol says and goes on:
// invalid JSON (-32700), a message that is no request (-32600), an unknown
// method (-32601), a request before `initialize` (-32002), bad parameters
// (-32602).
import Diagnostics
import Foundation

public final class LanguageServer {
    /// How long the input must be quiet before a changed document is analysed.
    public static let debounce = 50

    /// Where the server reads, waits and writes.
    public struct Channel {
        /// Reads what is available (blocking until some is); nil at the end.
        public let read: () -> [UInt8]?
        /// True when input is ready within this many milliseconds.
        public let waitForInput: (Int) -> Bool
        public let write: ([UInt8]) -> Void

        public init(read: @escaping () -> [UInt8]?, waitForInput: @escaping (Int) -> Bool, write: @escaping ([UInt8]) -> Void) {
            self.read = read
            self.waitForInput = waitForInput
            self.write = write
        }
    }

    struct Document {
        let uri: String
        let path: String
        var text: String
        var version: Int
        var analysis: LanguageAnalysis?
    }

    struct Failure: Error {
        let code: Int
        let message: String
        static func invalidParams(_ message: String) -> Failure { Failure(code: -32602, message: message) }
    }

    private var reader: MessageReader
    private let channel: Channel
    private var initialized = false
    private var shutDown = false
    private var encoding = PositionEncoding.utf16
    private var documents: [String: Document] = [:]
    private var pending: Set<String> = []
    private let context: AnalysisContext

    /// `today` (YYYY-MM-DD) fixes the date suppressions are checked against
    /// and expire from; nil for the real date.
    public init(channel: Channel, today: String? = nil) {
        self.channel = channel
        reader = MessageReader(read: channel.read)
        context = AnalysisContext(today: today)
    }

    /// Serves until `exit` or the end of the input: 0 after a `shutdown`, 1 otherwise.
    public func run() -> Int32 {
        while true {
            if !pending.isEmpty, !reader.hasBufferedMessage, !channel.waitForInput(LanguageServer.debounce) {
                analysePending()
            }
            switch reader.next() {
            case .end:
                analysePending()
                return shutDown ? 0 : 1
            case .malformed(let reason):
                send(error: -32700, "cannot read the message: \(reason)", id: .null)
            case .message(let bytes):
                if handle(bytes) == .exit { return shutDown ? 0 : 1 }
            }
        }
    }

    private enum Outcome { case goOn, exit }

    private func handle(_ bytes: [UInt8]) -> Outcome {
        var sources = SourceMap()
        let file = sources.add(path: "<message>", bytes: bytes)
        guard case .success(let root) = JSONDocument.parse(file, maxDepth: 64) else {
            send(error: -32700, "the message is not valid JSON", id: .null)
            return .goOn
        }
        let id = root.member("id").flatMap(Self.id)
        guard case .object = root.value, case .string(let method)? = root.member("method")?.value else {
            send(error: -32600, "a request needs a `method`", id: id ?? .null)
            return .goOn
        }
        let params = root.member("params")
        if method == "exit" { return .exit }
        guard let id else {
            notification(method, params)
            return .goOn
        }
        guard initialized || method == "initialize" else {
            send(error: -32002, "the server is not initialized: send `initialize` first", id: id)
            return .goOn
        }
        guard !shutDown else {
            send(error: -32600, "the server is shut down: only `exit` is accepted", id: id)
            return .goOn
        }
        do {
            send(result: try request(method, params), id: id)
        } catch let failure as Failure {
            send(error: failure.code, failure.message, id: id)
        } catch {
            send(error: -32603, "the request failed", id: id)
        }
        return .goOn
    }

    private static func id(_ node: JSONDocument.Node) -> JSONValue? {
        switch node.value {
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: .number(Int(number))
        case .string(let text): .string(text)
        default: nil
        }
    }

    // MARK: Requests and notifications

    private func request(_ method: String, _ params: JSONDocument.Node?) throws -> JSONValue {
        switch method {
        case "initialize":
            initialized = true
            let offered = params?.member("capabilities")?.member("general")?.member("positionEncodings")
            if case .array(let encodings)? = offered?.value, encodings.contains(where: { $0.value == .string("utf-8") }) {
                encoding = .utf8
            }
            return LanguageFeatures.capabilities(encoding)
        case "shutdown":
            shutDown = true
            return .null
        case "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
            "textDocument/codeAction", "textDocument/formatting", "textDocument/documentSymbol":
            let document = try self.document(params)
            let features = LanguageFeatures(
                document: document.text, path: document.path, uri: document.uri, analysis: analysed(document.uri),
                encoding: encoding, context: context)
            switch method {
            case "textDocument/hover": return features.hover(try position(params))
            case "textDocument/definition": return features.definition(try position(params))
            case "textDocument/references": return features.references(try position(params))
            case "textDocument/completion": return features.completion(try position(params))
            case "textDocument/codeAction": return features.codeActions(params)
            case "textDocument/formatting": return features.formatting()
            default: return features.symbols()
            }
        default:
            throw Failure(code: -32601, message: "unknown method `\(method)`")
        }
    }

    private func notification(_ method: String, _ params: JSONDocument.Node?) {
        guard initialized else { return }
        let textDocument = params?.member("textDocument")
        guard case .string(let uri)? = textDocument?.member("uri")?.value else { return }
        switch method {
        case "textDocument/didOpen":
            guard let path = DocumentURI.path(uri), case .string(let text)? = textDocument?.member("text")?.value else { return }
            documents[uri] = Document(uri: uri, path: path, text: text, version: Self.version(textDocument), analysis: nil)
            pending.insert(uri)
        case "textDocument/didChange":
            // Whole-document sync: the last change holds the whole text.
            guard var document = documents[uri], case .array(let changes)? = params?.member("contentChanges")?.value,
                case .string(let text)? = changes.last?.member("text")?.value
            else { return }
            document.text = text
            document.version = Self.version(textDocument)
            document.analysis = nil
            documents[uri] = document
            pending.insert(uri)
        case "textDocument/didClose":
            documents[uri] = nil
            pending.remove(uri)
            sendNotification(
                "textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))]))
        default:
            break
        }
    }

    private static func version(_ textDocument: JSONDocument.Node?) -> Int {
        if case .number(let number)? = textDocument?.member("version")?.value, abs(number) < 1e15 { return Int(number) }
        return 0
    }

    private func document(_ params: JSONDocument.Node?) throws -> Document {
        guard case .string(let uri)? = params?.member("textDocument")?.member("uri")?.value else {
            throw Failure.invalidParams("`textDocument.uri` is missing")
        }
        guard let document = documents[uri] else { throw Failure.invalidParams("`\(uri)` is not open") }
        return document
    }

    private func position(_ params: JSONDocument.Node?) throws -> (line: Int, character: Int) {
        let position = params?.member("position")
        guard case .number(let line)? = position?.member("line")?.value, case .number(let character)? = position?.member("character")?.value,
            line >= 0, character >= 0, line < 1e9, character < 1e9
        else { throw Failure.invalidParams("`position` is missing") }
        return (Int(line), Int(character))
    }

    // MARK: Analysis

    /// The analysis of an open document, made now if it is not up to date.
    private func analysed(_ uri: String) -> LanguageAnalysis? {
        if pending.contains(uri) { analysePending() }
        return documents[uri]?.analysis
    }

    /// Analyses the documents changed since their last analysis and publishes their diagnostics.
    private func analysePending() {
        for uri in pending.sorted() {
            guard var document = documents[uri] else { continue }
            let analysis = LanguageAnalysis(path: document.path, text: document.text, context: context)
            document.analysis = analysis
            documents[uri] = document
            sendNotification(
                "textDocument/publishDiagnostics",
                .object([
                    ("uri", .string(uri)), ("version", .number(document.version)),
                    ("diagnostics", .array(analysis.diagnostics(encoding: encoding))),
                ]))
        }
        pending.removeAll()
    }

    // MARK: Output

    private func send(result: JSONValue, id: JSONValue) {
        channel.write(JSONValue.object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)]).framed)
    }

    private func send(error code: Int, _ message: String, id: JSONValue) {
        channel.write(
            JSONValue.object([
                ("jsonrpc", .string("2.0")), ("id", id),
                ("error", .object([("code", .number(code)), ("message", .string(message))])),
            ]).framed)
    }

    private func sendNotification(_ method: String, _ params: JSONValue) {
        channel.write(JSONValue.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]).framed)
    }
}
