import XCTest
@testable import OutcomesCore

final class XLSXWorkbookTests: XCTestCase {
    func testTextIsCutToExcelsCellLimitWithoutSplittingACharacter() {
        let long = String(repeating: "a", count: XLSXWorkbook.maxTextLength - 1) + "😀" + "tail"
        let cut = XLSXWorkbook.Sheet.cellText(long)
        XCTAssertEqual(cut.utf16.count, XLSXWorkbook.maxTextLength - 1, "the emoji would need 2 UTF-16 units")
        XCTAssertEqual(XLSXWorkbook.Sheet.cellText("a\u{0}b"), "ab")
        XCTAssertEqual(XLSXWorkbook.Sheet.cellText("=1+2"), "=1+2")
    }

    func testCellNamesAreA1Style() {
        XCTAssertEqual(XLSXWorkbook.Sheet.cellName(row: 0, column: 0), "A1")
        XCTAssertEqual(XLSXWorkbook.Sheet.cellName(row: 9, column: 25), "Z10")
        XCTAssertEqual(XLSXWorkbook.Sheet.cellName(row: 0, column: 26), "AA1")
    }

    func testLongTextAndControlCharactersWriteAValidFile() throws {
        let file = try ExportTestSupport.scratch(self).appendingPathComponent("t.xlsx")
        let book = try XLSXWorkbook(path: file.path, constantMemory: false)
        let sheet = try book.addSheet("S")
        sheet.write(.text(String(repeating: "x", count: 40_000)), row: 0, column: 0)
        sheet.write(.text("bell\u{7}tab\tend"), row: 1, column: 0)
        try book.close()
        let strings = try ExportTestSupport.unzip(file, "xl/sharedStrings.xml")
        XCTAssertTrue(strings.contains(String(repeating: "x", count: XLSXWorkbook.maxTextLength) + "</t>"))
        XCTAssertTrue(strings.contains("bell_x0007_tab\tend"), strings)
    }

    func testDatesBefore1900StayText() throws {
        let file = try ExportTestSupport.scratch(self).appendingPathComponent("t.xlsx")
        let book = try XLSXWorkbook(path: file.path, constantMemory: false)
        let sheet = try book.addSheet("S")
        sheet.write(.date(Day(year: 1899, month: 12, day: 31)!, .date), row: 0, column: 0)
        sheet.write(.date(Day(year: 1900, month: 3, day: 1)!, .date), row: 1, column: 0)
        try book.close()
        let xml = try ExportTestSupport.unzip(file, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<c r=\"A1\" t=\"s\">"), xml)
        XCTAssertTrue(xml.contains("<v>61</v>"), "1900-03-01 is serial 61 (after Excel's phantom 1900-02-29)")
        XCTAssertTrue(try ExportTestSupport.unzip(file, "xl/sharedStrings.xml").contains("1899-12-31"))
    }

    func testARepeatedSheetNameThrows() throws {
        let file = try ExportTestSupport.scratch(self).appendingPathComponent("t.xlsx")
        let book = try XLSXWorkbook(path: file.path, constantMemory: false)
        _ = try book.addSheet("Summary")
        XCTAssertThrowsError(try book.addSheet("Summary")) { error in
            XCTAssertTrue("\(error)".contains("adding sheet 'Summary'"), "\(error)")
        }
    }

    func testSheetWriterFitsWidthsCountingKoreanDouble() throws {
        let file = try ExportTestSupport.scratch(self).appendingPathComponent("t.xlsx")
        let book = try XLSXWorkbook(path: file.path, constantMemory: false)
        var writer = XLSXSheetWriter(try book.addSheet("S"))
        let top = writer.header(["A", "B", "C", "D"])
        writer.append([.text("한백푸드한백푸드"), .text("abcdefghijklmnop"), .text("abcdefgh"),
                       .decimal("1234567.89", .money)])
        writer.finishTable(headerRow: top, columns: 4)
        writer.fitColumns()
        try book.close()
        let xml = try ExportTestSupport.unzip(file, "xl/worksheets/sheet1.xml")
        // Widths are content + 2 (libxlsxwriter adds its padding to the fraction).
        for (column, width) in [(1, 18), (2, 18), (3, 10), (4, 14)] {
            XCTAssertTrue(xml.contains("<col min=\"\(column)\" max=\"\(column)\" width=\"\(width).7109375\""), "column \(column): \(xml)")
        }
        XCTAssertTrue(xml.contains("<autoFilter ref=\"A1:D2\"/>"))
    }
}
