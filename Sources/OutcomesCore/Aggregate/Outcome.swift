/// Everything the aggregate stage computes from accepted rows, ready for export.
public struct Outcome: Sendable {
    public let leads: [Lead]
    public let contracts: [Contract]
    public let attribution: Attribution
    public let facts: [LeadFacts]
    /// Per contract: its sector (own cell, else its lead's, else unclassified).
    public let contractSectors: [Int]
    public let companyNames: DisplayNames
    public let buyerNames: DisplayNames
    public let summary: Summary
    /// Breakdown rows, each with its key columns, already in the contract's row order.
    public let sectors: [(level: String, code: String, name: String, parent: String, stats: GroupStats)]
    public let companies: [(key: String, stats: GroupStats)]
    public let events: [(key: String, stats: GroupStats)]
    public let countries: [(key: String, stats: GroupStats)]
    public let monthly: [(key: String, stats: GroupStats)]
    public let funnel: [(stage: String, leads: Int)]

    /// Runs attribution and every metric over accepted leads and contracts (in input order).
    public init(leads: [Lead], contracts: [Contract], taxonomy: Taxonomy, windowDays: Int, counts: FileCounts) {
        self.leads = leads
        self.contracts = contracts
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: windowDays)
        self.attribution = attribution
        let facts = LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution)
        self.facts = facts
        let links = attribution.links
        contractSectors = contracts.indices.map { i in
            if let own = contracts[i].ownSector { return own }
            if let l = links[i].lead { return leads[l].sector }
            return Taxonomy.unclassified
        }
        companyNames = DisplayNames(leads.map { ($0.companyKey, $0.companyRaw) } + contracts.map { ($0.companyKey, $0.companyRaw) })
        buyerNames = DisplayNames(leads.map { ($0.buyerKey, $0.buyerRaw) } + contracts.map { ($0.buyerKey, $0.buyerRaw) })
        summary = Summary(leads: leads, contracts: contracts, attribution: attribution, facts: facts, counts: counts)

        let sectorOf = contractSectors
        func sectorKeys(_ s: Int) -> [String] {
            let code = taxonomy.code(s)
            let parent = taxonomy.parentCode(s)
            if s != Taxonomy.unclassified && taxonomy.entries[s].isGroup { return ["g|" + code] }
            return parent.isEmpty ? ["s|" + code] : ["s|" + code, "g|" + parent]
        }
        let bySector = Grouping.group(leads: leads, facts: facts, contracts: contracts,
                                      leadKeys: { sectorKeys(leads[$0].sector) },
                                      contractKeys: { sectorKeys(sectorOf[$0]) })
        sectors = bySector.map { key, stats in
            let isGroup = key.hasPrefix("g|")
            let code = String(key.dropFirst(2))
            let index = taxonomy.index(ofCode: code)
            let name = index.map { taxonomy.entries[$0].displayName } ?? code
            let parent = isGroup ? "" : (index.map { taxonomy.entries[$0].parent } ?? "")
            return (isGroup ? "group" : "sector", code, name, parent, stats)
        }.sorted { a, b in
            if a.stats.consultationCents != b.stats.consultationCents { return a.stats.consultationCents > b.stats.consultationCents }
            if a.code != b.code { return a.code.utf8.lexicographicallyPrecedes(b.code.utf8) }
            return a.level == "group" && b.level == "sector"
        }

        func byValue(_ groups: [String: GroupStats]) -> [(key: String, stats: GroupStats)] {
            groups.map { ($0.key, $0.value) }.sorted { a, b in
                if a.stats.consultationCents != b.stats.consultationCents { return a.stats.consultationCents > b.stats.consultationCents }
                return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
        }
        companies = byValue(Grouping.group(leads: leads, facts: facts, contracts: contracts,
                                           leadKeys: { [leads[$0].companyKey] }, contractKeys: { [contracts[$0].companyKey] }))
        events = byValue(Grouping.group(leads: leads, facts: facts, contracts: contracts,
                                        leadKeys: { [leads[$0].event] },
                                        contractKeys: { [links[$0].lead.map { leads[$0].event } ?? ""] }))
        countries = byValue(Grouping.group(leads: leads, facts: facts, contracts: contracts,
                                           leadKeys: { [leads[$0].buyerCountry] },
                                           contractKeys: { [links[$0].lead.map { leads[$0].buyerCountry } ?? ""] }))
        monthly = Grouping.group(leads: leads, facts: facts, contracts: contracts,
                                 leadKeys: { [leads[$0].date.monthKey] }, contractKeys: { [contracts[$0].date.monthKey] })
            .map { ($0.key, $0.value) }.sorted { $0.key < $1.key }

        var stageCounts = [Int](repeating: 0, count: LeadStatus.funnelStages.count)
        var dropped = 0
        for f in facts {
            for r in 0...f.rank { stageCounts[r] += 1 }
            if f.dropped { dropped += 1 }
        }
        funnel = LeadStatus.funnelStages.enumerated().map { ($1.rawValue, stageCounts[$0]) } + [("dropped", dropped)]
    }
}
