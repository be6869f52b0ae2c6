/// Company and buyer keys of every lead and contract as integers (their `TextID`s), laid out
/// per row so the breakdowns and attribution read them without touching the rows.
struct KeyIDs {
    /// Per lead and per contract (input order): the company and buyer key ids.
    let leadCompany: [Int32]
    let leadBuyer: [Int32]
    let contractCompany: [Int32]
    let contractBuyer: [Int32]
    /// One more than the largest id.
    let bound: Int

    init(leads: [Lead], contracts: [Contract]) {
        leadCompany = leads.map(\.companyKey)
        leadBuyer = leads.map(\.buyerKey)
        contractCompany = contracts.map(\.companyKey)
        contractBuyer = contracts.map(\.buyerKey)
        bound = Int(max(leadCompany.max() ?? 0, leadBuyer.max() ?? 0, contractCompany.max() ?? 0, contractBuyer.max() ?? 0)) + 1
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
