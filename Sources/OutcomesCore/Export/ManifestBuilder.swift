import Foundation

/// Fills the manifest from a run's definition, ingest facts and outcome.
public enum ManifestBuilder {
    /// The tool's version, as `outcomes --version` prints it.
    public static let version = "0.1.0"

    /// Every setting of the pipeline (and the command line) that shapes the outputs, as text;
    /// an unset gate or `keep` is empty.
    static func parameters(_ d: PipelineDefinition, options: PipelineRunner.Options) -> [String: String] {
        let gates = d.gates
        return ["default_currency": d.defaultCurrency, "default_event": d.defaultEvent,
                "attribution_window_days": String(d.attributionWindowDays),
                "excel_serial_dates": String(d.excelSerialDates),
                "excel_csv": String(options.excelCSV ?? d.excelCSV),
                "formats": ["csv", "xlsx", "html"].filter(d.formats.contains).joined(separator: ","),
                "language": d.language,
                "keep": d.keep.map(String.init) ?? "",
                "max_rejected_share": gates.maxRejectedShare?.plainString ?? "",
                "min_leads": gates.minLeads.map(String.init) ?? "",
                "max_unclassified_share": gates.maxUnclassifiedShare?.plainString ?? "",
                "columns": d.aliases.extra.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    public static func build(definition d: PipelineDefinition, options: PipelineRunner.Options,
                             ingest: IngestResult, outcome: Outcome, outputs: [String]) -> Manifest {
        let delimiterName: [UInt8: String] = [0x2C: "comma", 0x09: "tab", 0x3B: "semicolon"]
        let inputs = (ingest.files + ingest.referenceFiles).map { f in
            Manifest.InputRecord(file: f.display, table: f.table.rawValue, sha256: f.sha256, bytes: f.bytes,
                                 encoding: f.encoding.rawValue, delimiter: delimiterName[f.delimiter] ?? "other",
                                 rows_read: f.counts.read, rows_accepted: f.counts.accepted,
                                 rows_rejected: f.counts.rejected, rows_duplicate: f.counts.duplicate,
                                 blank_lines: f.counts.blank, amount_missing: f.counts.amountMissing,
                                 unknown_columns: f.unknownColumns)
        }
        let texts = outcome.texts
        var unclassifiedByID: [TextID: Int] = [:]
        var countriesByID: [TextID: Int] = [:]
        // By index: iterating the rows would copy each one, its id string included.
        let leads = outcome.leads
        for i in leads.indices {
            if leads[i].sector == Taxonomy.unclassified { unclassifiedByID[leads[i].sectorText, default: 0] += 1 }
            if leads[i].buyerCountry == TextPool.empty && leads[i].countryText != TextPool.empty {
                countriesByID[leads[i].countryText, default: 0] += 1
            }
        }
        let contracts = outcome.contracts
        for i in contracts.indices where contracts[i].ownSector == Taxonomy.unclassified {
            unclassifiedByID[contracts[i].sectorText, default: 0] += 1
        }
        let unclassified = Dictionary(unclassifiedByID.map { (texts[$0.key], $0.value) }, uniquingKeysWith: +)
        let countries = Dictionary(countriesByID.map { (texts[$0.key], $0.value) }, uniquingKeysWith: +)
        func merged(_ names: DisplayNames) -> [String: [String: Int]] {
            var result: [String: [String: Int]] = [:]
            for (key, list) in names.spellings where list.count > 1 {
                result[texts[key]] = Dictionary(list.map { (texts[$0.spelling], $0.count) }, uniquingKeysWith: +)
            }
            return result
        }
        let t = ingest.totals
        return Manifest(
            tool: "outcomes", version: version, pipeline: d.name,
            pipeline_file: (d.file as NSString).lastPathComponent,
            parameters: parameters(d, options: options),
            inputs: inputs,
            totals: ["rows_read": t.read, "rows_accepted": t.accepted, "rows_rejected": t.rejected,
                     "rows_duplicate": t.duplicate, "blank_lines": t.blank, "amount_missing": t.amountMissing],
            unclassified_sectors: unclassified, unrecognized_countries: countries,
            company_spellings: merged(outcome.companyNames), buyer_spellings: merged(outcome.buyerNames),
            stage_seconds: Dictionary(ingest.stageSeconds.map { ($0.0, String(format: "%.3f", $0.1)) }, uniquingKeysWith: { a, _ in a }),
            outputs: outputs, unused_column_mappings: ingest.unusedColumnMappings(d.aliases))
    }
}
