import Foundation
import XCTest
@testable import OutcomesCore

final class XLSXReportTests: XCTestCase {
    /// Writes the fixture's report.xlsx and returns its path.
    func writeReport(_ language: ReportLanguage = .en, options: XLSXReport.Options = .init(),
                     outcome: Outcome = ReportFixture.outcome()) throws -> URL {
        let file = try ExportTestSupport.scratch(self).appendingPathComponent("report.xlsx")
        try XLSXReport.write(outcome, context: ReportFixture.context(language), to: file.path, options: options)
        return file
    }

    /// The sheet XML of every worksheet, in workbook order.
    func sheets(_ file: URL, count: Int = 10) throws -> [String] {
        try (1...count).map { try ExportTestSupport.unzip(file, "xl/worksheets/sheet\($0).xml") }
    }

    /// The `<c>` element of a cell, e.g. `B10`.
    func cell(_ ref: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<c r=\"\(ref)\"") else { return nil }
        guard let end = xml.range(of: "</c>", range: start.upperBound..<xml.endIndex) else { return nil }
        let element = String(xml[start.lowerBound..<end.upperBound])
        // A cell without content is self-closed; then stop at its own end.
        if let selfClosed = element.range(of: "/>"), !element[..<selfClosed.lowerBound].contains(">") {
            return String(element[..<selfClosed.upperBound])
        }
        return element
    }

    /// The shared strings in index order, entities decoded.
    func sharedStrings(_ file: URL) throws -> [String] {
        let xml = try ExportTestSupport.unzip(file, "xl/sharedStrings.xml")
        return xml.components(separatedBy: "<si>").dropFirst().map { item in
            let inner = item.components(separatedBy: "</si>")[0]
            let text = inner.replacingOccurrences(of: #"<t[^>]*>"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "</t>", with: "")
            return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The text of a shared-string cell.
    func text(_ ref: String, in xml: String, strings: [String]) -> String? {
        guard let c = cell(ref, in: xml), c.contains("t=\"s\""),
              let v = c.range(of: #"(?<=<v>)\d+(?=</v>)"#, options: .regularExpression) else { return nil }
        return strings[Int(c[v])!]
    }

    /// The file records the run's date as its creation time, not the clock's: two reports of
    /// the same outcome and run date, written a second apart, are the same bytes.
    func testSameRunDateGivesTheSameBytes() throws {
        let first = try Data(contentsOf: writeReport())
        sleep(1)
        let second = try Data(contentsOf: writeReport())
        XCTAssertEqual(first, second)
        let core = try ExportTestSupport.unzip(writeReport(), "docProps/core.xml")
        XCTAssertTrue(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-06-03T00:00:00Z</dcterms:created>"), core)
    }

    func testSheetsAreNamedInOrder() throws {
        let workbook = try ExportTestSupport.unzip(try writeReport(), "xl/workbook.xml")
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { $0.components(separatedBy: "\"")[0] }
        XCTAssertEqual(names, ["Summary", "Sectors", "Companies", "Events", "Countries", "Monthly", "Funnel", "Leads",
                               "Contracts", "Rejects"])
    }

    func testKoreanPipelineGetsKoreanSheetNamesAndLabels() throws {
        let file = try writeReport(.ko)
        let workbook = try ExportTestSupport.unzip(file, "xl/workbook.xml")
        XCTAssertTrue(workbook.contains("<sheet name=\"요약\""), workbook)
        XCTAssertTrue(workbook.contains("<sheet name=\"제외된 행\""), workbook)
        let strings = try sharedStrings(file)
        let summary = try ExportTestSupport.unzip(file, "xl/worksheets/sheet1.xml")
        XCTAssertEqual(text("A1", in: summary, strings: strings), "지표")
        XCTAssertEqual(text("A4", in: summary, strings: strings), "읽은 행")
    }

    func testSummaryHoldsTypedMetricsWithLabels() throws {
        let file = try writeReport()
        let strings = try sharedStrings(file)
        let xml = try ExportTestSupport.unzip(file, "xl/worksheets/sheet1.xml")
        // Row 1 header, 2 pipeline, 3 run date, then the 18 metrics of summary.csv in order.
        XCTAssertEqual(text("A2", in: xml, strings: strings), "Pipeline")
        XCTAssertEqual(text("B2", in: xml, strings: strings), "ciepec-2026")
        XCTAssertEqual(text("A3", in: xml, strings: strings), "Run date")
        let runDate = try XCTUnwrap(cell("B3", in: xml))
        XCTAssertFalse(runDate.contains("t=\""), runDate)
        XCTAssertTrue(runDate.contains("<v>\(excelSerial("2026-06-03"))</v>"), runDate)
        XCTAssertEqual(text("A11", in: xml, strings: strings), "Consultation value (USD)")
        let value = try XCTUnwrap(cell("B11", in: xml))
        XCTAssertTrue(value.contains("<v>2098.56</v>"), value)
        XCTAssertFalse(value.contains("t=\""), "a number, not a string: \(value)")
        XCTAssertTrue(try XCTUnwrap(cell("B13", in: xml)).contains("<v>5250.5</v>"))
        XCTAssertEqual(text("A18", in: xml, strings: strings), "Conversion rate")
        XCTAssertTrue(try XCTUnwrap(cell("B18", in: xml)).contains("<v>0.3333</v>"))
        XCTAssertTrue(try XCTUnwrap(cell("B21", in: xml)).contains("<v>50</v>"))
        // The input counts follow the metrics table after one empty row.
        XCTAssertEqual(text("A23", in: xml, strings: strings), "Input file")
        XCTAssertEqual(text("A24", in: xml, strings: strings), "input/consultations.csv")
        XCTAssertTrue(try XCTUnwrap(cell("C24", in: xml)).contains("<v>5</v>"))
    }

    func testNumberFormatsAreMoneyRatePercentAndDate() throws {
        let file = try writeReport()
        let styles = try ExportTestSupport.unzip(file, "xl/styles.xml")
        for code in ["#,##0.00", "0.0%", "yyyy-mm-dd", "yyyy-mm", "#,##0"] {
            XCTAssertTrue(styles.contains("formatCode=\"\(code)\""), code)
        }
        XCTAssertTrue(styles.contains("<b/>"), "a bold font for headers")
    }

    func testHeaderIsFrozenAndEveryTableFiltered() throws {
        let file = try writeReport()
        let xml = try sheets(file)
        for (i, sheet) in xml.enumerated() {
            XCTAssertTrue(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), "sheet \(i + 1)")
            XCTAssertTrue(sheet.contains("<autoFilter ref=\"A1:"), "sheet \(i + 1)")
            XCTAssertTrue(sheet.contains("<cols>"), "sheet \(i + 1) has fitted widths")
        }
        XCTAssertTrue(xml[0].contains("<autoFilter ref=\"A1:B21\"/>"))
        XCTAssertTrue(xml[7].contains("<autoFilter ref=\"A1:W4\"/>"), "Leads: 23 columns, 3 rows")
        XCTAssertTrue(xml[9].contains("<autoFilter ref=\"A1:F6\"/>"), "Rejects: 6 columns, 5 rows")
    }

    func testLeadCellsAreTyped() throws {
        let file = try writeReport()
        let strings = try sharedStrings(file)
        let leads = try sheets(file)[7]
        XCTAssertEqual(text("A2", in: leads, strings: strings), "C-001")
        let date = try XCTUnwrap(cell("B2", in: leads))
        XCTAssertTrue(date.contains("<v>\(excelSerial("2026-01-10"))</v>") && !date.contains("t=\""), date)
        XCTAssertTrue(try XCTUnwrap(cell("L2", in: leads)).contains("<v>1234.56</v>"), "amount")
        let usd = try XCTUnwrap(cell("N2", in: leads))
        XCTAssertTrue(usd.contains("<v>1234.56</v>") && !usd.contains("t=\""), usd)
        XCTAssertTrue(try XCTUnwrap(cell("S2", in: leads)).contains("t=\"b\""), "converted is a boolean")
        XCTAssertTrue(try XCTUnwrap(cell("T2", in: leads)).contains("<v>\(excelSerial("2026-03-01"))</v>"))
        XCTAssertTrue(try XCTUnwrap(cell("U2", in: leads)).contains("<v>50</v>"))
        XCTAssertEqual(text("V2", in: leads, strings: strings), "input/consultations.csv")
        XCTAssertNil(cell("L4", in: leads), "an empty amount is an empty cell")
    }

    func testMonthsAreDatesAndSectorsKeepTheirOrder() throws {
        let file = try writeReport()
        let strings = try sharedStrings(file)
        let all = try sheets(file)
        let monthly = all[5]
        XCTAssertTrue(try XCTUnwrap(cell("A2", in: monthly)).contains("<v>\(excelSerial("2026-01-01"))</v>"))
        let sectors = all[1]
        XCTAssertEqual((2...5).map { text("B\($0)", in: sectors, strings: strings) }, ["BEAUTY", "COS", "AGRI", "FOOD"])
        XCTAssertEqual(text("A2", in: sectors, strings: strings), "Group")
        XCTAssertEqual(text("C5", in: sectors, strings: strings), "가공식품")
        XCTAssertTrue(try XCTUnwrap(cell("J3", in: sectors)).contains("<v>5000</v>"), "export value of COS")
    }

    func testHostileTextStaysText() throws {
        let file = try writeReport()
        // unzip reads `[` in a member name as a pattern; [Content_Types].xml holds no cells anyway.
        for member in try ExportTestSupport.members(file) where member.hasSuffix(".xml") && !member.contains("[") {
            XCTAssertFalse(try ExportTestSupport.unzip(file, member).contains("<f>"), member)
        }
        let strings = try sharedStrings(file)
        XCTAssertTrue(strings.contains(ReportFixture.hostileFormula))
        XCTAssertTrue(strings.contains(ReportFixture.hostileScript))
        for value in ["=1+2", "-2+3", "@SUM(A1:A2)", "+cmd|' /C calc'!A0"] { XCTAssertTrue(strings.contains(value), value) }
        let all = try sheets(file)
        XCTAssertEqual(text("E2", in: all[7], strings: strings), ReportFixture.hostileFormula)
        XCTAssertEqual(text("D2", in: all[9], strings: strings), "=1+2")
    }

    func testConstantMemoryModeWritesInlineTextAndNoFormulas() throws {
        let file = try writeReport(options: .init(constantMemory: true))
        let all = try sheets(file)
        XCTAssertFalse(try ExportTestSupport.members(file).contains("xl/sharedStrings.xml"))
        XCTAssertTrue(all[7].contains("<c r=\"E2\" t=\"inlineStr\"><is><t>=HYPERLINK(\"http://x\",\"y\")</t></is></c>"), all[7])
        XCTAssertTrue(all[2].contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(all[0].contains("<v>2098.56</v>"))
        for sheet in all { XCTAssertFalse(sheet.contains("<f>")) }
        XCTAssertTrue(all[0].contains("state=\"frozen\"") && all[0].contains("<autoFilter ref=\"A1:B21\"/>"))
    }

    func testLongTablesStopAtTheRowLimitWithANote() throws {
        let file = try writeReport(options: .init(rowLimit: 2))
        let strings = try sharedStrings(file)
        let leads = try sheets(file)[7]
        XCTAssertNotNil(cell("A3", in: leads))
        XCTAssertNil(cell("A4", in: leads), "the third lead is cut")
        XCTAssertEqual(text("Y1", in: leads, strings: strings), "Excel holds 2 rows here; 1 more are in leads.csv.")
        XCTAssertTrue(leads.contains("<autoFilter ref=\"A1:W3\"/>"))
        XCTAssertNil(cell("Y1", in: try sheets(file)[8]), "contracts fit: no note")
    }

    func testChartsShowSectorsAndMonths() throws {
        let file = try writeReport()
        let members = try ExportTestSupport.members(file)
        XCTAssertTrue(members.contains("xl/charts/chart1.xml") && members.contains("xl/charts/chart2.xml"), "\(members)")
        let bar = try ExportTestSupport.unzip(file, "xl/charts/chart1.xml")
        XCTAssertTrue(bar.contains("<c:barChart>") && bar.contains("<c:f>Summary!$B$28:$B$29</c:f>"), bar)
        let line = try ExportTestSupport.unzip(file, "xl/charts/chart2.xml")
        XCTAssertTrue(line.contains("<c:lineChart>") && line.contains("<c:f>Monthly!$F$2:$F$4</c:f>"), line)
    }

    func testMissingFolderThrowsExportError() {
        let path = "/nonexistent-\(UUID().uuidString)/report.xlsx"
        XCTAssertThrowsError(try XLSXReport.write(ReportFixture.outcome(), context: ReportFixture.context(), to: path)) { error in
            XCTAssertEqual(error as? ExportError, .folderNotWritable(path: path, reason: "No such file or directory"))
            XCTAssertEqual("\(error)", "cannot write \(path): No such file or directory; check that the folder exists and is writable")
        }
    }

    func testFailedCloseThrowsTheLibraryError() throws {
        // The folder is writable when the workbook starts but gone when it is written.
        let folder = try ExportTestSupport.scratch(self).appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("report.xlsx").path
        let book = try XLSXWorkbook(path: path, constantMemory: false)
        _ = try book.addSheet("S")
        try FileManager.default.removeItem(at: folder)
        XCTAssertThrowsError(try book.close()) { error in
            guard case let ExportError.xlsx(errorPath, step, code, reason, fix)? = error as? ExportError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual(step, "writing the workbook file")
            XCTAssertNotEqual(code, 0)
            XCTAssertFalse(reason.isEmpty)
            XCTAssertEqual(fix, "check that the folder exists and is writable")
        }
    }

    /// Excel's serial day number (1900 date system) of an ISO date.
    func excelSerial(_ iso: String) -> Int {
        25_569 + ReportFixture.day(iso).ordinal
    }

    /// An own-currency amount shows its decimals past two (`0.125` was shown 0.13); whole
    /// amounts grouped, two decimals as money.
    func testAmountsShowTheirOwnDecimals() {
        func style(_ text: String) -> String {
            guard case let .decimal(written, style) = XLSXReport.Job.amount(ExactDecimal(plain: Substring(text))) else { return "not a decimal" }
            return "\(written) \(style)"
        }
        XCTAssertEqual(style("0.125"), "0.125 fineMoney")
        XCTAssertEqual(style("81391.782"), "81391.782 fineMoney")
        XCTAssertEqual(style("892.44"), "892.44 money")
        XCTAssertEqual(style("1200000000"), "1200000000 count")
    }
}
