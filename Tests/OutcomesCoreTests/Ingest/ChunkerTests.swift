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

    /// A body without quotes or lone CRs is cut on several workers: the chunks cover it, end
    /// after an LF (never inside a CRLF), start on the right line, and parse to the same records
    /// as the whole; any quote or lone CR sends it back to the record-by-record scan.
    func testPlainBodiesAreCutOnSeveralWorkersAlike() {
        var rng = SeededGenerator(seed: 0x9_1A17)
        for round in 0..<60 {
            let crlf = round % 2 == 1
            var text = "id,name,amount" + (crlf ? "\r\n" : "\n")
            for r in 0..<Int(1 + rng.next() % 300) {
                let blank = rng.next() % 17 == 0
                text += blank ? "" : "L\(r),\(String(repeating: "x", count: Int(rng.next() % 40))),\(rng.next() % 1000)"
                text += crlf ? "\r\n" : "\n"
            }
            if rng.next() % 3 == 0 { text += "tail,without,break" }
            let bytes = Array(text.utf8)
            let body = Array("id,name,amount".utf8).count + (crlf ? 2 : 1)
            let whole = parseRecords(bytes, delimiter: UInt8(ascii: ","))
            for size in [1, 7, 16, 61, 200, 1_000] {
                for threads in [1, 2, 3] {
                    guard let list = bytes.withUnsafeBytes({
                        Chunker(delimiter: UInt8(ascii: ",")).plainChunks(of: $0, from: body, firstLine: 2, targetSize: size, threads: threads)
                    }) else {
                        XCTAssertLessThanOrEqual(bytes.count - body, size, "round \(round) size \(size): refused")
                        continue
                    }
                    XCTAssertEqual(list.first?.range.lowerBound, body)
                    XCTAssertEqual(list.last?.range.upperBound, bytes.count)
                    for (a, b) in zip(list, list.dropFirst()) {
                        XCTAssertEqual(a.range.upperBound, b.range.lowerBound)
                        XCTAssertEqual(bytes[a.range.upperBound - 1], 0x0A, "round \(round) size \(size)")
                    }
                    XCTAssertTrue(list.allSatisfy { !$0.range.isEmpty })
                    var pieces = parseRecords(Array(bytes[0..<body]), delimiter: UInt8(ascii: ","))
                    for chunk in list {
                        XCTAssertEqual(chunk.firstLine, 1 + lineBreaks(bytes, before: chunk.range.lowerBound))
                        pieces += parseRecords(Array(bytes[chunk.range]), delimiter: UInt8(ascii: ","), firstLine: chunk.firstLine)
                    }
                    XCTAssertEqual(pieces, whole, "round \(round) size \(size) threads \(threads)")
                }
            }
        }
        for bad in ["a,b\nc,\"d\"\ne,f\ng,h\n", "a,b\nc,d\re,f\ng,h\n", "a,b\nc,d\ne,f\ng,h\r"] {
            let bytes = Array(bad.utf8)
            XCTAssertNil(bytes.withUnsafeBytes { Chunker(delimiter: UInt8(ascii: ",")).plainChunks(of: $0, from: 0, firstLine: 1, targetSize: 2, threads: 2) },
                         bad.debugDescription)
        }
    }
}
