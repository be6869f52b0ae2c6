import XCTest
@testable import OutcomesCore

/// The byte-level fast path must agree with the String path on every row: it accepts exactly
/// the rows the String path accepts, with the same values and the same row digest.
final class FastRowNormalizerTests: XCTestCase {
    /// Cell spellings per column, fine and broken, with spaces, NBSP, full-width forms and marks.
    static let leadCells: [[String]] = [
        ["L1", "L2", " L3 ", "Ｌ4", "", "L\u{00A0}5", "\"L,6\""],
        ["2026-06-03", "2026/6/3", " 2026.06.03 ", "20260603", "2026년 6월 3일", "2026-02-30", "", "yesterday", "2025-12-31"],
        ["", "Expo", " Expo ", "CIEPEC 2026", "\u{3000}"],
        ["", "Seoul", "Beijing ", "北京"],
        ["(주)한국수소", "한국수소 주식회사", "㈜한국수소", " Acme Inc. ", "ACME", "", "(주)", "Co., Ltd."],
        ["Beijing Green", "beijing green co ltd", "", "BEIJING GREEN", "\u{00A0}Bob\u{00A0}"],
        ["", "CN", "China", "중국", "Atlantis", " cn "],
        ["hydrogen", "ENE-01", "", "fuel cell stack", "snacks", " Hydrogen "],
        ["1000", "1,000", "₩12억", "350万元", "", "-5", "(5)", "abc", "1.5억", "$10", "¥1,000", "0", "12.5"],
        ["", "KRW", "krw", "원", "CNY", "USD", "JPY", "XXX", "EUR", "RMB"],
        ["", "consulted", "Follow-Up", "MOU", "contracted", "상담", "maybe"],
    ]

    static let contractCells: [[String]] = [
        ["K1", " K2 ", "", "Ｋ3"],
        ["", "L1", " L2 ", "Ｌ4"],
        ["2026-07-01", "2026/7/1", "", "2026-13-01"],
        ["(주)한국수소", "ACME", "", "(주)"],
        ["Beijing Green", "", "BEIJING GREEN"],
        ["contract", "MOU", "loi", "계약", "deal"],
        ["1000", "", "₩12억", "-5", "12.5", "abc"],
        ["", "KRW", "USD", "XXX", "원"],
        ["", "hydrogen", "snacks", "ENE-01"],
    ]

    func csvField(_ s: String) -> String {
        s.hasPrefix("\"") ? s : (s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s)
    }

    func check(table: TableKind, cells: [[String]], marked: Bool, seed: UInt64, rows: Int) throws {
        var rng = SeededGenerator(seed: seed)
        let context = makeNormalizeContext()
        let slowPool = TextPool()
        let fastPool = TextPool()
        let cache = NormalizeCache(pool: slowPool)
        let fast = FastRowNormalizer(context: context, pool: fastPool, marked: marked)
        let decoder = FieldDecoder(mode: marked ? .markedUTF8 : .validatedUTF8)
        let header = table.columns.joined(separator: ",")
        let columns = try ColumnMap(headers: table.columns, table: table, aliases: HeaderAliases(), file: "t.csv")
        let positions = columns.positions.map { $0 ?? -1 }
        var text = header + "\n"
        for _ in 0..<rows {
            var row = cells.map { $0[Int(rng.next() % UInt64($0.count))] }
            // In converted text, U+FFFD marks bytes that did not decode.
            if marked && rng.next() % 10 == 0 { row[Int(rng.next() % UInt64(row.count))] += "\u{FFFD}" }
            text += row.map(csvField).joined(separator: ",") + "\n"
        }
        let parser = try CSVParser(delimiter: UInt8(ascii: ","))
        var fastAccepted = 0
        var failures: [String] = []
        var idHashes: [Int] = []
        Array(text.utf8).withUnsafeBytes { bytes in
            parser.parse(bytes, firstLine: 1) { record in
                guard record.line > 1 else { return }
                let source = SourceRef(file: 0, line: record.line)
                guard case .cells(let strings) = RecordCells.read(record, columns: columns, decoder: decoder) else {
                    let fastResult = table == .consultations ? fast.lead(record, positions: positions, source: source, idHashes: &idHashes).map { _ in 1 }
                        : fast.contract(record, positions: positions, source: source, idHashes: &idHashes).map { _ in 1 }
                    if fastResult != nil { failures.append("line \(record.line): fast accepted an undecodable row") }
                    return
                }
                // Both paths' rows as text (each with its own pool) and digests, to compare.
                let slow: (String, RowDigest)?
                let slowIssues: [String]
                let quick: (String, RowDigest)?
                if table == .consultations {
                    let result = LeadNormalizer(context: context, cache: cache).normalize(strings, source: source)
                    (slow, slowIssues) = (described(result) { describe($0, slowPool) }, issueList(result))
                    quick = fast.lead(record, positions: positions, source: source, idHashes: &idHashes).map { lead, digest in
                        if idHashes.last != RowIDTable.hash(lead.id) { failures.append("line \(record.line): id hash of \(lead.id)") }
                        return (describe(lead, fastPool), digest)
                    }
                } else {
                    let result = ContractNormalizer(context: context, cache: cache).normalize(strings, source: source)
                    (slow, slowIssues) = (described(result) { describe($0, slowPool) }, issueList(result))
                    quick = fast.contract(record, positions: positions, source: source, idHashes: &idHashes).map { contract, digest in
                        if idHashes.last != RowIDTable.hash(contract.id) { failures.append("line \(record.line): id hash of \(contract.id)") }
                        return (describe(contract, fastPool), digest)
                    }
                }
                switch (slow, quick) {
                case (let (a, da)?, let (b, db)?):
                    fastAccepted += 1
                    if a != b || da != db { failures.append("line \(record.line): \(a) ≠ \(b)") }
                case (nil, nil): break
                default: failures.append("line \(record.line) \(strings): slow \(slowIssues), fast \(quick == nil ? "nil" : "accepted")")
                }
            }
        }
        XCTAssertEqual(failures.prefix(5), [], "\(failures.count) disagreements")
        // The generator must produce accepted rows too, or the comparison says nothing.
        XCTAssertGreaterThan(fastAccepted, rows / 50)
    }

    /// An accepted row described, with its digest; nil when rejected.
    func described<Row>(_ result: RowNormalization<Row>, _ text: (Row) -> String) -> (String, RowDigest)? {
        guard case .accepted(let row, let digest) = result else { return nil }
        return (text(row), digest)
    }

    func describe(_ l: Lead, _ t: TextPool) -> String {
        [l.id, l.rawID >= 0 ? t[l.rawID] : "=", l.date.description, t[l.event], t[l.city], t[l.companyRaw], t[l.companyKey], t[l.buyerRaw], t[l.buyerKey],
         t[l.buyerCountry], t[l.countryText], String(l.sector), t[l.sectorText], l.amount?.plainString ?? "nil",
         t[l.currency], String(l.usdCents), l.status.rawValue, String(l.source.line)].joined(separator: "|")
    }

    func describe(_ c: Contract, _ t: TextPool) -> String {
        [c.id, c.rawID >= 0 ? t[c.rawID] : "=", c.leadID, c.date.description, t[c.companyRaw], t[c.companyKey], t[c.buyerRaw], t[c.buyerKey], c.type.rawValue,
         c.amount?.plainString ?? "nil", t[c.currency], c.usdCents.map(String.init) ?? "nil", c.ownSector.map(String.init) ?? "nil",
         t[c.sectorText], String(c.source.line)].joined(separator: "|")
    }

    /// The direct `YYYY-MM-DD` reading agrees with `DateParser` on every day of 1899–2101 and on
    /// impossible or malformed ten-byte cells (which it leaves to the memo path).
    func testISODaysReadDirectlyAsDateParserReadsThem() {
        var day = Day(year: 1899, month: 1, day: 1)!
        var checked = 0
        while day.components.year <= 2101 {
            let text = day.description
            let direct = Array(text.utf8).withUnsafeBytes { FastRowNormalizer.isoDay($0) }
            XCTAssertEqual(direct, DateParser.parse(text), text)
            XCTAssertEqual(direct, day, text)
            day = Day(ordinal: day.ordinal + 1)
            checked += 1
        }
        XCTAssertEqual(checked, 74_144)  // 203 years, 49 of them leap
        for text in ["2026-02-29", "2024-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026/01/01", "2026-1-001", "20x6-01-01", "2026-01-3a"] {
            XCTAssertNil(Array(text.utf8).withUnsafeBytes { FastRowNormalizer.isoDay($0) }, text)
        }
    }

    func testLeadsAgreeWithTheStringPath() throws {
        try check(table: .consultations, cells: Self.leadCells, marked: false, seed: 0xFA57_0001, rows: 6000)
    }

    func testContractsAgreeWithTheStringPath() throws {
        try check(table: .contracts, cells: Self.contractCells, marked: false, seed: 0xFA57_0002, rows: 4000)
    }

    func testConvertedTextWithReplacementMarksAgrees() throws {
        try check(table: .consultations, cells: Self.leadCells, marked: true, seed: 0xFA57_0003, rows: 4000)
        try check(table: .contracts, cells: Self.contractCells, marked: true, seed: 0xFA57_0004, rows: 3000)
    }

    func testDigestTellsCellsApart() {
        var a = RowDigest()
        a.add("ab")
        a.add("c")
        var b = RowDigest()
        b.add("a")
        b.add("bc")
        var c = RowDigest()
        c.add("c")
        c.add("ab")
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(a, c)
        var d = RowDigest()
        d.add("ab")
        d.add("c")
        XCTAssertEqual(a, d)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so every run sees the same
/// inputs and a failure reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
