/// What attribution tells about each lead: its contracts, conversion and funnel stage.
public struct LeadFacts: Sendable {
    /// Attributed type-contract contracts.
    public var contracts: Int {
        get { Int(storedContracts) }
        set { storedContracts = Int32(clamping: newValue) }
    }
    var storedContracts: Int32 = 0
    public var contractCents: Int64 = 0
    public var firstContract: Day?
    public var hasMOU = false
    public var converted: Bool { storedContracts > 0 }
    /// The highest funnel rank reached (0 consulted … 4 contracted).
    public var rank: Int {
        get { Int(storedRank) }
        set { storedRank = Int8(newValue) }
    }
    var storedRank: Int8 = 0
    /// Counted as dropped: status dropped and no attributed type-contract contract.
    public var dropped = false

    /// `dropped`, else the name of the highest stage reached, as leads.csv writes it.
    public var stageReached: String {
        dropped ? LeadStatus.dropped.rawValue : LeadStatus.funnelStages[rank].rawValue
    }

    /// Facts for every lead from the attributed contracts.
    /// - Parameter threads: Dispatch workers, each filling the facts of one range of leads (a
    ///   lead's contracts still come to it in input order).
    public static func compute(leads: [Lead], contracts: [Contract], attribution: Attribution, threads: Int = 1) -> [LeadFacts] {
        let parts = max(1, threads)
        let size = (leads.count + parts - 1) / parts
        // Each part fills in its own range (filling the whole array first was a serial pass
        // over 120 MB at 5M leads).
        return [LeadFacts](unsafeUninitializedCapacity: leads.count) { facts, initialized in
            _ = ParallelMap.map(count: parts, threads: parts, makeState: { () }) { _, part -> Bool in
                let range = min(leads.count, part * size)..<min(leads.count, (part + 1) * size)
                if let base = facts.baseAddress, !range.isEmpty { (base + range.lowerBound).initialize(repeating: LeadFacts(), count: range.count) }
                // By index: iterating the contracts would copy each row, its id strings included.
                for (k, link) in attribution.links.enumerated() {
                    guard let i = link.lead, range.contains(i) else { continue }
                    let c = (type: contracts[k].type, usdCents: contracts[k].usdCents, date: contracts[k].date)
                    switch c.type {
                    case .contract:
                        facts[i].contracts += 1
                        facts[i].contractCents += c.usdCents ?? 0
                        if facts[i].firstContract == nil || c.date < facts[i].firstContract! { facts[i].firstContract = c.date }
                    case .mou:
                        facts[i].hasMOU = true
                    case .loi:
                        break
                    }
                }
                for i in range {
                    let status = leads[i].status
                    var rank = status.rank
                    if facts[i].hasMOU { rank = max(rank, LeadStatus.mou.rank) }
                    if facts[i].converted { rank = LeadStatus.contracted.rank }
                    facts[i].rank = rank
                    facts[i].dropped = status == .dropped && !facts[i].converted
                }
                return true
            }
            initialized = leads.count
        }
    }
}
