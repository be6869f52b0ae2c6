import XCTest
@testable import OutcomesCore

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

final class RowLayoutTests: XCTestCase {
    /// Millions of leads are held at once: the row keeps its packed size (fields widest first;
    /// the id as written, `rawID`, took the last four bytes, which were padding).
    func testLeadRowIsPacked() {
        XCTAssertEqual(MemoryLayout<Lead>.size, 104)
        XCTAssertEqual(MemoryLayout<Lead>.stride, 104)
        XCTAssertEqual(MemoryLayout<Contract>.size, 104)
        XCTAssertEqual(MemoryLayout<Contract>.stride, 104)
    }
}
