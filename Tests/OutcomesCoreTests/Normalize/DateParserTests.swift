import XCTest
@testable import OutcomesCore

final class DateParserTests: XCTestCase {
    func assertDay(_ cell: String, _ iso: String, excel: Bool = false, line: UInt = #line) {
        XCTAssertEqual(DateParser.parse(cell, excelSerial: excel)?.description, iso, "'\(cell)'", line: line)
    }

    func assertBad(_ cell: String, excel: Bool = false, line: UInt = #line) {
        if let day = DateParser.parse(cell, excelSerial: excel) {
            XCTFail("'\(cell)' parsed as \(day), expected bad_date", line: line)
        }
    }

    func testEveryFormOfTheContract() {
        for cell in ["2026-06-03", "2026/06/03", "2026.06.03", "2026. 6. 3.", "20260603",
                     "2026년 6월 3일", "2026年6月3日"] {
            assertDay(cell, "2026-06-03")
        }
    }

    func testOneDigitMonthAndDayInEverySeparatorForm() {
        for cell in ["2026-6-3", "2026/6/3", "2026.6.3", "2026. 06. 03.", "2026년6월3일",
                     "2026년 6월 3일", "2026年 6月 3日", "2026-06-3", "2026/6/03"] {
            assertDay(cell, "2026-06-03")
        }
        assertDay("2026-12-1", "2026-12-01")
        assertDay("2026. 11. 30.", "2026-11-30")
    }

    func testTimeAfterTheDateIsIgnored() {
        for cell in ["2026-06-03 10:00", "2026-06-03 0:00:00", "2026/6/3 23:59:59", "2026.06.03 10:00",
                     "2026. 6. 3. 10:00", "20260603 10:00", "2026-06-03T10:00:00", "2026-06-03 10:00:00.000",
                     "2026-06-03 9:05 PM", "2026년 6월 3일 10:00"] {
            assertDay(cell, "2026-06-03")
        }
    }

    /// Korean Excel writes the half of the day before the time; ISO timestamps carry a zone.
    func testTimesWithTheHalfOfTheDayFirstOrAZoneAreIgnored() {
        for cell in ["2026-06-03 오후 3:00:00", "2026-06-03 오전 9:00", "2026/6/3 下午 3:00", "2026-06-03 上午 10:00:00",
                     "2026-06-03T10:00:00Z", "2026-06-03T10:00:00+09:00", "2026-06-03 10:00:00.123-0500", "2026-06-03 PM 3:00"] {
            assertDay(cell, "2026-06-03")
        }
        assertBad("2026-06-03 오후")
        assertBad("2026-06-03 오후 3")
        assertBad("2026-06-03T10:00:00+9")
        assertBad("2026-06-03 10:00 KST")
    }

    func testTextAfterTheDateThatIsNotATimeIsBad() {
        assertBad("2026-06-03 noon")
        assertBad("2026-06-03x")
        assertBad("2026-06-03 10")
        assertBad("2026-06-03 10:0")
    }

    func testFullWidthDigitsAreRead() {
        assertDay("２０２６－０６－０３", "2026-06-03")
    }

    func testImpossibleDatesAreBad() {
        assertBad("2026-02-30")
        assertBad("2026-04-31")
        assertBad("2026-13-01")
        assertBad("2026-00-10")
        assertBad("2026-06-00")
        assertBad("20260230")
        assertBad("2026년 2월 30일")
    }

    func testLeapDayExistsOnlyInLeapYears() {
        assertBad("2025-02-29")
        assertDay("2024-02-29", "2024-02-29")
        assertDay("2000-02-29", "2000-02-29")
        assertBad("1900-02-29")
    }

    func testTwoDigitYearsAreBad() {
        assertBad("26-06-03")
        assertBad("26/6/3")
        assertBad("260603")
        assertBad("06/03/2026")
        assertBad("03.06.2026")
    }

    func testMixedSeparatorsAndOtherShapesAreBad() {
        assertBad("2026-06/03")
        assertBad("2026.06-03")
        assertBad("2026년 6月 3일")
        assertBad("2026-06")
        assertBad("2026")
        assertBad("2026-006-03")
        assertBad("June 3, 2026")
        assertBad("")
    }

    func testExcelSerialCountsFrom1899December30WhenEnabled() {
        // 46023 is 2026-01-01 (45292 = 2024-01-01, + 366 + 365); 46175 is 152 days later.
        assertDay("46175", "2026-06-02", excel: true)
        assertDay("46023", "2026-01-01", excel: true)
        assertDay("61", "1900-03-01", excel: true)
    }

    func testExcelSerialIsBadWhenNotEnabled() {
        assertBad("46175")
        assertBad("46023")
    }

    func testExcelSerialDoesNotHideTheOtherForms() {
        assertDay("20260603", "2026-06-03", excel: true)
        assertDay("2026-06-03", "2026-06-03", excel: true)
        assertBad("60", excel: true)
        assertBad("46175.", excel: true)
        assertBad("46175.5x", excel: true)
        assertBad("46175.5")
    }

    /// A serial with a fraction is a day and a time (what Excel exports for a date-time cell);
    /// the time is ignored as after any date.
    func testExcelSerialWithATimeOfDayIsThatDay() {
        assertDay("46175.5", "2026-06-02", excel: true)
        assertDay("46175.999988426", "2026-06-02", excel: true)
        assertDay("46023.0", "2026-01-01", excel: true)
    }

    func testDayArithmeticAcrossYears() {
        let a = DateParser.parse("2025-01-01")!
        XCTAssertEqual(a.days(to: DateParser.parse("2026-01-01")!), 365)
        XCTAssertEqual(DateParser.parse("2024-01-01")!.days(to: DateParser.parse("2025-01-01")!), 366)
        XCTAssertEqual(DateParser.parse("1970-01-01")!.ordinal, 0)
        XCTAssertEqual(a.monthKey, "2025-01")
    }

    /// The components table covers 1900–2099 and agrees with the computation at its edges and
    /// beyond them.
    func testComponentsTableAgreesWithTheComputation() {
        XCTAssertEqual(Day(ordinal: Day.tableFirst).description, "1900-01-01")
        XCTAssertEqual(Day(ordinal: Day.tableFirst + Day.table.count - 1).description, "2099-12-31")
        for ordinal in stride(from: -800_000, through: 2_900_000, by: 97) + [Day.tableFirst - 1, Day.tableFirst,
                                                                            Day.tableFirst + Day.table.count - 1,
                                                                            Day.tableFirst + Day.table.count] {
            let d = Day(ordinal: ordinal)
            XCTAssertTrue(d.components == d.computedComponents, "ordinal \(ordinal)")
        }
        XCTAssertEqual(Day(year: 2024, month: 2, day: 29)!.components.day, 29)
        XCTAssertEqual(Day(year: 1899, month: 12, day: 31)!.description, "1899-12-31")
        XCTAssertEqual(Day(year: 2100, month: 1, day: 1)!.monthKey, "2100-01")
    }
}
