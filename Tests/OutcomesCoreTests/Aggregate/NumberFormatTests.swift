import XCTest
@testable import OutcomesCore

final class NumberFormatTests: XCTestCase {
    func testMedianOfAnOddCountIsTheMiddleValue() {
        XCTAssertEqual(NumberFormat.median(days: [30, 2, 7]), "7.0")
        XCTAssertEqual(NumberFormat.median(days: [12]), "12.0")
    }

    func testMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        XCTAssertEqual(NumberFormat.median(days: [10, 1, 3, 2]), "2.5")
        XCTAssertEqual(NumberFormat.median(days: [1, 3]), "2.0")
        XCTAssertEqual(NumberFormat.median(days: [100, 0]), "50.0")
    }

    func testMedianOfNegativeDays() {
        XCTAssertEqual(NumberFormat.median(days: [-3, -4]), "-3.5")
        XCTAssertEqual(NumberFormat.median(days: [-1, 0]), "-0.5")
        XCTAssertEqual(NumberFormat.median(days: [-5, 20, 7]), "7.0")
    }

    func testMedianByCountingAgreesWithSortingForNarrowAndWideSpans() {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<400 {
            let n = Int.random(in: 1...60, using: &rng)
            // Narrow spans take the counting path, wide ones (and the extremes) the sorting path.
            let span = [3, 50, 400, 100_000, Int.max / 4][trial % 5]
            var days = (0..<n).map { _ in Int.random(in: -span...span, using: &rng) }
            if trial % 7 == 0 { days[0] = trial % 2 == 0 ? Int.min / 2 : Int.max / 2 }
            let sorted = days.sorted()
            let twice = Int128(sorted[(n - 1) / 2]) + Int128(sorted[n / 2])
            XCTAssertEqual(NumberFormat.median(days: days), NumberFormat.fixed(twice * 5, decimals: 1), "\(days)")
        }
    }

    func testMedianOfNothingIsEmpty() {
        XCTAssertEqual(NumberFormat.median(days: []), "")
    }

    func testFractionHasFourDecimals() {
        XCTAssertEqual(NumberFormat.fraction(1, 8), "0.1250")
        XCTAssertEqual(NumberFormat.fraction(1, 16), "0.0625")
        XCTAssertEqual(NumberFormat.fraction(1, 1), "1.0000")
        XCTAssertEqual(NumberFormat.fraction(0, 7), "0.0000")
        XCTAssertEqual(NumberFormat.fraction(45, 338), "0.1331")
    }

    func testFractionRoundsToNearest() {
        XCTAssertEqual(NumberFormat.fraction(1, 3), "0.3333")
        XCTAssertEqual(NumberFormat.fraction(2, 3), "0.6667")
        XCTAssertEqual(NumberFormat.fraction(1, 7), "0.1429")
        // 5/160000 = 0.00003125: 0.3125 of a unit, not a tie, rounds down.
        XCTAssertEqual(NumberFormat.fraction(5, 160_000), "0.0000")
    }

    func testFractionTiesGoToTheEvenLastDigit() {
        // 1/20000 = 0.00005 (0.5 unit) → 0; 3/20000 = 0.00015 → 2; 5/20000 = 0.00025 → 2; 7/20000 = 0.00035 → 4.
        XCTAssertEqual(NumberFormat.fraction(1, 20_000), "0.0000")
        XCTAssertEqual(NumberFormat.fraction(3, 20_000), "0.0002")
        XCTAssertEqual(NumberFormat.fraction(5, 20_000), "0.0002")
        XCTAssertEqual(NumberFormat.fraction(7, 20_000), "0.0004")
        // 1/32 = 0.03125 → 312.5 units → 312.
        XCTAssertEqual(NumberFormat.fraction(1, 32), "0.0312")
        // 3/32 = 0.09375 → 937.5 units → 938.
        XCTAssertEqual(NumberFormat.fraction(3, 32), "0.0938")
    }

    func testFractionOfZeroDenominatorIsEmpty() {
        XCTAssertEqual(NumberFormat.fraction(0, 0), "")
        XCTAssertEqual(NumberFormat.fraction(3, 0), "")
    }

    func testUSDHasExactlyTwoDecimals() {
        XCTAssertEqual(NumberFormat.usd(cents: 0), "0.00")
        XCTAssertEqual(NumberFormat.usd(cents: 5), "0.05")
        XCTAssertEqual(NumberFormat.usd(cents: 50), "0.50")
        XCTAssertEqual(NumberFormat.usd(cents: 100), "1.00")
        XCTAssertEqual(NumberFormat.usd(cents: 123_450), "1234.50")
        XCTAssertEqual(NumberFormat.usd(cents: 1_815_603_105), "18156031.05")
    }

    func testUSDNegativesKeepTheirSignAndLeadingZero() {
        XCTAssertEqual(NumberFormat.usd(cents: -5), "-0.05")
        XCTAssertEqual(NumberFormat.usd(cents: -50), "-0.50")
        XCTAssertEqual(NumberFormat.usd(cents: -123_456), "-1234.56")
    }

    func testUSDHandlesTheLargestCents() {
        XCTAssertEqual(NumberFormat.usd(cents: Int64.max), "92233720368547758.07")
        XCTAssertEqual(NumberFormat.usd(cents: Int64.min), "-92233720368547758.08")
    }
}
