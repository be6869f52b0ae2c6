import Glibc

/// Writes report.xlsx: the summary, every breakdown and the row tables as typed Excel sheets.
///
/// Sheets, in order: Summary (pipeline, run date, headline metrics, input counts, export value
/// by sector, and two charts), Sectors, Companies, Events, Countries, Monthly, Funnel, Leads,
/// Contracts, Rejects; names and labels in English or Korean (`ReportContext.language`).
/// Money is a number shown `#,##0.00` (own-currency amounts with all their decimals), rates and shares `0.0%`, counts `#,##0`, dates `yyyy-mm-dd`,
/// months `yyyy-mm`, `converted` a boolean; everything else is text, never a formula. Each
/// table has a bold, frozen header row and an autofilter; column widths fit the content.
///
/// Memory: every sheet is written top to bottom, row by row, so the same code runs in
/// libxlsxwriter's normal mode (all cells kept until `workbook_close`, text in the shared string
/// table, smaller files) and in its constant-memory mode (a row is flushed to a temporary file
/// when the next starts, text stored inline). Normal mode costs about 100 bytes a cell (measured:
/// 200,000 leads, 4.6 M cells, +460 MB), so it is used up to `constantMemoryAbove` rows in Leads +
/// Contracts + Rejects (about 1.2 M cells); above that the workbook switches to constant memory,
/// where the same 200,000 leads add nothing measurable. What constant memory disables (merged
/// cells, going back to an earlier row) is not used; its one visible difference is inline text.
/// Leads, Contracts and Rejects (and any table) stop at Excel's 1,048,575 data
/// rows, with a note beside the header naming the CSV that has them all.
///
/// ```swift
/// try XLSXReport.write(outcome, context: context, to: folder + "/report.xlsx")
/// ```
public enum XLSXReport {
    /// Excel's rows per sheet minus the header.
    public static let maxDataRows = 1_048_575
    /// Above this many rows in Leads + Contracts + Rejects the workbook uses constant memory.
    public static let constantMemoryAbove = 50_000

    /// How to write; the defaults are what `write(_:context:to:)` uses.
    struct Options {
        /// Force constant-memory mode on or off; nil chooses by size.
        var constantMemory: Bool?
        var rowLimit = XLSXReport.maxDataRows
    }

    /// Writes the workbook to `path`, replacing any file there.
    /// - Throws: `ExportError` when the file cannot be written (missing folder, full disk).
    /// - Complexity: O(n log n) in the rejects (sorted as rejects.csv), O(n) in everything else.
    public static func write(_ outcome: Outcome, context: ReportContext, to path: String) throws {
        try write(outcome, context: context, to: path, options: Options())
    }

    static func write(_ outcome: Outcome, context: ReportContext, to path: String, options: Options) throws {
        let rows = outcome.leads.count + outcome.contracts.count + context.issues.count
        // The file records the run's date (the one the summary sheet shows) as its creation
        // time, not the clock's: the same inputs on the same day give the same bytes.
        let book = try XLSXWorkbook(path: path, constantMemory: options.constantMemory ?? (rows > constantMemoryAbove),
                                    created: time_t((context.runDay?.ordinal ?? 0) * 86_400))
        let job = Job(o: outcome, context: context, labels: ReportLabels(context.language), rowLimit: options.rowLimit)
        var sheets: [String: XLSXWorkbook.Sheet] = [:]
        for key in Job.sheetKeys { sheets[key] = try book.addSheet(job.labels[key]) }
        job.summary(sheets["sheet_summary"]!, monthly: sheets["sheet_monthly"]!.name)
        job.breakdowns(sheets)
        job.leads(sheets["sheet_leads"]!)
        job.contracts(sheets["sheet_contracts"]!)
        job.rejects(sheets["sheet_rejects"]!)
        try book.close()
    }

    /// The cell for a value of a contract column or metric, typed by the column's name.
    static func cell(_ column: String, _ value: String) -> XLSXWorkbook.Cell {
        if value.isEmpty { return .blank }
        if column.hasSuffix("_usd") { return .decimal(value, .money) }
        switch column {
        case "conversion_rate", "share_of_consultation_value", "share_of_leads": return .decimal(value, .rate)
        case "median_days_to_contract": return .decimal(value, .days)
        default: return Int(value).map { .integer($0, .count) } ?? .text(value)
        }
    }

    /// One workbook being filled: the outcome, the context and the labels, one method per sheet.
    struct Job {
        typealias Cell = XLSXWorkbook.Cell
        static let sheetKeys = ["sheet_summary", "sheet_sectors", "sheet_companies", "sheet_events", "sheet_countries",
                                "sheet_monthly", "sheet_funnel", "sheet_leads", "sheet_contracts", "sheet_rejects"]
        /// Bars in the sector chart: the top sectors by export value.
        static let chartSectors = 15

        let o: Outcome
        let context: ReportContext
        let labels: ReportLabels
        let rowLimit: Int

        /// The Summary sheet: run facts and metrics (the filtered table), input counts, the
        /// sectors by export value, and the two charts to the right.
        func summary(_ sheet: XLSXWorkbook.Sheet, monthly: String) {
            var w = XLSXSheetWriter(sheet)
            let top = w.header([labels["metric"], labels["value"]])
            w.append([.text(labels["pipeline"]), .text(context.pipelineName)])
            w.append([.text(labels["run_date"]), context.runDay.map { .date($0, .date) } ?? .text(context.runDate)])
            for (key, value) in OutputTables.summaryRows(o.summary) {
                w.append([.text(labels[key]), XLSXReport.cell(key, value)])
            }
            w.finishTable(headerRow: top, columns: 2)

            w.skip()
            _ = w.header(["input_file", "table", "rows_read", "accepted", "rejected", "duplicate", "blank", "amount_missing"]
                .map { labels[$0] })
            for f in context.inputs {
                let c = f.counts
                w.append([.text(f.display), .text(labels["table_" + f.table.rawValue])]
                         + [c.read, c.accepted, c.rejected, c.duplicate, c.blank, c.amountMissing].map { .integer($0, .count) })
            }

            w.skip()
            let sectors = o.sectors.filter { $0.level == "sector" }.sorted { a, b in
                a.stats.exportCents != b.stats.exportCents ? a.stats.exportCents > b.stats.exportCents
                    : a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }
            let sectorHeader = w.header(["sector_code", "sector_name", "export_value_usd"].map { labels[$0] })
            for r in sectors {
                w.append([.text(r.code), .text(context.sectorName(code: r.code, csvName: r.name)),
                          .decimal(NumberFormat.usd(cents: r.stats.exportCents), .money)])
            }
            w.fitColumns()

            let chartColumn = 9
            if !sectors.isEmpty {
                let rows = (sectorHeader + 1)...(sectorHeader + min(sectors.count, Self.chartSectors))
                let series = XLSXWorkbook.Chart.Series(name: labels["series_export"],
                                                       categories: .init(sheet: sheet.name, column: 1, rows: rows),
                                                       values: .init(sheet: sheet.name, column: 2, rows: rows))
                sheet.insert(.init(kind: .bar, title: labels["chart_sectors"], series: [series], valueFormat: "#,##0"),
                             row: 1, column: chartColumn, scale: (1.5, 1.4))
            }
            if !o.monthly.isEmpty {
                let rows = 1...o.monthly.count
                let months = XLSXWorkbook.CellRange(sheet: monthly, column: 0, rows: rows)
                func column(_ name: String) -> Int { 1 + OutputTables.measureColumns.firstIndex(of: name)! }
                let series = [("series_leads", "leads"), ("series_contracts", "contracts")].map { label, measure in
                    XLSXWorkbook.Chart.Series(name: labels[label], categories: months,
                                              values: .init(sheet: monthly, column: column(measure), rows: rows))
                }
                sheet.insert(.init(kind: .line, title: labels["chart_monthly"], series: series, valueFormat: "#,##0",
                                   categoryFormat: "yyyy-mm"),
                             row: 23, column: chartColumn, scale: (1.5, 1.4))
            }
        }

        /// Writes one table as a whole sheet: header (with a note when rows are cut at the limit),
        /// rows in order, autofilter, frozen header, fitted widths.
        /// - Parameter file: the CSV output holding the full table, named in the note.
        func table(_ sheet: XLSXWorkbook.Sheet, columns: [String], count: Int, file: String, row: (Int) -> [Cell]) {
            var w = XLSXSheetWriter(sheet)
            let shown = min(count, rowLimit)
            let note = count > shown
                ? labels.format("note_truncated", ["shown": ReportNumbers.grouped(shown),
                                                   "more": ReportNumbers.grouped(count - shown), "file": file])
                : nil
            let top = w.header(columns.map { labels[$0] }, note: note)
            for i in 0..<shown { w.append(row(i)) }
            w.finishTable(headerRow: top, columns: columns.count)
            w.fitColumns()
        }
    }
}
