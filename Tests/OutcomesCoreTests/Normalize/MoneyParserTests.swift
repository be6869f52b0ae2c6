import XCTest
@testable import OutcomesCore

final class MoneyParserTests: XCTestCase {
    /// The parsed amount as a plain decimal and the mark's currency; nil when refused.
    func parse(_ cell: String) -> (String, String?)? {
        switch MoneyParser.parse(cell) {
        case .success(let p): return (p.amount.plainString, p.mark)
        case .failure: return nil
        }
    }

    func assertAmount(_ cell: String, _ amount: String, mark: String? = nil, line: UInt = #line) {
        guard let (value, m) = parse(cell) else {
            return XCTFail("'\(cell)' was refused, expected \(amount)", line: line)
        }
        XCTAssertEqual(value, amount, "'\(cell)'", line: line)
        XCTAssertEqual(m, mark, "mark of '\(cell)'", line: line)
    }

    func assertBad(_ cell: String, line: UInt = #line) {
        if let (value, mark) = parse(cell) {
            XCTFail("'\(cell)' parsed as \(value) \(mark ?? "-"), expected bad_money", line: line)
        }
    }

    // MARK: - The contract's examples (section 1.5)

    func testThousandsSeparatorsAreDropped() {
        assertAmount("1,200,000", "1200000")
        assertAmount("1,234.56", "1234.56")
        assertAmount("999", "999")
    }

    func testThinSpaceGroupsLikeCommas() {
        assertAmount("1\u{2009}200\u{2009}000", "1200000")
    }

    func testUSDPrefixWithMegaSuffix() {
        assertAmount("USD 1.2M", "1200000", mark: "USD")
    }

    func testWonSignWithEokUnit() {
        assertAmount("₩12억", "1200000000", mark: "KRW")
    }

    func testWanUnitWithYuanSuffix() {
        assertAmount("350万元", "3500000", mark: "CNY")
    }

    func testDecimalEokWithWonSuffix() {
        assertAmount("1.5억원", "150000000", mark: "KRW")
    }

    // MARK: - CJK units (section 4)

    func testMixedKoreanUnitsAddUp() {
        assertAmount("1억 2천만", "120000000")
        assertAmount("12억 5000만원", "1250000000", mark: "KRW")
        assertAmount("3천만원", "30000000", mark: "KRW")
    }

    func testManwonSuffixScalesByTenThousand() {
        assertAmount("만원", "10000", mark: "KRW")
        assertAmount("5만", "50000")
    }

    func testTrailingNumberAfterAUnitIsReadLiterally() {
        assertAmount("1억2천", "100002000")
        assertAmount("1억 500", "100000500")
    }

    func testChineseUnits() {
        assertAmount("5亿", "500000000")
        assertAmount("3千", "3000")
        assertAmount("1亿2千万", "120000000")
    }

    func testBareUnitCountsOne() {
        assertAmount("억원", "100000000", mark: "KRW")
        assertAmount("천원", "1000", mark: "KRW")
        assertAmount("천만원", "10000000", mark: "KRW")
    }

    func testWonAndYuanAreMarksNotUnitsSoLatinMagnitudeMayPrecedeThem() {
        assertAmount("5K원", "5000", mark: "KRW")
        assertAmount("1.2M元", "1200000", mark: "CNY")
    }

    func testCJKUnitsMustDecrease() {
        assertBad("1만 2억")
        assertBad("2천 3천")
        assertBad("1억 2억")
    }

    // MARK: - Number shapes

    func testSeparatorsMustGroupByThree() {
        assertBad("1,2,3")
        assertBad("1,2345")
        assertBad("1234,567")
        assertBad("12,34")
    }

    func testEuropeanDecimalCommaIsBad() {
        assertBad("1.200.000,50")
        assertBad("1.200,50")
    }

    func testBareDecimalPointIsBad() {
        assertBad(".5")
        assertBad("1.")
        assertBad("1..5")
    }

    func testZeroIsAValue() {
        assertAmount("0", "0")
        assertAmount("0.00", "0")
    }

    func testMagnitudeLettersAreCaseInsensitiveAndMayFollowASpace() {
        assertAmount("5 k", "5000")
        assertAmount("5K", "5000")
        assertAmount("2.5m", "2500000")
        assertAmount("1 B", "1000000000")
        assertAmount("$3k", "3000", mark: "USD")
    }

    func testParenthesesAndMinusMakeNegatives() {
        assertAmount("(500)", "-500")
        assertAmount("-5", "-5")
        assertAmount("-$5", "-5", mark: "USD")
        assertAmount("−1,000", "-1000")
    }

    func testLatinMagnitudeMixedWithCJKUnitIsBad() {
        assertBad("1억5K")
        assertBad("5M만")
        assertBad("2k 3천")
    }

    func testTwoDisagreeingMarksAreBad() {
        assertBad("USD 100원")
        assertBad("$5 EUR")
        assertBad("₩100元")
    }

    func testAgreeingMarksAreOneMark() {
        assertAmount("$5 USD", "5", mark: "USD")
        assertAmount("₩1,000원", "1000", mark: "KRW")
    }

    func testFullWidthDigitsAreRead() {
        assertAmount("１２３", "123")
        assertAmount("１，２００", "1200")
        assertAmount("￦５００", "500", mark: "KRW")
    }

    func testYenSignIsKeptForTheColumnToDecide() {
        assertAmount("¥500", "500", mark: "¥")
        assertAmount("500 ¥", "500", mark: "¥")
    }

    func testMarksAreCaseInsensitive() {
        assertAmount("usd 5", "5", mark: "USD")
        assertAmount("5 Usd", "5", mark: "USD")
        assertAmount("rmb 10", "10", mark: "CNY")
        assertAmount("Krw 7", "7", mark: "KRW")
    }

    func testEveryMarkOfTheContract() {
        for (cell, mark) in [("$1", "USD"), ("US$1", "USD"), ("USD1", "USD"), ("₩1", "KRW"), ("KRW 1", "KRW"),
                             ("1원", "KRW"), ("CNY 1", "CNY"), ("RMB1", "CNY"), ("1元", "CNY"), ("€1", "EUR"),
                             ("EUR 1", "EUR")] {
            assertAmount(cell, "1", mark: mark)
        }
    }

    func testTextThatIsNotANumberIsBad() {
        for cell in ["abc", "USD", "원", "1-2", "1e3", "12 34", "--5", "1.2.3", "$", "N/A"] {
            assertBad(cell)
        }
    }

    func testDecimalsAreExactNotBinaryFloatingPoint() {
        // 0.1 + 0.2 is not 0.3 in Double; here the parsed value keeps its digits.
        let parsed = try! MoneyParser.parse("0.1").get()
        XCTAssertEqual(parsed.amount, ExactDecimal(significand: 1, scale: 1))
        XCTAssertEqual(parsed.amount.adding(try! MoneyParser.parse("0.2").get().amount)?.plainString, "0.3")
    }
}
