import Foundation
import XCTest

/// The messy 2025 exports (CP949 with a title row, tab-separated UTF-8 with BOM, Chinese headers,
/// money in words) must give the same numbers as their canonical twin.
final class MessyTwinTests: XCTestCase {
    func testMessyExportsGiveTheSameTablesAsTheirCanonicalTwin() throws {
        let scratch = try CLI.scratch(self)
        let pipelines = CLI.packageRoot.appendingPathComponent("Pipelines")
        for name in ["canonical-2025", "messy-2025"] {
            let r = try CLI.run(["run", pipelines.appendingPathComponent("\(name).yaml").path,
                                 "--output", scratch.appendingPathComponent(name).path])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        for file in ["summary.csv", "sectors.csv", "funnel.csv", "events.csv", "countries.csv", "monthly.csv"] {
            let canonical = try String(contentsOf: scratch.appendingPathComponent("canonical-2025/\(file)"), encoding: .utf8)
            let messy = try String(contentsOf: scratch.appendingPathComponent("messy-2025/\(file)"), encoding: .utf8)
            assertSameText(messy, canonical, file)
        }
        let summary = try String(contentsOf: scratch.appendingPathComponent("messy-2025/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("metric,value\nrows_read,84\nrows_accepted,83\nrows_rejected,1\nrows_duplicate,0\n"), summary)
        let manifest = try String(contentsOf: scratch.appendingPathComponent("messy-2025/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"encoding\" : \"cp949\""))
        XCTAssertTrue(manifest.contains("\"delimiter\" : \"tab\""))
    }
}
