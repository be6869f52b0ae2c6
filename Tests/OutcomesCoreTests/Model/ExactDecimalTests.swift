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

    /// The 64-bit product in cents equals the exact 128-bit one (multiplied, then rounded
    /// half-even), ties, negatives, scales past 18 and overflow included.
    func testCentsOfProductEqualsTheExactProductRounded() {
        var rng = SeededGenerator(seed: 0xCE_57)
        func value() -> ExactDecimal {
            let digits = Int(rng.next() % 20)
            var sig: Int128 = 0
            for _ in 0..<digits { sig = sig * 10 + Int128(rng.next() % 10) }
            if rng.next() % 4 == 0 { sig = -sig }
            if rng.next() % 8 == 0 { sig = sig * 5 }  // more exact halves
            return ExactDecimal(significand: sig, scale: Int(rng.next() % 19))
        }
        var fast = 0
        for _ in 0..<200_000 {
            let a = value(), b = value()
            let want = a.multiplied(by: b)?.cents
            XCTAssertEqual(a.centsOfProduct(with: b), want, "\(a.plainString) × \(b.plainString)")
            if want != nil { fast += 1 }
        }
        XCTAssertGreaterThan(fast, 10_000)
        // Exact halves round to even, both signs; a product past Int64 cents is nil.
        XCTAssertEqual(ExactDecimal(plain: "0.25")!.centsOfProduct(with: ExactDecimal(plain: "0.5")!), 12)
        XCTAssertEqual(ExactDecimal(plain: "0.35")!.centsOfProduct(with: ExactDecimal(plain: "0.5")!), 18)
        XCTAssertEqual(ExactDecimal(plain: "-0.25")!.centsOfProduct(with: ExactDecimal(plain: "0.5")!), -12)
        XCTAssertEqual(ExactDecimal(plain: "230003000")!.centsOfProduct(with: ExactDecimal(plain: "0.000715")!), 16_445_214)
        XCTAssertNil(ExactDecimal(plain: "92233720368547758")!.centsOfProduct(with: ExactDecimal(10)))
        // A 36-digit amount at a rate of 2 fits 128 bits but not its cents: nil, not a trap.
        let huge = ExactDecimal(plain: Substring(String(repeating: "9", count: 36)))!
        XCTAssertNil(huge.centsOfProduct(with: ExactDecimal(2)))
        XCTAssertNil(huge.multiplied(by: ExactDecimal(2))!.cents)
    }

    func testPlainStringDropsTrailingZeros() {
        XCTAssertEqual(ExactDecimal(plain: "1200000.00")!.plainString, "1200000")
        XCTAssertEqual(ExactDecimal(plain: "1234.50")!.plainString, "1234.5")
        XCTAssertEqual(ExactDecimal(plain: "0.05")!.plainString, "0.05")
    }

    func testTheCellParserAgreesWithThePlainParser() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-".utf8) + Array("9999".utf8) + [0x20, 0x2C, 0x65]
        var cells: [[UInt8]] = ["", "-", ".", "-.5", "1.", "0", "-0", "007", "1.5", "-12.25",
                                "999999999999999999", "9999999999999999999", "0.000000000000000001",
                                "0.0000000000000000001", "123456789012345678.9"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            cells.append((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        for cell in cells {
            let slow = ExactDecimal(plainUTF8: cell)
            let fast = cell.withUnsafeBytes { ExactDecimal(plainBytes: $0) }
            XCTAssertEqual(fast?.significand, slow?.significand, String(decoding: cell, as: UTF8.self))
            XCTAssertEqual(fast?.scale, slow?.scale, String(decoding: cell, as: UTF8.self))
        }
    }

    func testPlainParserRefusesLooseForms() {
        for bad in [".5", "1.", "1,000", "1e3", "", "-", "1.2.3"] {
            XCTAssertNil(ExactDecimal(plain: Substring(bad)), bad)
        }
    }
}
