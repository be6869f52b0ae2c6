/// Turns a consultations record into a `Lead`, or into the row's issues (section 1.1).
public struct LeadNormalizer {
    let context: NormalizeContext
    let cache: NormalizeCache

    public init(context: NormalizeContext, cache: NormalizeCache) {
        self.context = context
        self.cache = cache
    }

    /// Normalizes the canonical cells (in `TableKind.consultations.columns` order) of one record.
    public func normalize(_ cells: [String], source: SourceRef) -> RowNormalization<Lead> {
        var issues: [CellIssue] = []
        let id = TextFold.trim(TextFold.nfkc(cells[0]))
        if id.isEmpty { issues.append(CellIssue("consultation_id", "", .missingRequired, "consultation_id is empty")) }
        let day = RowChecks.date(cells[1], context: context, issues: &issues)
        let (company, companyKey) = RowChecks.name(cells[4], column: "company", cache: cache, issues: &issues)
        let (buyer, buyerKey) = RowChecks.name(cells[5], column: "buyer", cache: cache, issues: &issues)
        if cells[7].isEmpty { issues.append(CellIssue("sector", "", .missingRequired, "sector is empty")) }
        let money = AmountReader.read(amount: cells[8], currency: cells[9], day: day, context: context, cache: cache)
        issues += money.issues
        let status = cache.status(cells[10])
        if status == nil {
            issues.append(CellIssue("status", cells[10], .badEnum,
                                    "'\(cells[10])' is not a status (consulted, follow_up, negotiating, mou, contracted, dropped)"))
        }
        guard issues.isEmpty, let day, let status else { return .rejected(issues) }
        var digest = RowDigest()
        for c in cells { digest.add(c) }
        let pool = cache.pool
        let lead = Lead(id: id, date: day, event: pool.intern(cells[2].isEmpty ? context.defaultEvent : cells[2]),
                        city: pool.intern(cells[3]), companyRaw: pool.intern(company), companyKey: pool.intern(companyKey),
                        buyerRaw: pool.intern(buyer), buyerKey: pool.intern(buyerKey), buyerCountry: pool.intern(cache.country(cells[6])),
                        countryText: pool.intern(cells[6]), sector: cache.sector(cells[7], context.taxonomy),
                        sectorText: pool.intern(cells[7]), amount: money.amount, currency: pool.intern(money.currency),
                        usdCents: money.usdCents ?? 0, status: status, source: source,
                        rawID: RowChecks.typedID(cells[0], of: id, pool: pool))
        return .accepted(lead, digest)
    }
}

/// Checks shared by the consultation and contract normalizers.
enum RowChecks {
    /// An id cell's typed spelling (trimmed) as a text of `pool` when NFKC changed it into `id`,
    /// else -1 (a row's `rawID`).
    static func typedID(_ cell: String, of id: String, pool: TextPool) -> TextID {
        id == cell ? -1 : pool.intern(cell)
    }

    static func date(_ cell: String, context: NormalizeContext, issues: inout [CellIssue]) -> Day? {
        if cell.isEmpty {
            issues.append(CellIssue("date", "", .missingRequired, "date is empty"))
            return nil
        }
        guard let day = DateParser.parse(cell, excelSerial: context.excelSerialDates) else {
            issues.append(CellIssue("date", cell, .badDate,
                                    "'\(cell)' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY년 M월 D일, YYYY年M月D日) or does not exist"))
            return nil
        }
        return day
    }

    static func name(_ cell: String, column: String, cache: NormalizeCache, issues: inout [CellIssue]) -> (String, String) {
        if cell.isEmpty {
            issues.append(CellIssue(column, "", .missingRequired, "\(column) is empty"))
            return ("", "")
        }
        let key = cache.nameKey(cell)
        if key.isEmpty {
            issues.append(CellIssue(column, cell, .missingRequired,
                                    "\(column) '\(cell)' has nothing left once legal forms and punctuation are dropped"))
        }
        return (cell, key)
    }
}
