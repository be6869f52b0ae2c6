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

    /// A buffer grows by doubling until the need fits, and keeps its first `count` elements.
    func testGrowthDoublesUntilItFitsAndKeepsThePrefix() {
        XCTAssertEqual(UnsafeMutablePointer<Int>.doubled(4, toHold: 4), 8)
        XCTAssertEqual(UnsafeMutablePointer<Int>.doubled(4, toHold: 9), 16)
        XCTAssertEqual(UnsafeMutablePointer<Int>.doubled(64, toHold: 1000), 1024)
        let small = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        for i in 0..<4 { small[i] = i * 11 }
        let grown = small.moved(count: 3, toCapacity: 8)
        defer { grown.deallocate() }
        XCTAssertEqual((0..<3).map { grown[$0] }, [0, 11, 22])
    }
}
