// Reports: findings -> the formats people and tools read.
//
//   ReportInput    everything a format reads about one run: diagnostics,
//                  findings (Findings), the suppressed and the known, a
//                  ProofReader for traces, and how the text format draws
//   ReportFormat   one format; ReportFormats is the registry `--format` reads:
//                  TextFormat (with TextReport for one finding and its trace),
//                  JSONReport, SARIFReport, JUnitReport, GitHubReport,
//                  MarkdownReport; text, JSON and SARIF are written piece by piece
//   StatisticsReport  the engine's per-rule and per-stratum statistics (`--stats`)
//   Audit          the numbers of a corpus, computed once from a model and its
//                  findings (goals from the catalogue), and its formats
//                  (AuditHTML with AuditCharts, AuditMarkdown, AuditCSV, AuditJSON)
//
// Output is deterministic: the same run gives the same bytes in every format.
