/// Writes one worksheet top to bottom, a row at a time, and fits column widths to what it wrote.
///
/// Rows only ever go forward, which is what libxlsxwriter's constant-memory mode needs (a row
/// is flushed to disk once the next one starts), so the same code serves small and huge sheets.
/// Widths are measured while writing: East Asian wide text counts double (`DisplayWidth`),
/// numbers by their formatted length; `fitColumns()` applies them at the end.
struct XLSXSheetWriter {
    typealias Cell = XLSXWorkbook.Cell

    let sheet: XLSXWorkbook.Sheet
    /// The next row to write (0-based).
    private(set) var row = 0
    private var widths: [Int] = []

    /// The widest column we set, in characters; longer content wraps off the edge.
    static let maxWidth = 60

    init(_ sheet: XLSXWorkbook.Sheet) {
        self.sheet = sheet
    }

    /// Writes `cells` in the current row from `column` on, then moves to the next row.
    /// - Complexity: O(cells), plus the text widths (each capped at `maxWidth`).
    mutating func append(_ cells: [Cell], from column: Int = 0) {
        for (i, cell) in cells.enumerated() {
            sheet.write(cell, row: row, column: column + i)
            measure(Self.width(of: cell), column: column + i)
        }
        row += 1
    }

    /// Leaves `count` rows empty.
    mutating func skip(_ count: Int = 1) {
        row += count
    }

    /// Writes a table's bold header row (with an optional note after its last column) and
    /// returns that row. Header widths leave room for the filter button.
    mutating func header(_ labels: [String], note: String? = nil) -> Int {
        let at = row
        for (i, label) in labels.enumerated() {
            sheet.write(.text(label, .header), row: at, column: i)
            measure(DisplayWidth.of(label, limit: Self.maxWidth) + 3, column: i)
        }
        if let note { sheet.write(.text(note, .note), row: at, column: labels.count + 1) }
        row += 1
        return at
    }

    /// Ends the sheet's main table: filter buttons over it, its header frozen in view and
    /// repeated on printed pages, and (for tables of up to `printFitColumns` columns) printing
    /// scaled to one page width.
    func finishTable(headerRow: Int, columns: Int) {
        sheet.autofilter(rows: headerRow...max(headerRow, row - 1), columns: 0...max(0, columns - 1))
        if headerRow == 0 {
            sheet.freezeTopRow()
            sheet.setUpPrinting(fitToWidth: columns <= Self.printFitColumns)
        }
    }

    /// The widest table still printed one page wide; wider ones (Leads, Contracts) print across pages.
    static let printFitColumns = 15

    /// Sets every written column's width to its widest content plus a margin.
    func fitColumns() {
        for (column, w) in widths.enumerated() where w > 0 {
            sheet.setWidth(min(Self.maxWidth, max(6, w + 2)), column: column)
        }
    }

    private mutating func measure(_ width: Int, column: Int) {
        if column >= widths.count { widths += Array(repeating: 0, count: column - widths.count + 1) }
        if width > widths[column] { widths[column] = width }
    }

    /// How wide a cell shows, in characters.
    static func width(of cell: Cell) -> Int {
        switch cell {
        case let .text(text, _): return DisplayWidth.of(text, limit: maxWidth)
        case let .decimal(text, style):
            switch style {
            case .money, .fineMoney, .count: return DisplayWidth.grouped(text)
            case .rate: return 7
            default: return text.utf8.count
            }
        case let .integer(n, style): return style == .count ? DisplayWidth.grouped(String(n)) : String(n).utf8.count
        case let .date(_, style): return style == .month ? 7 : 10
        case .bool: return 5
        case .blank: return 0
        }
    }
}
