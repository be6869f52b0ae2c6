/// Formats the outcome into the contract's output files (section 3), as named CSV texts.
public struct OutputTables {
    /// Write for Excel: a BOM and neutralized formula-like text (see `CSVWriter`).
    public var excel = false

    public init(excel: Bool = false) {
        self.excel = excel
    }

    static let measureColumns = ["leads", "companies", "buyers", "consultation_value_usd", "contracts",
                                 "export_value_usd", "mous", "mou_value_usd", "converted_leads",
                                 "conversion_rate", "share_of_consultation_value"]

    /// Every CSV output as a file to publish: the small tables as bytes, leads.csv and
    /// contracts.csv as writers that stream them (big first, so parallel writers start on them).
    /// - Parameter threads: Dispatch workers formatting leads.csv.
    /// - Parameter files: input paths (as the pipeline writes them) by file index.
    public func files(_ o: Outcome, taxonomy: Taxonomy, issues: [RowIssue], files: [String], threads: Int = 1) -> [(String, OutputFile)] {
        let excel = self.excel
        return [
            ("leads.csv", .writer { path in
                try OutputPublisher.stream(to: path) { emit in
                    try OutputTables(excel: excel).leads(o, taxonomy: taxonomy, files: files, threads: threads, emit: emit)
                }
            }),
            ("contracts.csv", .writer { path in
                try OutputPublisher.stream(to: path) { emit in try OutputTables(excel: excel).contracts(o, taxonomy: taxonomy, files: files, emit: emit) }
            }),
        ] + small(o, issues: issues).map { ($0.0, OutputFile.bytes($0.1)) }
    }

    /// The tables other than leads.csv and contracts.csv.
    func small(_ o: Outcome, issues: [RowIssue]) -> [(String, [UInt8])] {
        [
            ("summary.csv", summary(o.summary)),
            ("sectors.csv", sectors(o)),
            ("companies.csv", keyed(["company_key", "company"], o.companies.map { ([$0.key, o.companyNames[$0.key]], $0.stats) }, o)),
            ("events.csv", keyed(["event"], o.events.map { ([$0.key], $0.stats) }, o)),
            ("countries.csv", keyed(["buyer_country"], o.countries.map { ([$0.key], $0.stats) }, o)),
            ("monthly.csv", keyed(["month"], o.monthly.map { ([$0.key], $0.stats) }, o)),
            ("funnel.csv", funnel(o)),
            ("rejects.csv", rejects(issues)),
        ]
    }

    /// summary.csv rows as (metric, value), in the contract's order.
    public static func summaryRows(_ s: Summary) -> [(String, String)] {
        [
            ("rows_read", String(s.rows.read)), ("rows_accepted", String(s.rows.accepted)),
            ("rows_rejected", String(s.rows.rejected)), ("rows_duplicate", String(s.rows.duplicate)),
            ("leads", String(s.leads)), ("companies", String(s.companies)), ("buyers", String(s.buyers)),
            ("consultation_value_usd", NumberFormat.usd(cents: s.consultationCents)),
            ("contracts", String(s.contracts)), ("export_value_usd", NumberFormat.usd(cents: s.exportCents)),
            ("mous", String(s.mous)), ("mou_value_usd", NumberFormat.usd(cents: s.mouCents)),
            ("lois", String(s.lois)), ("converted_leads", String(s.convertedLeads)),
            ("conversion_rate", NumberFormat.fraction(Int64(s.convertedLeads), Int64(s.leads))),
            ("attributed_value_usd", NumberFormat.usd(cents: s.attributedCents)),
            ("unattributed_value_usd", NumberFormat.usd(cents: s.unattributedCents)),
            ("median_days_to_contract", NumberFormat.median(days: s.daysToContract)),
        ]
    }

    func summary(_ s: Summary) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["metric", "value"])
        for (k, v) in Self.summaryRows(s) { w.row([k, v]) }
        return w.bytes
    }

    static func measures(_ s: GroupStats, total: Int64) -> [String] {
        [String(s.leads), String(s.companies), String(s.buyers),
         NumberFormat.usd(cents: s.consultationCents), String(s.contracts), NumberFormat.usd(cents: s.exportCents),
         String(s.mous), NumberFormat.usd(cents: s.mouCents), String(s.converted),
         NumberFormat.fraction(Int64(s.converted), Int64(s.leads)),
         NumberFormat.fraction(s.consultationCents, total)]
    }

    func sectors(_ o: Outcome) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["level", "sector_code", "sector_name", "parent_code"] + Self.measureColumns)
        for r in o.sectors {
            w.row([r.level, r.code, r.name, r.parent] + Self.measures(r.stats, total: o.summary.consultationCents))
        }
        return w.bytes
    }

    func keyed(_ keyColumns: [String], _ rows: [([String], GroupStats)], _ o: Outcome) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: keyColumns + Self.measureColumns)
        for (keys, stats) in rows { w.row(keys + Self.measures(stats, total: o.summary.consultationCents)) }
        return w.bytes
    }

    func funnel(_ o: Outcome) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["stage", "leads", "share_of_leads"])
        for (stage, n) in o.funnel { w.row([stage, String(n), NumberFormat.fraction(Int64(n), Int64(o.leads.count))]) }
        return w.bytes
    }

    /// Rows between two hand-overs of a big table's bytes.
    static let rowsPerFlush = 8192

    /// leads.csv, handed to `emit` a few thousand rows at a time, in order; with `threads` > 1
    /// the blocks of rows are formatted on that many Dispatch workers a wave at a time.
    func leads(_ o: Outcome, taxonomy: Taxonomy, files: [String], threads: Int = 1, emit: ([UInt8]) throws -> Void) rethrows {
        let cells = EscapedCells(o, taxonomy: taxonomy, files: files, excel: excel)
        var header = CSVWriter(excel: excel, header: ["consultation_id", "date", "event", "city", "company", "company_key", "buyer",
                                   "buyer_key", "buyer_country", "sector_code", "parent_code", "amount", "currency",
                                   "amount_usd", "status", "stage_reached", "contracts", "contract_value_usd",
                                   "converted", "first_contract_date", "days_to_contract", "source_file", "source_line"])
        try header.flush(emit)
        let block = Self.rowsPerFlush
        let blocks = (o.leads.count + block - 1) / block
        let wave = max(1, threads) * 2
        for first in stride(from: 0, to: blocks, by: wave) {
            let parts = ParallelMap.map(count: min(wave, blocks - first), threads: threads, makeState: { () }) { _, k in
                let start = (first + k) * block
                return leadRows(o, cells, start..<min(o.leads.count, start + block))
            }
            for part in parts { try emit(part) }
        }
    }

    /// The rows of leads.csv for leads `range`.
    func leadRows(_ o: Outcome, _ cells: EscapedCells, _ range: Range<Int>) -> [UInt8] {
        var w = CSVWriter(excel: excel)
        w.reserve(range.count * 256)
        for n in range {
            let l = o.leads[n]
            let f = o.facts[n]
            w.field(l.id)
            w.day(l.date)
            w.escapedField(cells.texts[Int(l.event)])
            w.escapedField(cells.texts[Int(l.city)])
            w.escapedField(cells.texts[Int(cells.companyDisplay[Int(l.companyKey)])])
            w.escapedField(cells.texts[Int(l.companyKey)])
            w.escapedField(cells.texts[Int(cells.buyerDisplay[Int(l.buyerKey)])])
            w.escapedField(cells.texts[Int(l.buyerKey)])
            w.escapedField(cells.texts[Int(l.buyerCountry)])
            w.escapedField(cells.sectorCodes[l.sector + 1])
            w.escapedField(cells.parentCodes[l.sector + 1])
            if let amount = l.amount { w.decimal(amount) } else { w.number("") }
            w.escapedField(cells.texts[Int(l.currency)])
            w.usd(cents: l.usdCents)
            w.escapedField(cells.statuses[l.status == .dropped ? LeadStatus.funnelStages.count : l.status.rank])
            w.escapedField(cells.stages[f.dropped ? LeadStatus.funnelStages.count : f.rank])
            w.integer(f.contracts)
            w.usd(cents: f.contractCents)
            w.escapedField(cells.booleans[f.converted ? 1 : 0])
            if let first = f.firstContract {
                w.day(first)
                w.integer(l.date.days(to: first))
            } else {
                w.number("")
                w.number("")
            }
            w.escapedField(cells.files[l.source.file])
            w.integer(l.source.line)
            w.endRow()
        }
        return w.bytes
    }

    /// contracts.csv, handed to `emit` a few thousand rows at a time.
    func contracts(_ o: Outcome, taxonomy: Taxonomy, files: [String], emit: ([UInt8]) throws -> Void) rethrows {
        let cells = EscapedCells(o, taxonomy: taxonomy, files: files, excel: excel)
        var w = CSVWriter(excel: excel, header: ["contract_id", "type", "date", "company", "company_key", "buyer", "buyer_key",
                                   "sector_code", "amount", "currency", "amount_usd", "consultation_id",
                                   "attribution", "source_file", "source_line"])
        for (i, c) in o.contracts.enumerated() {
            let link = o.attribution.links[i]
            w.field(c.id)
            w.field(c.type.rawValue)
            w.day(c.date)
            w.escapedField(cells.texts[Int(cells.companyDisplay[Int(c.companyKey)])])
            w.escapedField(cells.texts[Int(c.companyKey)])
            w.escapedField(cells.texts[Int(cells.buyerDisplay[Int(c.buyerKey)])])
            w.escapedField(cells.texts[Int(c.buyerKey)])
            w.escapedField(cells.sectorCodes[o.contractSectors[i] + 1])
            if let amount = c.amount { w.decimal(amount) } else { w.number("") }
            w.escapedField(cells.texts[Int(c.currency)])
            if let cents = c.usdCents { w.usd(cents: cents) } else { w.number("") }
            w.field(link.lead.map { o.leads[$0].id } ?? "")
            w.field(link.method.rawValue)
            w.escapedField(cells.files[c.source.file])
            w.integer(c.source.line)
            w.endRow()
            if i % Self.rowsPerFlush == Self.rowsPerFlush - 1 { try w.flush(emit) }
        }
        try w.flush(emit)
    }

    func rejects(_ issues: [RowIssue]) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["file", "line", "column", "value", "reason", "message"])
        for i in issues.sorted(by: RowIssue.precedes) {
            w.row([i.location.file, String(i.location.line), i.location.column, i.value, i.reason.rawValue, i.message])
        }
        return w.bytes
    }
}

/// The repeated cells of leads.csv and contracts.csv escaped once: every text of the run's pool,
/// display names per key, sector and parent codes, file names and enum words.
struct EscapedCells {
    let texts: [[UInt8]]
    /// Per key id: the id of its display spelling (the key itself when it has none).
    let companyDisplay: [TextID]
    let buyerDisplay: [TextID]
    /// Per taxonomy index + 1 (0 is unclassified).
    let sectorCodes: [[UInt8]]
    let parentCodes: [[UInt8]]
    let files: [[UInt8]]
    /// Per status rank, then `dropped`.
    let statuses: [[UInt8]]
    /// Per funnel rank, then `dropped`.
    let stages: [[UInt8]]
    let booleans: [[UInt8]]

    init(_ o: Outcome, taxonomy: Taxonomy, files: [String], excel: Bool) {
        func e(_ s: String) -> [UInt8] { CSVWriter.escaped(s, excel: excel) }
        texts = o.texts.texts.map(e)
        func display(_ names: DisplayNames) -> [TextID] {
            (0..<o.texts.count).map { k in k < names.names.count && names.names[k] >= 0 ? names.names[k] : TextID(k) }
        }
        companyDisplay = display(o.companyNames)
        buyerDisplay = display(o.buyerNames)
        let indices = [Taxonomy.unclassified] + Array(taxonomy.entries.indices)
        sectorCodes = indices.map { e(taxonomy.code($0)) }
        parentCodes = indices.map { e(taxonomy.parentCode($0)) }
        self.files = files.map(e)
        statuses = LeadStatus.funnelStages.map { e($0.rawValue) } + [e(LeadStatus.dropped.rawValue)]
        stages = LeadStatus.funnelStages.map { e($0.rawValue) } + [e(LeadStatus.dropped.rawValue)]
        booleans = [e("false"), e("true")]
    }
}
