import XCTest
@testable import OutcomesCore

final class TextEncodingTests: XCTestCase {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { UTF8Validation.isValid($0) } }

    func testWellFormedUTF8IsValid() {
        XCTAssertTrue(valid(Array("id,상담번호,企业,😀\n".utf8)))
        XCTAssertTrue(valid(Array("plain ascii longer than eight bytes".utf8)))
        XCTAssertTrue(valid([]))
    }

    func testCP949BytesAreNotUTF8() {
        // 한국 in CP949.
        XCTAssertFalse(valid([0xC7, 0xD1, 0xB1, 0xB9]))
    }

    func testOverlongsSurrogatesAndOutOfRangeAreInvalid() {
        XCTAssertFalse(valid([0xC0, 0x80]))
        XCTAssertFalse(valid([0xE0, 0x80, 0x80]))
        XCTAssertFalse(valid([0xED, 0xA0, 0x80]))
        XCTAssertFalse(valid([0xF0, 0x80, 0x80, 0x80]))
        XCTAssertFalse(valid([0xF4, 0x90, 0x80, 0x80]))
        XCTAssertFalse(valid([0xF5, 0x80, 0x80, 0x80]))
    }

    func testTruncatedSequenceAtTheEndIsInvalid() {
        XCTAssertFalse(valid(Array("abcdefgh".utf8) + [0xEC, 0x83]))
        XCTAssertFalse(valid([0xE2, 0x82]))
        XCTAssertTrue(valid([0xE2, 0x82, 0xAC]))
    }

    func testContinuationByteOutOfRangeIsInvalid() {
        XCTAssertFalse(valid([0xE2, 0x28, 0xA1]))
        XCTAssertFalse(valid([0xF0, 0x90, 0x28, 0xBC]))
    }

    /// Against the standard library's own check: runs of Hangul and CJK (the loop that checks a
    /// run at once), broken and cut runs, ASCII of every length around the 8- and 32-byte steps.
    func testAgreesWithTheStandardLibraryOnRunsOfThreeByteCharacters() {
        let tokens: [[UInt8]] = [Array("한".utf8), Array("국어".utf8), Array("中文字".utf8), Array("a".utf8),
                                 Array("abcdefgh".utf8), Array("0123456789abcdefghijklmnopqrstuv".utf8),
                                 [0xEC, 0x83], [0xEC], [0xE1, 0x80, 0x41], [0xED, 0xA0, 0x80], [0xE0, 0xA0, 0x80],
                                 [0xE0, 0x80, 0x80], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xFF]]
        var rng = SeededGenerator(seed: 0x0717_F8)
        var failures: [String] = []
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 24) {
                // Mostly valid pieces, so long valid runs are common and the breaks land anywhere.
                let pick = Int(rng.next() % 100)
                bytes += pick < 85 ? tokens[pick % 6] : tokens[6 + pick % (tokens.count - 6)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if valid(bytes) != expected { failures.append("\(bytes.map { String($0, radix: 16) })") }
        }
        XCTAssertEqual(failures.count, 0, "first: \(failures.first ?? "")")
    }

    func testValidUTF8WinsElseCP949() {
        XCTAssertEqual(Array("한국".utf8).withUnsafeBytes { TextEncoding.detect($0) }, .utf8)
        XCTAssertEqual([UInt8]([0xC7, 0xD1, 0xB1, 0xB9]).withUnsafeBytes { TextEncoding.detect($0) }, .cp949)
    }

    func testBOMLength() {
        XCTAssertEqual([UInt8]([0xEF, 0xBB, 0xBF, 0x61]).withUnsafeBytes { TextEncoding.bomLength($0) }, 3)
        XCTAssertEqual([UInt8]([0xEF, 0xBB]).withUnsafeBytes { TextEncoding.bomLength($0) }, 0)
        XCTAssertEqual(Array("id".utf8).withUnsafeBytes { TextEncoding.bomLength($0) }, 0)
    }

    func testEncodingNamesFromThePipeline() {
        XCTAssertEqual(TextEncoding(name: "UTF-8"), .utf8)
        XCTAssertEqual(TextEncoding(name: "utf_8"), .utf8)
        XCTAssertEqual(TextEncoding(name: "EUC-KR"), .cp949)
        XCTAssertEqual(TextEncoding(name: "cp949"), .cp949)
        XCTAssertNil(TextEncoding(name: "latin1"))
    }

    func testDelimiterNamesFromThePipeline() {
        XCTAssertEqual(Dialect.delimiter(named: "tab"), 0x09)
        XCTAssertEqual(Dialect.delimiter(named: "Semicolon"), UInt8(ascii: ";"))
        XCTAssertEqual(Dialect.delimiter(named: ","), UInt8(ascii: ","))
        XCTAssertNil(Dialect.delimiter(named: "pipe"))
    }

    func testIconvDecodesCP949AndRefusesBrokenBytes() throws {
        let decoder = try XCTUnwrap(IconvDecoder(from: "CP949"))
        let decode = { (bytes: [UInt8]) in bytes.withUnsafeBufferPointer { decoder.decode($0) } }
        XCTAssertEqual(decode([0xC7, 0xD1, 0xB1, 0xB9]), "한국")
        XCTAssertEqual(decode(Array("ascii".utf8)), "ascii")
        // A lead byte cut off at the end of the field.
        XCTAssertNil(decode([0xC7, 0xD1, 0xB1]))
        // Decoding again after a failure still works (the shift state is reset).
        XCTAssertEqual(decode([0xB1, 0xB9, 0x20, 0x41]), "국 A")
    }

    func testFieldDecoderInCP949TrimsDecodedCells() throws {
        let bytes: [UInt8] = [0x20, 0xC7, 0xD1, 0xB1, 0xB9, 0x20, 0x2C, 0x78, 0x0A]
        let decoder = FieldDecoder.make(for: .cp949, fileIsValidUTF8: false)
        var cells: [String?] = []
        try bytes.withUnsafeBytes { raw in
            try CSVParser(delimiter: UInt8(ascii: ",")).parse(raw, firstLine: 1) { record in
                for i in 0..<record.fieldCount { cells.append(decoder.string(record, i)) }
                cells.append(decoder.string(record, 5))
            }
        }
        XCTAssertEqual(cells, ["한국", "x", ""])
    }
}

final class UTF8ValidationPropertyTests: XCTestCase {
    /// The validator agrees with the standard library's strict UTF-8 check on seeded mixes of
    /// ASCII runs, Hangul, CJK, emoji, stray and truncated bytes, across the 8- and 32-byte steps.
    func testAgreesWithTheStandardLibrary() {
        var rng = SeededGenerator(seed: 0x0057_F8)
        let pieces: [[UInt8]] = [Array("abcdefghijklmnopqrstuvwxyz0123456789,".utf8), Array("그린테크".utf8), Array("企业".utf8),
                                 Array("😀".utf8), Array("é".utf8), [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE1, 0x80],
                                 [0xEC, 0x28, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xC7, 0xD1]]
        var invalid = 0
        for _ in 0..<4_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) {
                let piece = Int(rng.next() % 100)
                if piece < 70 {
                    bytes += pieces[0].prefix(Int(rng.next() % 40))
                } else if piece < 90 {
                    bytes += pieces[1 + Int(rng.next() % 4)]
                } else {
                    bytes += pieces[5 + Int(rng.next() % 8)]
                }
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalid += 1 }
            XCTAssertEqual(bytes.withUnsafeBytes { UTF8Validation.isValid($0) }, expected, "\(bytes)")
        }
        XCTAssertGreaterThan(invalid, 200)
        XCTAssertLessThan(invalid, 3_800)
    }
}
