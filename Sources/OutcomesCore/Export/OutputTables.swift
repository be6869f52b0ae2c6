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
                try OutputPublisher.streamRaw(to: path) { emit in
                    try OutputTables(excel: excel).leads(o, taxonomy: taxonomy, files: files, threads: threads, emit: emit)
                }
            }),
            ("contracts.csv", .writer { path in
                try OutputPublisher.streamRaw(to: path) { emit in try OutputTables(excel: excel).contracts(o, taxonomy: taxonomy, files: files, emit: emit) }
            }),
        ] + small(o, issues: issues).map { name, make in (name, OutputFile.writer { path in try OutputPublisher.write(make(), to: path) }) }
    }

    /// The tables other than leads.csv and contracts.csv, each made when it is written (the
    /// breakdowns may still be being computed while the big tables are written).
    func small(_ o: Outcome, issues: [RowIssue]) -> [(String, () -> [UInt8])] {
        [
            ("summary.csv", { summary(o.summary) }),
            ("sectors.csv", { sectors(o) }),
            ("companies.csv", { keyed(["company_key", "company"], o.companies.map { ([$0.key, o.companyNames[$0.key]], $0.stats) }, o) }),
            ("events.csv", { keyed(["event"], o.events.map { ([$0.key], $0.stats) }, o) }),
            ("countries.csv", { keyed(["buyer_country"], o.countries.map { ([$0.key], $0.stats) }, o) }),
            ("monthly.csv", { keyed(["month"], o.monthly.map { ([$0.key], $0.stats) }, o) }),
            ("funnel.csv", { funnel(o) }),
            ("rejects.csv", { rejects(issues) }),
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
    func leads(_ o: Outcome, taxonomy: Taxonomy, files: [String], threads: Int = 1, emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let cells = EscapedCells(o, taxonomy: taxonomy, files: files, excel: excel)
        var header = CSVWriter(excel: excel, header: ["consultation_id", "date", "event", "city", "company", "company_key", "buyer",
                                   "buyer_key", "buyer_country", "sector_code", "parent_code", "amount", "currency",
                                   "amount_usd", "status", "stage_reached", "contracts", "contract_value_usd",
                                   "converted", "first_contract_date", "days_to_contract", "source_file", "source_line"])
        try header.flush { try $0.withUnsafeBytes(emit) }
        let block = Self.rowsPerFlush
        let blocks = (o.leads.count + block - 1) / block
        try ParallelMap.stream(count: blocks, threads: threads, { k in
            leadRows(o, cells, k * block..<min(o.leads.count, (k + 1) * block))
        }, consume: { rows in try rows.withBytes(emit) })
    }

    /// The rows of leads.csv for leads `range`.
    func leadRows(_ o: Outcome, _ cells: EscapedCells, _ range: Range<Int>) -> RowBytes {
        let w = RowBytes(capacity: range.count * 256, excel: excel)
        cells.arena.withView { a in
            o.leads.withUnsafeBufferPointer { leads in
                for n in range {
                    // Read in place: a copy of the row would retain and release its id string.
                    let l = leads.baseAddress! + n
                    let f = o.facts[n]
                    if l.pointee.rawID >= 0 { w.cell(a, Int(l.pointee.rawID)) } else { w.text(l.pointee.id) }
                    w.day(l.pointee.date)
                    w.cell(a, Int(l.pointee.event))
                    w.cell(a, Int(l.pointee.city))
                    w.cell(a, Int(cells.companyDisplay[Int(l.pointee.companyKey)]))
                    w.cell(a, Int(l.pointee.companyKey))
                    w.cell(a, Int(cells.buyerDisplay[Int(l.pointee.buyerKey)]))
                    w.cell(a, Int(l.pointee.buyerKey))
                    w.cell(a, Int(l.pointee.buyerCountry))
                    w.cell(a, cells.sectorCode(l.pointee.sector))
                    w.cell(a, cells.parentCode(l.pointee.sector))
                    if let amount = l.pointee.amount { w.decimal(amount) } else { w.empty() }
                    w.cell(a, Int(l.pointee.currency))
                    w.usd(cents: l.pointee.usdCents)
                    w.cell(a, cells.status(l.pointee.status == .dropped ? nil : l.pointee.status.rank))
                    w.cell(a, cells.stage(f.dropped ? nil : f.rank))
                    w.integer(f.contracts)
                    w.usd(cents: f.contractCents)
                    w.cell(a, cells.boolean(f.converted))
                    if let first = f.firstContract {
                        w.day(first)
                        w.integer(l.pointee.date.days(to: first))
                    } else {
                        w.empty()
                        w.empty()
                    }
                    w.cell(a, cells.file(l.pointee.source.file))
                    w.integer(l.pointee.source.line)
                    w.endRow()
                }
            }
        }
        return w
    }

    /// contracts.csv, handed to `emit` a few thousand rows at a time.
    func contracts(_ o: Outcome, taxonomy: Taxonomy, files: [String], emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let cells = EscapedCells(o, taxonomy: taxonomy, files: files, excel: excel)
        var header = CSVWriter(excel: excel, header: ["contract_id", "type", "date", "company", "company_key", "buyer", "buyer_key",
                                   "sector_code", "amount", "currency", "amount_usd", "consultation_id",
                                   "attribution", "source_file", "source_line"])
        try header.flush { try $0.withUnsafeBytes(emit) }
        let block = Self.rowsPerFlush
        let links = o.attribution.links
        for first in stride(from: 0, to: o.contracts.count, by: block) {
            let w = RowBytes(capacity: block * 192, excel: excel)
            cells.arena.withView { a in
                o.contracts.withUnsafeBufferPointer { contracts in
                    o.leads.withUnsafeBufferPointer { leads in
                        for i in first..<min(contracts.count, first + block) {
                            // Rows read in place, as in leadRows: a copy retains and releases the ids.
                            let c = contracts.baseAddress! + i
                            let link = links[i]
                            if c.pointee.rawID >= 0 { w.cell(a, Int(c.pointee.rawID)) } else { w.text(c.pointee.id) }
                            w.cell(a, cells.contractType(c.pointee.type))
                            w.day(c.pointee.date)
                            w.cell(a, Int(cells.companyDisplay[Int(c.pointee.companyKey)]))
                            w.cell(a, Int(c.pointee.companyKey))
                            w.cell(a, Int(cells.buyerDisplay[Int(c.pointee.buyerKey)]))
                            w.cell(a, Int(c.pointee.buyerKey))
                            w.cell(a, cells.sectorCode(o.contractSectors[i]))
                            if let amount = c.pointee.amount { w.decimal(amount) } else { w.empty() }
                            w.cell(a, Int(c.pointee.currency))
                            if let cents = c.pointee.usdCents { w.usd(cents: cents) } else { w.empty() }
                            if let lead = link.lead {
                                let l = leads.baseAddress! + lead
                                if l.pointee.rawID >= 0 { w.cell(a, Int(l.pointee.rawID)) } else { w.text(l.pointee.id) }
                            } else {
                                w.empty()
                            }
                            w.cell(a, cells.method(link.method))
                            w.cell(a, cells.file(c.pointee.source.file))
                            w.integer(c.pointee.source.line)
                            w.endRow()
                        }
                    }
                }
            }
            try w.withBytes(emit)
        }
    }

    func rejects(_ issues: [RowIssue]) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["file", "line", "column", "value", "reason", "message"])
        for i in issues.sorted(by: RowIssue.precedes) {
            w.row([i.location.file, String(i.location.line), i.location.column, i.value, i.reason.rawValue, i.message])
        }
        return w.bytes
    }
}

/// The repeated cells of leads.csv and contracts.csv escaped once, in one `CellArena`: every
/// text of the run's pool (cell index = text id), then sector and parent codes, file names and
/// enum words.
struct EscapedCells {
    let arena: CellArena
    /// Per key id: the id of its display spelling (the key itself when it has none).
    let companyDisplay: [TextID]
    let buyerDisplay: [TextID]
    /// Where each group of cells starts in the arena.
    private let sectorBase: Int, parentBase: Int, fileBase: Int, statusBase: Int, stageBase: Int, booleanBase: Int
    private let typeBase: Int, methodBase: Int

    init(_ o: Outcome, taxonomy: Taxonomy, files: [String], excel: Bool) {
        var arena = CellArena()
        for text in o.texts.texts { arena.add(text, excel: excel) }
        func display(_ names: DisplayNames) -> [TextID] {
            (0..<o.texts.count).map { k in k < names.names.count && names.names[k] >= 0 ? names.names[k] : TextID(k) }
        }
        companyDisplay = display(o.companyNames)
        buyerDisplay = display(o.buyerNames)
        let indices = [Taxonomy.unclassified] + Array(taxonomy.entries.indices)
        sectorBase = arena.count
        for i in indices { arena.add(taxonomy.code(i), excel: excel) }
        parentBase = arena.count
        for i in indices { arena.add(taxonomy.parentCode(i), excel: excel) }
        fileBase = arena.count
        for f in files { arena.add(f, excel: excel) }
        // Status words per rank, then `dropped`; the funnel stages are the same words.
        statusBase = arena.count
        for s in LeadStatus.funnelStages + [LeadStatus.dropped] { arena.add(s.rawValue, excel: excel) }
        stageBase = statusBase
        booleanBase = arena.count
        arena.add("false", excel: excel)
        arena.add("true", excel: excel)
        typeBase = arena.count
        for t in ContractType.allCases { arena.add(t.rawValue, excel: excel) }
        methodBase = arena.count
        for m in Attribution.Method.allCases { arena.add(m.rawValue, excel: excel) }
        self.arena = arena
    }

    /// The cell of a taxonomy index (`Taxonomy.unclassified` included).
    func sectorCode(_ sector: Int) -> Int { sectorBase + sector + 1 }
    func parentCode(_ sector: Int) -> Int { parentBase + sector + 1 }
    func file(_ index: Int) -> Int { fileBase + index }
    /// The cell of a status by its rank, nil for `dropped`.
    func status(_ rank: Int?) -> Int { statusBase + (rank ?? LeadStatus.funnelStages.count) }
    /// The cell of a funnel stage by its rank, nil for `dropped`.
    func stage(_ rank: Int?) -> Int { stageBase + (rank ?? LeadStatus.funnelStages.count) }
    func boolean(_ value: Bool) -> Int { booleanBase + (value ? 1 : 0) }
    /// The cell of a contract type (cells added in `allCases` order).
    func contractType(_ type: ContractType) -> Int {
        switch type {
        case .contract: return typeBase
        case .mou: return typeBase + 1
        case .loi: return typeBase + 2
        }
    }
    /// The cell of an attribution method (cells added in `allCases` order).
    func method(_ method: Attribution.Method) -> Int {
        switch method {
        case .id: return methodBase
        case .companyBuyer: return methodBase + 1
        case .none: return methodBase + 2
        }
    }
}
