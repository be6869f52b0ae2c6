/// What ingest and normalize produce: reference tables, accepted rows, rejects and counts.
public struct IngestResult: Sendable {
    /// One opened input with its facts for the manifest.
    public struct FileInfo: Sendable {
        public var display: String
        public var table: TableKind
        public var sha256: String
        public var bytes: Int
        public var encoding: TextEncoding
        public var delimiter: UInt8
        public var unknownColumns: [String]
        public var counts: FileCounts
    }

    public var taxonomy: Taxonomy
    public var fx: FXTable
    /// The texts the rows' `TextID`s point into.
    public var texts: TextPool
    public var leads: [Lead]
    public var contracts: [Contract]
    public var issues: [RowIssue]
    /// Consultations then contracts files, in input order (a lead's `source.file` indexes this).
    public var files: [FileInfo]
    /// fx_rates and sectors.
    public var referenceFiles: [FileInfo]
    public var stageSeconds: [(String, Double)]
    /// `leads`' ids → index, from the merge (attribution takes the table out, once).
    public var leadIDs: LeadIDTable?

    /// Totals over consultations and contracts files (what summary.csv counts).
    public var totals: FileCounts {
        var t = FileCounts()
        for f in files { t.merge(f.counts) }
        return t
    }
}
