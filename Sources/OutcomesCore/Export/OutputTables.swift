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

    /// Every CSV output: file name and bytes, in a fixed order.
    /// - Parameter files: input paths (as the pipeline writes them) by file index.
    public func all(_ o: Outcome, taxonomy: Taxonomy, issues: [RowIssue], files: [String]) -> [(String, [UInt8])] {
        [
            ("summary.csv", summary(o.summary)),
            ("sectors.csv", sectors(o)),
            ("companies.csv", keyed(["company_key", "company"], o.companies.map { ([$0.key, o.companyNames[$0.key]], $0.stats) }, o)),
            ("events.csv", keyed(["event"], o.events.map { ([$0.key], $0.stats) }, o)),
            ("countries.csv", keyed(["buyer_country"], o.countries.map { ([$0.key], $0.stats) }, o)),
            ("monthly.csv", keyed(["month"], o.monthly.map { ([$0.key], $0.stats) }, o)),
            ("funnel.csv", funnel(o)),
            ("leads.csv", leads(o, taxonomy: taxonomy, files: files)),
            ("contracts.csv", contracts(o, taxonomy: taxonomy, files: files)),
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
        [String(s.leads), String(s.companies.count), String(s.buyers.count),
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

    func leads(_ o: Outcome, taxonomy: Taxonomy, files: [String]) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["consultation_id", "date", "event", "city", "company", "company_key", "buyer",
                                   "buyer_key", "buyer_country", "sector_code", "parent_code", "amount", "currency",
                                   "amount_usd", "status", "stage_reached", "contracts", "contract_value_usd",
                                   "converted", "first_contract_date", "days_to_contract", "source_file", "source_line"])
        for (l, f) in zip(o.leads, o.facts) {
            w.field(l.id)
            w.day(l.date)
            w.field(o.texts[l.event])
            w.field(o.texts[l.city])
            w.field(o.companyNames[l.companyKey])
            w.field(o.texts[l.companyKey])
            w.field(o.buyerNames[l.buyerKey])
            w.field(o.texts[l.buyerKey])
            w.field(o.texts[l.buyerCountry])
            w.field(taxonomy.code(l.sector))
            w.field(taxonomy.parentCode(l.sector))
            w.number(l.amount?.plainString ?? "")
            w.field(o.texts[l.currency])
            w.usd(cents: l.usdCents)
            w.field(l.status.rawValue)
            w.field(f.stageReached)
            w.integer(f.contracts)
            w.usd(cents: f.contractCents)
            w.field(f.converted ? "true" : "false")
            if let first = f.firstContract {
                w.day(first)
                w.integer(l.date.days(to: first))
            } else {
                w.number("")
                w.number("")
            }
            w.field(files[l.source.file])
            w.integer(l.source.line)
            w.endRow()
        }
        return w.bytes
    }

    func contracts(_ o: Outcome, taxonomy: Taxonomy, files: [String]) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["contract_id", "type", "date", "company", "company_key", "buyer", "buyer_key",
                                   "sector_code", "amount", "currency", "amount_usd", "consultation_id",
                                   "attribution", "source_file", "source_line"])
        for (i, c) in o.contracts.enumerated() {
            let link = o.attribution.links[i]
            w.field(c.id)
            w.field(c.type.rawValue)
            w.day(c.date)
            w.field(o.companyNames[c.companyKey])
            w.field(o.texts[c.companyKey])
            w.field(o.buyerNames[c.buyerKey])
            w.field(o.texts[c.buyerKey])
            w.field(taxonomy.code(o.contractSectors[i]))
            w.number(c.amount?.plainString ?? "")
            w.field(o.texts[c.currency])
            if let cents = c.usdCents { w.usd(cents: cents) } else { w.number("") }
            w.field(link.lead.map { o.leads[$0].id } ?? "")
            w.field(link.method.rawValue)
            w.field(files[c.source.file])
            w.integer(c.source.line)
            w.endRow()
        }
        return w.bytes
    }

    func rejects(_ issues: [RowIssue]) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: ["file", "line", "column", "value", "reason", "message"])
        for i in issues.sorted(by: RowIssue.precedes) {
            w.row([i.location.file, String(i.location.line), i.location.column, i.value, i.reason.rawValue, i.message])
        }
        return w.bytes
    }
}
