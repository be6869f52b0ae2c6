/// The headline metrics of summary.csv (section 2), as exact integers and cents.
public struct Summary: Sendable {
    public var rows = FileCounts()
    public var leads = 0
    public var companies = 0
    public var buyers = 0
    public var consultationCents: Int64 = 0
    public var contracts = 0
    public var exportCents: Int64 = 0
    public var mous = 0
    public var mouCents: Int64 = 0
    public var lois = 0
    public var convertedLeads = 0
    public var attributedCents: Int64 = 0
    public var unattributedCents: Int64 = 0
    /// Days from each converted lead to its first attributed contract.
    public var daysToContract: [Int] = []

    init(leads: [Lead], contracts: [Contract], attribution: Attribution, facts: [LeadFacts], counts: FileCounts, ids: KeyIDs? = nil) {
        let ids = ids ?? KeyIDs(leads: leads, contracts: contracts)
        rows = counts
        self.leads = leads.count
        // One pass over the rows, read in place (a `reduce` over them copied each row, retaining
        // and releasing its id).
        var seenCompany = [Bool](repeating: false, count: ids.bound)
        var seenBuyer = [Bool](repeating: false, count: ids.bound)
        var cents: Int64 = 0
        leads.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                let c = Int(rows[i].companyKey), b = Int(rows[i].buyerKey)
                if !seenCompany[c] { seenCompany[c] = true; companies += 1 }
                if !seenBuyer[b] { seenBuyer[b] = true; buyers += 1 }
                cents += rows[i].usdCents
            }
        }
        consultationCents = cents
        // By index: iterating the row arrays would copy each row, its id string included.
        for (i, link) in attribution.links.enumerated() {
            let c = (type: contracts[i].type, usdCents: contracts[i].usdCents)
            switch c.type {
            case .contract:
                self.contracts += 1
                exportCents += c.usdCents ?? 0
                if link.lead != nil { attributedCents += c.usdCents ?? 0 } else { unattributedCents += c.usdCents ?? 0 }
            case .mou:
                mous += 1
                mouCents += c.usdCents ?? 0
            case .loi:
                lois += 1
            }
        }
        for (i, f) in facts.enumerated() where f.converted {
            convertedLeads += 1
            daysToContract.append(leads[i].date.days(to: f.firstContract!))
        }
    }
}
