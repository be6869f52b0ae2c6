import XCTest
@testable import OutcomesCore

/// changes.csv's id rows, from two run folders written by hand: new leads, newly converted
/// leads with their old `converted` cell, contracts added, a repeated old id (its first row
/// counts) and an old file whose converted cells are not this tool's words.
final class ChangesTests: XCTestCase {
    func folder(_ name: String, leads: String, contracts: String) throws -> String {
        let dir = NSTemporaryDirectory() + "changes-\(UUID().uuidString)/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "metric,value\nleads,2\n".write(toFile: dir + "/summary.csv", atomically: true, encoding: .utf8)
        try "level,sector_code,consultation_value_usd,export_value_usd\n".write(toFile: dir + "/sectors.csv", atomically: true, encoding: .utf8)
        try leads.write(toFile: dir + "/leads.csv", atomically: true, encoding: .utf8)
        try contracts.write(toFile: dir + "/contracts.csv", atomically: true, encoding: .utf8)
        return dir
    }

    func testIDRowsFollowTheRules() throws {
        let old = try RunTables(folder: folder("old",
            leads: "consultation_id,date,converted\nL1,2026-01-01,false\nL2,2026-01-02,true\nL3,2026-01-03,false\nL3,2026-01-04,true\nL4,x,maybe\n",
            contracts: "contract_id,type\nK1,contract\n"))
        let new = try RunTables(folder: folder("new",
            leads: "consultation_id,date,converted\nL1,2026-01-01,true\nL2,2026-01-02,true\nL3,2026-01-03,true\nL4,x,true\n\"L,5\",y,true\nL6,z,false\n",
            contracts: "contract_id,type\nK1,contract\nK2,mou\n"))
        let rows = Changes.rows(old: old, new: new).filter { $0[0] != "metric" && !$0[0].hasPrefix("sector_") }
        XCTAssertEqual(rows, [
            ["new_lead", "L,5", "", "", ""],
            ["new_lead", "L6", "", "", ""],
            ["newly_converted", "L1", "false", "true", ""],
            ["newly_converted", "L3", "false", "true", ""],  // the first L3 row of the old run
            ["newly_converted", "L4", "maybe", "true", ""],
            ["newly_converted", "L,5", "", "true", ""],
            ["contract_added", "K2", "", "", ""],
        ])
    }

    func testAnOldRunWithoutAConvertedColumnReadsEmpty() throws {
        let old = try RunTables(folder: folder("old", leads: "consultation_id\nL1\n", contracts: "contract_id\n"))
        let new = try RunTables(folder: folder("new", leads: "consultation_id,converted\nL1,true\n", contracts: "contract_id\n"))
        XCTAssertEqual(Changes.rows(old: old, new: new).filter { $0[0] == "newly_converted" }, [["newly_converted", "L1", "", "true", ""]])
    }
}
