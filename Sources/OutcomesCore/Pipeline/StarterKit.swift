import Foundation

/// The files `outcomes init` writes for a new delegation: a pipeline and template CSVs with
/// English and Korean headers, ready to fill in Excel.
public enum StarterKit {
    /// File name and content, in the order written.
    public static func files(name: String) -> [(String, String)] {
        [
            ("pipeline.yaml", """
                # \(name): edit the defaults, then `outcomes run pipeline.yaml`.
                name: \(name)
                inputs:
                  consultations: [data/consultations*.csv, data/상담일지*.csv]
                  contracts: [data/contracts*.csv, data/계약*.csv]
                  fx_rates: data/fx_rates.csv
                  sectors: data/sectors.csv
                defaults: {currency: KRW, event: "\(name)", attribution_window_days: 365}
                output: out
                keep: 7
                max_rejected_share: 0.02
                min_leads: 1

                """),
            ("data/consultations.csv",
             "consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status\n"),
            ("data/상담일지.csv", "상담번호,상담일자,행사명,도시,참가기업,바이어명,국가,산업분야,상담금액,통화,상태\n"),
            ("data/contracts.csv", "contract_id,consultation_id,date,company,buyer,type,amount,currency,sector\n"),
            ("data/계약.csv", "계약번호,상담번호,계약일,참가기업,바이어명,유형,계약금액,통화,분야\n"),
            ("data/fx_rates.csv", "date,currency,usd_per_unit\n2026-01-02,KRW,0.00072\n2026-01-02,CNY,0.1400\n"),
            ("data/sectors.csv", """
                code,name_en,name_ko,parent,keywords
                HYD,Hydrogen,수소,,hydrogen|수소|氢
                HYD-PROD,Hydrogen production,수소 생산,HYD,electrolysis|수전해|电解
                WAT,Water,수처리,,water|수처리|水处理

                """),
        ]
    }

    /// Writes the starter files under `folder`, refusing to overwrite any existing file.
    /// - Throws: `PipelineError.outputNotWritable` naming the file in the way or the failure.
    public static func write(to folder: String) throws {
        let fm = FileManager.default
        let name = (((folder as NSString).standardizingPath) as NSString).lastPathComponent
        let files = files(name: name.isEmpty ? "delegation" : name)
        for (path, _) in files where fm.fileExists(atPath: folder + "/" + path) {
            throw PipelineError.outputNotWritable(path: folder + "/" + path, reason: "the file exists; init never overwrites")
        }
        do {
            for (path, content) in files {
                let full = folder + "/" + path
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                // The CSV templates start with a BOM: Excel opens a UTF-8 file without one in
                // the system's code page (CP949 on Korean Windows), garbling the Korean headers.
                let bom = path.hasSuffix(".csv") ? TextEncoding.utf8BOM : []
                try Data(bom + Array(content.utf8)).write(to: URL(fileURLWithPath: full))
            }
        } catch {
            throw PipelineError.outputNotWritable(path: folder, reason: OutputPublisher.reason(error))
        }
    }
}
