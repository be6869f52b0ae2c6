import Foundation
import XCTest

/// Records judged whole, end to end: bad bytes in a column nobody reads, cells empty only once
/// trimmed, and a literal quote in the header line that picks the delimiter.
final class RecordShapeTests: XCTestCase {
    /// A pipeline over `consultations` (bytes as given) and `contracts`, a KRW and CNY rate and one sector.
    func run(consultations: [UInt8], name: String = "consultations.csv", extra: String = "",
             contracts: String = "contract_id,date,company,buyer,type,amount\n", threads: Int = 1) throws -> (dir: URL, result: CLI.Result) {
        let dir = try CLI.scratch(self)
        try Data(consultations).write(to: dir.appendingPathComponent(name))
        try "date,currency,usd_per_unit\n2026-01-01,KRW,0.001\n2026-01-01,CNY,0.2\n"
            .write(to: dir.appendingPathComponent("fx.csv"), atomically: true, encoding: .utf8)
        try "code,name_en,name_ko,parent,keywords\nG,Green,,,\nSA,Alpha,,G,alpha\n"
            .write(to: dir.appendingPathComponent("sectors.csv"), atomically: true, encoding: .utf8)
        try contracts.write(to: dir.appendingPathComponent("contracts.csv"), atomically: true, encoding: .utf8)
        try """
        name: shapes
        inputs:
          consultations: [{path: \(name)\(extra)}]
          contracts: [contracts.csv]
          fx_rates: fx.csv
          sectors: sectors.csv
        defaults: {currency: KRW}
        output: out
        formats: [csv]

        """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", dir.appendingPathComponent("p.yaml").path, "--threads", String(threads)])
        return (dir, r)
    }

    func text(_ dir: URL, _ file: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent("out/" + file), encoding: .utf8)
    }

    func manifestCounts(_ dir: URL) throws -> [String: Int] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/manifest.json"))) as? [String: Any]
        let input = (json?["inputs"] as? [[String: Any]])?.first
        var counts: [String: Int] = [:]
        for key in ["rows_read", "rows_accepted", "rows_rejected", "blank_lines"] { counts[key] = input?[key] as? Int }
        return counts
    }

    /// Bad bytes in the notes column (no canonical column) reject the record, in a CP949 file (a
    /// chunk converted through iconv) and in a file declared UTF-8; the good rows are kept.
    func testUndecodableBytesInAnUnreadColumnRejectTheRecord() throws {
        let header = Array("consultation_id,date,company,buyer,sector,amount,notes\n".utf8)
        let good = Array("L1,2026-02-01,".utf8) + [0xC7, 0xD1, 0xB1, 0xDB] + Array(",Bob,alpha,1000,\n".utf8)  // 한글 in CP949
        let body = good + Array("L2,2026-02-01,Acme,Bob,alpha,1000,bad".utf8) + [0xFF] + Array("\nL3,2026-02-01,Acme,Bob,alpha,1000,x".utf8)
            + [0xB0] + Array("\nL4,2026-02-01,Acme,Bob,alpha,1000,ok\n".utf8)
        for threads in [1, 2] {
            let (dir, r) = try run(consultations: header + body, threads: threads)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try text(dir, "rejects.csv"), """
                file,line,column,value,reason,message
                consultations.csv,3,,bad\u{FFFD},encoding_error,column 'notes' holds bytes that are not valid in the file's encoding
                consultations.csv,4,,x\u{FFFD},encoding_error,column 'notes' holds bytes that are not valid in the file's encoding

                """)
            XCTAssertEqual(try manifestCounts(dir), ["rows_read": 4, "rows_accepted": 2, "rows_rejected": 2, "blank_lines": 0])
            XCTAssertTrue(try text(dir, "leads.csv").contains("\nL1,2026-02-01,,,한글,한글,"), "the CP949 row decodes")
        }
        let ascii = header + Array("L1,2026-02-01,Acme,Bob,alpha,1000,\nL2,2026-02-01,Acme,Bob,alpha,1000,bad".utf8) + [0xFF] + [0x0A]
        let (dir, r) = try run(consultations: ascii, extra: ", encoding: utf-8")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try manifestCounts(dir), ["rows_read": 2, "rows_accepted": 1, "rows_rejected": 1, "blank_lines": 0])
        XCTAssertTrue(try text(dir, "rejects.csv").contains("consultations.csv,3,,bad\u{FFFD},encoding_error,column 'notes'"))
    }

    /// A GB18030 file may hold U+FFFD itself (84 31 A4 37): with no bad byte in its chunk, it is text.
    func testAGenuineReplacementCharacterInGB18030IsText() throws {
        // 上海\u{FFFD}公司 and 买家 as GB18030 writes them.
        let bytes = Array("consultation_id,date,company,buyer,sector,amount\nG1,2026-02-01,".utf8)
            + [0xC9, 0xCF, 0xBA, 0xA3, 0x84, 0x31, 0xA4, 0x37, 0xB9, 0xAB, 0xCB, 0xBE, 0x2C, 0xC2, 0xF2, 0xBC, 0xD2]
            + Array(",alpha,1\n".utf8)
        let (dir, r) = try run(consultations: bytes, extra: ", encoding: gb18030")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try text(dir, "rejects.csv"), "file,line,column,value,reason,message\n")
        XCTAssertTrue(try text(dir, "leads.csv").contains("\nG1,2026-02-01,,,上海\u{FFFD}公司,"))
    }

    /// Records whose every cell is empty once trimmed are blank lines, not rows; extra trailing
    /// fields that trim to nothing are ignored.
    func testCellsEmptyOnceTrimmedMakeBlankRecordsAndIgnoredExtraFields() throws {
        let csv = """
            consultation_id,date,company,buyer,sector,amount
            " "," ","","","",""
            \u{3000},,,,,
            \u{00A0},\u{00A0},,,,
            L1,2026-02-01,Acme,Bob,alpha,100, 
            L2,2026-02-01,Acme,Bob,alpha,100," "
            L3,2026-02-01,Acme,Bob,alpha,100,\u{3000}
            L4,2026-02-01,Acme,Bob,alpha,100,x

            """
        let (dir, r) = try run(consultations: Array(csv.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try manifestCounts(dir), ["rows_read": 4, "rows_accepted": 3, "rows_rejected": 1, "blank_lines": 3])
        XCTAssertEqual(try text(dir, "rejects.csv"), """
            file,line,column,value,reason,message
            consultations.csv,8,,"L4,2026-02-01,Acme,Bob,alpha,100,x",malformed_row,"the record has 7 fields with values, the header names 6"

            """)
    }

    /// Each row fits 64-bit cents, two together do not: the row that would take its table's total
    /// past them is a bad_money reject (not a crash in the sums), in leads and in contracts alike.
    func testARowTakingItsTableTotalPastSixtyFourBitCentsIsRejected() throws {
        let leads = """
            consultation_id,date,company,buyer,sector,amount,currency
            L1,2024-01-01,C,B,alpha,50000000000000000,USD
            L2,2024-01-01,D,E,alpha,50000000000000000,USD
            L3,2024-01-01,D,E,alpha,7,USD

            """
        let contracts = """
            contract_id,date,company,buyer,type,amount,currency
            K1,2024-02-01,C,B,contract,50000000000000000,USD
            K2,2024-02-01,D,E,mou,50000000000000000,USD
            K3,2024-02-01,D,E,contract,5,USD

            """
        for threads in [1, 2] {
            let (dir, r) = try run(consultations: Array(leads.utf8), contracts: contracts, threads: threads)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try text(dir, "rejects.csv"), """
                file,line,column,value,reason,message
                consultations.csv,3,amount,50000000000000000,bad_money,"the consultations' USD values would add up to more than 92233720368547758.07, the most outcomes can sum; this row is left out"
                contracts.csv,3,amount,50000000000000000,bad_money,"the contracts' USD values would add up to more than 92233720368547758.07, the most outcomes can sum; this row is left out"

                """)
            let summary = try text(dir, "summary.csv")
            XCTAssertTrue(summary.contains("\nconsultation_value_usd,50000000000000007.00\n"), summary)
            XCTAssertTrue(summary.contains("\nexport_value_usd,50000000000000005.00\n"), summary)
        }
    }

    /// A quote inside the header's unquoted first name is literal: the semicolons win.
    func testALiteralQuoteInTheHeaderLeavesTheDelimiterToBeCounted() throws {
        let csv = "ref\"no;consultation_id;date;company;buyer;sector;amount\nR1;L1;2026-02-01;Acme;Bob;alpha;100\n"
        let (dir, r) = try run(consultations: Array(csv.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let leads = try text(dir, "leads.csv")
        XCTAssertTrue(leads.contains("\nL1,2026-02-01,"), leads)
    }
}
