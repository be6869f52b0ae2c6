import Foundation

/// The tables of a published run read back (summary, sectors, leads, contracts), for
/// changes.csv and `outcomes diff`.
public struct RunTables: Sendable {
    /// Each table as its header and rows of fields.
    public var summary: [[String]] = []
    public var sectors: [[String]] = []
    /// Lead ids in file order, and each one's `converted` cell ("" when the column is absent).
    public var leadIDs = ByteColumn()
    public var leadConverted = ByteColumn()
    /// Contract ids in file order.
    public var contractIDs = ByteColumn()
    /// The ids looked up by their bytes, once `indexIDs()` has run (changes.csv needs it for the old run).
    var index: IDIndex?

    /// Lead and contract ids by their bytes: the first row of each lead id, and the contract ids.
    struct IDIndex: Sendable {
        var leads: ByteInterner
        /// Per lead entry: the first row with that id.
        var firstRow: [Int]
        var contracts: ByteInterner
    }

    /// Builds `index` (worth doing ahead, on an idle core, for the run being replaced).
    public mutating func indexIDs() {
        var leads = ByteInterner(capacity: leadIDs.count)
        var firstRow: [Int] = []
        firstRow.reserveCapacity(leadIDs.count)
        for r in 0..<leadIDs.count where leadIDs.withCell(r, { leads.index(of: $0).isNew }) { firstRow.append(r) }
        var contracts = ByteInterner(capacity: contractIDs.count)
        for r in 0..<contractIDs.count { _ = contractIDs.withCell(r) { contracts.index(of: $0) } }
        index = IDIndex(leads: leads, firstRow: firstRow, contracts: contracts)
    }

    public init() {}

    /// Reads a run folder's CSV outputs (a BOM, if written for Excel, is skipped).
    /// - Throws: `PipelineError.inputUnreadable` when a table is missing.
    public init(folder: String) throws {
        summary = try Self.read(folder + "/summary.csv")
        sectors = try Self.read(folder + "/sectors.csv")
        let leads = try ColumnReader.read(folder + "/leads.csv", ["consultation_id", "converted"])
        leadIDs = leads[0]
        leadConverted = leads[1]
        contractIDs = try ColumnReader.read(folder + "/contracts.csv", ["contract_id"])[0]
    }

    /// The tables of the run being written, taken from the outcome (no re-parsing of leads.csv).
    /// - Parameter ids: whether to copy the lead and contract ids too (only a comparison with an
    ///   earlier run needs them).
    public init(outcome o: Outcome, sectorsCSV: [UInt8], ids: Bool = true) {
        summary = [["metric", "value"]] + OutputTables.summaryRows(o.summary).map { [$0.0, $0.1] }
        sectors = Self.parse(sectorsCSV)
        guard ids else { return }
        for l in o.leads { leadIDs.append(l.id) }
        for f in o.facts { leadConverted.append(f.converted ? "true" : "false") }
        for c in o.contracts { contractIDs.append(c.id) }
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
            parser.parse(UnsafeRawBufferPointer(rebasing: raw[start...]), firstLine: 1) { record in
                guard record.kind == .data else { return }
                rows.append((0..<record.fieldCount).map { i in record.withField(i) { String(decoding: $0, as: UTF8.self) } })
            }
        }
        return rows
    }
}
