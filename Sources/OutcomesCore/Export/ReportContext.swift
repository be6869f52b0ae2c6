/// The language of the labels in report.xlsx and report.html (the pipeline's `language:`).
public enum ReportLanguage: String, Sendable {
    case en, ko
}

/// What the reports show besides the outcome: the run, its inputs and its rejects.
///
/// ```swift
/// let context = ReportContext(pipelineName: definition.name, runDate: "2026-06-03", language: .ko,
///                             inputs: ingest.files + ingest.referenceFiles, issues: ingest.issues,
///                             taxonomy: ingest.taxonomy, files: ingest.files.map(\.display))
/// try XLSXReport.write(outcome, context: context, to: folder + "/report.xlsx")
/// ```
public struct ReportContext: Sendable {
    public var pipelineName: String
    /// The run's date, ISO 8601 (`2026-06-03`; a time after the date is ignored).
    public var runDate: String
    public var language: ReportLanguage
    /// The input files with their row counts, in the order the Summary lists them.
    public var inputs: [IngestResult.FileInfo]
    /// Every reject (any order; the reports sort them as rejects.csv does).
    public var issues: [RowIssue]
    public var taxonomy: Taxonomy
    /// Input display paths by file index (what a lead's or contract's `source.file` indexes).
    public var files: [String]

    public init(pipelineName: String, runDate: String, language: ReportLanguage, inputs: [IngestResult.FileInfo],
                issues: [RowIssue], taxonomy: Taxonomy, files: [String]) {
        self.pipelineName = pipelineName
        self.runDate = runDate
        self.language = language
        self.inputs = inputs
        self.issues = issues
        self.taxonomy = taxonomy
        self.files = files
    }

    /// The run date as a `Day` when `runDate` starts with `YYYY-MM-DD`.
    var runDay: Day? {
        let parts = runDate.prefix(10).split(separator: "-")
        guard runDate.count >= 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// A sector's name as the reports show it: the taxonomy's Korean name in a Korean report
    /// (when it has one), else the name the CSVs use (name_en, else name_ko).
    func sectorName(code: String, csvName: String) -> String {
        guard language == .ko else { return csvName }
        if code == "unclassified" { return ReportLabels(.ko)["unclassified"] }
        guard let i = taxonomy.index(ofCode: code), !taxonomy.entries[i].nameKo.isEmpty else { return csvName }
        return taxonomy.entries[i].nameKo
    }
}
