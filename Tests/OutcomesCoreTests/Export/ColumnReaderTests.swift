import XCTest
@testable import OutcomesCore

/// changes.csv reads the previous run's ids with `ColumnReader`; it must read what `CSVWriter`
/// wrote exactly as the libcsv parser does, quotes, commas, line breaks and BOM included.
final class ColumnReaderTests: XCTestCase {
    func testReadsWhatTheWriterWroteLikeLibcsv() {
        var rng = SeededGenerator(seed: 0xC0_1D)
        let pieces = ["L1", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "", " ", "한국", "=1+2", "-5", "true", "x\"", "\""]
        for round in 0..<300 {
            let width = 1 + Int(rng.next() % 5)
            let header = (0..<width).map { "c\($0)" }
            var w = CSVWriter(excel: round % 3 == 0, header: header)
            let rows = Int(rng.next() % 6)
            for _ in 0..<rows {
                w.row((0..<width).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] + (rng.next() % 2 == 0 ? "" : "z") })
            }
            let expected = RunTables.parse(w.bytes)
            let wanted = ["c0", "c\(width - 1)", "missing"]
            let columns = w.bytes.withUnsafeBytes { ColumnReader.read($0, wanted) }
            for (k, name) in wanted.enumerated() {
                let index = expected.first?.firstIndex(of: name)
                let want = expected.dropFirst().map { row in index.map { $0 < row.count ? row[$0] : "" } ?? "" }
                let got = (0..<columns[k].count).map { columns[k][$0] }
                XCTAssertEqual(got, want, "round \(round) column \(name): \(String(decoding: w.bytes, as: UTF8.self).debugDescription)")
            }
        }
    }

    func testCRLFAndBlankLinesAndAMissingFinalNewline() {
        let text = Array("id,converted\r\nL1,true\r\n\r\nL2,false\nL3,true".utf8)
        let columns = text.withUnsafeBytes { ColumnReader.read($0, ["id", "converted"]) }
        XCTAssertEqual((0..<columns[0].count).map { columns[0][$0] }, ["L1", "L2", "L3"])
        XCTAssertEqual((0..<columns[1].count).map { columns[1][$0] }, ["true", "false", "true"])
        XCTAssertTrue(columns[1].cell(0, is: "true"))
        XCTAssertFalse(columns[1].cell(1, is: "true"))
    }
}
