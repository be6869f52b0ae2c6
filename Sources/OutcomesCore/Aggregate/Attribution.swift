/// Links each contract to a lead (section 2): by id, else by company and buyer within the window.
public struct Attribution: Sendable {
    /// How a contract found its lead.
    public enum Method: String, Sendable {
        case id, companyBuyer = "company_buyer", none
    }

    /// Per contract (input order): the attributed lead's index in the leads array, and how.
    public let links: [(lead: Int?, method: Method)]

    /// Attributes every contract.
    /// - Parameter windowDays: the largest contract-minus-lead gap, in days, for company+buyer links.
    /// - Complexity: O((L + C) log L).
    public init(leads: [Lead], contracts: [Contract], windowDays: Int) {
        self.init(leads: leads, contracts: contracts, windowDays: windowDays, ids: KeyIDs(leads: leads, contracts: contracts))
    }

    init(leads: [Lead], contracts: [Contract], windowDays: Int, ids: KeyIDs) {
        // The first lead of an id wins.
        var byID = RowIDTable(capacity: leads.count)
        for (i, lead) in leads.enumerated() { _ = byID.insert(lead.id, row: i) { leads[$0].id } }
        // Leads grouped by company+buyer pair (dense pair numbers), each group sorted by date then input order.
        var pairOf: [Int64: Int32] = [:]
        pairOf.reserveCapacity(leads.count / 4)
        func pair(_ company: Int32, _ buyer: Int32) -> Int64 { Int64(company) << 32 | Int64(buyer) }
        var leadPair = [Int32](repeating: 0, count: leads.count)
        for i in leads.indices {
            let key = pair(ids.leadCompany(i), ids.leadBuyer(i))
            if let p = pairOf[key] {
                leadPair[i] = p
            } else {
                let p = Int32(pairOf.count)
                pairOf[key] = p
                leadPair[i] = p
            }
        }
        var start = [Int32](repeating: 0, count: pairOf.count + 1)
        for p in leadPair { start[Int(p) + 1] += 1 }
        for p in 0..<pairOf.count { start[p + 1] += start[p] }
        var fill = start
        var ordered = [Int32](repeating: 0, count: leads.count)
        for i in leads.indices {
            let p = Int(leadPair[i])
            ordered[Int(fill[p])] = Int32(i)
            fill[p] += 1
        }
        fill = []
        leadPair = []
        let days = leads.map { $0.date.raw }
        for p in 0..<pairOf.count where start[p + 1] - start[p] > 1 {
            // Stable by construction (input order within the group), so sort by date, then index.
            ordered[Int(start[p])..<Int(start[p + 1])].sort { days[Int($0)] != days[Int($1)] ? days[Int($0)] < days[Int($1)] : $0 < $1 }
        }
        links = contracts.indices.map { c in
            let contract = contracts[c]
            if !contract.leadID.isEmpty, let found = byID.find(contract.leadID, idOf: { leads[$0].id }) { return (found, .id) }
            guard let p = pairOf[pair(ids.contractCompany[c], ids.contractBuyer[c])] else { return (nil, .none) }
            let day = contract.date.raw
            var lo = Int(start[Int(p)])
            var hi = Int(start[Int(p) + 1])
            let first = lo
            while lo < hi {
                let mid = (lo + hi) / 2
                if days[Int(ordered[mid])] <= day { lo = mid + 1 } else { hi = mid }
            }
            guard lo > first else { return (nil, .none) }
            let candidate = Int(ordered[lo - 1])
            return Int(day) - Int(days[candidate]) <= windowDays ? (candidate, .companyBuyer) : (nil, .none)
        }
    }
}
