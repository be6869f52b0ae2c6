extension XLSXReport.Job {
    /// Sectors, Companies, Events, Countries, Monthly and Funnel: the breakdown CSVs as sheets.
    func breakdowns(_ sheets: [String: XLSXWorkbook.Sheet]) {
        breakdown(sheets["sheet_sectors"]!, keys: ["level", "sector_code", "sector_name", "parent_code"],
                  file: "sectors.csv", rows: o.sectors.map { r in
                      ([.text(labels["level_" + r.level]), .text(r.code),
                        .text(context.sectorName(code: r.code, csvName: r.name)), .text(r.parent)], r.stats)
                  })
        breakdown(sheets["sheet_companies"]!, keys: ["company_key", "company"], file: "companies.csv",
                  rows: o.companies.map { ([.text($0.key), .text(o.companyNames[$0.key])], $0.stats) })
        breakdown(sheets["sheet_events"]!, keys: ["event"], file: "events.csv",
                  rows: o.events.map { ([.text($0.key)], $0.stats) })
        breakdown(sheets["sheet_countries"]!, keys: ["buyer_country"], file: "countries.csv",
                  rows: o.countries.map { ([.text($0.key)], $0.stats) })
        breakdown(sheets["sheet_monthly"]!, keys: ["month"], file: "monthly.csv",
                  rows: o.monthly.map { ([Self.month($0.key)], $0.stats) })

        let leads = Int64(o.leads.count)
        table(sheets["sheet_funnel"]!, columns: ["stage", "leads", "share_of_leads"], count: o.funnel.count,
              file: "funnel.csv") { i in
            let (stage, n) = o.funnel[i]
            return [.text(labels["stage_" + stage]), .integer(n, .count),
                    XLSXReport.cell("share_of_leads", NumberFormat.fraction(Int64(n), leads))]
        }
    }

    /// A breakdown sheet: its key cells, then the measures every breakdown shares.
    func breakdown(_ sheet: XLSXWorkbook.Sheet, keys: [String], file: String, rows: [([Cell], GroupStats)]) {
        let total = o.summary.consultationCents
        table(sheet, columns: keys + OutputTables.measureColumns, count: rows.count, file: file) { i in
            let values = OutputTables.measures(rows[i].1, total: total)
            return rows[i].0 + zip(OutputTables.measureColumns, values).map { XLSXReport.cell($0, $1) }
        }
    }

    /// The Leads sheet: leads.csv's columns, typed, in input order.
    func leads(_ sheet: XLSXWorkbook.Sheet) {
        let columns = ["consultation_id", "date", "event", "city", "company", "company_key", "buyer", "buyer_key",
                       "buyer_country", "sector_code", "parent_code", "amount", "currency", "amount_usd", "status",
                       "stage_reached", "contracts", "contract_value_usd", "converted", "first_contract_date",
                       "days_to_contract", "source_file", "source_line"]
        let taxonomy = context.taxonomy
        table(sheet, columns: columns, count: o.leads.count, file: "leads.csv") { i in
            let l = o.leads[i]
            let f = o.facts[i]
            return [.text(o.writtenID(lead: i)), .date(l.date, .date), .text(o.texts[l.event]), .text(o.texts[l.city]), .text(o.companyNames[l.companyKey]),
                    .text(o.texts[l.companyKey]), .text(o.buyerNames[l.buyerKey]), .text(o.texts[l.buyerKey]), .text(o.texts[l.buyerCountry]),
                    .text(taxonomy.code(l.sector)), .text(taxonomy.parentCode(l.sector)), Self.amount(l.amount),
                    .text(o.texts[l.currency]), .decimal(NumberFormat.usd(cents: l.usdCents), .money), .text(l.status.rawValue),
                    .text(f.stageReached), .integer(f.contracts, .count),
                    .decimal(NumberFormat.usd(cents: f.contractCents), .money), .bool(f.converted),
                    f.firstContract.map { .date($0, .date) } ?? .blank,
                    f.firstContract.map { .integer(l.date.days(to: $0), .general) } ?? .blank,
                    .text(context.files[l.source.file]), .integer(l.source.line, .general)]
        }
    }

    /// The Contracts sheet: contracts.csv's columns, typed, in input order.
    func contracts(_ sheet: XLSXWorkbook.Sheet) {
        let columns = ["contract_id", "type", "date", "company", "company_key", "buyer", "buyer_key", "sector_code",
                       "amount", "currency", "amount_usd", "consultation_id", "attribution", "source_file", "source_line"]
        let taxonomy = context.taxonomy
        table(sheet, columns: columns, count: o.contracts.count, file: "contracts.csv") { i in
            let c = o.contracts[i]
            let link = o.attribution.links[i]
            return [.text(o.writtenID(contract: i)), .text(c.type.rawValue), .date(c.date, .date), .text(o.companyNames[c.companyKey]),
                    .text(o.texts[c.companyKey]), .text(o.buyerNames[c.buyerKey]), .text(o.texts[c.buyerKey]),
                    .text(taxonomy.code(o.contractSectors[i])), Self.amount(c.amount), .text(o.texts[c.currency]),
                    c.usdCents.map { .decimal(NumberFormat.usd(cents: $0), .money) } ?? .blank,
                    .text(link.lead.map { o.writtenID(lead: $0) } ?? ""), .text(link.method.rawValue),
                    .text(context.files[c.source.file]), .integer(c.source.line, .general)]
        }
    }

    /// The Rejects sheet: rejects.csv's rows in its order; the raw values stay text.
    func rejects(_ sheet: XLSXWorkbook.Sheet) {
        let issues = context.issues.sorted(by: RowIssue.precedes)
        table(sheet, columns: ["file", "line", "column", "value", "reason", "message"], count: issues.count,
              file: "rejects.csv") { i in
            let issue = issues[i]
            return [.text(issue.location.file), .integer(issue.location.line, .general), .text(issue.location.column),
                    .text(issue.value), .text(issue.reason.rawValue), .text(issue.message)]
        }
    }

    /// An amount in its own currency: grouped whole units, two decimals when it has a fraction,
    /// or as many as it has past two (`0.125`, not 0.13).
    static func amount(_ amount: ExactDecimal?) -> Cell {
        guard let amount else { return .blank }
        let text = amount.plainString
        guard let point = text.firstIndex(of: ".") else { return .decimal(text, .count) }
        return .decimal(text, text.distance(from: point, to: text.endIndex) > 3 ? .fineMoney : .money)
    }

    /// A `YYYY-MM` key as the month's first day (shown `yyyy-mm`), or as text if it is not one.
    static func month(_ key: String) -> Cell {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let day = Day(year: y, month: m, day: 1) else {
            return .text(key)
        }
        return .date(day, .month)
    }
}
