import XCTest
@testable import OutcomesCore

/// A record copied out of the parser callback (records are only valid inside it).
struct ParsedRecord: Equatable, CustomStringConvertible {
    var kind: CSVRecord.Kind
    var line: Int
    var fields: [String]

    init(_ kind: CSVRecord.Kind, _ line: Int, _ fields: [String]) {
        self.kind = kind
        self.line = line
        self.fields = fields
    }

    var description: String { "\(kind)@\(line)\(fields)" }
}

/// Parses `bytes` with a fresh (or the given) parser and copies every record out.
func parseRecords(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), firstLine: Int = 1,
                  parser: CSVParser? = nil) -> [ParsedRecord] {
    let p = parser ?? (try! CSVParser(delimiter: delimiter))
    var out: [ParsedRecord] = []
    bytes.withUnsafeBytes { raw in
        p.parse(raw, firstLine: firstLine) { record in
            var fields: [String] = []
            for i in 0..<record.fieldCount {
                fields.append(record.withField(i) { String(decoding: $0, as: UTF8.self) })
            }
            out.append(ParsedRecord(record.kind, record.line, fields))
        }
    }
    return out
}

func parseRecords(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), firstLine: Int = 1) -> [ParsedRecord] {
    parseRecords(Array(text.utf8), delimiter: delimiter, firstLine: firstLine)
}

final class CSVParserTests: XCTestCase {
    func testQuotedDelimiterStaysInField() {
        XCTAssertEqual(parseRecords("a,\"b,c\",d\n"), [ParsedRecord(.data, 1, ["a", "b,c", "d"])])
    }

    func testDoubledQuoteIsOneLiteralQuote() {
        XCTAssertEqual(parseRecords("\"he said \"\"hi\"\"\",x\n"),
                       [ParsedRecord(.data, 1, ["he said \"hi\"", "x"])])
    }

    func testNewlineInsideQuotesIsKeptAndNextRecordLineCountsIt() {
        XCTAssertEqual(parseRecords("a,\"line1\nline2\"\nb,c\n"), [
            ParsedRecord(.data, 1, ["a", "line1\nline2"]),
            ParsedRecord(.data, 3, ["b", "c"]),
        ])
    }

    func testCRLFInsideQuotesBecomesLF() {
        XCTAssertEqual(parseRecords("a,\"x\r\ny\r\nz\"\r\nb,c\r\n"), [
            ParsedRecord(.data, 1, ["a", "x\ny\nz"]),
            ParsedRecord(.data, 4, ["b", "c"]),
        ])
    }

    func testLoneCRInsideQuotesBecomesLF() {
        XCTAssertEqual(parseRecords("a,\"x\ry\"\rb,c\r"), [
            ParsedRecord(.data, 1, ["a", "x\ny"]),
            ParsedRecord(.data, 3, ["b", "c"]),
        ])
    }

    func testCRLFLineEndingsCountOneLineEach() {
        XCTAssertEqual(parseRecords("a,b\r\nc,d\r\ne,f\r\n"), [
            ParsedRecord(.data, 1, ["a", "b"]),
            ParsedRecord(.data, 2, ["c", "d"]),
            ParsedRecord(.data, 3, ["e", "f"]),
        ])
    }

    func testCROnlyLineEndingsCountOneLineEach() {
        XCTAssertEqual(parseRecords("a,b\rc,d\re,f"), [
            ParsedRecord(.data, 1, ["a", "b"]),
            ParsedRecord(.data, 2, ["c", "d"]),
            ParsedRecord(.data, 3, ["e", "f"]),
        ])
    }

    func testBlankLineIsBlankRecordAndCountsAsALine() {
        XCTAssertEqual(parseRecords("a,b\n\nc,d\n").map { "\($0.kind)@\($0.line)" },
                       ["data@1", "blank@2", "data@3"])
        XCTAssertEqual(parseRecords("a,b\r\n\r\n\r\nc,d\r\n").map { "\($0.kind)@\($0.line)" },
                       ["data@1", "blank@2", "blank@3", "data@4"])
    }

    func testBlankLineAfterQuotedNewlineHasTheRightLine() {
        XCTAssertEqual(parseRecords("\"p\nq\",r\n\ns,t\n").map { "\($0.kind)@\($0.line)" },
                       ["data@1", "blank@3", "data@4"])
    }

    func testMixedLineEndingsCountEveryBreak() {
        // CR, then CR LF, then LF: three breaks, so d is on line 4.
        XCTAssertEqual(parseRecords("a\r\r\nb\nd\n").map { "\($0.kind)@\($0.line)" },
                       ["data@1", "blank@2", "data@3", "data@4"])
        XCTAssertEqual(parseRecords("\r\na,b").map { "\($0.kind)@\($0.line)" }, ["blank@1", "data@2"])
        XCTAssertEqual(parseRecords("a\r\rb\r").map { "\($0.kind)@\($0.line)" }, ["data@1", "blank@2", "data@3"])
    }

    func testQuotedCRFollowedByUnquotedLFIsTwoBreaks() {
        XCTAssertEqual(parseRecords("\"a\r\"\nb\n"), [ParsedRecord(.data, 1, ["a\n"]), ParsedRecord(.data, 3, ["b"])])
    }

    func testLineOfSpacesIsBlank() {
        XCTAssertEqual(parseRecords("a\n   \nb\n").map { "\($0.kind)@\($0.line)" }, ["data@1", "blank@2", "data@3"])
    }

    func testFinalLineBreakDoesNotMakeAnExtraRecord() {
        XCTAssertEqual(parseRecords("a,b\nc,d\n"), [
            ParsedRecord(.data, 1, ["a", "b"]),
            ParsedRecord(.data, 2, ["c", "d"]),
        ])
    }

    func testEmptyLastLineIsOneBlankRecord() {
        XCTAssertEqual(parseRecords("a,b\n\n").map { "\($0.kind)@\($0.line)" }, ["data@1", "blank@2"])
    }

    func testMissingTrailingNewlineStillEndsTheLastRecord() {
        XCTAssertEqual(parseRecords("a,b\nc,\"d\ne\""), [
            ParsedRecord(.data, 1, ["a", "b"]),
            ParsedRecord(.data, 2, ["c", "d\ne"]),
        ])
    }

    func testQuoteInsideUnquotedFieldIsKeptLiterally() {
        XCTAssertEqual(parseRecords("ab\"c,5\" screen\n"), [ParsedRecord(.data, 1, ["ab\"c", "5\" screen"])])
    }

    /// RFC 4180 read as Python's csv module reads it: a quote after blanks at the start of a
    /// field is text (libcsv alone skipped the blanks and opened a quoted field).
    func testQuoteAfterLeadingBlanksIsText() {
        XCTAssertEqual(parseRecords("Q1, \"Gamma\",x\nQ2, \"Delta, Inc\",y\n"), [
            ParsedRecord(.data, 1, ["Q1", "\"Gamma\"", "x"]),
            ParsedRecord(.data, 2, ["Q2", "\"Delta", "Inc\"", "y"]),
        ])
        XCTAssertEqual(parseRecords("x\t \"q\"\t\"r\"\n", delimiter: 0x09), [ParsedRecord(.data, 1, ["x", "\"q\"", "r"])])
    }

    /// Text after a closing quote joins the field, and the records after it are read as usual
    /// (libcsv alone took the closing quote for a literal one and ran the field on to the next
    /// quote: here, to the end of the file, one record instead of three).
    func testTextAfterAClosingQuoteJoinsTheField() {
        XCTAssertEqual(parseRecords("Q1,\"Samsung\" Electronics,b\nQ2,c,d\nQ3,e,f\n"), [
            ParsedRecord(.data, 1, ["Q1", "Samsung Electronics", "b"]),
            ParsedRecord(.data, 2, ["Q2", "c", "d"]),
            ParsedRecord(.data, 3, ["Q3", "e", "f"]),
        ])
        XCTAssertEqual(parseRecords("\"1000\"x,\"a\"\"b\" \"c\",\"multi\nline\" tail\r\nz,\"q\"  \n"), [
            ParsedRecord(.data, 1, ["1000x", "a\"b \"c\"", "multi\nline tail"]),
            ParsedRecord(.data, 3, ["z", "q"]),
        ])
        XCTAssertEqual(parseRecords("\"a\" b\rc,d\r"), [ParsedRecord(.data, 1, ["a b"]), ParsedRecord(.data, 2, ["c", "d"])])
        XCTAssertEqual(parseRecords("a,b\n\"x\" y,\"open\nc,d\n").map { "\($0.kind)@\($0.line)" }, ["data@1", "unterminatedQuote@2"])
    }

    func testUnterminatedQuoteIsOneRecordAtItsFirstLine() {
        XCTAssertEqual(parseRecords("a,b\nc,\"d\ne,f\ng,h\n").map { "\($0.kind)@\($0.line)" },
                       ["data@1", "unterminatedQuote@2"])
    }

    func testParserIsReusableAfterAnUnterminatedQuote() throws {
        let parser = try CSVParser(delimiter: UInt8(ascii: ","))
        XCTAssertEqual(parseRecords(Array("x,\"y\n".utf8), parser: parser).map(\.kind), [.unterminatedQuote])
        XCTAssertEqual(parseRecords(Array("p,q\nr,s\n".utf8), parser: parser),
                       [ParsedRecord(.data, 1, ["p", "q"]), ParsedRecord(.data, 2, ["r", "s"])])
    }

    func testAllEmptyFieldsRecordIsBlank() {
        let records = parseRecords("a,b,c,d\n,,,\ne,f,g,h\n")
        XCTAssertEqual(records.map { "\($0.kind)@\($0.line)" }, ["data@1", "blank@2", "data@3"])
        XCTAssertEqual(parseRecords("\"\",\"\"\n").map(\.kind), [.blank])
    }

    func testTrailingEmptyFieldsAreCounted() {
        XCTAssertEqual(parseRecords("a,b,,\n"), [ParsedRecord(.data, 1, ["a", "b", "", ""])])
    }

    func testTabDelimiterLeavesCommasInFields() {
        XCTAssertEqual(parseRecords("a\tb,c\t\"d\te\"\n", delimiter: 0x09),
                       [ParsedRecord(.data, 1, ["a", "b,c", "d\te"])])
    }

    func testSemicolonDelimiter() {
        XCTAssertEqual(parseRecords("1,5;x\n", delimiter: UInt8(ascii: ";")),
                       [ParsedRecord(.data, 1, ["1,5", "x"])])
    }

    func testFirstLineOffsetsEveryRecord() {
        XCTAssertEqual(parseRecords("a\n\"b\nc\"\nd\n", firstLine: 10).map(\.line), [10, 11, 13])
    }

    func testEmptyInputMakesNoRecord() {
        XCTAssertEqual(parseRecords(""), [])
    }

    func testUTF8BytesPassThroughUntouched() {
        XCTAssertEqual(parseRecords("상담번호,企业\n"), [ParsedRecord(.data, 1, ["상담번호", "企业"])])
    }

    func testDelimiterDetectionCountsOutsideQuotesWithCommaFirstOnTies() {
        func detect(_ s: String) -> UInt8 {
            Array(s.utf8).withUnsafeBytes { Dialect.detectDelimiter($0, from: 0) }
        }
        XCTAssertEqual(detect("a;b;c,d\n"), UInt8(ascii: ";"))
        XCTAssertEqual(detect("\"a,b,c\"\tx\ty\n1,2,3,4,5\n"), 0x09)
        XCTAssertEqual(detect("a,b\tc\n"), UInt8(ascii: ","))
        XCTAssertEqual(detect("a\tb;c\n"), 0x09)
        XCTAssertEqual(detect("abc\n"), UInt8(ascii: ","))
        // A quote inside an unquoted field is literal: it opens nothing, and the header line
        // ends at its line break.
        XCTAssertEqual(detect("ref\"no;consultation_id;date;company;buyer;sector;amount\nR1;L1;2026-02-01;A,B,C,D,E,F,G;x\n"),
                       UInt8(ascii: ";"))
        XCTAssertEqual(detect("id;date;company;size 5\"\nL1;2026;\"Acme, Inc, a, b, c, d\";x\n"), UInt8(ascii: ";"))
        // A quoted field: doubled quotes inside, text after its closing quote, then the next field.
        XCTAssertEqual(detect("\"a;\"\"b;c\"x,y,z;w\n"), UInt8(ascii: ","))
        XCTAssertEqual(detect("x;\"a,b\nc,d\";y\n"), UInt8(ascii: ";"))
    }
}
