// Diagnostics: the bottom layer, which every other module reports through.
//
//   SourceFile, SourceMap   the bytes of each file read, by number; line starts
//                           for turning a byte offset into line:column
//   Span, Label             a byte range in one file, and a span with a caption
//   Diagnostic              a problem as data: code, severity, message, labels,
//                           notes, help; sorted for output by file and place
//   DiagnosticCode          the catalogue of codes (`lumen explain L2003`)
//   DiagnosticRenderer      diagnostics -> text with excerpts, as rustc draws them
//   JSONDocument, JSONValue JSON read with places (configurations, baselines,
//                           drafts) and written with ordered keys
//   DisplayWidth, EditDistance  terminal columns and "did you mean" suggestions
//
// Nothing here knows the language: a diagnostic is made by the layer that
// finds the problem, and rendered here.
