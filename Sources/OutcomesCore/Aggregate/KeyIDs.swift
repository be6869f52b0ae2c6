/// Company and buyer keys of every lead and contract replaced by small integers once, so the
/// aggregate stage hashes each key string once instead of once per breakdown.
struct KeyIDs {
    /// Per lead and per contract (input order): the company and buyer key ids.
    let leadCompany: [Int32]
    let leadBuyer: [Int32]
    let contractCompany: [Int32]
    let contractBuyer: [Int32]
    /// Id → key text.
    let companies: [String]
    let buyers: [String]

    init(leads: [Lead], contracts: [Contract]) {
        var companyIndex: [String: Int32] = [:]
        var buyerIndex: [String: Int32] = [:]
        var companies: [String] = []
        var buyers: [String] = []
        func id(_ key: String, _ index: inout [String: Int32], _ list: inout [String]) -> Int32 {
            if let i = index[key] { return i }
            let i = Int32(list.count)
            index[key] = i
            list.append(key)
            return i
        }
        leadCompany = leads.map { id($0.companyKey, &companyIndex, &companies) }
        leadBuyer = leads.map { id($0.buyerKey, &buyerIndex, &buyers) }
        contractCompany = contracts.map { id($0.companyKey, &companyIndex, &companies) }
        contractBuyer = contracts.map { id($0.buyerKey, &buyerIndex, &buyers) }
        self.companies = companies
        self.buyers = buyers
    }

    /// The number of distinct values in `ids` (all below `bound`).
    static func distinct(_ ids: [Int32], bound: Int) -> Int {
        var seen = [Bool](repeating: false, count: bound)
        var n = 0
        for i in ids where !seen[Int(i)] {
            seen[Int(i)] = true
            n += 1
        }
        return n
    }
}
