import Diagnostics

/// Observed values of an indicator read from a CSV file that an account names
/// (`data "emissions.csv"`). Two layouts are read, told apart by their header
/// (names compared without case, spaces or brackets):
/// - the UN SDG Global Database's export: `Indicator`, `SeriesCode`,
///   `GeoAreaName`, `TimePeriod`, `Value` (and others, such as `Units`, which are
///   not read); rows of another indicator are skipped, and the account's
///   `series` and `area` choose among the others;
/// - a simple table: `indicator`, `year`, `value`.
/// Each value becomes an `observed` item whose spans point into the file, so
/// that a problem with it is reported at its row and column.
package enum ObservationData {
    /// `written` is the file's path as the draft names it, for the help of a diagnostic.
    package static func read(
        _ file: SourceFile, written: String, indicator: String, series: String?, area: String?
    ) -> (items: [AccountItem], diagnostics: [Diagnostic]) {
        let (rows, quoting) = CSVDraftReader.fields(of: file)
        var problems = quoting
        guard let header = rows.first else {
            return ([], [.invalidDataFile("the file is empty", Span(file: file.id, start: 0, end: 0), help: "give a header and a row per value")])
        }
        let names = header.map { name($0.text) }
        func column(_ wanted: String...) -> Int? { names.firstIndex { wanted.contains($0) } }
        let year = column("timeperiod", "year")
        let value = column("value")
        let indicatorColumn = column("indicator")
        let seriesColumn = column("seriescode")
        let areaColumn = column("geoareaname")
        guard let year, let value else {
            let help = "the UN SDG Global Database's export has `TimePeriod` and `Value` columns; a simple table is `indicator,year,value`"
            return ([], [.invalidDataFile("no column of years and values in the header", header.first?.span ?? Span(file: file.id, start: 0, end: 0), help: help)])
        }
        if series != nil && seriesColumn == nil {
            problems.append(.invalidDataFile("the account chooses a series, but the file has no `SeriesCode` column", header[0].span, help: "remove `series`, or give the export with its series codes"))
        }
        if area != nil && areaColumn == nil {
            problems.append(.invalidDataFile("the account chooses an area, but the file has no `GeoAreaName` column", header[0].span, help: "remove `area`, or give the export with its area names"))
        }
        var items: [AccountItem] = []
        var years: [Int: Span] = [:]
        for row in rows.dropFirst() {
            func field(_ index: Int?) -> CSVDraftReader.Field? {
                guard let index, row.indices.contains(index) else { return nil }
                return row[index]
            }
            if let indicatorColumn, let cell = field(indicatorColumn), cell.text.trimmingCharacters != indicator { continue }
            if let series, let cell = field(seriesColumn), cell.text.trimmingCharacters != series { continue }
            if let area, let cell = field(areaColumn), cell.text.trimmingCharacters != area { continue }
            guard let yearCell = field(year), let valueCell = field(value) else {
                problems.append(.invalidDataFile("the row has \(row.count) columns; the header has \(header.count)", row.first?.span ?? header[0].span, help: "give every row a value for each column"))
                continue
            }
            let yearText = yearCell.text.trimmingCharacters
            guard let number = Int(yearText.prefix(4)), yearText.count == 4 || yearText.hasPrefix("\(number)-"), (1000...9999).contains(number) else {
                problems.append(.invalidDataFile("expected a year in column `\(header[year].text)`, found `\(yearText)`", yearCell.span, help: "write the year as four digits, such as 2021"))
                continue
            }
            let valueText = valueCell.text.trimmingCharacters
            // An empty value is no observation (the export leaves missing values blank).
            if valueText.isEmpty { continue }
            guard let amount = ExactDecimal(valueText) else {
                problems.append(.invalidDataFile("expected a number in column `\(header[value].text)`, found `\(valueText)`", valueCell.span, help: "write the value in digits with a point for decimals, such as 1150.5"))
                continue
            }
            if let first = years[number] {
                problems.append(
                    Diagnostic(
                        .invalidDataFile, "two values of \(indicator) for \(number) in the file", at: Label(yearCell.span),
                        secondary: [Label(first, "first here")],
                        help: series == nil && area == nil && (seriesColumn != nil || areaColumn != nil)
                            ? "choose one series and one area: `data \"\(written)\" series \"...\" area \"...\"`" : "keep one value a year"))
                continue
            }
            years[number] = yearCell.span
            let point = YearValue(value: Located(amount, valueCell.span), year: Located(number, yearCell.span))
            items.append(AccountItem(kind: .observed(point, source: nil), span: valueCell.span))
        }
        return (items, problems)
    }

    private static func name(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != " " && $0 != "[" && $0 != "]" && $0 != "_" }.map(Character.init))
    }
}
