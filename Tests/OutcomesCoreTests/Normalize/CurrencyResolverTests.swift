import XCTest
@testable import OutcomesCore

final class CurrencyResolverTests: XCTestCase {
    func testColumnAcceptsISOCodesInAnyCase() {
        XCTAssertEqual(CurrencyResolver.read("KRW"), .code("KRW"))
        XCTAssertEqual(CurrencyResolver.read("usd"), .code("USD"))
        XCTAssertEqual(CurrencyResolver.read("Jpy"), .code("JPY"))
        XCTAssertEqual(CurrencyResolver.read("ＥＵＲ"), .code("EUR"))
    }

    func testColumnAcceptsMarksAndWords() {
        XCTAssertEqual(CurrencyResolver.read("원"), .code("KRW"))
        XCTAssertEqual(CurrencyResolver.read("RMB"), .code("CNY"))
        XCTAssertEqual(CurrencyResolver.read("rmb"), .code("CNY"))
        XCTAssertEqual(CurrencyResolver.read("$"), .code("USD"))
        XCTAssertEqual(CurrencyResolver.read("US$"), .code("USD"))
        XCTAssertEqual(CurrencyResolver.read("₩"), .code("KRW"))
        XCTAssertEqual(CurrencyResolver.read("元"), .code("CNY"))
        XCTAssertEqual(CurrencyResolver.read("€"), .code("EUR"))
    }

    func testCodeOutsideISO4217IsUnknown() {
        XCTAssertEqual(CurrencyResolver.read("XYZ"), .unknown)
        XCTAssertEqual(CurrencyResolver.read("HRK"), .unknown)
        XCTAssertEqual(CurrencyResolver.read("dollars"), .unknown)
        XCTAssertEqual(CurrencyResolver.read("US"), .unknown)
    }

    func testEmptyColumnIsNone() {
        XCTAssertEqual(CurrencyResolver.read(""), .none)
    }

    func testNeitherMarkNorColumnGivesTheDefault() {
        XCTAssertEqual(CurrencyResolver.combine(mark: nil, column: nil, default: "KRW"), "KRW")
    }

    func testOneOfMarkOrColumnWins() {
        XCTAssertEqual(CurrencyResolver.combine(mark: "USD", column: nil, default: "KRW"), "USD")
        XCTAssertEqual(CurrencyResolver.combine(mark: nil, column: "EUR", default: "KRW"), "EUR")
    }

    func testYenSignAloneIsCNY() {
        XCTAssertEqual(CurrencyResolver.combine(mark: "¥", column: nil, default: "KRW"), "CNY")
        XCTAssertEqual(CurrencyResolver.combine(mark: nil, column: "¥", default: "KRW"), "CNY")
        XCTAssertEqual(CurrencyResolver.combine(mark: "¥", column: "CNY", default: "KRW"), "CNY")
    }

    func testYenSignWithJPYColumnIsJPY() {
        XCTAssertEqual(CurrencyResolver.combine(mark: "¥", column: "JPY", default: "KRW"), "JPY")
    }

    func testMarkThatDisagreesWithTheColumnIsAConflict() {
        XCTAssertNil(CurrencyResolver.combine(mark: "USD", column: "KRW", default: "KRW"))
        XCTAssertNil(CurrencyResolver.combine(mark: "¥", column: "KRW", default: "KRW"))
        XCTAssertNil(CurrencyResolver.combine(mark: "CNY", column: "JPY", default: "KRW"))
    }

    func testAgreeingMarkAndColumnAreThatCurrency() {
        XCTAssertEqual(CurrencyResolver.combine(mark: "KRW", column: "KRW", default: "USD"), "KRW")
    }
}
