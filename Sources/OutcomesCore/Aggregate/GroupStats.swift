/// The measures every breakdown row carries after its key columns (section 2).
public struct GroupStats: Sendable {
    public var leads = 0
    public var companies = Set<String>()
    public var buyers = Set<String>()
    public var consultationCents: Int64 = 0
    public var contracts = 0
    public var exportCents: Int64 = 0
    public var mous = 0
    public var mouCents: Int64 = 0
    public var converted = 0

    public init() {}

    mutating func add(lead: Lead, facts: LeadFacts) {
        leads += 1
        companies.insert(lead.companyKey)
        buyers.insert(lead.buyerKey)
        consultationCents += lead.usdCents
        if facts.converted { converted += 1 }
    }

    mutating func add(contract: Contract) {
        switch contract.type {
        case .contract:
            contracts += 1
            exportCents += contract.usdCents ?? 0
        case .mou:
            mous += 1
            mouCents += contract.usdCents ?? 0
        case .loi:
            break
        }
    }
}

/// Groups leads and contracts by keys, each row counted under every key its key function gives.
enum Grouping {
    static func group(leads: [Lead], facts: [LeadFacts], contracts: [Contract],
                      leadKeys: (Int) -> [String], contractKeys: (Int) -> [String]) -> [String: GroupStats] {
        var groups: [String: GroupStats] = [:]
        for i in leads.indices {
            for key in leadKeys(i) { groups[key, default: GroupStats()].add(lead: leads[i], facts: facts[i]) }
        }
        for i in contracts.indices {
            for key in contractKeys(i) { groups[key, default: GroupStats()].add(contract: contracts[i]) }
        }
        return groups
    }
}
