extension HTMLReport.Page {
    /// One table row: its cell texts (unescaped) and whether it is a group (sub-total) row.
    typealias Row = (cells: [String], group: Bool)

    /// The breakdown tables: sectors, companies, events, countries, months.
    mutating func breakdowns() {
        html += "<section id=\"breakdowns\"><h2>\(HTMLEscape.text(labels["breakdowns"]))</h2>\n"
        let none = labels["none"]
        breakdown("sectors", "sheet_sectors", keys: ["level", "sector_code", "sector_name", "parent_code"], file: "sectors.csv",
                  rows: o.sectors.map { r in
                      ([labels["level_" + r.level], r.code, context.sectorName(code: r.code, csvName: r.name), r.parent],
                       r.stats, r.level == "group")
                  })
        breakdown("companies", "sheet_companies", keys: ["company"], file: "companies.csv", limit: HTMLReport.companyRows,
                  measures: Self.measures.filter { $0 != "companies" },
                  rows: o.companies.map { ([o.companyNames[$0.key]], $0.stats, false) })
        breakdown("events", "sheet_events", keys: ["event"], file: "events.csv",
                  rows: o.events.map { ([$0.key.ifEmpty(none)], $0.stats, false) })
        breakdown("countries", "sheet_countries", keys: ["buyer_country"], file: "countries.csv",
                  rows: o.countries.map { ([$0.key.ifEmpty(none)], $0.stats, false) })
        breakdown("monthly", "sheet_monthly", keys: ["month"], file: "monthly.csv",
                  rows: o.monthly.map { ([$0.key], $0.stats, false) })
        html += "</section>\n"
    }

    /// A breakdown table: key columns, then the measures formatted for reading.
    mutating func breakdown(_ id: String, _ titleKey: String, keys: [String], file: String, limit: Int = HTMLReport.tableRows,
                            measures: [String] = Self.measures, rows: [([String], GroupStats, Bool)]) {
        let total = o.summary.consultationCents
        html += "<h3>\(HTMLEscape.text(labels[titleKey]))</h3>\n"
        let shown = rows.prefix(limit).map { keys, stats, group -> Row in
            (keys + measures.map { Self.measureText($0, stats, total: total) }, group)
        }
        table(id: id, headers: (keys + measures).map { labels[$0] }, numeric: Set(keys.count..<(keys.count + measures.count)),
              keyColumns: keys.count, rows: shown)
        if rows.count > shown.count {
            let note = labels.format("showing", ["shown": ReportNumbers.grouped(shown.count),
                                                 "total": ReportNumbers.grouped(rows.count), "file": file])
            html += "<p class=\"note\">\(HTMLEscape.text(note))</p>\n"
        }
    }

    /// The rejects: how many, the reasons by count, and the first rejected lines in rejects.csv order.
    mutating func rejects() {
        let issues = context.issues
        html += "<section id=\"rejects\"><h2>\(HTMLEscape.text(labels["rejects"]))</h2>\n"
        guard !issues.isEmpty else {
            html += "<p>\(HTMLEscape.text(labels["no_rejects"]))</p></section>\n"
            return
        }
        html += "<p>\(HTMLEscape.text(labels.format("rejects_total", ["count": ReportNumbers.grouped(issues.count)])))</p>\n"
        var byReason: [RejectReason: Int] = [:]
        for issue in issues { byReason[issue.reason, default: 0] += 1 }
        let reasons = byReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
        html += "<h3>\(HTMLEscape.text(labels["top_reasons"]))</h3>\n"
        table(id: "reject-reasons", headers: [labels["reason"], labels["count"], labels["share"]], numeric: [1, 2],
              rows: reasons.map { ([$0.key.rawValue, ReportNumbers.grouped($0.value),
                                    ReportNumbers.percent(Int64($0.value), Int64(issues.count))], false) })
        let sample = issues.sorted(by: RowIssue.precedes).prefix(HTMLReport.sampleRejects)
        html += "<h3>\(HTMLEscape.text(labels["sample_rejects"]))</h3>\n"
        table(id: "reject-sample", headers: ["file", "line", "column", "value", "reason", "message"].map { labels[$0] },
              numeric: [1], raw: [3], rows: sample.map { i in
                  ([i.location.file, String(i.location.line), i.location.column, HTMLCharts.shortened(i.value, columns: 120),
                    i.reason.rawValue, i.message], false)
              })
        if issues.count > sample.count {
            let note = labels.format("showing", ["shown": ReportNumbers.grouped(sample.count),
                                                 "total": ReportNumbers.grouped(issues.count), "file": "rejects.csv"])
            html += "<p class=\"note\">\(HTMLEscape.text(note))</p>\n"
        }
        html += "</section>\n"
    }

    /// The input files with their row counts.
    mutating func inputs() {
        html += "<section id=\"inputs\"><h2>\(HTMLEscape.text(labels["inputs"]))</h2>\n"
        let n = ReportNumbers.grouped(_:)
        table(id: "input-files", headers: ["input_file", "table", "rows_read", "accepted", "rejected", "duplicate", "blank",
                                           "amount_missing"].map { labels[$0] },
              numeric: Set(2...7), rows: context.inputs.map { f in
                  let c = f.counts
                  return ([f.display, labels["table_" + f.table.rawValue], n(c.read), n(c.accepted), n(c.rejected),
                           n(c.duplicate), n(c.blank), n(c.amountMissing)], false)
              })
        html += "</section>\n"
    }

    /// A table with escaped cells; `numeric` columns align right, `raw` ones show input text as
    /// typed, and the first `keyColumns` are kept wide enough to read.
    mutating func table(id: String, headers: [String], numeric: Set<Int>, raw: Set<Int> = [], keyColumns: Int = 0, rows: [Row]) {
        html += "<div class=\"table-wrap\"><table id=\"\(id)\"><thead><tr>"
        for (i, h) in headers.enumerated() {
            html += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            html += HTMLEscape.text(h) + "</th>"
        }
        html += "</tr></thead><tbody>\n"
        for row in rows {
            html += row.group ? "<tr class=\"group\">" : "<tr>"
            for (i, cell) in row.cells.enumerated() {
                html += numeric.contains(i) ? "<td class=\"num\">" : raw.contains(i) ? "<td class=\"raw\">"
                    : i < keyColumns ? "<td class=\"key\">" : "<td>"
                html += HTMLEscape.text(cell) + "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
    }

    /// The measures the page shows (a subset of the CSVs' columns, so a table fits 1280 px);
    /// converted consultations and MOU value are left to the CSVs and the workbook.
    static let measures = ["leads", "companies", "buyers", "consultation_value_usd", "contracts", "export_value_usd",
                           "mous", "conversion_rate", "share_of_consultation_value"]

    /// One breakdown measure as people read it: grouped counts and USD, rates as percentages.
    static func measureText(_ column: String, _ s: GroupStats, total: Int64) -> String {
        let n = ReportNumbers.grouped(_:)
        let usd = ReportNumbers.usd(cents:)
        switch column {
        case "leads": return n(s.leads)
        case "companies": return n(s.companies)
        case "buyers": return n(s.buyers)
        case "consultation_value_usd": return usd(s.consultationCents)
        case "contracts": return n(s.contracts)
        case "export_value_usd": return usd(s.exportCents)
        case "mous": return n(s.mous)
        case "mou_value_usd": return usd(s.mouCents)
        case "converted_leads": return n(s.converted)
        case "conversion_rate": return ReportNumbers.percent(Int64(s.converted), Int64(s.leads))
        case "share_of_consultation_value": return ReportNumbers.percent(s.consultationCents, total)
        default: preconditionFailure("not a breakdown measure: \(column)")
        }
    }
}
