import Foundation
import XCTest
@testable import OutcomesCore

/// Opening a file with the chunk size known checks its UTF-8 in the pass that cuts its chunks:
/// the verdict and the chunks must be those of the separate whole-file check and cut.
final class InputFileTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try ExportTestSupport.scratch(self)
    }

    private func open(_ bytes: [UInt8], threads: Int, chunkBytes: Int?) throws -> InputFile {
        let url = dir.appendingPathComponent("f.csv")
        try Data(bytes).write(to: url)
        let spec = PipelineDefinition.Input(path: url.path, display: "f.csv", table: .sectors, encoding: nil,
                                            delimiter: nil, headerRow: 1)
        return try InputFile(spec: spec, aliases: HeaderAliases(), threads: threads, chunkBytes: chunkBytes)
    }

    func testTheCheckDoneWhileCuttingAgreesWithTheWholeFileCheck() throws {
        var rng = SeededGenerator(seed: 0x1F_17E)
        let pieces: [[UInt8]] = [Array("abc".utf8), Array("수소".utf8), Array("😀".utf8), Array("é".utf8), Array(" 7,".utf8)]
        let bad: [[UInt8]] = [[0xFF], [0x80], [0xE1, 0x80], [0xC7, 0xD1], [0xED, 0xA0, 0x80]]
        var invalidSeen = 0, validSeen = 0
        for round in 0..<120 {
            var bytes: [UInt8] = round % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []
            bytes += Array("code,name\n".utf8)
            let bodyStart = bytes.count
            for r in 0..<Int(2 + rng.next() % 40) {
                bytes += Array("C\(r),".utf8)
                for _ in 0..<Int(rng.next() % 6) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
                bytes += [0x0A]
            }
            let size = [1, 2, 3, 5, 7, 16, 64][round % 7]
            if round % 2 == 1 {
                // A bad sequence near a stretch boundary (stretches are `size` bytes from the body).
                let boundary = bodyStart + size * Int(rng.next() % UInt64(max(1, (bytes.count - bodyStart) / size)))
                let at = min(bytes.count, max(bodyStart, boundary + Int(rng.next() % 7) - 3))
                bytes.insert(contentsOf: bad[Int(rng.next() % UInt64(bad.count))], at: at)
            }
            let whole = bytes.withUnsafeBytes { UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: $0[(round % 3 == 0 ? 3 : 0)...])) }
            if whole { validSeen += 1 } else { invalidSeen += 1 }
            let reference = try open(bytes, threads: 1, chunkBytes: nil)
            XCTAssertEqual(reference.isValidUTF8, whole, "round \(round)")
            for threads in [1, 2, 3] {
                let file = try open(bytes, threads: threads, chunkBytes: size)
                XCTAssertEqual(file.isValidUTF8, whole, "round \(round) size \(size) threads \(threads)")
                XCTAssertEqual(file.encoding, whole ? .utf8 : .cp949, "round \(round)")
                XCTAssertEqual(file.bodyStart, reference.bodyStart)
                XCTAssertEqual(file.bodyLine, reference.bodyLine)
                XCTAssertEqual(file.chunks(targetSize: size, threads: threads), reference.chunks(targetSize: size, threads: threads),
                               "round \(round) size \(size) threads \(threads)")
            }
        }
        XCTAssertGreaterThan(invalidSeen, 20)
        XCTAssertGreaterThan(validSeen, 20)
    }

    func testABadHeaderMakesTheFileCP949EvenWhenItsBodyIsValid() throws {
        var bytes = Array("code,na".utf8) + [0xC7, 0xD1] + Array("me\n".utf8)
        for r in 0..<50 { bytes += Array("C\(r),수소\n".utf8) }
        let file = try open(bytes, threads: 2, chunkBytes: 16)
        XCTAssertFalse(file.isValidUTF8)
        XCTAssertEqual(file.encoding, .cp949)
        // A body whose first byte continues no character: the first stretch is checked from
        // its very first byte.
        var body = Array("code,name\n".utf8) + [0x80]
        for r in 0..<50 { body += Array("C\(r),수소\n".utf8) }
        XCTAssertFalse(try open(body, threads: 2, chunkBytes: 16).isValidUTF8)
    }

    func testAQuotedBodyIsCheckedAndCutTheOrdinaryWay() throws {
        var bytes = Array("code,name\n".utf8)
        for r in 0..<50 { bytes += Array("C\(r),\"수소, \(r)\"\n".utf8) }
        let file = try open(bytes, threads: 2, chunkBytes: 16)
        let reference = try open(bytes, threads: 1, chunkBytes: nil)
        XCTAssertTrue(file.isValidUTF8)
        XCTAssertEqual(file.chunks(targetSize: 16, threads: 2), reference.chunks(targetSize: 16, threads: 1))
    }
}
