import Foundation
import Glibc

/// The tables of a run for changes.csv and `outcomes diff`: summary and sectors as rows of
/// fields, and the lead and contract ids — read back from a published run's folder, or taken
/// from the outcome of the run being written (nothing copied).
public struct RunTables: Sendable {
    /// Each table as its header and rows of fields.
    public var summary: [[String]] = []
    public var sectors: [[String]] = []
    /// The run's lead ids (with each lead's `converted` cell) and contract ids.
    var ids: IDs = .read(ReadIDs())

    enum IDs: Sendable {
        /// Read back from leads.csv and contracts.csv.
        case read(ReadIDs)
        /// The run being written.
        case outcome(Outcome)
        /// An earlier run's ids, matched against the run being written as they were read.
        case matched(MatchedIDs)
    }

    public init() {}

    /// Reads a run folder's CSV outputs (a BOM, if written for Excel, is skipped).
    /// - Throws: `PipelineError.inputUnreadable` when a table is missing.
    public init(folder: String) throws {
        summary = try Self.read(folder + "/summary.csv")
        sectors = try Self.read(folder + "/sectors.csv")
        let leads = try ColumnReader.read(folder + "/leads.csv", ["consultation_id", "converted"])
        let contracts = try ColumnReader.read(folder + "/contracts.csv", ["contract_id"])
        ids = .read(ReadIDs(leadIDs: leads[0], converted: ConvertedCells(leads[1]), contractIDs: contracts[0]))
    }

    /// An earlier run read for comparison with the run being written: its ids are streamed past
    /// a table of the new run's ids (8 bytes a row while reading) and only what they say about
    /// each new lead and contract is kept (a byte a lead), instead of the ids themselves.
    /// - Parameters:
    ///   - leads: the leads of the run being written, in its order (and `contracts` likewise).
    ///   - texts: the pool the rows' texts (their ids as written, `rawID`) point into.
    public init(folder: String, comparedWith leads: [Lead], _ contracts: [Contract], texts: TextPool) throws {
        summary = try Self.read(folder + "/summary.csv")
        sectors = try Self.read(folder + "/sectors.csv")
        ids = .matched(try MatchedIDs(folder: folder, leads: leads, contracts: contracts, texts: texts))
    }

    /// The tables of the run being written, taken from the outcome (no re-parsing of leads.csv,
    /// no copy of its ids).
    public init(outcome o: Outcome, sectorsCSV: [UInt8]) {
        summary = [["metric", "value"]] + OutputTables.summaryRows(o.summary).map { [$0.0, $0.1] }
        sectors = Self.parse(sectorsCSV)
        ids = .outcome(o)
    }

    var leadCount: Int {
        switch ids {
        case .read(let r): return r.leadIDs.count
        case .outcome(let o): return o.leads.count
        case .matched: return 0
        }
    }

    var contractCount: Int {
        switch ids {
        case .read(let r): return r.contractIDs.count
        case .outcome(let o): return o.contracts.count
        case .matched: return 0
        }
    }

    /// Calls `body` with the bytes of lead `r`'s id.
    func withLeadID<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch ids {
        case .read(let read): return read.leadIDs.withCell(r, body)
        case .outcome(let o):
            var id = o.writtenID(lead: r)
            return id.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .matched: preconditionFailure("a matched run has no rows of its own")
        }
    }

    func withContractID<R>(_ c: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch ids {
        case .read(let read): return read.contractIDs.withCell(c, body)
        case .outcome(let o):
            var id = o.writtenID(contract: c)
            return id.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .matched: preconditionFailure("a matched run has no rows of its own")
        }
    }

    func leadID(_ r: Int) -> String { withLeadID(r) { String(decoding: $0, as: UTF8.self) } }
    func contractID(_ c: Int) -> String { withContractID(c) { String(decoding: $0, as: UTF8.self) } }

    /// Lead `r`'s `converted` cell as written ("true", "false"; "" when the column is absent).
    func converted(_ r: Int) -> String {
        switch ids {
        case .read(let read): return read.converted[r]
        case .outcome(let o): return o.facts[r].converted ? "true" : "false"
        case .matched: preconditionFailure("a matched run has no rows of its own")
        }
    }

    /// The ids of this run read back, indexed (a run taken from an outcome is copied first).
    func indexedIDs() -> ReadIDs {
        var read: ReadIDs
        switch ids {
        case .read(let r): read = r
        case .outcome, .matched:
            read = ReadIDs()
            for r in 0..<leadCount { withLeadID(r) { read.leadIDs.append($0) } }
            read.converted = ConvertedCells((0..<leadCount).map(converted))
            for c in 0..<contractCount { withContractID(c) { read.contractIDs.append($0) } }
        }
        read.index()
        return read
    }

    static func read(_ path: String) throws -> [[String]] {
        parse(try contents(path))
    }

    static func contents(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.inputUnreadable(path: path, reason: "no such file in the run folder")
        }
        return [UInt8](data)
    }

    static func parse(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        guard let parser = try? CSVParser(delimiter: UInt8(ascii: ",")) else { return rows }
        bytes.withUnsafeBytes { raw in
            let start = TextEncoding.bomLength(raw)
            let excel = start > 0  // written for Excel: formula-like cells read back without their `'`
            parser.parse(UnsafeRawBufferPointer(rebasing: raw[start...]), firstLine: 1) { record in
                guard record.kind == .data else { return }
                rows.append((0..<record.fieldCount).map { i in
                    let cell = record.field(i)
                    return (excel ? CSVWriter.unneutralized(cell) : nil) ?? String(decoding: cell, as: UTF8.self)
                })
            }
        }
        return rows
    }
}

/// A run's ids as read back from its folder, and once indexed, found by their bytes: the first
/// row of a lead id (as a keyed lookup would), whether a contract id is there.
struct ReadIDs: Sendable {
    var leadIDs = ByteColumn()
    var converted = ConvertedCells([String]())
    var contractIDs = ByteColumn()
    private(set) var leadIndex: ColumnIndex?
    private(set) var contractIndex: ColumnIndex?

    init() {}

    init(leadIDs: ByteColumn, converted: ConvertedCells, contractIDs: ByteColumn) {
        self.leadIDs = leadIDs
        self.converted = converted
        self.contractIDs = contractIDs
    }

    mutating func index() {
        if leadIndex == nil { leadIndex = ColumnIndex(leadIDs) }
        if contractIndex == nil { contractIndex = ColumnIndex(contractIDs) }
    }

    /// The first row holding lead id `bytes` (after `index()`).
    func leadRow(_ bytes: UnsafeRawBufferPointer) -> Int? { leadIndex?.find(bytes, in: leadIDs) }

    func hasContract(_ bytes: UnsafeRawBufferPointer) -> Bool { contractIndex?.find(bytes, in: contractIDs) != nil }
}

/// The rows of a `ByteColumn` found by their bytes, without copying them: open addressing over
/// row numbers, comparing through the column. The first row of a repeated cell is kept.
struct ColumnIndex: Sendable {
    private var slots: [Int32]
    private let mask: Int

    init(_ column: ByteColumn) {
        var size = 16
        while size < column.count + column.count / 2 { size *= 2 }  // at most two thirds full
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for r in 0..<column.count {
            column.withCell(r) { cell in
                var slot = Int(truncatingIfNeeded: CellHash.of(cell)) & mask
                while slots[slot] >= 0 {
                    if column.withCell(Int(slots[slot]), { Self.equal($0, cell) }) { return }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Int32(r)
            }
        }
    }

    func find(_ bytes: UnsafeRawBufferPointer, in column: ByteColumn) -> Int? {
        var slot = Int(truncatingIfNeeded: CellHash.of(bytes)) & mask
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if column.withCell(r, { Self.equal($0, bytes) }) { return r }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}

/// The `converted` cells of a leads.csv read back: a byte per row for the words this tool
/// writes, the text itself for anything else (a hand-edited file).
struct ConvertedCells: Sendable {
    private var codes: [UInt8] = []
    private var others: [Int: String] = [:]
    private static let words = ["", "false", "true"]

    init(_ column: ByteColumn) {
        codes.reserveCapacity(column.count)
        for r in 0..<column.count {
            if column.withCell(r, { $0.isEmpty }) {
                codes.append(0)
            } else if column.cell(r, is: "false") {
                codes.append(1)
            } else if column.cell(r, is: "true") {
                codes.append(2)
            } else {
                add(column[r])
            }
        }
    }

    init(_ cells: [String]) {
        for cell in cells { add(cell) }
    }

    private mutating func add(_ cell: String) {
        if let k = Self.words.firstIndex(of: cell) {
            codes.append(UInt8(k))
        } else {
            others[codes.count] = cell
            codes.append(UInt8.max)
        }
    }

    var count: Int { codes.count }

    subscript(r: Int) -> String {
        codes[r] == UInt8.max ? others[r] ?? "" : Self.words[Int(codes[r])]
    }
}

/// An earlier run's lead and contract ids matched against the run being written while its
/// leads.csv and contracts.csv are streamed: for each new lead, whether the earlier run had its
/// id and the `converted` cell of the earlier run's first row with it; for each new contract,
/// whether the earlier run had its id. Ids are compared byte for byte.
struct MatchedIDs: Sendable {
    /// Per new lead: 0 when the earlier run lacks its id, else 1 + the code of that `converted`
    /// cell (0 "", 1 "false", 2 "true", 3 another text, kept in `otherConverted`).
    private(set) var leads: [UInt8]
    private(set) var otherConverted: [Int: String] = [:]
    private(set) var contracts: [Bool]
    private static let words = ["", "false", "true"]

    /// - Parameter texts: the rows' text pool, for the ids written as typed (`rawID`); the
    ///   earlier run wrote its ids so too, and they are compared as written.
    init(folder: String, leads newLeads: [Lead], contracts newContracts: [Contract], texts: TextPool) throws {
        var leads = [UInt8](repeating: 0, count: newLeads.count)
        var other: [Int: String] = [:]
        let leadID = { (r: Int) in newLeads[r].writtenID { texts[$0] } }
        let contractID = { (c: Int) in newContracts[c].writtenID { texts[$0] } }
        let leadIDs = RowIDTable(rows: newLeads.count, idOf: leadID)
        var current: Int?
        try ColumnReader.read(folder + "/leads.csv", ["consultation_id", "converted"]) { k, cell in
            if k == 0 {
                current = Self.find(cell, in: leadIDs, leadID)
                if let c = current, leads[c] != 0 { current = nil }  // a later row of an id: the first counts
                return
            }
            guard let c = current else { return }
            let text = String(decoding: cell, as: UTF8.self)
            if let word = Self.words.firstIndex(of: text) {
                leads[c] = UInt8(1 + word)
            } else {
                leads[c] = 4
                other[c] = text
            }
        }
        var contracts = [Bool](repeating: false, count: newContracts.count)
        let contractIDs = RowIDTable(rows: newContracts.count, idOf: contractID)
        try ColumnReader.read(folder + "/contracts.csv", ["contract_id"]) { _, cell in
            if let c = Self.find(cell, in: contractIDs, contractID) { contracts[c] = true }
        }
        self.leads = leads
        self.otherConverted = other
        self.contracts = contracts
    }

    /// The `converted` cell of the earlier run's first row with new lead `r`'s id; nil when the
    /// earlier run lacks the id.
    func converted(_ r: Int) -> String? {
        switch leads[r] {
        case 0: return nil
        case 4: return otherConverted[r] ?? ""
        default: return Self.words[Int(leads[r]) - 1]
        }
    }

    private static func find(_ cell: UnsafeRawBufferPointer, in table: RowIDTable, _ idOf: (Int) -> String) -> Int? {
        table.find(utf8: cell) { r in
            var id = idOf(r)
            return id.withUTF8 { ColumnIndex.equal(UnsafeRawBufferPointer($0), cell) }
        }
    }
}
