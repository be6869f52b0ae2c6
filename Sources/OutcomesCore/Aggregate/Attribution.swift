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
        var byID: [String: Int] = [:]
        var byPair: [PairKey: [Int]] = [:]
        for (i, lead) in leads.enumerated() {
            byID[lead.id] = i
            byPair[PairKey(company: lead.companyKey, buyer: lead.buyerKey), default: []].append(i)
        }
        // Sorted by date, then input order, so the last lead on or before a day is the answer.
        for (k, list) in byPair {
            byPair[k] = list.sorted { leads[$0].date != leads[$1].date ? leads[$0].date < leads[$1].date : $0 < $1 }
        }
        links = contracts.map { contract in
            if !contract.leadID.isEmpty, let i = byID[contract.leadID] { return (i, .id) }
            guard let list = byPair[PairKey(company: contract.companyKey, buyer: contract.buyerKey)] else { return (nil, .none) }
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

/// A company key and a buyer key together.
struct PairKey: Hashable {
    var company: String
    var buyer: String
}
