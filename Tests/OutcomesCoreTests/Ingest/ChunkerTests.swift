import XCTest
@testable import OutcomesCore

final class ChunkerTests: XCTestCase {
    /// Inputs with quoted line breaks, CRLF, lone CR, blank lines, doubled quotes and literal quotes.
    static let inputs: [String] = [
        "id,note\n1,\"a\nb\"\n2,plain\n",
        "id,note\r\n1,\"x\r\ny\r\nz\"\r\n\r\n2,\"q,\"\"r\"\"\"\r\n3,last",
        "a,b\r\"c\rd\",e\rf,g\r",
        "a,5\" screen,\"multi\nline\"\n\n,,\nb,\"\"\"\n\"\"\",c\n",
        "x,\"p\"q,\"r\ns\"\ny,z\n",
        "h1\th2\n\"t\tq\nu\"\tv\nw\tx\n",
        "only one line without break",
        "a,b\nc,\"never closed\nd,e\n",
        "\"a\" \"b\nc\",d\n\"e\" \"\"\n\",x\ny,z\n",
        "  \"lead\nspace\",k\n   \n\"t\"  ,u\r\n",
    ]

    /// Line breaks in `bytes[0..<end]`, CRLF counting once.
    func lineBreaks(_ bytes: [UInt8], before end: Int) -> Int {
        var n = 0
        var i = 0
        while i < end {
            if bytes[i] == 0x0D {
                n += 1
                if i + 1 < end && bytes[i + 1] == 0x0A { i += 1 }
            } else if bytes[i] == 0x0A {
                n += 1
            }
            i += 1
        }
        return n
    }

    func chunks(_ bytes: [UInt8], delimiter: UInt8, targetSize: Int) -> [Chunker.Chunk] {
        bytes.withUnsafeBytes { Chunker(delimiter: delimiter).chunks(of: $0, from: 0, firstLine: 1, targetSize: targetSize) }
    }

    func delimiter(for text: String) -> UInt8 { text.hasPrefix("h1\t") ? 0x09 : UInt8(ascii: ",") }

    func testChunksCoverTheInputContiguouslyAtEverySize() {
        for text in Self.inputs {
            let bytes = Array(text.utf8)
            for size in 1...bytes.count {
                let list = chunks(bytes, delimiter: delimiter(for: text), targetSize: size)
                XCTAssertFalse(list.isEmpty, "\(text.debugDescription) size \(size)")
                XCTAssertEqual(list.first?.range.lowerBound, 0)
                XCTAssertEqual(list.last?.range.upperBound, bytes.count, "\(text.debugDescription) size \(size)")
                for (a, b) in zip(list, list.dropFirst()) {
                    XCTAssertEqual(a.range.upperBound, b.range.lowerBound, "\(text.debugDescription) size \(size)")
                }
                XCTAssertTrue(list.allSatisfy { !$0.range.isEmpty }, "\(text.debugDescription) size \(size)")
            }
        }
    }

    func testEachChunkStartsOnTheLineAfterTheBreaksBeforeIt() {
        for text in Self.inputs {
            let bytes = Array(text.utf8)
            for size in 1...bytes.count {
                for chunk in chunks(bytes, delimiter: delimiter(for: text), targetSize: size) {
                    XCTAssertEqual(chunk.firstLine, 1 + lineBreaks(bytes, before: chunk.range.lowerBound),
                                   "\(text.debugDescription) size \(size) chunk \(chunk.range)")
                }
            }
        }
    }

    func testParsingChunkByChunkEqualsParsingTheWhole() {
        for text in Self.inputs {
            let bytes = Array(text.utf8)
            let d = delimiter(for: text)
            let whole = parseRecords(bytes, delimiter: d)
            for size in 1...bytes.count {
                var pieces: [ParsedRecord] = []
                for chunk in chunks(bytes, delimiter: d, targetSize: size) {
                    pieces += parseRecords(Array(bytes[chunk.range]), delimiter: d, firstLine: chunk.firstLine)
                }
                XCTAssertEqual(pieces, whole, "\(text.debugDescription) size \(size)")
            }
        }
    }

    func testBoundaryNeverFallsInsideAQuotedField() {
        for text in Self.inputs {
            let bytes = Array(text.utf8)
            let d = delimiter(for: text)
            for size in 1...bytes.count {
                for chunk in chunks(bytes, delimiter: d, targetSize: size).dropLast() {
                    let end = chunk.range.upperBound
                    XCTAssertTrue(bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D,
                                  "boundary \(end) of \(text.debugDescription) is not after a line break")
                    XCTAssertFalse(end < bytes.count && bytes[end - 1] == 0x0D && bytes[end] == 0x0A,
                                   "boundary \(end) splits a CRLF in \(text.debugDescription)")
                    let head = parseRecords(Array(bytes[0..<end]), delimiter: d)
                    XCTAssertFalse(head.contains { $0.kind == .unterminatedQuote },
                                   "boundary \(end) is inside quotes in \(text.debugDescription)")
                }
            }
        }
    }

    func testBoundariesOfAKnownInput() {
        // "id,note\n" (8) + "1,\"a\nb\"\n" (8) + "2,plain\n" (8): at target 1 every record is a chunk,
        // and the quoted break keeps the second chunk whole.
        let bytes = Array(Self.inputs[0].utf8)
        XCTAssertEqual(chunks(bytes, delimiter: UInt8(ascii: ","), targetSize: 1), [
            Chunker.Chunk(range: 0..<8, firstLine: 1),
            Chunker.Chunk(range: 8..<16, firstLine: 2),
            Chunker.Chunk(range: 16..<24, firstLine: 4),
        ])
        XCTAssertEqual(chunks(bytes, delimiter: UInt8(ascii: ","), targetSize: 9), [
            Chunker.Chunk(range: 0..<16, firstLine: 1),
            Chunker.Chunk(range: 16..<24, firstLine: 4),
        ])
    }

    func testChunksFromAnOffsetKeepTheGivenFirstLine() {
        let bytes = Array("header\r\nx,\"1\r\n2\"\r\ny,3\r\n".utf8)
        let list = bytes.withUnsafeBytes {
            Chunker(delimiter: UInt8(ascii: ",")).chunks(of: $0, from: 8, firstLine: 2, targetSize: 1)
        }
        // "header\r\n" is 8 bytes, "x,\"1\r\n2\"\r\n" 10, "y,3\r\n" 5.
        XCTAssertEqual(list, [Chunker.Chunk(range: 8..<18, firstLine: 2), Chunker.Chunk(range: 18..<23, firstLine: 4)])
    }

    func testRecordEndSpansQuotedBreaks() {
        let bytes = Array("a,\"b\r\nc\"\r\nd\n".utf8)
        let (end, lines) = bytes.withUnsafeBytes { Chunker(delimiter: UInt8(ascii: ",")).recordEnd(in: $0, from: 0) }
        XCTAssertEqual(end, 10)
        XCTAssertEqual(lines, 2)
    }
}
