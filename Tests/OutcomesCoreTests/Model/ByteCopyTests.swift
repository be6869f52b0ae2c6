import XCTest
@testable import OutcomesCore

/// `ByteCopy.copy` at every length up to past its `memmove` cut-off, at odd offsets: the bytes
/// copied are the source's, and the bytes around the destination stay untouched.
final class ByteCopyTests: XCTestCase {
    func testEveryLengthCopiesExactlyItsBytes() {
        let source = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for n in 0...130 {
            for offset in [0, 1, 3] {
                var target = [UInt8](repeating: 0xEE, count: 140 + 8)
                source.withUnsafeBytes { s in
                    target.withUnsafeMutableBytes { d in
                        ByteCopy.copy(to: d.baseAddress! + 4, from: s.baseAddress! + offset, count: n)
                    }
                }
                XCTAssertEqual(Array(target[4..<(4 + n)]), Array(source[offset..<(offset + n)]), "length \(n), offset \(offset)")
                XCTAssertEqual(Array(target[0..<4]), [0xEE, 0xEE, 0xEE, 0xEE], "length \(n): bytes before the run were written")
                XCTAssertTrue(target[(4 + n)...].allSatisfy { $0 == 0xEE }, "length \(n): bytes after the run were written")
            }
        }
    }
}
