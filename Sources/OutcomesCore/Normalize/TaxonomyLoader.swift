/// Builds the `Taxonomy` from sectors rows; bad rows become `bad_taxonomy_row` rejects.
public struct TaxonomyLoader {
    var rows: [(entry: Taxonomy.Entry, line: Int, raw: [String])] = []
    public private(set) var counts = FileCounts()
    var issues: [RowIssue] = []
    var file = ""

    public init() {}

    public mutating func addBlank() { counts.blank += 1 }

    public mutating func addRejected(_ rowIssues: [RowIssue]) {
        counts.read += 1
        counts.rejected += 1
        issues += rowIssues
    }

    /// Adds one row's cells (`code,name_en,name_ko,parent,keywords`).
    public mutating func add(_ cells: [String], file: String, line: Int) {
        self.file = file
        counts.read += 1
        let keywords = cells[4].split(separator: "|").map { TextFold.trim(String($0)) }.filter { !$0.isEmpty }
        let entry = Taxonomy.Entry(code: cells[0], nameEn: cells[1], nameKo: cells[2], parent: cells[3], keywords: keywords)
        rows.append((entry, line, cells))
    }

    /// Validates codes and parents and returns the taxonomy with every issue found.
    public mutating func finish() -> (Taxonomy, [RowIssue]) {
        var accepted: [Taxonomy.Entry] = []
        var byCode: [String: [String]] = [:]
        var groups = Set<String>()
        for r in rows where r.entry.parent.isEmpty && !r.entry.code.isEmpty { groups.insert(r.entry.code) }
        for r in rows {
            func reject(_ column: String, _ value: String, _ message: String) {
                counts.rejected += 1
                issues.append(RowIssue(location: SourceLocation(file: file, line: r.line, column: column),
                                       value: value, reason: .badTaxonomyRow, message: message))
            }
            if r.entry.code.isEmpty {
                reject("code", "", "the sector code is empty")
            } else if let earlier = byCode[r.entry.code] {
                if earlier == r.raw { counts.duplicate += 1 } else {
                    reject("code", r.entry.code, "the code \(r.entry.code) is already defined with other content")
                }
            } else if !r.entry.parent.isEmpty && !groups.contains(r.entry.parent) {
                reject("parent", r.entry.parent, "the parent \(r.entry.parent) is not a group (a row with an empty parent)")
            } else {
                byCode[r.entry.code] = r.raw
                accepted.append(r.entry)
                counts.accepted += 1
            }
        }
        return (Taxonomy(entries: accepted), issues)
    }
}
