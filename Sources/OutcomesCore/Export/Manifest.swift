import Foundation

/// manifest.json: what ran, on which inputs (with sha256 and row counts), and what to audit.
public struct Manifest: Codable, Sendable {
    /// One input file's record.
    public struct InputRecord: Codable, Sendable {
        public var file: String
        public var table: String
        public var sha256: String
        public var bytes: Int
        public var encoding: String
        public var delimiter: String
        public var rows_read: Int
        public var rows_accepted: Int
        public var rows_rejected: Int
        public var rows_duplicate: Int
        public var blank_lines: Int
        public var amount_missing: Int
        public var unknown_columns: [String]
    }

    public var tool: String
    public var version: String
    public var pipeline: String
    public var pipeline_file: String
    public var parameters: [String: String]
    public var inputs: [InputRecord]
    public var totals: [String: Int]
    /// Raw sector texts that fell to `unclassified`, with counts (leads and contracts).
    public var unclassified_sectors: [String: Int]
    /// buyer_country texts not recognized, with counts.
    public var unrecognized_countries: [String: Int]
    /// Per company key, the spellings merged into it with counts (only keys with 2+ spellings).
    public var company_spellings: [String: [String: Int]]
    public var buyer_spellings: [String: [String: Int]]
    public var stage_seconds: [String: String]
    public var outputs: [String]
    /// The hash of the tool version, pipeline, options and inputs (see `Fingerprint`).
    public var fingerprint = ""
    /// The analyst's filters (`from=…,to=…,event=…`), empty when none.
    public var scope = ""
    /// `columns:` keys of the pipeline (folded) that match no input's header.
    public var unused_column_mappings: [String] = []

    /// The JSON text, keys sorted, pretty-printed.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
