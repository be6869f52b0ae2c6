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
        var byID: [String: Int] = [:]
        byID.reserveCapacity(leads.count)
        var byPair: [Int64: [Int]] = [:]
        func pair(_ company: Int32, _ buyer: Int32) -> Int64 { Int64(company) << 32 | Int64(buyer) }
        for (i, lead) in leads.enumerated() {
            byID[lead.id] = i
            byPair[pair(ids.leadCompany[i], ids.leadBuyer[i]), default: []].append(i)
        }
        // Sorted by date, then input order, so the last lead on or before a day is the answer.
        for (k, list) in byPair {
            byPair[k] = list.sorted { leads[$0].date != leads[$1].date ? leads[$0].date < leads[$1].date : $0 < $1 }
        }
        links = contracts.indices.map { c in
            let contract = contracts[c]
            if !contract.leadID.isEmpty, let i = byID[contract.leadID] { return (i, .id) }
            guard let list = byPair[pair(ids.contractCompany[c], ids.contractBuyer[c])] else { return (nil, .none) }
            var lo = 0
            var hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if leads[list[mid]].date <= contract.date { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else { return (nil, .none) }
            let candidate = list[lo - 1]
            return leads[candidate].date.days(to: contract.date) <= windowDays ? (candidate, .companyBuyer) : (nil, .none)
        }
    }
}
