import Foundation

/// The tables of a published run read back (summary, sectors, leads, contracts), for
/// changes.csv and `outcomes diff`.
public struct RunTables: Sendable {
    /// Each table as its header and rows of fields.
    public var summary: [[String]] = []
    public var sectors: [[String]] = []
    public var leads: [[String]] = []
    public var contracts: [[String]] = []

    public init() {}

    /// Reads a run folder's CSV outputs (a BOM, if written for Excel, is skipped).
    /// - Throws: `PipelineError.inputUnreadable` when a table is missing.
    public init(folder: String) throws {
        summary = try Self.read(folder + "/summary.csv")
        sectors = try Self.read(folder + "/sectors.csv")
        leads = try Self.read(folder + "/leads.csv", keeping: Self.keptColumns["leads.csv"])
        contracts = try Self.read(folder + "/contracts.csv", keeping: Self.keptColumns["contracts.csv"])
    }

    /// The tables of the run being written, taken from the outcome (no re-parsing of leads.csv).
    public init(outcome o: Outcome, sectorsCSV: [UInt8]) {
        summary = [["metric", "value"]] + OutputTables.summaryRows(o.summary).map { [$0.0, $0.1] }
        sectors = Self.parse(sectorsCSV)
        leads = [["consultation_id", "converted"]] + zip(o.leads, o.facts).map { [$0.id, $1.converted ? "true" : "false"] }
        contracts = [["contract_id"]] + o.contracts.map { [$0.id] }
    }

    static func read(_ path: String, keeping columns: Set<String>? = nil) throws -> [[String]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.inputUnreadable(path: path, reason: "no such file in the run folder")
        }
        return parse([UInt8](data), keeping: columns)
    }

    /// The columns changes.csv reads from the big tables (the rest are skipped, not decoded).
    static let keptColumns: [String: Set<String>] = [
        "leads.csv": ["consultation_id", "converted"],
        "contracts.csv": ["contract_id"],
    ]

    static func parse(_ bytes: [UInt8], keeping columns: Set<String>? = nil) -> [[String]] {
        var rows: [[String]] = []
        guard let parser = try? CSVParser(delimiter: UInt8(ascii: ",")) else { return rows }
        bytes.withUnsafeBytes { raw in
            let start = TextEncoding.bomLength(raw)
            parser.parse(UnsafeRawBufferPointer(rebasing: raw[start...]), firstLine: 1) { record in
                guard record.kind == .data else { return }
                rows.append((0..<record.fieldCount).map { i in
                    guard let columns, let header = rows.first, i < header.count, !columns.contains(header[i]) else {
                        return record.withField(i) { String(decoding: $0, as: UTF8.self) }
                    }
                    return ""
                })
            }
        }
        return rows
    }
}
