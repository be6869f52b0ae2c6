import XCTest
@testable import OutcomesCore

/// The reader and the name keys on two files exactly as Korean public-data portals publish them
/// (Fixtures/realworld/README.md): CP949 with a syllable strict EUC-KR lacks, and UTF-8 with BOM.
final class RealWorldFilesTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/realworld")

    /// Opens a file as a sectors-kind input (only `code` required) and returns every record's decoded fields.
    func records(_ name: String, code: String) throws -> (InputFile, [(line: Int, fields: [String?])]) {
        let spec = PipelineDefinition.Input(path: Self.folder.appendingPathComponent(name).path, display: name,
                                            table: .sectors, encoding: nil, delimiter: nil, headerRow: 1)
        let file = try InputFile(spec: spec, aliases: HeaderAliases(extra: [code: "code"]))
        let decoder = FieldDecoder.make(for: file.encoding, fileIsValidUTF8: file.isValidUTF8 && file.encoding == .utf8)
        let parser = try CSVParser(delimiter: file.delimiter)
        var out: [(Int, [String?])] = []
        file.withBytes { bytes in
            parser.parse(UnsafeRawBufferPointer(rebasing: bytes[file.bodyStart...]), firstLine: file.bodyLine) { record in
                guard record.kind == .data else { return }
                out.append((record.line, (0..<record.fieldCount).map { decoder.string(record, $0) }))
            }
        }
        return (file, out)
    }

    func testKOTRAFileIsDetectedAsCP949AndEveryRecordDecodes() throws {
        let (file, rows) = try records("kotra_gcl_companies_cp949.csv", code: "번호")
        XCTAssertEqual(file.encoding, .cp949)
        XCTAssertFalse(file.isValidUTF8)
        XCTAssertEqual(file.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(file.columns.unknown, ["기업명", "사업자번호", "진단일", "GCL점수", "등급", "유선컨설팅 신청여부", "회원여부"])
        XCTAssertEqual(rows.count, 4273)
        XCTAssertTrue(rows.allSatisfy { $0.fields.count == 8 && !$0.fields.contains(nil) })
        XCTAssertEqual(rows.first?.line, 2)
        XCTAssertEqual(rows.last?.line, 4274)
    }

    func testSyllableOutsideEUCKRDecodesOnLine68() throws {
        let (_, rows) = try records("kotra_gcl_companies_cp949.csv", code: "번호")
        let row = try XCTUnwrap(rows.first { $0.line == 68 })
        XCTAssertEqual(row.fields[0], "4207")
        XCTAssertEqual(row.fields[1], "(주)쎙코")
        XCTAssertEqual(NameKey.key(row.fields[1]!), "쎙코")
    }

    func testQuotedFieldsWithCommasAndGradesStayText() throws {
        let (_, rows) = try records("kotra_gcl_companies_cp949.csv", code: "번호")
        let byLine = Dictionary(uniqueKeysWithValues: rows.map { ($0.line, $0.fields) })
        XCTAssertEqual(byLine[563]?[1], "HSCM CO., LTD")
        XCTAssertEqual(byLine[926]?[1], "서울금방,한국금시장거래소")
        XCTAssertEqual(byLine[1076]?[1], "주식회사 닙스타 (Nibstar Co., Ltd.)")
        XCTAssertEqual(byLine[2199]?[1], "The Next Creative Co.,ltd")
        XCTAssertEqual(byLine[2]?[5], "A+")
        XCTAssertEqual(byLine[3]?[5], "C0")
        XCTAssertEqual(byLine[4]?[5], "B-")
    }

    func testLegalFormsInEverySpellingShareTheirKeys() throws {
        XCTAssertEqual(NameKey.key("HSCM CO., LTD"), "hscm")
        XCTAssertEqual(NameKey.key("주식회사 닙스타 (Nibstar Co., Ltd.)"), "닙스타nibstar")
        XCTAssertEqual(NameKey.key("The Next Creative Co.,ltd"), "thenextcreative")
        XCTAssertEqual(NameKey.key("㈜아시아퍼시픽마린컨트랙터"), "아시아퍼시픽마린컨트랙터")
        XCTAssertEqual(NameKey.key("와프（WAFF）"), "와프waff")
        XCTAssertEqual(NameKey.key("비케이에너지주식회사"), NameKey.key("(주)비케이에너지"))
        // How many distinct companies the list holds once legal forms are dropped.
        let (_, rows) = try records("kotra_gcl_companies_cp949.csv", code: "번호")
        let names = rows.map { $0.fields[1]! }
        let keys = Set(names.map(NameKey.key))
        XCTAssertLessThan(keys.count, Set(names).count)
        XCTAssertFalse(keys.contains(""))
    }

    func testKOSMEFileDropsItsBOMAndKeepsEntitiesAndNoBreakSpaces() throws {
        let (file, rows) = try records("kosme_buyer_offers_utf8bom.csv", code: "번호")
        XCTAssertEqual(file.encoding, .utf8)
        XCTAssertEqual(file.columns.position("code"), 0, "the first header must read 번호, not \\u{FEFF}번호")
        XCTAssertEqual(rows.count, 326)
        XCTAssertTrue(rows.allSatisfy { $0.fields.count == 7 })
        let first = rows[0].fields
        XCTAssertEqual(first[3], "싱가포르")
        XCTAssertEqual(first[5], "2024-01-18")
        XCTAssertTrue(rows[1].fields[1]!.contains("&quot;OEM/ODM 세럼&quot;"))
        XCTAssertEqual(rows[4].fields[2], "기계, 화학, 고무 및 플라스틱 (Metallurgy, Chemicals, Rubber & Plastics)")
        XCTAssertTrue(rows.contains { $0.fields[1]!.contains("\u{00A0}") }, "no-break spaces inside text are kept")
    }

    func testKOSMECountryNamesInKoreanMapToAlpha2() throws {
        let (_, rows) = try records("kosme_buyer_offers_utf8bom.csv", code: "번호")
        let cache = NormalizeCache(pool: testTexts)
        var unrecognized = Set<String>()
        for r in rows where cache.country(r.fields[3]!).isEmpty { unrecognized.insert(r.fields[3]!) }
        XCTAssertEqual(unrecognized, [])
        XCTAssertEqual(cache.country("싱가포르"), "SG")
        XCTAssertEqual(cache.country("홍콩"), "HK")
        XCTAssertEqual(cache.country("중국"), "CN")
        XCTAssertEqual(cache.country("예맨"), "YE", "the portal's own misspelling of 예멘")
    }
}
