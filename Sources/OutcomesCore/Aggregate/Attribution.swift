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
        // Lead ids by their bytes (ids are NFKC, so equal ids have equal bytes); the first lead wins.
        var byID = ByteInterner(capacity: leads.count)
        var entryLead: [Int] = []
        entryLead.reserveCapacity(leads.count)
        for (i, lead) in leads.enumerated() {
            var id = lead.id
            if id.withUTF8({ byID.index(of: UnsafeRawBufferPointer($0)).isNew }) { entryLead.append(i) }
        }
        // Leads grouped by company+buyer pair (dense pair numbers), each group sorted by date then input order.
        var pairOf: [Int64: Int32] = [:]
        pairOf.reserveCapacity(leads.count / 4)
        func pair(_ company: Int32, _ buyer: Int32) -> Int64 { Int64(company) << 32 | Int64(buyer) }
        var leadPair = [Int32](repeating: 0, count: leads.count)
        for i in leads.indices {
            let key = pair(ids.leadCompany[i], ids.leadBuyer[i])
            if let p = pairOf[key] {
                leadPair[i] = p
            } else {
                let p = Int32(pairOf.count)
                pairOf[key] = p
                leadPair[i] = p
            }
        }
        var start = [Int](repeating: 0, count: pairOf.count + 1)
        for p in leadPair { start[Int(p) + 1] += 1 }
        for p in 0..<pairOf.count { start[p + 1] += start[p] }
        var fill = start
        var ordered = [Int32](repeating: 0, count: leads.count)
        for i in leads.indices {
            let p = Int(leadPair[i])
            ordered[fill[p]] = Int32(i)
            fill[p] += 1
        }
        let days = leads.map { $0.date.ordinal }
        for p in 0..<pairOf.count where start[p + 1] - start[p] > 1 {
            // Stable by construction (input order within the group), so sort by date, then index.
            ordered[start[p]..<start[p + 1]].sort { days[Int($0)] != days[Int($1)] ? days[Int($0)] < days[Int($1)] : $0 < $1 }
        }
        links = contracts.indices.map { c in
            let contract = contracts[c]
            if !contract.leadID.isEmpty {
                var id = contract.leadID
                let found = id.withUTF8 { byID.index(of: UnsafeRawBufferPointer($0), insert: false).index }
                if found >= 0 { return (entryLead[found], .id) }
            }
            guard let p = pairOf[pair(ids.contractCompany[c], ids.contractBuyer[c])] else { return (nil, .none) }
            let day = contract.date.ordinal
            var lo = start[Int(p)]
            var hi = start[Int(p) + 1]
            let first = lo
            while lo < hi {
                let mid = (lo + hi) / 2
                if days[Int(ordered[mid])] <= day { lo = mid + 1 } else { hi = mid }
            }
            guard lo > first else { return (nil, .none) }
            let candidate = Int(ordered[lo - 1])
            return day - days[candidate] <= windowDays ? (candidate, .companyBuyer) : (nil, .none)
        }
    }
}
