/// Renders report.html: one self-contained page (inline CSS and SVG, no scripts, no network).
///
/// Sections: headline figures; the funnel, export value by sector and monthly consultations
/// and contracts as inline SVG charts; the breakdown tables (long ones cut, with a note naming
/// the CSV); the rejects with their top reasons and a sample of rejected lines; the input files.
/// Every value is escaped (`HTMLEscape`), and the markup is also well-formed XML. Labels are
/// English or Korean (`ReportContext.language`); the font stack covers Korean and Chinese.
///
/// ```swift
/// let bytes = HTMLReport.render(outcome, context: context)
/// ```
public enum HTMLReport {
    /// Rows shown per breakdown table (companies: `companyRows`); the CSVs hold them all.
    static let tableRows = 200
    static let companyRows = 100
    /// Rejected lines shown as a sample.
    static let sampleRejects = 20

    /// The page as UTF-8 bytes.
    /// - Complexity: O(n log n) in the rejects (the sample is taken in rejects.csv order),
    ///   O(n) in the breakdown rows; leads and contracts are not listed.
    public static func render(_ outcome: Outcome, context: ReportContext) -> [UInt8] {
        var page = Page(o: outcome, context: context, labels: ReportLabels(context.language))
        page.document()
        return Array(page.html.utf8)
    }

    /// The page being written, section by section.
    struct Page {
        let o: Outcome
        let context: ReportContext
        let labels: ReportLabels
        var html = ""

        mutating func document() {
            let title = labels["report_title"] + " — " + context.pipelineName
            html += "<!DOCTYPE html>\n<html lang=\"\(context.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            html += "<title>\(HTMLEscape.text(title))</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n<main>\n"
            html += "<header><h1>\(HTMLEscape.text(title))</h1><p class=\"meta\">"
            html += [labels["pipeline"] + ": " + context.pipelineName, labels["run_date"] + ": " + context.runDate,
                     labels["inputs"] + ": " + ReportNumbers.grouped(context.inputs.count)].map(HTMLEscape.text).joined(separator: " · ")
            html += "</p></header>\n"
            headline()
            charts()
            breakdowns()
            rejects()
            inputs()
            html += "<footer>\(HTMLEscape.text(labels.format("generated", ["date": context.runDate])))</footer>\n"
            html += "</main>\n</body>\n</html>\n"
        }

        mutating func headline() {
            let s = o.summary
            let usd = ReportNumbers.usd(cents:)
            let n = ReportNumbers.grouped(_:)
            let median = NumberFormat.median(days: s.daysToContract)
            let cards: [(String, String, String)] = [
                ("leads", n(s.leads), "\(labels["companies"]) \(n(s.companies)) · \(labels["buyers"]) \(n(s.buyers))"),
                ("consultation_value_usd", usd(s.consultationCents), ""),
                ("contracts", n(s.contracts), "\(labels["mous"]) \(n(s.mous)) · \(labels["lois"]) \(n(s.lois))"),
                ("export_value_usd", usd(s.exportCents),
                 "\(labels["attributed"]) \(usd(s.attributedCents)) · \(labels["unattributed"]) \(usd(s.unattributedCents))"),
                ("conversion_rate", ReportNumbers.percent(Int64(s.convertedLeads), Int64(s.leads)).ifEmpty("–"),
                 "\(labels["converted_leads"]) \(n(s.convertedLeads))"),
                ("median_days_to_contract", median.ifEmpty("–"), ""),
                ("mou_value_usd", usd(s.mouCents), ""),
                ("rows_read", n(s.rows.read),
                 "\(labels["accepted"]) \(n(s.rows.accepted)) · \(labels["rejected"]) \(n(s.rows.rejected)) · \(labels["duplicate"]) \(n(s.rows.duplicate))"),
            ]
            html += "<section id=\"headline\"><h2>\(HTMLEscape.text(labels["headline"]))</h2><div class=\"cards\">\n"
            for (key, figure, sub) in cards {
                html += "<div class=\"card\" id=\"metric-\(key)\"><div class=\"label\">\(HTMLEscape.text(labels[key]))</div>"
                html += "<div class=\"figure\">\(HTMLEscape.text(figure))</div>"
                html += sub.isEmpty ? "</div>\n" : "<div class=\"sub\">\(HTMLEscape.text(sub))</div></div>\n"
            }
            html += "</div></section>\n"
        }

        mutating func charts() {
            let leads = Int64(o.leads.count)
            let funnel = o.funnel.map { stage, count in
                HTMLCharts.Bar(label: labels["stage_" + stage], value: Int64(count),
                               text: ReportNumbers.grouped(count) + (leads > 0 ? " · " + ReportNumbers.percent(Int64(count), leads) : ""),
                               highlight: stage == LeadStatus.dropped.rawValue)
            }
            let sectors = o.sectors.filter { $0.level == "sector" && $0.stats.exportCents > 0 }.sorted { a, b in
                a.stats.exportCents != b.stats.exportCents ? a.stats.exportCents > b.stats.exportCents
                    : a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }.prefix(15).map { HTMLCharts.Bar(label: context.sectorName(code: $0.code, csvName: $0.name), value: $0.stats.exportCents, text: ReportNumbers.wholeDollars(cents: $0.stats.exportCents)) }

            html += "<section id=\"charts\" class=\"charts\">\n"
            figure("chart-funnel", labels["funnel"], o.leads.isEmpty ? nil
                   : HTMLCharts.bars(funnel, title: labels["funnel"], scaleMax: leads))
            figure("chart-sectors", labels["chart_sectors"], sectors.isEmpty ? nil
                   : HTMLCharts.bars(Array(sectors), title: labels["chart_sectors"]))
            let monthly = HTMLCharts.lines(categories: o.monthly.map(\.key), lines: [
                .init(name: labels["series_leads"], cssClass: "leads", values: o.monthly.map(\.stats.leads)),
                .init(name: labels["series_contracts"], cssClass: "contracts", values: o.monthly.map(\.stats.contracts)),
            ], title: labels["chart_monthly"])
            figure("chart-monthly", labels["chart_monthly"], o.monthly.isEmpty ? nil : monthly)
            html += "</section>\n"
        }

        mutating func figure(_ id: String, _ caption: String, _ svg: String?) {
            html += "<figure id=\"\(id)\"><figcaption>\(HTMLEscape.text(caption))</figcaption>"
            html += svg ?? "<p class=\"note\">\(HTMLEscape.text(labels["no_data"]))</p>"
            html += "</figure>\n"
        }
    }
}

extension String {
    /// `replacement` when the string is empty.
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
