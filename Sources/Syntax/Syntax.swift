// Syntax: source text -> tokens -> syntax tree with spans, and back to text.
//
//   Lexer          bytes -> Tokens (identifiers, SDG ids, strings, comments)
//   Parser         tokens -> SourceUnit (declarations, facts, rules, tests),
//                  recovering at the next declaration or block item, so one run
//                  reports every syntax error; DeclarationKeyword and
//                  ItemKeywords are the one list of the language's keywords
//   InteractionLines  the standard library's interaction lines in the
//                  formatter's form -> InteractionDecls, read byte by byte
//                  beside the lexer (the unit keeps them as scannedInteractions),
//                  many times cheaper; held to the parser's reading by a test
//   JSONDraftReader, CSVDraftReader   drafts exported as JSON or CSV -> the same
//                  SourceUnit a `.lumen` draft gives
//   Formatter      SourceUnit -> canonical text (`lumen fmt`), comments kept
//
// Errors are diagnostics (Diagnostics); nothing here resolves a name.
