import XCTest
@testable import OutcomesCore

/// Big outputs go to disk through `DirectFile` (aligned direct writes, an ordinary tail): the
/// file must hold exactly the bytes handed over, in order, whatever the piece sizes.
final class DirectFileTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "directfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Two and a half buffers in odd-sized pieces (some larger than a buffer), so full buffers
    /// are written directly and the last part (not a multiple of a block) the ordinary way.
    func testStreamedBytesArriveWholeAndInOrder() throws {
        var rng = SeededGenerator(seed: 0xD1_EC7)
        // A pseudo-random pattern of prime length, repeated: no two blocks of the file are alike.
        let pattern = (0..<65_521).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let total = DirectFile.bufferSize * 5 / 2 + 1_234
        var expected: [UInt8] = []
        while expected.count < total { expected += pattern.prefix(total - expected.count) }
        var pieces: [[UInt8]] = []
        var at = 0
        while at < total {
            let size = rng.next() % 7 == 0 ? Int(rng.next() % UInt64(DirectFile.bufferSize + 5_000)) : Int(rng.next() % 70_000)
            let end = min(total, at + size)
            pieces.append(Array(expected[at..<end]))
            at = end
        }
        let path = folder + "/big.csv"
        try OutputPublisher.stream(to: path) { emit in
            for piece in pieces { try emit(piece) }
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(written.count, total)
        XCTAssertTrue(written == expected, "the file differs from the bytes streamed")
    }

    /// Exactly one buffer (all of it direct, no tail), an empty file, and a file shorter than a block.
    func testBufferSizedEmptyAndTinyFiles() throws {
        for size in [DirectFile.bufferSize, 0, 1, DirectFile.alignment - 1, DirectFile.alignment + 1] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
            let path = folder + "/f\(size).csv"
            try OutputPublisher.stream(to: path) { emit in try emit(bytes) }
            XCTAssertEqual(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), bytes, "size \(size)")
        }
    }

    /// A file written again is replaced, not overlaid on its longer former self.
    func testRewritingTruncates() throws {
        let path = folder + "/again.csv"
        try OutputPublisher.stream(to: path) { emit in try emit([UInt8](repeating: 65, count: DirectFile.bufferSize + 99)) }
        try OutputPublisher.stream(to: path) { emit in try emit([UInt8]("short\n".utf8)) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "short\n")
    }

    /// A write that fails on the background queue (a full device) is thrown, not lost, and the
    /// caller's further appends stop.
    func testAFailedWriteIsThrown() throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let piece = [UInt8](repeating: 0x41, count: 1 << 20)
        var handed = 0
        XCTAssertThrowsError(try OutputPublisher.stream(to: "/dev/full") { emit in
            for _ in 0..<64 {
                try emit(piece)
                handed += 1
            }
        }) { error in
            XCTAssertEqual((error as? POSIXError)?.code, .ENOSPC, "\(error)")
        }
        XCTAssertLessThan(handed, 64, "appends went on after the failure was known")
    }
}
