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

    /// A sector only one run has counts 0.00 in the other, so its difference is a number; with
    /// no earlier run the old values stay empty.
    func testASectorOnlyOneRunHasDiffersFromZero() throws {
        func run(_ name: String, _ sectors: String) throws -> RunTables {
            let dir = try folder(name, leads: "consultation_id,converted\n", contracts: "contract_id\n")
            try ("level,sector_code,consultation_value_usd,export_value_usd\n" + sectors)
                .write(toFile: dir + "/sectors.csv", atomically: true, encoding: .utf8)
            return try RunTables(folder: dir)
        }
        let old = try run("old", "sector,HYD,100.00,40.00\nsector,unclassified,5.00,100.00\n")
        let new = try run("new", "sector,HYD,150.00,40.00\nsector,WAT,7.50,0.00\n")
        XCTAssertEqual(Changes.rows(old: old, new: new).filter { $0[0].hasPrefix("sector_") }, [
            ["sector_consultation_value_usd", "HYD", "100.00", "150.00", "50.00"],
            ["sector_consultation_value_usd", "WAT", "0.00", "7.50", "7.50"],
            ["sector_consultation_value_usd", "unclassified", "5.00", "0.00", "-5.00"],
            ["sector_export_value_usd", "HYD", "40.00", "40.00", "0.00"],
            ["sector_export_value_usd", "WAT", "0.00", "0.00", "0.00"],
            ["sector_export_value_usd", "unclassified", "100.00", "0.00", "-100.00"],
        ])
        XCTAssertEqual(Changes.rows(old: nil, new: new).filter { $0[0].hasPrefix("sector_") }.map { $0[2] + "|" + $0[4] },
                       ["|", "|", "|", "|"])
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

    /// The pipeline's way (the earlier run streamed past this run's rows) gives the same rows as
    /// reading both runs back: new leads, newly converted with the first old row's cell, a
    /// repeated old id, a hand-edited cell, contracts added.
    func testMatchingAgainstTheRunBeingWrittenEqualsReadingBothBack() throws {
        let taxonomy = Taxonomy(entries: [Taxonomy.Entry(code: "ENE", nameEn: "Energy", nameKo: "", parent: "", keywords: [])])
        let leads = [makeLead("L1", "2026-01-01", line: 2), makeLead("L2", "2026-01-02", buyer: "zed", line: 3),
                     makeLead("L3", "2026-01-03", buyer: "amy", line: 4), makeLead("L4", "2026-01-04", buyer: "kim", line: 5)]
        let contracts = [makeContract("K1", "2026-02-01", leadID: "L1"), makeContract("K2", "2026-02-01", leadID: "L3"),
                         makeContract("K3", "2026-02-01", leadID: "L4")]
        let outcome = Outcome(leads: leads, contracts: contracts, texts: testTexts, taxonomy: taxonomy, windowDays: 365, counts: FileCounts())
        let oldFolder = try folder("old",
            leads: "consultation_id,converted\nL1,false\nL3,maybe\nL3,true\nL9,true\n",
            contracts: "contract_id\nK1\nK9\n")
        // The new run as it would be written.
        let newFolder = try folder("new",
            leads: "consultation_id,converted\n" + leads.indices.map { "\(leads[$0].id),\(outcome.facts[$0].converted)\n" }.joined(),
            contracts: "contract_id\n" + contracts.map { $0.id + "\n" }.joined())
        let sectors = OutputTables().sectors(outcome)
        let streamed = Changes.rows(old: try RunTables(folder: oldFolder, comparedWith: leads, contracts, texts: testTexts),
                                    new: RunTables(outcome: outcome, sectorsCSV: sectors))
        let readBack = Changes.rows(old: try RunTables(folder: oldFolder), new: try RunTables(folder: newFolder))
        let idRows = { (rows: [[String]]) in rows.filter { !$0[0].hasPrefix("metric") && !$0[0].hasPrefix("sector_") } }
        XCTAssertEqual(idRows(streamed), idRows(readBack))
        XCTAssertEqual(idRows(streamed), [
            ["new_lead", "L2", "", "", ""], ["new_lead", "L4", "", "", ""],
            ["newly_converted", "L1", "false", "true", ""], ["newly_converted", "L3", "maybe", "true", ""],
            ["newly_converted", "L4", "", "true", ""],
            ["contract_added", "K2", "", "", ""], ["contract_added", "K3", "", "", ""],
        ])
    }
}
