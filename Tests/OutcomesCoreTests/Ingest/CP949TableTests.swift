import XCTest
@testable import OutcomesCore

/// The table-driven CP949 conversion gives iconv's bytes, and leaves to iconv every chunk it
/// cannot convert whole.
final class CP949TableTests: XCTestCase {
    func viaIconv(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBytes { IconvDecoder(from: "CP949")!.convert($0, into: &out) }
        return out
    }

    func viaTable(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [9, 9, 9]  // leftovers of an earlier chunk must not show
        guard let n = bytes.withUnsafeBytes({ CP949Table.convert($0, into: &out) }) else { return nil }
        return Array(out[0..<n])
    }

    func testTheRealKotraFileConvertsAsIconvConvertsIt() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/realworld/kotra_gcl_companies_cp949.csv")
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertGreaterThan(bytes.count, 200_000)
        let table = try XCTUnwrap(viaTable(bytes))
        XCTAssertEqual(table, viaIconv(bytes))
        // 쎙 (line 68) is outside KS X 1001 and still converts.
        XCTAssertTrue(String(decoding: table, as: UTF8.self).contains("(주)쎙코"))
    }

    func testEveryCodeIconvTakesConvertsAlikeInRandomText() throws {
        let codes = try XCTUnwrap(CP949Table.codes)
        var valid: [[UInt8]] = []
        for lead in 0x81...0xFE {
            for trail in 0x41...0xFE where codes[(lead - 0x81) * 190 + (trail - 0x41)] != 0 {
                valid.append([UInt8(lead), UInt8(trail)])
            }
        }
        // CP949 has 17,048 codes beyond ASCII (8,822 Hangul in UHC's extension, KS X 1001's rest).
        XCTAssertGreaterThan(valid.count, 17_000)
        var rng = SeededGenerator(seed: 0xC_949)
        for _ in 0..<200 {
            var text: [UInt8] = []
            for _ in 0..<Int(rng.next() % 400) {
                if rng.next() % 3 == 0 {
                    text += Array(repeating: UInt8(32 + rng.next() % 95), count: Int(1 + rng.next() % 12))
                } else {
                    text += valid[Int(rng.next() % UInt64(valid.count))]
                }
            }
            XCTAssertEqual(viaTable(text), viaIconv(text))
        }
        // Every code once, in one chunk.
        let all = valid.flatMap { $0 }
        XCTAssertEqual(viaTable(all), viaIconv(all))
    }

    func testChunksWithBadOrCutCodesAreLeftToIconv() {
        XCTAssertNil(viaTable(Array("abc".utf8) + [0x80]))  // starts no code
        XCTAssertNil(viaTable(Array("abc".utf8) + [0xB0]))  // cut off at the end
        XCTAssertNil(viaTable([0xB0, 0x20]))  // trail byte out of range
        XCTAssertNil(viaTable([0xFF, 0xA1]))
        XCTAssertEqual(viaTable([]), [])
        XCTAssertEqual(viaTable(Array("plain,ascii\n".utf8)), Array("plain,ascii\n".utf8))
    }
}
