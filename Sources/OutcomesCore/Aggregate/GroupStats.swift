/// The measures every breakdown row carries after its key columns (section 2).
public struct GroupStats: Sendable {
    public var leads = 0
    /// The number of distinct company and buyer keys among the row's leads.
    public var companies = 0
    public var buyers = 0
    public var consultationCents: Int64 = 0
    public var contracts = 0
    public var exportCents: Int64 = 0
    public var mous = 0
    public var mouCents: Int64 = 0
    public var converted = 0

    public init() {}

    mutating func addLead(cents: Int64, converted isConverted: Bool) {
        leads += 1
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

/// Groups leads and contracts by keys, each row counted under its key and, when given, a second one.
enum Grouping {
    /// Sums go into an array slot per group; distinct companies and buyers are counted afterwards
    /// group by group with a stamp array, so no per-group sets are built.
    /// - Complexity: O(L + C) dictionary lookups with keys of type `K` plus O(L + K·1) array work.
    static func group<K: Hashable>(_ o: GroupingInput, leadKeys: (Int) -> (K, K?), contractKeys: (Int) -> (K, K?)) -> [K: GroupStats] {
        var slots: [K: Int] = [:]
        var keys: [K] = []
        var stats: [GroupStats] = []
        func slot(_ key: K) -> Int {
            if let s = slots[key] { return s }
            slots[key] = keys.count
            keys.append(key)
            stats.append(GroupStats())
            return keys.count - 1
        }
        // Per lead: its first and second group slot (-1: none), for the distinct counts.
        var firstSlot = [Int32](repeating: -1, count: o.leads.count)
        var secondSlot: [Int32] = []
        for i in 0..<o.leads.count {
            let cents = o.leads[i].usdCents
            let converted = o.facts[i].converted
            let (first, second) = leadKeys(i)
            let a = slot(first)
            stats[a].addLead(cents: cents, converted: converted)
            firstSlot[i] = Int32(a)
            if let second {
                let b = slot(second)
                stats[b].addLead(cents: cents, converted: converted)
                if secondSlot.isEmpty { secondSlot = [Int32](repeating: -1, count: o.leads.count) }
                secondSlot[i] = Int32(b)
            }
        }
        for i in 0..<o.contracts.count {
            let type = o.contracts[i].type
            let cents = o.contracts[i].usdCents
            let (first, second) = contractKeys(i)
            stats[slot(first)].addContract(type: type, cents: cents)
            if let second { stats[slot(second)].addContract(type: type, cents: cents) }
        }
        // Counting sort of the leads by slot (a lead under two slots appears twice), then one
        // pass per slot with stamps.
        var start = [Int](repeating: 0, count: stats.count + 1)
        for s in firstSlot { start[Int(s) + 1] += 1 }
        for s in secondSlot where s >= 0 { start[Int(s) + 1] += 1 }
        for g in 0..<stats.count { start[g + 1] += start[g] }
        var fill = start
        var ordered = [Int32](repeating: 0, count: start[stats.count])
        for (l, s) in firstSlot.enumerated() {
            ordered[fill[Int(s)]] = Int32(l)
            fill[Int(s)] += 1
        }
        for (l, s) in secondSlot.enumerated() where s >= 0 {
            ordered[fill[Int(s)]] = Int32(l)
            fill[Int(s)] += 1
        }
        firstSlot = []
        secondSlot = []
        var companyStamp = [Int32](repeating: -1, count: o.ids.bound)
        var buyerStamp = [Int32](repeating: -1, count: o.ids.bound)
        for g in 0..<stats.count {
            var companies = 0
            var buyers = 0
            for k in start[g]..<start[g + 1] {
                let l = Int(ordered[k])
                let c = Int(o.ids.leadCompany[l])
                let b = Int(o.ids.leadBuyer[l])
                if companyStamp[c] != Int32(g) { companyStamp[c] = Int32(g); companies += 1 }
                if buyerStamp[b] != Int32(g) { buyerStamp[b] = Int32(g); buyers += 1 }
            }
            stats[g].companies = companies
            stats[g].buyers = buyers
        }
        var groups: [K: GroupStats] = [:]
        groups.reserveCapacity(keys.count)
        for (g, key) in keys.enumerated() { groups[key] = stats[g] }
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
