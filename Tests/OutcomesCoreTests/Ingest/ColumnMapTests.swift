import XCTest
@testable import OutcomesCore

final class ColumnMapTests: XCTestCase {
    let required = ["consultation_id", "date", "company", "buyer", "sector", "amount"]

    func map(_ headers: [String], _ table: TableKind = .consultations) throws -> ColumnMap {
        try ColumnMap(headers: headers, table: table, aliases: HeaderAliases(), file: "in/leads.csv")
    }

    func testKoreanAliasesMapToCanonicalColumns() throws {
        let m = try map(["상담번호", "상담일자", "기업명", "바이어명", "산업분야", "상담금액", "통화", "상태", "국가"])
        XCTAssertEqual(required.map { m.position($0) }, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(m.position("currency"), 6)
        XCTAssertEqual(m.position("status"), 7)
        XCTAssertEqual(m.position("buyer_country"), 8)
        XCTAssertNil(m.position("event"))
        XCTAssertEqual(m.unknown, [])
    }

    func testChineseAliasesMapToCanonicalColumns() throws {
        let m = try map(["金额", "编号", "日期", "企业", "采购商", "行业", "展会", "城市"])
        XCTAssertEqual(required.map { m.position($0) }, [1, 2, 3, 4, 5, 0])
        XCTAssertEqual(m.position("event"), 6)
        XCTAssertEqual(m.position("city"), 7)
    }

    func testHeadersMatchAfterTrimmingCaseFoldingAndNFKC() throws {
        let m = try map(["\u{FEFF}  Consultation_ID ", "DATE", "Ｃｏｍｐａｎｙ", "Buyer_Name", "\tSector", "AMOUNT", "상담ＩＤ"])
        XCTAssertEqual(required.map { m.position($0) }, [0, 1, 2, 3, 4, 5])
        // 상담ＩＤ folds to 상담id, another consultation_id alias: listed as unknown, first wins.
        XCTAssertEqual(m.unknown, ["상담ＩＤ"])
    }

    func testSecondHeaderForTheSameColumnIsListedUnknown() throws {
        let m = try map(["id", "consultation_id", "date", "company", "buyer", "sector", "amount", "notes"])
        XCTAssertEqual(m.position("consultation_id"), 0)
        XCTAssertEqual(m.unknown, ["consultation_id", "notes"])
    }

    func testContractAliasesApplyInConsultationsAndBack() throws {
        let leads = try map(["lead_id", "contract_date", "exhibitor", "buyer", "분야", "계약금액"])
        XCTAssertEqual(required.map { leads.position($0) }, [0, 1, 2, 3, 4, 5])
        let contracts = try map(["계약번호", "상담번호", "체결일", "업체명", "buyer_name", "구분", "상담금액"], .contracts)
        XCTAssertEqual(["contract_id", "consultation_id", "date", "company", "buyer", "type", "amount"].map { contracts.position($0) },
                       [0, 1, 2, 3, 4, 5, 6])
    }

    func testMissingRequiredColumnThrowsWithItsAliases() {
        XCTAssertThrowsError(try map(["id", "date", "company", "sector", "amount"])) { error in
            XCTAssertEqual(error as? PipelineError,
                           .missingColumn(file: "in/leads.csv", column: "buyer",
                                          aliases: ["buyer", "buyer_name", "바이어", "바이어명", "采购商", "买家"],
                                          line: 1, header: ["id", "date", "company", "sector", "amount"]))
            XCTAssertTrue("\(error)".hasPrefix("in/leads.csv:1: required column 'buyer' is missing from the header "
                                               + "(line 1 reads id | date | company | sector | amount); "), "\(error)")
        }
        // A header read as one field points at the delimiter; an empty one at header_row.
        XCTAssertThrowsError(try map(["id;date;company;buyer;sector;amount"])) { error in
            XCTAssertTrue("\(error)".contains("(line 1 reads as one column, 'id;date;company;buyer;sector;amount' "
                                               + "(is the delimiter right? `delimiter:` sets it))"), "\(error)")
        }
        XCTAssertThrowsError(try map([])) { error in
            XCTAssertTrue("\(error)".contains("(line 1 has no header names (is `header_row:` right?))"), "\(error)")
        }
    }

    func testMissingAmountColumnIsFatalForConsultationsOnly() throws {
        XCTAssertThrowsError(try map(["id", "date", "company", "buyer", "sector"]))
        XCTAssertNoThrow(try map(["id", "date", "company", "buyer"], .contracts))
    }

    func testTrailingEmptyHeaderNamesAreDropped() throws {
        let m = try map(["id", "date", "company", "buyer", "sector", "amount", "", " "])
        XCTAssertEqual(m.width, 6)
        XCTAssertEqual(m.unknown, [])
    }

    // MARK: - Record shape (RecordCells)

    enum Shape: Equatable {
        case blank
        case cells([String])
        case issues([String])
    }

    /// Parses `body` under `header` and reads each record's canonical cells.
    func shapes(header: String, _ body: String, table: TableKind = .consultations) throws -> [Shape] {
        let fields = parseRecords(header + "\n")[0].fields
        let columns = try ColumnMap(headers: fields, table: table, aliases: HeaderAliases(), file: "f.csv")
        let decoder = FieldDecoder(mode: .validatedUTF8)
        var out: [Shape] = []
        let parser = try CSVParser(delimiter: UInt8(ascii: ","))
        Array(body.utf8).withUnsafeBytes { raw in
            parser.parse(raw, firstLine: 2) { record in
                switch RecordCells.read(record, columns: columns, decoder: decoder) {
                case .blank: out.append(.blank)
                case .cells(let cells): out.append(.cells(cells))
                case .issues(let list): out.append(.issues(list.map { "\($0.column):\($0.reason.rawValue)" }))
                }
            }
        }
        return out
    }

    let header = "id,date,company,buyer,sector,amount"

    func testCellsAreTrimmedAndAbsentColumnsEmpty() throws {
        XCTAssertEqual(try shapes(header: header, " L1 ,2026-06-03, Acme ,\" Bob \",energy,100\n"),
                       [.cells(["L1", "2026-06-03", "", "", "Acme", "Bob", "", "energy", "100", "", ""])])
    }

    func testCellsAreTrimmedOfUnicodeSpaces() throws {
        XCTAssertEqual(try shapes(header: header, "\u{3000}L1\u{00A0},2026-06-03,Acme,Bob,energy,\t100 \n"),
                       [.cells(["L1", "2026-06-03", "", "", "Acme", "Bob", "", "energy", "100", "", ""])])
    }

    func testFewerFieldsThanHeaderIsMalformedRow() throws {
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy\n"), [.issues([":malformed_row"])])
    }

    func testFieldCountIsCheckedAgainstTheLastNamedColumn() throws {
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,\n"), [.cells(
            ["L1", "2026-06-03", "", "", "Acme", "Bob", "", "energy", "", "", ""])])
        XCTAssertEqual(try shapes(header: header + ",notes", "L1,2026-06-03,Acme,Bob,energy,5\n"),
                       [.issues([":malformed_row"])])
    }

    func testExtraNonEmptyFieldIsMalformedRow() throws {
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,100,,surprise\n"),
                       [.issues([":malformed_row"])])
    }

    func testExtraEmptyTrailingFieldsAreIgnored() throws {
        XCTAssertEqual(try shapes(header: header + ",,", "L1,2026-06-03,Acme,Bob,energy,100,,,,\n"),
                       [.cells(["L1", "2026-06-03", "", "", "Acme", "Bob", "", "energy", "100", "", ""])])
    }

    func testBlankAndAllEmptyRecordsAreBlank() throws {
        XCTAssertEqual(try shapes(header: header, "\n,,,,,\n,,,,,,,,\n"), [.blank, .blank, .blank])
    }

    func testRecordsEmptyOnceTrimmedAreBlank() throws {
        // Cells are trimmed before any use: quoted blanks, U+3000 and NBSP are as empty as `,,,,`.
        XCTAssertEqual(try shapes(header: header, "\" \",\" \",\"\",\"\",\"\",\"\"\n\u{3000},,,,,\n\u{00A0},\u{00A0},,,,\n"),
                       [.blank, .blank, .blank])
        // One printable byte anywhere and the record is read.
        XCTAssertEqual(try shapes(header: header, "\" \",,,,,x\n"), [.cells(["", "", "", "", "", "", "", "", "x", "", ""])])
    }

    func testExtraFieldsEmptyOnceTrimmedAreIgnored() throws {
        let row = ["L1", "2026-06-03", "", "", "Acme", "Bob", "", "energy", "100", "", ""]
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,100, \n"), [.cells(row)])
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,100,\" \"\n"), [.cells(row)])
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,100,\u{3000},\"\"\n"), [.cells(row)])
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,Acme,Bob,energy,100,\u{3000},x\n"), [.issues([":malformed_row"])])
    }

    func testUnterminatedQuoteIsMalformedRow() throws {
        XCTAssertEqual(try shapes(header: header, "L1,2026-06-03,\"Acme,Bob,energy,100\nL2,x\n"),
                       [.issues([":malformed_row"])])
    }

    func testInvalidUTF8CellIsEncodingErrorOnItsColumn() throws {
        let columns = try map(["id", "date", "company", "buyer", "sector", "amount"])
        let decoder = FieldDecoder(mode: .checkedUTF8)
        let parser = try CSVParser(delimiter: UInt8(ascii: ","))
        // 0xC7 0xD1 is 한 in CP949 and not valid UTF-8.
        let bytes: [UInt8] = Array("L1,2026-06-03,".utf8) + [0xC7, 0xD1] + Array(",Bob,energy,100\n".utf8)
        var reasons: [String] = []
        bytes.withUnsafeBytes { raw in
            parser.parse(raw, firstLine: 2) { record in
                if case .issues(let list) = RecordCells.read(record, columns: columns, decoder: decoder) {
                    reasons += list.map { "\($0.column):\($0.reason.rawValue)" }
                }
            }
        }
        XCTAssertEqual(reasons, ["company:encoding_error"])
    }

    func testUndecodableBytesInAnUnreadFieldMakeTheRecordAnEncodingError() throws {
        // The notes column is no canonical column; its bad bytes still make the record an
        // encoding_error (whole-row: no canonical column to name), named in the message.
        let columns = try map(["id", "date", "company", "buyer", "sector", "amount", "notes"])
        XCTAssertEqual(columns.unknown, ["notes"])
        // Declared UTF-8 with a bad byte; text converted from CP949 with a bad byte's mark.
        for (decoder, bad) in [(FieldDecoder(mode: .checkedUTF8), [UInt8(0xFF)]), (FieldDecoder(mode: .markedUTF8), [0xEF, 0xBF, 0xBD])] {
            let parser = try CSVParser(delimiter: UInt8(ascii: ","))
            let bytes: [UInt8] = Array("L1,2026-06-03,Acme,Bob,energy,100,ok\nL2,2026-06-03,Acme,Bob,energy,100,x".utf8) + bad
                + Array("\n".utf8)
            var seen: [String] = []
            bytes.withUnsafeBytes { raw in
                parser.parse(raw, firstLine: 2) { record in
                    switch RecordCells.read(record, columns: columns, decoder: decoder) {
                    case .cells(let cells): seen.append("\(record.line):\(cells[0])")
                    case .issues(let list): seen += list.map { "\(record.line):\($0.column):\($0.reason.rawValue):\($0.message)" }
                    case .blank: seen.append("blank")
                    }
                }
            }
            XCTAssertEqual(seen, ["2:L1", "3::encoding_error:column 'notes' holds bytes that are not valid in the file's encoding"])
        }
        // A file checked whole as valid UTF-8 has nothing to find.
        XCTAssertFalse(FieldDecoder(mode: .validatedUTF8).checksBytes)
    }
}
