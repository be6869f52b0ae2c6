import XCTest
@testable import OutcomesCore

/// `IntTable` against a Dictionary: values found after many growths, first insertion kept,
/// `make` called once per new key.
final class IntTableTests: XCTestCase {
    func testMatchesADictionaryThroughGrowth() {
        var rng = SeededGenerator(seed: 0x1E7_7AB)
        var table = IntTable<Int32>(capacity: 1, filler: -1)
        var reference: [UInt64: Int32] = [:]
        var made = 0
        for _ in 0..<20_000 {
            // Keys from a small range repeat; the high bits vary too; never UInt64.max.
            let key = (rng.next() % 5_000) | (rng.next() % 3) << 62
            let before = table.count
            let value = table.value(key) {
                made += 1
                return Int32(before)
            }
            if let known = reference[key] {
                XCTAssertEqual(value, known)
            } else {
                reference[key] = value
            }
        }
        XCTAssertEqual(made, reference.count)
        XCTAssertEqual(table.count, reference.count)
        for (key, value) in reference { XCTAssertEqual(table.find(key), value) }
        XCTAssertNil(table.find(UInt64(1) << 61))
    }
}
