import Diagnostics
import Testing

@testable import Syntax

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] {
        Lexer.tokenize(SourceFile(id: 0, path: "t", text: text)).tokens.map(\.kind).dropLast()
    }

    private func texts(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(id: 0, path: "t", text: text)).tokens.map(\.text).dropLast()
    }

    @Test(arguments: [
        ("13", [Token.Kind.integer(13)]),
        ("-2", [.integer(-2)]),
        ("+3", [.integer(3)]),
        ("13.2", [.sdgID]),
        ("1.a", [.sdgID]),
        ("13.2.2", [.sdgID]),
        ("1.a.1", [.sdgID]),
        ("city-energy", [.identifier]),
        ("city-energy.m1", [.qualifiedName]),
        ("M", [.variable]),
        ("_", [.variable]),
        ("_unused", [.variable]),
        ("->", [.arrow]),
        (":-", [.turnstile]),
        ("!= = < <= > >=", [.notEqual, .equal, .less, .lessEqual, .greater, .greaterEqual]),
        ("{ } ( ) , . :", [.leftBrace, .rightBrace, .leftParen, .rightParen, .comma, .period, .colon]),
        ("r(X).", [.identifier, .leftParen, .variable, .rightParen, .period]),
        ("S >= 2.", [.variable, .greaterEqual, .integer(2), .period]),
    ])
    func tokenKinds(text: String, expected: [Token.Kind]) {
        #expect(kinds(text) == expected)
    }

    @Test func identifiersTakeInnerDashesButNotTrailingOnes() {
        #expect(texts("a-b-c") == ["a-b-c"])
        #expect(kinds("a->b") == [.identifier, .arrow, .identifier])
        #expect(kinds("7.2->13.2") == [.sdgID, .arrow, .sdgID])
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""quote \" and backslash \\""#, "quote \" and backslash \\"),
        (#""line\nbreak\ttab""#, "line\nbreak\ttab"),
        (#""\u{E9}t\u{E9}""#, "été"),
        (#""""#, ""),
    ])
    func stringEscapesAreDecoded(source: String, value: String) {
        #expect(kinds(source) == [.string(value)])
    }

    @Test func commentsAreKeptWithTheirPlacement() {
        let lexer = Lexer.tokenize(SourceFile(id: 0, path: "t", text: "# alone\nlevel local # after\n"))
        #expect(lexer.comments.map(\.text) == [" alone", " after"])
        #expect(lexer.comments.map(\.ownLine) == [true, false])
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(kinds("\u{FEFF}goal") == [.identifier])
    }

    @Test(arguments: [
        ("13.ab", "L0004"), ("1.2.3.4", "L0004"), ("13.2.x", "L0004"), ("-13.a", "L0004"),
        ("99999999999999999999", "L0006"), ("@", "L0001"), ("\"open", "L0002"), ("\"\\q\"", "L0003"),
    ])
    func malformedTokensAreReported(text: String, code: String) {
        let lexer = Lexer.tokenize(SourceFile(id: 0, path: "t", text: text))
        #expect(lexer.diagnostics.map(\.code.id) == [code])
    }

    @Test func tokensKnowWhetherTheyStartALine() {
        let tokens = Lexer.tokenize(SourceFile(id: 0, path: "t", text: "a b\n  c\nd")).tokens
        #expect(tokens.map(\.startsLine) == [true, false, true, true, false])
        #expect(tokens.map(\.atColumnOne) == [true, false, false, true, false])
    }
}
