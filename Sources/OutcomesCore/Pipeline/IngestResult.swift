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
        /// The header's names, trimmed (to tell which `columns:` mappings matched nothing).
        public var headerNames: [String] = []
    }

    /// The pipeline's `columns:` keys (folded) that match no header of any input: a typo there
    /// would otherwise leave its column silently unmapped.
    public func unusedColumnMappings(_ aliases: HeaderAliases) -> [String] {
        let seen = Set((files + referenceFiles).flatMap(\.headerNames).map(TextFold.fold))
        return aliases.extra.keys.filter { !seen.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
