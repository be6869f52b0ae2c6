import CXLSXWriter
import Glibc

/// An .xlsx file being written; owns one libxlsxwriter workbook and every sheet, format and
/// chart in it (libxlsxwriter frees those with the workbook).
///
/// Cells are typed: text, decimals shown with a number format, integers, dates, booleans.
/// Text always goes through `worksheet_write_string`, so a value that begins with `=`, `+`, `-`,
/// `@`, a tab or a CR stays text; this wrapper has no call that writes a formula.
///
/// A failed cell write does not throw at once: the first failure is kept and thrown by
/// `close()`, the way a buffered stream reports its first error when flushed.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "report.xlsx", constantMemory: false)
/// let sheet = try book.addSheet("Summary")
/// sheet.write(.text("Leads", .header), row: 0, column: 0)
/// sheet.write(.integer(42, .count), row: 1, column: 0)
/// try book.close()
/// ```
final class XLSXWorkbook {
    /// How a cell is shown: a number format or a font treatment.
    enum Style: Int, CaseIterable {
        case general, header, note
        /// `#,##0.00`, for USD and other money with decimals.
        case money
        /// `#,##0.00######`, for an amount in its own currency with more than two decimals
        /// (shown as written, up to eight).
        case fineMoney
        /// `0.0%`, for rates and shares held as fractions.
        case rate
        /// `#,##0`, for counts.
        case count
        /// `0.0`, for the median days.
        case days
        /// `yyyy-mm-dd`.
        case date
        /// `yyyy-mm`, for a month held as its first day.
        case month
    }

    /// One typed cell value.
    enum Cell {
        /// Text, written as a (shared or inline) string, never as a formula.
        case text(String, Style = .general)
        /// A plain decimal as our formatters write it (`1234.56`, `0.1250`), shown with `style`.
        case decimal(String, Style)
        case integer(Int, Style)
        case date(Day, Style)
        case bool(Bool)
        /// Nothing is written.
        case blank
    }

    /// A column range of one sheet, for chart series.
    struct CellRange {
        var sheet: String
        var column: Int
        var rows: ClosedRange<Int>
    }

    /// A chart: its kind, title and series (categories and values read from cells).
    struct Chart {
        enum Kind { case bar, line }
        struct Series {
            var name: String
            var categories: CellRange
            var values: CellRange
        }
        var kind: Kind
        var title: String
        var series: [Series]
        /// The number format of the value axis.
        var valueFormat: String
        /// The number format of the category labels (`yyyy-mm` for months held as dates).
        var categoryFormat: String? = nil
    }

    /// Excel's longest text cell, in UTF-16 units (libxlsxwriter refuses longer strings).
    static let maxTextLength = 32_767

    let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// Formats by `Style.rawValue` (an array: one lookup per cell); nil for `.general`.
    private var formats = [UnsafeMutablePointer<lxw_format>?](repeating: nil, count: Style.allCases.count)
    private var firstError: ExportError?

    /// Starts a workbook that will be written to `path` when closed. The corresponding C
    /// function is `workbook_new_opt`.
    /// - Parameters:
    ///   - path: the .xlsx file to create; nothing is written there before `close()`.
    ///   - constantMemory: libxlsxwriter's `constant_memory` mode: each row goes to a temporary
    ///     file once the next row starts, so rows must be written in order, and text is stored
    ///     inline instead of in the shared string table. ZIP64 is enabled with it, for big files.
    /// - Throws: `ExportError.folderNotWritable` when the file's folder is missing or read-only
    ///   (checked first, since libxlsxwriter finds out only at `close()` and prints to stderr
    ///   then); `ExportError.workbookNotCreated` when libxlsxwriter cannot allocate the workbook.
    ///   - created: the creation time the file records (`docProps/core.xml`); libxlsxwriter
    ///     would write the clock's, so the same inputs would not give the same bytes.
    init(path: String, constantMemory: Bool, created: time_t = 0) throws {
        self.path = path
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        guard access(folder, W_OK) == 0 else {
            throw ExportError.folderNotWritable(path: path, reason: String(cString: strerror(errno)))
        }
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil,
                                           use_zip64: constantMemory ? 1 : 0)
        guard let handle = workbook_new_opt(path, &options) else { throw ExportError.workbookNotCreated(path: path) }
        self.handle = handle
        // 0 would mean "now" to libxlsxwriter: a second past the epoch is as fixed as any.
        var properties = lxw_doc_properties()
        properties.created = max(1, created)
        guard workbook_set_properties(handle, &properties) == LXW_NO_ERROR else { throw ExportError.workbookNotCreated(path: path) }
        for style in Style.allCases where style != .general {
            guard let format = workbook_add_format(handle) else { throw ExportError.workbookNotCreated(path: path) }
            Self.configure(format, as: style)
            formats[style.rawValue] = format
        }
    }

    deinit {
        // Only a workbook that was never closed is still ours; workbook_close frees it otherwise.
        if let handle { lxw_workbook_free(handle) }
    }

    /// Sets a format's properties. The corresponding C functions are `format_set_*`.
    private static func configure(_ f: UnsafeMutablePointer<lxw_format>, as style: Style) {
        switch style {
        case .general: break
        case .header:
            format_set_bold(f)
            format_set_bg_color(f, 0xDDE5F0)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
        case .note:
            format_set_italic(f)
            format_set_font_color(f, 0x9C0006)
        case .money: format_set_num_format(f, "#,##0.00")
        case .fineMoney: format_set_num_format(f, "#,##0.00######")
        case .rate: format_set_num_format(f, "0.0%")
        case .count: format_set_num_format(f, "#,##0")
        case .days: format_set_num_format(f, "0.0")
        case .date: format_set_num_format(f, "yyyy-mm-dd")
        case .month: format_set_num_format(f, "yyyy-mm")
        }
    }

    /// Adds a sheet at the end. The corresponding C functions are `workbook_validate_sheet_name`
    /// and `workbook_add_worksheet`.
    /// - Throws: `ExportError.xlsx` for a name Excel refuses (too long, `[]:*?/\`, or repeated).
    func addSheet(_ name: String) throws -> Sheet {
        guard let handle else { preconditionFailure("a sheet added to a closed workbook") }
        // Validated first: workbook_add_worksheet would also print the problem to stderr.
        let valid = workbook_validate_sheet_name(handle, name)
        guard valid == LXW_NO_ERROR else { throw error(for: valid, step: "adding sheet '\(name)'") }
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw error(for: LXW_ERROR_MEMORY_MALLOC_FAILED, step: "adding sheet '\(name)'")
        }
        return Sheet(book: self, handle: sheet, name: name)
    }

    /// Writes the file and frees the workbook. The corresponding C function is `workbook_close`.
    ///
    /// libxlsxwriter prints its own `[ERROR]` lines to stderr (with no switch to turn them off):
    /// what it prints while closing is caught and put in our one error line instead (its system
    /// error says, say, "File too large" where our hint can only guess), or passed on to stderr
    /// when the close succeeds.
    /// - Throws: `ExportError.xlsx` with the first failed cell write, or with `workbook_close`'s
    ///   error (the folder is missing or not writable, the disk is full, a temporary file failed).
    func close() throws {
        guard let h = handle else { return }
        handle = nil
        let (result, printed) = StderrCapture.run { workbook_close(h) }
        if let firstError { throw firstError }
        if result != LXW_NO_ERROR {
            var e = error(for: result, step: "writing the workbook file")
            if case let .xlsx(path, step, code, reason, fix) = e, let said = Self.libraryMessage(printed) {
                e = .xlsx(path: path, step: step, code: code, reason: reason + " (" + said + ")", fix: fix)
            }
            throw e
        }
        if !printed.isEmpty { fputs(printed, stderr) }
    }

    /// The last `[ERROR]` line libxlsxwriter printed, without its `[ERROR][file:line]: ` head.
    static func libraryMessage(_ printed: String) -> String? {
        guard let line = printed.split(separator: "\n").last(where: { $0.hasPrefix("[ERROR]") }) else { return nil }
        var text = line.dropFirst("[ERROR]".count)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") { text = text[text.index(after: close)...] }
        if text.hasPrefix(":") { text = text.dropFirst() }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// False once `close()` has run; the C sheets are freed then, so using one is a bug.
    fileprivate var isOpen: Bool { handle != nil }

    fileprivate func format(_ style: Style) -> UnsafeMutablePointer<lxw_format>? {
        formats[style.rawValue]
    }

    fileprivate func record(_ result: lxw_error, step: @autoclosure () -> String) {
        if result != LXW_NO_ERROR && firstError == nil { firstError = error(for: result, step: step()) }
    }

    fileprivate func addChart(_ kind: Chart.Kind) -> UnsafeMutablePointer<lxw_chart>? {
        guard let handle else { return nil }
        let type = kind == .bar ? LXW_CHART_BAR : LXW_CHART_LINE
        return workbook_add_chart(handle, UInt8(type.rawValue))
    }

    private func error(for result: lxw_error, step: String) -> ExportError {
        let fix: String
        switch result {
        case LXW_ERROR_CREATING_XLSX_FILE: fix = "check that the folder exists and is writable"
        case LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE: fix = "check that the temporary folder (TMPDIR) is writable and has space"
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE: fix = "check that the disk has space"
        default: fix = ""
        }
        return .xlsx(path: path, step: step, code: Int(result.rawValue), reason: String(cString: lxw_strerror(result)), fix: fix)
    }
}

extension XLSXWorkbook {
    /// One worksheet. It keeps its workbook alive; the workbook owns (and frees) the C sheet.
    final class Sheet {
        let name: String
        private let book: XLSXWorkbook
        private let handle: UnsafeMutablePointer<lxw_worksheet>

        fileprivate init(book: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
            self.book = book
            self.handle = handle
            self.name = name
        }

        /// Writes one cell (0-based row and column). The corresponding C functions are
        /// `worksheet_write_string`, `worksheet_write_number`, `worksheet_write_datetime` and
        /// `worksheet_write_boolean`; no formula is ever written.
        func write(_ cell: Cell, row: Int, column: Int) {
            precondition(book.isOpen, "a sheet written after its workbook was closed")
            let r = lxw_row_t(row)
            let c = lxw_col_t(column)
            let result: lxw_error
            switch cell {
            case let .text(text, style):
                result = Self.cellText(text).withCString { worksheet_write_string(handle, r, c, $0, book.format(style)) }
            case let .decimal(text, style):
                // Excel stores every number as a binary double, so this is the one place a
                // Double is made: from the exact decimal text our formatters wrote, never by
                // arithmetic, so the cell holds the double nearest that decimal (what Excel
                // would make of the same text typed in). A text that is not a decimal is our bug.
                guard let number = Double(text) else { preconditionFailure("not a decimal: \(text)") }
                result = worksheet_write_number(handle, r, c, number, book.format(style))
            case let .integer(n, style):
                result = worksheet_write_number(handle, r, c, Double(n), book.format(style))
            case let .date(day, style):
                let d = day.components
                // Excel's 1900 date system has no earlier days; such a date stays readable as text.
                guard d.year >= 1900 else { return write(.text(day.description), row: row, column: column) }
                var value = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                result = worksheet_write_datetime(handle, r, c, &value, book.format(style))
            case let .bool(b):
                result = worksheet_write_boolean(handle, r, c, b ? 1 : 0, nil)
            case .blank:
                return
            }
            book.record(result, step: "writing cell \(Self.cellName(row: row, column: column)) of sheet '\(name)'")
        }

        /// Freezes the first row so the header stays in view. The corresponding C function is
        /// `worksheet_freeze_panes`.
        func freezeTopRow() {
            precondition(book.isOpen, "a sheet changed after its workbook was closed")
            worksheet_freeze_panes(handle, 1, 0)
        }

        /// Prints in landscape with the first row repeated on every page and, when `fitToWidth`,
        /// all columns scaled onto one page width. The corresponding C functions are
        /// `worksheet_set_landscape`, `worksheet_repeat_rows` and `worksheet_fit_to_pages`.
        func setUpPrinting(fitToWidth: Bool) {
            precondition(book.isOpen, "a sheet changed after its workbook was closed")
            worksheet_set_landscape(handle)
            book.record(worksheet_repeat_rows(handle, 0, 0), step: "setting the print titles of sheet '\(name)'")
            if fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
        }

        /// Puts filter buttons on a table's header row. The corresponding C function is
        /// `worksheet_autofilter`; Excel allows one autofilter per sheet.
        func autofilter(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
            precondition(book.isOpen, "a sheet changed after its workbook was closed")
            let result = worksheet_autofilter(handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                              lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound))
            book.record(result, step: "setting the autofilter of sheet '\(name)'")
        }

        /// Sets a column's width in characters of the default font. The corresponding C
        /// function is `worksheet_set_column`.
        func setWidth(_ width: Int, column: Int) {
            precondition(book.isOpen, "a sheet changed after its workbook was closed")
            let result = worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), Double(width), nil)
            book.record(result, step: "setting column widths of sheet '\(name)'")
        }

        /// Draws a chart with its top left corner at a cell. The corresponding C functions are
        /// `workbook_add_chart`, `chart_add_series`, `chart_series_set_categories`,
        /// `chart_series_set_values`, `chart_axis_set_*` and `worksheet_insert_chart_opt`.
        /// - Parameters:
        ///   - chart: its title and series names must be labels, not data: libxlsxwriter reads one
        ///     that begins with `=` as a cell reference.
        ///   - scale: the chart's size as a multiple of Excel's default 480 × 288 pixels.
        func insert(_ chart: Chart, row: Int, column: Int, scale: (x: Double, y: Double) = (1, 1)) {
            precondition(book.isOpen, "a sheet changed after its workbook was closed")
            // libxlsxwriter reads a title or series name that begins with `=` as a cell reference;
            // ours are fixed labels, never data.
            precondition(!chart.title.hasPrefix("=") && !chart.series.contains { $0.name.hasPrefix("=") })
            guard let c = book.addChart(chart.kind) else {
                book.record(LXW_ERROR_MEMORY_MALLOC_FAILED, step: "adding a chart to sheet '\(name)'")
                return
            }
            chart_title_set_name(c, chart.title)
            for s in chart.series {
                guard let series = chart_add_series(c, nil, nil) else {
                    book.record(LXW_ERROR_MEMORY_MALLOC_FAILED, step: "adding a chart series to sheet '\(name)'")
                    return
                }
                chart_series_set_categories(series, s.categories.sheet, lxw_row_t(s.categories.rows.lowerBound),
                                            lxw_col_t(s.categories.column), lxw_row_t(s.categories.rows.upperBound),
                                            lxw_col_t(s.categories.column))
                chart_series_set_values(series, s.values.sheet, lxw_row_t(s.values.rows.lowerBound),
                                        lxw_col_t(s.values.column), lxw_row_t(s.values.rows.upperBound),
                                        lxw_col_t(s.values.column))
                chart_series_set_name(series, s.name)
            }
            // In libxlsxwriter's bar chart the x axis is the horizontal value axis and the y axis
            // holds the categories; in a line chart it is the other way round.
            let (valueAxis, categoryAxis) = chart.kind == .bar ? (c.pointee.x_axis, c.pointee.y_axis)
                                                               : (c.pointee.y_axis, c.pointee.x_axis)
            chart_axis_set_num_format(valueAxis, chart.valueFormat)
            if let format = chart.categoryFormat { chart_axis_set_num_format(categoryAxis, format) }
            if chart.kind == .bar {
                // Categories run bottom to top in a bar chart; reversed, the first row is on top,
                // and crossing at the last category keeps the value axis at the bottom.
                chart_axis_set_reverse(categoryAxis)
                chart_axis_set_crossing_max(categoryAxis)
            }
            if chart.series.count < 2 {
                chart_legend_set_position(c, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
            } else {
                chart_legend_set_position(c, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
            }
            var options = lxw_chart_options()
            options.x_scale = scale.x
            options.y_scale = scale.y
            let result = worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), c, &options)
            book.record(result, step: "inserting a chart in sheet '\(name)'")
        }

        /// Text as Excel can hold it: at most 32,767 UTF-16 units, without NUL (which would end
        /// the C string early).
        static func cellText(_ text: String) -> String {
            var t = text
            if t.utf8.contains(0) { t = t.replacingOccurrences(of: "\u{0}", with: "") }
            guard t.utf16.count > XLSXWorkbook.maxTextLength else { return t }
            var units = 0
            var end = t.unicodeScalars.startIndex
            for scalar in t.unicodeScalars {
                units += scalar.utf16.count
                if units > XLSXWorkbook.maxTextLength { break }
                t.unicodeScalars.formIndex(after: &end)
            }
            return String(t.unicodeScalars[..<end])
        }

        /// `A1`-style name of a cell, for messages.
        static func cellName(row: Int, column: Int) -> String {
            var letters = ""
            var n = column + 1
            while n > 0 {
                let rem = (n - 1) % 26
                letters = String(UnicodeScalar(UInt8(65 + rem))) + letters
                n = (n - 1) / 26
            }
            return letters + String(row + 1)
        }
    }
}

/// Runs a C call whose library prints to stderr with that output caught (file descriptor 2
/// points at a temporary file meanwhile). Used around `workbook_close` only, while the run's
/// other threads write CSV files and print nothing.
enum StderrCapture {
    static func run<T>(_ body: () -> T) -> (T, String) {
        fflush(stderr)
        let saved = dup(2)
        guard saved >= 0, let file = tmpfile() else {
            if saved >= 0 { Glibc.close(saved) }
            return (body(), "")
        }
        defer { fclose(file) }
        guard dup2(fileno(file), 2) >= 0 else {
            Glibc.close(saved)
            return (body(), "")
        }
        let value = body()
        fflush(stderr)
        _ = dup2(saved, 2)
        Glibc.close(saved)
        rewind(file)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return (value, String(decoding: bytes, as: UTF8.self))
    }
}
