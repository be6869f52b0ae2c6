/// Company and buyer keys of every lead and contract as integers (their `TextID`s): the leads'
/// are read from the rows (five million leads would make two more 20 MB arrays), the contracts'
/// laid out per row.
struct KeyIDs {
    let leads: [Lead]
    /// Per contract (input order): the company and buyer key ids.
    let contractCompany: [Int32]
    let contractBuyer: [Int32]
    /// One more than the largest id.
    let bound: Int

    /// - Parameter texts: how many texts the rows' ids point into, when known (every id is
    ///   below it: then the rows are not read once more for the largest).
    init(leads: [Lead], contracts: [Contract], texts: Int? = nil) {
        self.leads = leads
        contractCompany = contracts.map(\.companyKey)
        contractBuyer = contracts.map(\.buyerKey)
        if let texts {
            bound = max(1, texts)
            return
        }
        var largest = max(contractCompany.max() ?? 0, contractBuyer.max() ?? 0)
        // By index: iterating the array would copy each 104-byte row, its id string included.
        for i in leads.indices { largest = max(largest, leads[i].companyKey, leads[i].buyerKey) }
        bound = Int(largest) + 1
    }

    @inline(__always) func leadCompany(_ i: Int) -> Int32 { leads[i].companyKey }
    @inline(__always) func leadBuyer(_ i: Int) -> Int32 { leads[i].buyerKey }
}
