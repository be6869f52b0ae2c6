/// Turns a contracts record into a `Contract`, or into the row's issues (section 1.2).
public struct ContractNormalizer {
    let context: NormalizeContext
    let cache: NormalizeCache

    public init(context: NormalizeContext, cache: NormalizeCache) {
        self.context = context
        self.cache = cache
    }

    /// Normalizes the canonical cells (in `TableKind.contracts.columns` order) of one record.
    public func normalize(_ cells: [String], source: SourceRef) -> RowNormalization<Contract> {
        var issues: [CellIssue] = []
        let id = TextFold.trim(TextFold.nfkc(cells[0]))
        if id.isEmpty { issues.append(CellIssue("contract_id", "", .missingRequired, "contract_id is empty")) }
        let leadID = TextFold.trim(TextFold.nfkc(cells[1]))
        let day = RowChecks.date(cells[2], context: context, issues: &issues)
        let (company, companyKey) = RowChecks.name(cells[3], column: "company", cache: cache, issues: &issues)
        let (buyer, buyerKey) = RowChecks.name(cells[4], column: "buyer", cache: cache, issues: &issues)
        let type = cache.type(cells[5])
        if type == nil {
            issues.append(CellIssue("type", cells[5], .badEnum, "'\(cells[5])' is not a contract type (contract, mou, loi)"))
        }
        let money = AmountReader.read(amount: cells[6], currency: cells[7], day: day, context: context, cache: cache)
        issues += money.issues
        if type == .contract && cells[6].isEmpty {
            issues.append(CellIssue("amount", "", .missingRequired, "a contract of type contract needs an amount"))
        }
        guard issues.isEmpty, let day, let type else { return .rejected(issues) }
        var digest = RowDigest()
        for c in cells { digest.add(c) }
        let pool = cache.pool
        let contract = Contract(id: id, leadID: leadID, date: day, companyRaw: pool.intern(company), companyKey: pool.intern(companyKey),
                                buyerRaw: pool.intern(buyer), buyerKey: pool.intern(buyerKey), type: type, amount: money.amount,
                                currency: pool.intern(money.currency), usdCents: money.usdCents,
                                ownSector: cells[8].isEmpty ? nil : cache.sector(cells[8], context.taxonomy),
                                sectorText: pool.intern(cells[8]), source: source,
                                rawID: RowChecks.typedID(cells[0], of: id, pool: pool))
        return .accepted(contract, digest)
    }
}
