import XCTest
@testable import OutcomesCore

final class ExactDecimalTests: XCTestCase {
    func testCentsRoundHalfToEven() {
        // 230,003,000 KRW × 0.000715 = 164,452.145 USD: the tie goes to the even cent.
        let usd = ExactDecimal(plain: "230003000")!.multiplied(by: ExactDecimal(plain: "0.000715")!)!
        XCTAssertEqual(usd.cents, 16_445_214)
        XCTAssertEqual(ExactDecimal(plain: "0.135")!.cents, 14)
        XCTAssertEqual(ExactDecimal(plain: "0.125")!.cents, 12)
        XCTAssertEqual(ExactDecimal(plain: "0.1251")!.cents, 13)
        XCTAssertEqual(ExactDecimal(plain: "-0.125")!.cents, -12)
    }

    func testPlainStringDropsTrailingZeros() {
        XCTAssertEqual(ExactDecimal(plain: "1200000.00")!.plainString, "1200000")
        XCTAssertEqual(ExactDecimal(plain: "1234.50")!.plainString, "1234.5")
        XCTAssertEqual(ExactDecimal(plain: "0.05")!.plainString, "0.05")
    }

    func testPlainParserRefusesLooseForms() {
        for bad in [".5", "1.", "1,000", "1e3", "", "-", "1.2.3"] {
            XCTAssertNil(ExactDecimal(plain: Substring(bad)), bad)
        }
    }
}
