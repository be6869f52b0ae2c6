import XCTest
@testable import OutcomesCore

final class ReportNumbersTests: XCTestCase {
    func testGroupingInsertsThousandsSeparatorsInTheIntegerPart() {
        XCTAssertEqual(ReportNumbers.grouped(0), "0")
        XCTAssertEqual(ReportNumbers.grouped(999), "999")
        XCTAssertEqual(ReportNumbers.grouped(1_000), "1,000")
        XCTAssertEqual(ReportNumbers.grouped(1_048_575), "1,048,575")
        XCTAssertEqual(ReportNumbers.grouped(decimal: "-1234567.89"), "-1,234,567.89")
        XCTAssertEqual(ReportNumbers.usd(cents: 123_456_789), "1,234,567.89")
        XCTAssertEqual(ReportNumbers.usd(cents: -5), "-0.05")
    }

    func testWholeDollarsRoundHalfToEven() {
        XCTAssertEqual(ReportNumbers.wholeDollars(cents: 250), "2")
        XCTAssertEqual(ReportNumbers.wholeDollars(cents: 350), "4")
        XCTAssertEqual(ReportNumbers.wholeDollars(cents: 123_456_789), "1,234,568")
    }

    func testPercentHasOneDecimalAndIsEmptyWithoutADenominator() {
        XCTAssertEqual(ReportNumbers.percent(1, 3), "33.3%")
        XCTAssertEqual(ReportNumbers.percent(2, 3), "66.7%")
        XCTAssertEqual(ReportNumbers.percent(1, 2000), "0.0%", "0.05% is a tie: half-even keeps 0.0")
        XCTAssertEqual(ReportNumbers.percent(3, 2000), "0.2%", "0.15% is a tie: half-even goes to 0.2")
        XCTAssertEqual(ReportNumbers.percent(5, 5), "100.0%")
        XCTAssertEqual(ReportNumbers.percent(1, 0), "")
    }

    func testWideCharactersCountDouble() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("한백푸드"), 8)
        XCTAssertEqual(DisplayWidth.of("北京贸易"), 8)
        XCTAssertEqual(DisplayWidth.of("(주)한백"), 8)
        XCTAssertEqual(DisplayWidth.of(String(repeating: "가", count: 100), limit: 60), 60)
        XCTAssertEqual(DisplayWidth.grouped("1234567.89"), 12, "1,234,567.89")
    }

    func testChartScaleEndsOnARoundTick() {
        XCTAssertEqual(HTMLCharts.niceScale(0).max, 1)
        XCTAssertEqual(HTMLCharts.niceScale(3).max, 3)
        XCTAssertEqual(HTMLCharts.niceScale(7).step, 2)
        XCTAssertEqual(HTMLCharts.niceScale(7).max, 8)
        XCTAssertEqual(HTMLCharts.niceScale(1234).step, 500)
        XCTAssertEqual(HTMLCharts.niceScale(1234).max, 1500)
        XCTAssertEqual(HTMLCharts.shortened("가나다라마바", columns: 7), "가나다…")
        XCTAssertEqual(HTMLCharts.shortened("short", columns: 7), "short")
    }

    func testEveryLabelExistsInBothLanguages() {
        XCTAssertEqual(Set(ReportLabels.english.keys), Set(ReportLabels.korean.keys))
        let used = OutputTables.measureColumns + OutputTables.summaryRows(ReportFixture.outcome().summary).map(\.0)
            + XLSXReport.Job.sheetKeys + LeadStatus.allCases.map { "stage_" + $0.rawValue }
            + TableKind.allCases.map { "table_" + $0.rawValue }
        for key in used { XCTAssertNotNil(ReportLabels.english[key], key) }
        XCTAssertTrue(Set(HTMLReport.Page.measures).isSubset(of: OutputTables.measureColumns))
        for column in OutputTables.measureColumns { _ = HTMLReport.Page.measureText(column, GroupStats(), total: 0) }
    }
}
