import XCTest
@testable import OutcomesCore

final class CountryTableTests: XCTestCase {
    func country(_ cell: String) -> String { NormalizeCache(pool: testTexts).country(cell) }

    func testAlpha2AndAlpha3CodesInAnyCase() {
        XCTAssertEqual(country("CN"), "CN")
        XCTAssertEqual(country("kr"), "KR")
        XCTAssertEqual(country("VNM"), "VN")
    }

    func testEnglishKoreanAndChineseNames() {
        XCTAssertEqual(country("China"), "CN")
        XCTAssertEqual(country("중국"), "CN")
        XCTAssertEqual(country("中国"), "CN")
        XCTAssertEqual(country("Viet Nam"), "VN")
        XCTAssertEqual(country("베트남"), "VN")
        XCTAssertEqual(country("United States"), "US")
        XCTAssertEqual(country("미국"), "US")
        XCTAssertEqual(country("美国"), "US")
        XCTAssertEqual(country("대한민국"), "KR")
        XCTAssertEqual(country("日本"), "JP")
    }

    func testNamesMatchCaseAndWidthInsensitively() {
        XCTAssertEqual(country("  GERMANY "), "DE")
        XCTAssertEqual(country("ＵＳＡ"), "US")
    }

    func testUnrecognizedOrEmptyIsEmpty() {
        XCTAssertEqual(country("Atlantis"), "")
        XCTAssertEqual(country(""), "")
    }
}
