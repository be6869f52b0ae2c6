import XCTest
@testable import OutcomesCore

/// leads.csv and contracts.csv rows are written by `RowBytes` from a `CellArena`; every field
/// must come out byte for byte as `CSVWriter` (which writes the small tables) writes it.
final class RowBytesTests: XCTestCase {
    func testFieldsEqualCSVWriterFields() {
        var rng = SeededGenerator(seed: 0x0B_7E5)
        let texts = ["", "L-1", "a,b", "say \"hi\"", "two\nlines", "cr\r", "=SUM(A1)", "+1", "-5", "-x", "@me", "\tx",
                     "한국 (주)", "plain", "\"", "-0.25", String(repeating: "z", count: 300)]
        let decimals: [ExactDecimal] = [ExactDecimal(0), ExactDecimal(-7), ExactDecimal(significand: 12_345, scale: 2),
                                        ExactDecimal(significand: -5, scale: 3), ExactDecimal(significand: 1_200, scale: 2),
                                        ExactDecimal(significand: Int128(Int64.max) * 1_000, scale: 4),
                                        ExactDecimal(significand: -Int128(UInt64.max), scale: 0),
                                        ExactDecimal(significand: 1, scale: 18), ExactDecimal(significand: 7, scale: 25)]
        for excel in [false, true] {
            var arena = CellArena()
            for t in texts { arena.add(t, excel: excel) }
            for round in 0..<400 {
                var w = CSVWriter(excel: excel)
                let r = RowBytes(capacity: 1, excel: excel)  // grows many times
                arena.withView { a in
                    for _ in 0..<(1 + Int(rng.next() % 12)) {
                        switch rng.next() % 7 {
                        case 0:
                            let t = texts[Int(rng.next() % UInt64(texts.count))]
                            w.field(t)
                            r.text(t)
                        case 1:
                            let i = Int(rng.next() % UInt64(texts.count))
                            w.field(texts[i])
                            r.cell(a, i)
                        case 2:
                            let v = Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 64)
                            w.integer(v)
                            r.integer(v)
                        case 3:
                            let c = Int64(truncatingIfNeeded: rng.next()) >> Int64(rng.next() % 64)
                            w.usd(cents: c)
                            r.usd(cents: c)
                        case 4:
                            let d = Day(ordinal: Int(rng.next() % 3_000_000))  // 1970 to 10183
                            if d.components.year <= 9999 {
                                w.day(d)
                                r.day(d)
                            }
                        case 5:
                            // A listed edge case, or any 64-bit significand at scales 0–6 (every length).
                            let d = rng.next() % 2 == 0 ? decimals[Int(rng.next() % UInt64(decimals.count))]
                                : ExactDecimal(significand: Int128(Int64(truncatingIfNeeded: rng.next()) >> Int64(rng.next() % 64)),
                                               scale: Int(rng.next() % 7))
                            w.decimal(d)
                            r.decimal(d)
                        default:
                            w.number("")
                            r.empty()
                        }
                    }
                }
                w.endRow()
                r.endRow()
                XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), String(decoding: w.bytes, as: UTF8.self), "excel \(excel) round \(round)")
            }
        }
    }

    /// Digit counts at every power of ten and one below it.
    func testDigitCountAtEveryPowerOfTen() {
        var p: UInt64 = 1
        for k in 1...19 {
            XCTAssertEqual(RowBytes.digitCount(p), k, "10^\(k - 1)")
            if p > 1 { XCTAssertEqual(RowBytes.digitCount(p - 1), k - 1, "10^\(k - 1) - 1") }
            p = p &* 10
        }
        XCTAssertEqual(RowBytes.digitCount(0), 1)
        XCTAssertEqual(RowBytes.digitCount(UInt64.max), 20)
    }

    func testAHandWrittenLeadRow() {
        var arena = CellArena()
        arena.add("Busan, KR", excel: false)
        let r = RowBytes(capacity: 8, excel: false)
        arena.withView { a in
            r.text("L-0001")
            r.day(Day(year: 2026, month: 3, day: 9)!)
            r.cell(a, 0)
            r.decimal(ExactDecimal(significand: 350_0000, scale: 4))
            r.usd(cents: -5)
            r.integer(0)
            r.empty()
        }
        r.endRow()
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "L-0001,2026-03-09,\"Busan, KR\",350,-0.05,0,\n")
    }
}
