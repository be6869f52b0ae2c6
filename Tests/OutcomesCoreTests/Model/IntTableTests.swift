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

final class SHA256DigestTests: XCTestCase {
    /// FIPS 180-2's test vectors, whole and fed in pieces.
    func testKnownDigests() {
        XCTAssertEqual(SHA256Digest.hex(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256Digest.hex(of: ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let digest = SHA256Digest()
        let text = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for piece in stride(from: 0, to: text.count, by: 5) {
            text[piece..<min(text.count, piece + 5)].withUnsafeBytes { digest.update($0) }
        }
        XCTAssertEqual(digest.hexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
