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
        companies = KeyIDs.distinct(leads.count, bound: ids.bound) { ids.leadCompany($0) }
        buyers = KeyIDs.distinct(leads.count, bound: ids.bound) { ids.leadBuyer($0) }
        consultationCents = leads.reduce(0) { $0 + $1.usdCents }
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
