import Foundation
import XCTest
@testable import OutcomesCore

/// Seeded property tests for the CSV, money and date parsers and for the ingest accounting
/// identity (read = accepted + rejected + duplicate). Every input comes from a fixed-seed
/// SplitMix64, so a failure names its seed and input and reproduces on every run; the
/// libFuzzer targets in Fuzz/ explore the same properties without a fixed budget.
final class ParserPropertyTests: XCTestCase {
    // MARK: - (a) CSV: lines, and chunked parsing equals whole parsing

    /// Bytes the CSV inputs are built from: the characters libcsv treats specially, multi-byte
    /// UTF-8, and CP949 byte pairs (not valid UTF-8; the parser must pass them through).
    static let csvTokens: [[UInt8]] = [
        Array("a".utf8), Array("a".utf8), Array("bc".utf8), Array("\"".utf8), Array("\"".utf8),
        Array(",".utf8), Array(",".utf8), Array(";".utf8), Array("\n".utf8), Array("\n".utf8),
        Array("\r".utf8), Array("\r\n".utf8), Array(" ".utf8), Array("\t".utf8),
        Array("한".utf8), Array("中".utf8), [0xB0, 0xA1], [0xC7, 0xD1], [0x80], [0xFE],
    ]

    func testCSVRecordLinesIncreaseAndStayWithinTheInput() {
        var rng = SplitMix64(seed: 0xC5F0_0001)
        var failures: [String] = []
        for _ in 0..<3000 {
            let (bytes, delimiter) = randomCSV(&rng)
            let records = parseCopies(bytes, delimiter: delimiter, firstLine: 1)
            let breaks = lineBreaks(bytes, before: bytes.count)
            for (a, b) in zip(records, records.dropFirst()) where a.line >= b.line {
                failures.append("\(show(bytes, delimiter)): line \(a.line) then \(b.line)")
            }
            if let last = records.last, last.line < 1 || last.line > 1 + breaks {
                failures.append("\(show(bytes, delimiter)): last record on line \(last.line), \(breaks) line breaks")
            }
            if records.dropLast().contains(where: { $0.kind == .unterminatedQuote }) {
                failures.append("\(show(bytes, delimiter)): an unterminated quote before the last record")
            }
        }
        report(failures, "CSV line invariants")
    }

    /// Found by fuzzing (Fuzz/Corpus/csv/crash-3242177c…): after a lone CR, libcsv skips the
    /// blanks at the start of the next line, so an LF after them looked like the LF of a CRLF.
    func testLoneCRThenBlanksThenLFEndsTwoLines() throws {
        for delimiter in [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")] {
            for text in ["a\r \nb\n", "a\r\t\nb\n", "a\r  \t \nb"] {
                let records = parseCopies(Array(text.utf8), delimiter: delimiter, firstLine: 1)
                XCTAssertEqual(records.map(\.line), [1, 2, 3], text.debugDescription)
                XCTAssertEqual(records.map(\.kind), [.data, .blank, .data], text.debugDescription)
            }
        }
    }

    func testCSVParsedInChunksEqualsParsedWhole() {
        var rng = SplitMix64(seed: 0xC5F0_0002)
        var failures: [String] = []
        let parser = try! CSVParser(delimiter: UInt8(ascii: ","))
        for _ in 0..<2500 {
            let (bytes, delimiter) = randomCSV(&rng)
            // One reused parser for the chunks, as a ChunkWorker reuses its parser.
            let reused = delimiter == UInt8(ascii: ",") ? parser : try! CSVParser(delimiter: delimiter)
            let firstLine = 1 + rng.below(3)
            let whole = parseCopies(bytes, delimiter: delimiter, firstLine: firstLine)
            for target in Set([1, 2, 3, 7, max(1, bytes.count / 2)]).sorted() {
                let chunks = bytes.withUnsafeBytes {
                    Chunker(delimiter: delimiter).chunks(of: $0, from: 0, firstLine: firstLine, targetSize: target)
                }
                var pieces: [CopiedRecord] = []
                var expectedStart = 0
                for chunk in chunks {
                    if chunk.range.lowerBound != expectedStart
                        || chunk.firstLine != firstLine + lineBreaks(bytes, before: chunk.range.lowerBound) {
                        failures.append("\(show(bytes, delimiter)) target \(target): chunk \(chunk.range) on line \(chunk.firstLine)")
                    }
                    expectedStart = chunk.range.upperBound
                    pieces += parseCopies(Array(bytes[chunk.range]), delimiter: delimiter, firstLine: chunk.firstLine, parser: reused)
                }
                if expectedStart != bytes.count {
                    failures.append("\(show(bytes, delimiter)) target \(target): chunks end at \(expectedStart)")
                }
                if pieces != whole {
                    failures.append("\(show(bytes, delimiter)) first line \(firstLine) target \(target): chunks give \(pieces), whole gives \(whole)")
                }
            }
        }
        report(failures, "chunked CSV parsing")
    }

    /// Plain lines (no quote, no inner CR) are split by the wrapper, the rest by libcsv: the
    /// records must be exactly libcsv's alone, fields, kinds and lines, blanks, tabs, CRLF,
    /// lone CRs and quoted fields spanning lines included.
    func testPlainLinesSplitHereEqualLibcsvAlone() {
        var rng = SplitMix64(seed: 0xC5F0_0003)
        var failures: [String] = []
        let plainTokens = Self.csvTokens.filter { $0 != Array("\"".utf8) && $0 != Array("\r".utf8) }
            + [Array("  ".utf8), Array("\t ".utf8), Array(" x ".utf8)]
        for round in 0..<6000 {
            // Mostly plain text with a quote or CR now and then, or the full token mix.
            let tokens = round % 3 == 0 ? Self.csvTokens : plainTokens
            let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ","), 0x09, UInt8(ascii: ";")][rng.below(4)]
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(60) {
                bytes += rng.below(40) == 0 ? Self.csvTokens[rng.below(Self.csvTokens.count)] : tokens[rng.below(tokens.count)]
            }
            let firstLine = 1 + rng.below(3)
            let libcsv = try! CSVParser(delimiter: delimiter)
            libcsv.splitsPlainLines = false
            let expected = parseCopies(bytes, delimiter: delimiter, firstLine: firstLine, parser: libcsv)
            let got = parseCopies(bytes, delimiter: delimiter, firstLine: firstLine)
            if got != expected {
                failures.append("\(show(bytes, delimiter)): split here \(got), libcsv \(expected)")
            }
        }
        report(failures, "plain-line splitting")
    }

    // MARK: - (b) money

    static let moneyTokens = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1", "5", "9",
                              ",", ",", ".", " ", "억", "만", "천", "万", "亿", "千", "원", "元", "$", "₩", "¥",
                              "K", "M", "B", "(", ")", "-", "USD"]

    func testMoneyParserNeverCrashesAndReadsPlainNumbersByTheRule() {
        var rng = SplitMix64(seed: 0x3011_0001)
        var failures: [String] = []
        var plainChecked = 0
        for k in 0..<6000 {
            // Every other cell uses only digits, `,` and `.`, so the reference comparison is frequent.
            let alphabet = k % 2 == 0 ? Self.moneyTokens : ["0", "1", "2", "5", "9", "0", "3", ",", ",", "."]
            let cell = (0..<(1 + rng.below(14))).map { _ in alphabet[rng.below(alphabet.count)] }.joined()
            let result = MoneyParser.parse(cell)
            guard cell.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "," || $0 == "." }) else { continue }
            plainChecked += 1
            let expected = referencePlainNumber(cell)
            switch result {
            case .success(let p):
                if p.mark != nil || expected?.reduced() != p.amount.reduced() {
                    failures.append("'\(cell)' parsed as \(p.amount.plainString) \(p.mark ?? ""), the rule gives \(expected?.plainString ?? "a refusal")")
                }
            case .failure:
                if let expected { failures.append("'\(cell)' refused, the rule gives \(expected.plainString)") }
            }
        }
        XCTAssertGreaterThan(plainChecked, 2500)
        report(failures, "money cells of digits, commas and points")
    }

    func testWholeAmountsInEveryNotationParseToThemselves() {
        var rng = SplitMix64(seed: 0x3011_0002)
        var failures: [String] = []
        for _ in 0..<1500 {
            let n = Int(rng.next() % 1_000_000_000_000)
            let expected = ExactDecimal(n)
            for (cell, mark) in moneyNotations(n, &rng) {
                switch MoneyParser.parse(cell) {
                case .success(let p) where p.amount.reduced() == expected && p.mark == mark:
                    break
                case .success(let p):
                    failures.append("'\(cell)' parsed as \(p.amount.plainString) \(p.mark ?? "-"), expected \(n) \(mark ?? "-")")
                case .failure(let why):
                    failures.append("'\(cell)' refused (\(why)), expected \(n)")
                }
            }
        }
        report(failures, "money round trips")
    }

    /// `n` as the contract lets people write it, with the mark each form names.
    fileprivate func moneyNotations(_ n: Int, _ rng: inout SplitMix64) -> [(String, String?)] {
        let eok = n / 100_000_000, man = n / 10_000 % 10_000, rest = n % 10_000
        var forms: [(String, String?)] = [(String(n), nil), (grouped(n), nil), ("₩" + grouped(n), "KRW"),
                                          ("USD " + grouped(n), "USD"), (grouped(n) + "원", "KRW")]
        let space = rng.below(2) == 0 ? " " : ""
        func cjk(_ big: String, _ small: String, _ thousand: String) -> String {
            var parts: [String] = []
            if eok > 0 { parts.append("\(eok)\(big)") }
            if man > 0 {
                // 2345만 may be written 2천345만 (a thousand inside the 만 group).
                if man >= 1000 && rng.below(2) == 0 {
                    parts.append("\(man / 1000)\(thousand)" + (man % 1000 > 0 ? "\(man % 1000)" : "") + small)
                } else {
                    parts.append("\(man)\(small)")
                }
            }
            if rest > 0 || parts.isEmpty { parts.append(String(rest)) }
            return parts.joined(separator: space)
        }
        forms.append((cjk("억", "만", "천"), nil))
        forms.append((cjk("억", "만", "천") + "원", "KRW"))
        forms.append((cjk("亿", "万", "千") + "元", "CNY"))
        if eok > 0 {
            // 12.34567891억: the whole amount as a decimal number of 억.
            let fraction = String(n % 100_000_000)
            forms.append(("\(eok).\(String(repeating: "0", count: 8 - fraction.count))\(fraction)억", nil))
        }
        return forms
    }

    func grouped(_ n: Int) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    // MARK: - (c) dates

    static let dateTokens = ["0", "1", "2", "3", "6", "9", "0", "1", "2", "20", "2026", "12", "31", "-", "/", ".", " ",
                             "년", "월", "일", "年", "月", "日", ":", "T", "PM", "２", "\u{3000}", "x"]

    func testDateParserNeverCrashesAndOnlyReturnsRealDays() {
        var rng = SplitMix64(seed: 0xDA7E_0001)
        var failures: [String] = []
        var parsed = 0
        for _ in 0..<6000 {
            let cell = (0..<(1 + rng.below(12))).map { _ in Self.dateTokens[rng.below(Self.dateTokens.count)] }.joined()
            for excel in [false, true] {
                guard let day = DateParser.parse(cell, excelSerial: excel) else { continue }
                parsed += 1
                let c = day.components
                if Day(year: c.year, month: c.month, day: c.day) != day || DateParser.parse(day.description) != day {
                    failures.append("'\(cell)' (excel \(excel)) gave \(day), which does not round-trip")
                }
            }
        }
        XCTAssertGreaterThan(parsed, 0)
        report(failures, "random date cells")
    }

    func testEveryContractFormatOfARandomDayParsesBack() {
        var rng = SplitMix64(seed: 0xDA7E_0002)
        var failures: [String] = []
        let first = Day(year: 1, month: 1, day: 1)!.ordinal
        let last = Day(year: 9999, month: 12, day: 31)!.ordinal
        for k in 0..<2000 {
            // Half over the whole range, half in the years the pipeline sees.
            let day = k % 2 == 0 ? Day(ordinal: first + rng.below(last - first + 1))
                                 : Day(ordinal: Day(year: 2015, month: 1, day: 1)!.ordinal + rng.below(5000))
            let (y, m, d) = day.components
            for cell in dateForms(y, m, d) + [dateForms(y, m, d)[rng.below(7)] + " 10:00"] {
                let got = DateParser.parse(cell)
                if got != day { failures.append("'\(cell)' parsed as \(got.map { "\($0)" } ?? "nil"), expected \(day)") }
            }
        }
        report(failures, "contract date formats")
    }

    func testImpossibleDatesAreRefusedInEveryFormat() {
        var rng = SplitMix64(seed: 0xDA7E_0003)
        var failures: [String] = []
        for _ in 0..<1500 {
            let y = 1 + rng.below(9999)
            var nonLeap = 1 + rng.below(9999)
            while Day.isLeap(nonLeap) { nonLeap = 1 + rng.below(9999) }
            let impossible = [(y, 13, 1 + rng.below(28)), (y, 1 + rng.below(12), 32), (y, 2, 30),
                              (nonLeap, 2, 29), (y, [4, 6, 9, 11][rng.below(4)], 31), (y, 0, 1 + rng.below(28)),
                              (y, 1 + rng.below(12), 0)]
            for (yy, m, d) in impossible {
                for cell in dateForms(yy, m, d) {
                    if let got = DateParser.parse(cell) { failures.append("'\(cell)' parsed as \(got), expected nil") }
                }
            }
        }
        report(failures, "impossible dates")
    }

    /// The contract's seven forms: YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY. M. D., YYYYMMDD,
    /// YYYY년 M월 D일, YYYY年M月D日.
    func dateForms(_ y: Int, _ m: Int, _ d: Int) -> [String] {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        let yyyy = pad(y, 4), mm = pad(m, 2), dd = pad(d, 2)
        return ["\(yyyy)-\(mm)-\(dd)", "\(yyyy)/\(m)/\(d)", "\(yyyy).\(mm).\(dd)", "\(yyyy). \(m). \(d).",
                "\(yyyy)\(mm)\(dd)", "\(yyyy)년 \(m)월 \(d)일", "\(yyyy)年\(m)月\(d)日"]
    }

    // MARK: - (d) the accounting identity, end to end

    func testEveryRowReadIsAcceptedRejectedOrADuplicate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("SampleData").path
        for seed in UInt64(1)...6 {
            var rng = SplitMix64(seed: 0xACC0_0000 + seed)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-accounting-\(seed)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }

            var book = AccountingBook()
            let newline = rng.below(2) == 0 ? "\n" : "\r\n"
            let files = [("consultations-1.csv", TableKind.consultations), ("consultations-2.csv", .consultations),
                         ("contracts.csv", .contracts)]
            var expected: [String: FileCounts] = [:]
            for (name, table) in files {
                let (text, counts) = book.file(table, rows: 40 + rng.below(80), newline: newline, &rng)
                try Data(text.utf8).write(to: dir.appendingPathComponent(name))
                expected[name] = counts
            }
            let yaml = """
                name: accounting-\(seed)
                inputs:
                  consultations: [consultations-*.csv]
                  contracts: [contracts.csv]
                  fx_rates: "\(sample)/fx_rates.csv"
                  sectors: "\(sample)/sectors.csv"
                defaults: {currency: KRW, event: "Fuzz", attribution_window_days: 365}
                output: out
                """
            let pipeline = dir.appendingPathComponent("pipeline.yaml")
            try Data(yaml.utf8).write(to: pipeline)
            let definition = try PipelineDefinition.load(path: pipeline.path)

            for (threads, chunkBytes) in [(1, 4 << 20), (2, 64), (2, 700)] {
                let result = try PipelineRunner(definition: definition, options: .init(threads: threads, chunkBytes: chunkBytes)).ingest()
                XCTAssertEqual(result.files.count, 3)
                for info in result.files {
                    let c = info.counts
                    let what = "seed \(seed), \(info.display), \(threads) threads, chunks of \(chunkBytes) bytes"
                    XCTAssertEqual(c.read, c.accepted + c.rejected + c.duplicate, "identity broken: \(c) in \(what)")
                    XCTAssertTrue(c.balances, what)
                    let name = (info.display as NSString).lastPathComponent
                    XCTAssertEqual(c, expected[name], "\(what): got \(c), expected \(String(describing: expected[name]))")
                }
                XCTAssertTrue(result.totals.balances)
            }
        }
    }

    // MARK: - Helpers

    fileprivate func randomCSV(_ rng: inout SplitMix64) -> ([UInt8], UInt8) {
        let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ","), 0x09, UInt8(ascii: ";")][rng.below(4)]
        var bytes: [UInt8] = []
        for _ in 0..<rng.below(48) { bytes += Self.csvTokens[rng.below(Self.csvTokens.count)] }
        return (bytes, delimiter)
    }

    func show(_ bytes: [UInt8], _ delimiter: UInt8) -> String {
        "\(String(decoding: bytes, as: UTF8.self).debugDescription) \(bytes) (delimiter \(delimiter))"
    }

    func report(_ failures: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard !failures.isEmpty else { return }
        XCTFail("\(failures.count) failures of \(what); the first:\n" + failures.prefix(5).joined(separator: "\n"), file: file, line: line)
    }
}

/// The seeded generator of these tests (`SeededGenerator`, SplitMix64), by its usual name.
/// `below` is used instead of `Int.random(in:using:)`, whose algorithm the standard library does
/// not promise to keep.
typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    /// A number in 0..<n (n > 0); the modulo bias is irrelevant here.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A record copied out of the parser's callback.
private struct CopiedRecord: Equatable, CustomStringConvertible {
    var kind: CSVRecord.Kind
    var line: Int
    var fields: [[UInt8]]

    var description: String { "\(kind)@\(line)\(fields.map { String(decoding: $0, as: UTF8.self) })" }
}

private func parseCopies(_ bytes: [UInt8], delimiter: UInt8, firstLine: Int, parser: CSVParser? = nil) -> [CopiedRecord] {
    let p = parser ?? (try! CSVParser(delimiter: delimiter))
    var out: [CopiedRecord] = []
    bytes.withUnsafeBytes { raw in
        p.parse(raw, firstLine: firstLine) { record in
            let fields = (0..<record.fieldCount).map { i in record.withField(i) { Array($0) } }
            out.append(CopiedRecord(kind: record.kind, line: record.line, fields: fields))
        }
    }
    return out
}

/// Line breaks in `bytes[0..<end]`: CRLF, LF and a lone CR each count once.
private func lineBreaks(_ bytes: [UInt8], before end: Int) -> Int {
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

/// The contract's plain-number rule, written independently of MoneyParser: ASCII digits with
/// optional thousands groups (1–3 digits, then groups of exactly 3) and an optional `.fraction`;
/// at most 36 digits and 18 decimals. Nil when the rule refuses the text.
private func referencePlainNumber(_ s: String) -> ExactDecimal? {
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return nil }
    let fraction = parts.count == 2 ? parts[1] : ""
    if parts.count == 2 && fraction.isEmpty { return nil }
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    guard let head = groups.first, !head.isEmpty, groups.count == 1 || head.count <= 3,
          groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    let digits = groups.joined() + fraction
    guard digits.allSatisfy({ ("0"..."9").contains($0) }), digits.count <= 36, fraction.count <= 18 else { return nil }
    var value: Int128 = 0
    for c in digits.utf8 { value = value * 10 + Int128(c - 48) }
    return ExactDecimal(significand: value, scale: fraction.count)
}

/// Writes random consultations and contracts files and keeps the counts each must produce:
/// valid rows are accepted once per id, exact repeats are duplicates, an id reused with other
/// content or any bad cell is rejected, blank lines are not read.
private struct AccountingBook {
    /// The id and text of each accepted row that claimed an id, per table, in file order.
    var claims: [TableKind: [(id: String, text: String)]] = [:]
    var serial = 0

    static let companies = ["(주)청수이앤씨", "Acme Water Co", "한빛자원(주)", "\"Comma, Inc\"", "\"Multi\nLine Ltd\""]
    static let buyers = ["上海浦江环保科技股份有限公司", "Beijing Buyer Ltd", "天津新源动力电池回收有限公司", "\"Quote \"\"Q\"\" Co\""]
    static let sectors = ["수처리", "Hydrogen", "폐배터리 재활용", "anything at all"]
    static let amounts = [("", ""), ("41000000", "KRW"), ("\"1,200,000\"", ""), ("1억 2천만", "KRW"), ("₩12억", ""),
                          ("350万", "CNY"), ("1.5", "USD"), ("\"1,234.56\"", "USD"), ("0", "")]

    mutating func file(_ table: TableKind, rows: Int, newline: String, _ rng: inout SplitMix64) -> (String, FileCounts) {
        var lines = [table.columns.joined(separator: ",")]
        var counts = FileCounts()
        for _ in 0..<rows {
            let roll = rng.below(20)
            if roll == 0 {
                lines.append(rng.below(2) == 0 ? "" : String(repeating: ",", count: table.columns.count - 1))
                counts.blank += 1
            } else if roll <= 2, let claimed = claims[table], !claimed.isEmpty {
                let (id, text) = claimed[rng.below(claimed.count)]
                // An exact repeat is a duplicate; the same id with other content is rejected.
                let other = validRow(table, id: id, &rng)
                lines.append(roll == 1 ? text : other)
                if roll == 1 || other == text { counts.duplicate += 1 } else { counts.rejected += 1 }
                counts.read += 1
            } else if roll <= 7 {
                lines.append(invalidRow(table, &rng))
                counts.read += 1
                counts.rejected += 1
            } else {
                serial += 1
                let id = (table == .consultations ? "C" : "K") + String(serial)
                let text = validRow(table, id: id, &rng)
                claims[table, default: []].append((id, text))
                lines.append(text)
                counts.read += 1
                counts.accepted += 1
                if amountWasEmpty { counts.amountMissing += 1 }  // a lead, or an MOU or LOI, without an amount
            }
        }
        let unterminated = rng.below(4) == 0
        let finalBreak = rng.below(2) == 0
        if unterminated {
            // A quote never closed runs to the end of the file: one malformed record.
            lines.append("X9,\"never closed" + newline + "more text")
            counts.read += 1
            counts.rejected += 1
        } else if !finalBreak && lines.last == "" {
            // An empty last line without a line break after it is no line at all.
            counts.blank -= 1
        }
        return (lines.joined(separator: newline) + (finalBreak ? newline : ""), counts)
    }

    var amountWasEmpty = false

    mutating func validRow(_ table: TableKind, id: String, _ rng: inout SplitMix64) -> String {
        func pick(_ xs: [String]) -> String { xs[rng.below(xs.count)] }
        let day = Day(ordinal: Day(year: 2019, month: 1, day: 7)!.ordinal + rng.below(2900)).components
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = pick(["\(day.year)-\(pad(day.month))-\(pad(day.day))", "\(day.year)/\(day.month)/\(day.day)",
                         "\(day.year). \(day.month). \(day.day).", "\(day.year)\(pad(day.month))\(pad(day.day))",
                         "\(day.year)년 \(day.month)월 \(day.day)일", "\(day.year)年\(day.month)月\(day.day)日",
                         "\(day.year)-\(pad(day.month))-\(pad(day.day)) 10:00"])
        let (amount, currency) = Self.amounts[rng.below(Self.amounts.count)]
        amountWasEmpty = amount.isEmpty
        if table == .consultations {
            return [id, date, pick(["", "CIEPEC 2025 Beijing"]), pick(["Beijing", "\"Seoul, KR\"", "\"Two\r\nLines\""]),
                    pick(Self.companies), pick(Self.buyers), pick(["CN", "", "KR", "중국"]), pick(Self.sectors),
                    amount, currency, pick(["", "negotiating", "mou", "contracted", "dropped", "consulted"])].joined(separator: ",")
        }
        let type = amount.isEmpty ? pick(["MOU", "loi"]) : pick(["contract", "MOU", "loi", ""])
        return [id, pick(["", "C1", "C2"]), date, pick(Self.companies), pick(Self.buyers), type, amount, currency,
                pick(["", "HYD"])].joined(separator: ",")
    }

    /// A valid row with one thing wrong.
    mutating func invalidRow(_ table: TableKind, _ rng: inout SplitMix64) -> String {
        serial += 1
        let id = (table == .consultations ? "C" : "K") + String(serial)
        var cells = splitCells(validRow(table, id: id, &rng))
        let columns = table.columns
        func set(_ column: String, _ value: String) { cells[columns.firstIndex(of: column)!] = value }
        switch rng.below(9) {
        case 0: set("date", ["2025-13-01", "2025-02-30", "not a date", "", "2025-06-31"][rng.below(5)])
        case 1: set("company", "")
        case 2: set("buyer", "")
        case 3: set("amount", ["12abc", "-5", "1,2,3", "(500)", "USD 1 EUR"][rng.below(5)])
        case 4: set("currency", "XYZ")
        case 5: if table == .consultations { set("status", "maybe") } else { set("type", "bogus") }
        case 6: cells.removeLast(3)
        case 7: cells.append("extra")
        default: set(table == .consultations ? "consultation_id" : "contract_id", "")
        }
        return cells.joined(separator: ",")
    }

    /// Splits a row this book wrote back into its cells (quoted cells kept whole, quotes and all).
    func splitCells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var inQuotes = false
        for ch in row {
            if ch == "\"" { inQuotes.toggle() }
            if ch == "," && !inQuotes { cells.append(current); current = "" } else { current.append(ch) }
        }
        cells.append(current)
        return cells
    }
}
