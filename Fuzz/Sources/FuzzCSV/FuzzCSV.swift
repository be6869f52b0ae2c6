// libFuzzer target for the libcsv wrapper (`CSVParser`) and the `Chunker` that cuts files for
// parallel parsing. The first input byte picks the delimiter and a chunk size, the rest is the CSV.
//
// Traps (fatalError) when:
//  - record lines do not strictly increase, or a record starts past the last physical line;
//  - an unterminated-quote record is not the last record;
//  - the chunks do not tile the input, or a chunk's first line is not 1 + the breaks before it;
//  - parsing chunk by chunk (one reused parser, as ChunkWorker does) gives other records
//    (kind, line, field bytes) than parsing the whole input at once.
import OutcomesCore

struct Record: Equatable {
    var kind: CSVRecord.Kind
    var line: Int
    var fields: [[UInt8]]
}

func records(_ parser: CSVParser, _ bytes: UnsafeRawBufferPointer, firstLine: Int) -> [Record] {
    var out: [Record] = []
    parser.parse(bytes, firstLine: firstLine) { record in
        var fields: [[UInt8]] = []
        fields.reserveCapacity(record.fieldCount)
        for i in 0..<record.fieldCount {
            fields.append(record.withField(i) { Array($0) })
        }
        out.append(Record(kind: record.kind, line: record.line, fields: fields))
    }
    return out
}

/// Line breaks in `bytes[start..<end]`: CRLF, LF and a lone CR each count once.
func lineBreaks(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, before end: Int) -> Int {
    var n = 0
    var i = start
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

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

let parser = try! CSVParser(delimiter: UInt8(ascii: ","))
let tabParser = try! CSVParser(delimiter: 0x09)
let semicolonParser = try! CSVParser(delimiter: UInt8(ascii: ";"))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let control = data[0]
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let delimiters: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")]
    let which = Int(control % 3)
    let delimiter = delimiters[which]
    let p = [parser, tabParser, semicolonParser][which]
    let firstLine = 1 + Int(control >> 6)  // 1...4: a chunk need not start on line 1

    let whole = records(p, bytes, firstLine: firstLine)
    let breaks = lineBreaks(bytes, before: bytes.count)
    for (a, b) in zip(whole, whole.dropFirst()) {
        check(a.line < b.line, "record lines do not increase: \(a.line) then \(b.line)")
    }
    if let last = whole.last {
        check(last.line >= firstLine, "record line \(last.line) before the first line \(firstLine)")
        check(last.line <= firstLine + breaks, "record on line \(last.line) but the input has \(breaks) breaks from line \(firstLine)")
    }
    for r in whole.dropLast() {
        check(r.kind != .unterminatedQuote, "an unterminated quote that is not the last record, line \(r.line)")
    }

    let n = bytes.count
    var sizes = [1, 2 + Int(control >> 2) % 14]
    if n > 2 { sizes += [n / 3, n / 2] }
    for target in sizes {
        let chunks = Chunker(delimiter: delimiter).chunks(of: bytes, from: 0, firstLine: firstLine, targetSize: target)
        check(!chunks.isEmpty, "no chunk at target size \(target)")
        check(chunks.first!.range.lowerBound == 0 && chunks.last!.range.upperBound == n, "chunks do not cover the input")
        var pieces: [Record] = []
        var expectedStart = 0
        var line = firstLine
        for chunk in chunks {
            check(chunk.range.lowerBound == expectedStart, "chunks are not contiguous at \(expectedStart)")
            check(chunk.firstLine == line, "chunk at \(chunk.range.lowerBound) says line \(chunk.firstLine), not \(line)")
            // Counted per chunk: a CRLF split between two chunks would count twice and show here.
            line += lineBreaks(bytes, from: chunk.range.lowerBound, before: chunk.range.upperBound)
            expectedStart = chunk.range.upperBound
            pieces += records(p, UnsafeRawBufferPointer(rebasing: bytes[chunk.range]), firstLine: chunk.firstLine)
        }
        if pieces != whole {
            fatalError("chunked parse (target \(target), \(chunks.count) chunks) differs from the whole: \(pieces.count) vs \(whole.count) records")
        }
    }
    return 0
}
