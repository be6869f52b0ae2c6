/// The measures every breakdown row carries after its key columns (section 2).
public struct GroupStats: Sendable {
    public var leads = 0
    /// Distinct company and buyer key ids among the row's leads.
    public var companies = Set<Int32>()
    public var buyers = Set<Int32>()
    public var consultationCents: Int64 = 0
    public var contracts = 0
    public var exportCents: Int64 = 0
    public var mous = 0
    public var mouCents: Int64 = 0
    public var converted = 0

    public init() {}

    mutating func addLead(company: Int32, buyer: Int32, cents: Int64, converted isConverted: Bool) {
        leads += 1
        companies.insert(company)
        buyers.insert(buyer)
        consultationCents += cents
        if isConverted { converted += 1 }
    }

    mutating func addContract(type: ContractType, cents: Int64?) {
        switch type {
        case .contract:
            contracts += 1
            exportCents += cents ?? 0
        case .mou:
            mous += 1
            mouCents += cents ?? 0
        case .loi:
            break
        }
    }
}

/// Groups leads and contracts by keys, each row counted under every key its key function gives.
enum Grouping {
    /// - Complexity: O(L + C) dictionary updates with keys of type `K` (integers on the hot path).
    static func group<K: Hashable>(_ o: GroupingInput, leadKeys: (Int) -> [K], contractKeys: (Int) -> [K]) -> [K: GroupStats] {
        var groups: [K: GroupStats] = [:]
        for i in 0..<o.leads.count {
            let cents = o.leads[i].usdCents
            let converted = o.facts[i].converted
            for key in leadKeys(i) {
                groups[key, default: GroupStats()].addLead(company: o.ids.leadCompany[i], buyer: o.ids.leadBuyer[i],
                                                           cents: cents, converted: converted)
            }
        }
        for i in 0..<o.contracts.count {
            let type = o.contracts[i].type
            let cents = o.contracts[i].usdCents
            for key in contractKeys(i) { groups[key, default: GroupStats()].addContract(type: type, cents: cents) }
        }
        return groups
    }
}

/// What grouping reads: the rows, their facts and their key ids.
struct GroupingInput {
    let leads: [Lead]
    let contracts: [Contract]
    let facts: [LeadFacts]
    let ids: KeyIDs
}
