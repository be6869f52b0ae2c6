import Foundation
import XCTest
@testable import OutcomesCore

/// Dated runs (`keep:`): names in publishing order, the oldest pruned, `latest` the newest.
final class OutputPublisherTests: XCTestCase {
    func testRunNamesAfterTheNewestSortInPublishingOrder() {
        XCTAssertEqual(OutputPublisher.runName(at: "20261125T102019Z", after: nil), "20261125T102019Z")
        XCTAssertEqual(OutputPublisher.runName(at: "20261125T102020Z", after: "20261125T102019Z-0003"), "20261125T102020Z")
        XCTAssertEqual(OutputPublisher.runName(at: "20261125T102019Z", after: "20261125T102019Z"), "20261125T102019Z-0002")
        XCTAssertEqual(OutputPublisher.runName(at: "20261125T102019Z", after: "20261125T102019Z-0009"), "20261125T102019Z-0010")
        // A clock set back: still after the newest.
        XCTAssertEqual(OutputPublisher.runName(at: "20261125T101500Z", after: "20261125T102019Z-0002"), "20261125T102019Z-0003")
        XCTAssertTrue("20261125T102019Z-0009" < "20261125T102019Z-0010" && "20261125T102019Z" < "20261125T102019Z-0002")
    }

    /// Four runs in one second with `keep: 2` (5 of 6 tries once left three folders, `latest`
    /// on a reused name).
    func testRunsWithinOneSecondKeepTheLimitAndTheirOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pub-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out").path
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        for k in 1...4 {
            try OutputPublisher(target: target, keep: 2).publish([("n.txt", Array("\(k)".utf8))], now: now)
        }
        let runs = try FileManager.default.contentsOfDirectory(atPath: target + "/runs").sorted()
        XCTAssertEqual(runs, ["20261118T110640Z-0003", "20261118T110640Z-0004"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: target + "/latest"), "runs/20261118T110640Z-0004")
        XCTAssertEqual(try String(contentsOfFile: target + "/latest/n.txt", encoding: .utf8), "4")
        XCTAssertEqual(try String(contentsOfFile: target + "/runs/" + runs[0] + "/n.txt", encoding: .utf8), "3")
    }
}
