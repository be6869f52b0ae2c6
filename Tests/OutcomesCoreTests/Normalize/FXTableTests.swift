import XCTest
@testable import OutcomesCore

final class FXTableTests: XCTestCase {
    func day(_ s: String) -> Day { DateParser.parse(s)! }
    func rate(_ s: String) -> ExactDecimal { ExactDecimal(plain: Substring(s))! }

    lazy var table = FXTable(rates: [
        // Given out of order on purpose: the table sorts by day.
        "KRW": [(day("2026-03-01"), rate("0.00072")), (day("2026-01-01"), rate("0.00070"))],
        "CNY": [(day("2026-01-01"), rate("0.14"))],
    ])

    func testExactDateUsesThatDaysRate() {
        XCTAssertEqual(table.lookup("KRW", on: day("2026-03-01")), .rate(rate("0.00072")))
        XCTAssertEqual(table.lookup("KRW", on: day("2026-01-01")), .rate(rate("0.00070")))
    }

    func testDateInAGapUsesTheEarlierRate() {
        XCTAssertEqual(table.lookup("KRW", on: day("2026-02-28")), .rate(rate("0.00070")))
        XCTAssertEqual(table.lookup("KRW", on: day("2027-01-01")), .rate(rate("0.00072")))
    }

    func testDateBeforeTheFirstRateIsBeforeFirst() {
        XCTAssertEqual(table.lookup("KRW", on: day("2025-12-31")), .beforeFirst(day("2026-01-01")))
    }

    func testCurrencyWithoutRatesIsNoRates() {
        XCTAssertEqual(table.lookup("EUR", on: day("2026-06-03")), .noRates)
        XCTAssertFalse(table.hasRates("EUR"))
        XCTAssertTrue(table.hasRates("CNY"))
    }

    func testUSDIsAlwaysOne() {
        XCTAssertEqual(FXTable(rates: [:]).lookup("USD", on: day("1990-01-01")), .rate(ExactDecimal(1)))
        XCTAssertTrue(FXTable(rates: [:]).hasRates("USD"))
    }

    // MARK: - FXLoader

    func load(_ rows: [[String]]) -> FXLoader {
        var loader = FXLoader()
        for (i, row) in rows.enumerated() { loader.add(row, file: "fx.csv", line: i + 2) }
        return loader
    }

    func summary(_ issues: [RowIssue]) -> [String] {
        issues.map { "\($0.location.line):\($0.location.column):\($0.reason.rawValue):\($0.value)" }
    }

    func testSameDateCurrencyAndRateIsADuplicate() {
        let loader = load([["2026-01-01", "KRW", "0.0007"], ["2026-01-01", "krw", "0.00070"]])
        XCTAssertEqual([loader.counts.read, loader.counts.accepted, loader.counts.duplicate, loader.counts.rejected], [2, 1, 1, 0])
        XCTAssertEqual(loader.issues.count, 0)
    }

    func testSameDateCurrencyWithAnotherRateIsDuplicateID() {
        let loader = load([["2026-01-01", "KRW", "0.0007"], ["2026-01-01", "KRW", "0.0008"]])
        XCTAssertEqual(summary(loader.issues), ["3:usd_per_unit:duplicate_id:0.0008"])
        XCTAssertEqual([loader.counts.accepted, loader.counts.rejected], [1, 1])
        // The first rate is kept.
        XCTAssertEqual(loader.table().lookup("KRW", on: day("2026-01-01")), .rate(rate("0.0007")))
    }

    func testRateThatIsNotAPositivePlainDecimalIsBadFXRate() {
        let loader = load([["2026-01-01", "KRW", "0"], ["2026-01-02", "KRW", "-1"], ["2026-01-03", "KRW", "1e3"],
                           ["2026-01-04", "KRW", ""], ["2026-01-05", "KRW", "1,000"], ["2026-01-06", "KRW", ".5"]])
        XCTAssertEqual(summary(loader.issues), ["2:usd_per_unit:bad_fx_rate:0", "3:usd_per_unit:bad_fx_rate:-1",
                                                "4:usd_per_unit:bad_fx_rate:1e3", "5:usd_per_unit:bad_fx_rate:",
                                                "6:usd_per_unit:bad_fx_rate:1,000", "7:usd_per_unit:bad_fx_rate:.5"])
        XCTAssertEqual([loader.counts.read, loader.counts.rejected], [6, 6])
        XCTAssertEqual(loader.table().lookup("KRW", on: day("2026-02-01")), .noRates)
    }

    func testBadDateOrCurrencyIsBadFXRateOnThatColumn() {
        let loader = load([["2026-02-30", "KRW", "0.0007"], ["26-01-01", "KRW", "0.0007"], ["2026-01-01", "XYZ", "1.5"]])
        XCTAssertEqual(summary(loader.issues), ["2:date:bad_fx_rate:2026-02-30", "3:date:bad_fx_rate:26-01-01",
                                                "4:currency:bad_fx_rate:XYZ"])
    }

    func testUSDRowsAreIgnored() {
        let loader = load([["2026-01-01", "USD", "2"]])
        XCTAssertEqual(loader.table().lookup("USD", on: day("2026-06-01")), .rate(ExactDecimal(1)))
        XCTAssertEqual(loader.issues.count, 0)
        XCTAssertTrue(loader.counts.balances)
    }

    func testLoadedRatesAreLookedUpAsOf() {
        let loader = load([["2026/03/01", "CNY", "0.15"], ["2026-01-01", "CNY", "0.14"]])
        XCTAssertEqual(loader.table().lookup("CNY", on: day("2026-02-15")), .rate(rate("0.14")))
        XCTAssertEqual(loader.table().lookup("CNY", on: day("2026-03-15")), .rate(rate("0.15")))
    }
}
