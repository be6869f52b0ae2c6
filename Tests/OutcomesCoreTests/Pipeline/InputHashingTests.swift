import Foundation
import XCTest
@testable import OutcomesCore

final class InputHashingTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try ExportTestSupport.scratch(self)
    }

    /// An empty file, "abc", and 2.5 blocks of a pattern (a block boundary inside the file and a
    /// short last block), with the expected sha256 of each.
    private func files() throws -> [(path: String, display: String, sha: String)] {
        var big = [UInt8](repeating: 0, count: HashCursor.blockSize * 5 / 2 + 17)
        for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 9) }
        let whole = SHA256Digest()
        big.withUnsafeBytes { whole.update($0) }
        let contents: [(String, [UInt8], String)] = [
            ("empty.csv", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc.csv", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("big.csv", big, whole.hexDigest()),
        ]
        return try contents.map { name, bytes, sha in
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return (url.path, name, sha)
        }
    }

    func testACursorHashesEachFileBlockByBlock() throws {
        let files = try files()
        let cursor = HashCursor(files: files.map { ($0.path, $0.display) })
        var steps = 0
        while cursor.step() { steps += 1 }
        XCTAssertEqual(cursor.hashes, files.map(\.sha))
        XCTAssertGreaterThanOrEqual(steps, 3, "the big file takes one step per block")
        XCTAssertFalse(cursor.step(), "a finished cursor stays finished")
        XCTAssertEqual(try PipelineRunner.sha256(file: files[2].path, display: "big.csv"), files[2].sha)
    }

    func testTheIdleHasherGivesEveryInputsHashByPath() throws {
        let files = try files()
        let hasher = IdleHasher(files: files.map { ($0.path, $0.display) })
        let expected = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.sha) })
        XCTAssertEqual(try hasher.finish(), expected)
        XCTAssertEqual(try hasher.finish(), expected, "asking again gives the same answer")
        hasher.cancel()  // after finishing: returns at once
    }

    func testFinishingAtOnceTakesOverFromTheStart() throws {
        // finish() right after start: most or all of the work falls to the caller, whose result
        // must not depend on how far the idle thread got.
        let files = try files()
        for _ in 0..<20 {
            let hasher = IdleHasher(files: files.map { ($0.path, $0.display) })
            XCTAssertEqual(try hasher.finish().values.sorted(), files.map(\.sha).sorted())
        }
    }

    func testAMissingInputIsNamedInTheError() throws {
        let files = try files()
        let hasher = IdleHasher(files: [(files[1].path, "abc.csv"), (dir.appendingPathComponent("gone.csv").path, "data/gone.csv")])
        XCTAssertThrowsError(try hasher.finish()) { error in
            guard case PipelineError.inputUnreadable(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "data/gone.csv")
        }
    }

    func testWorkCancelledHalfWayIsStillFinishedRightWhenAskedFor() throws {
        let files = try files()
        for _ in 0..<10 {
            let hasher = IdleHasher(files: files.map { ($0.path, $0.display) })
            usleep(200)
            hasher.cancel()
            hasher.cancel()
            XCTAssertEqual(try hasher.finish().values.sorted(), files.map(\.sha).sorted())
        }
    }
}
