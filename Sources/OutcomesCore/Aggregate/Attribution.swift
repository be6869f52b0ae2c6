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

    /// - Parameter threads: Dispatch workers; the ids and the company+buyer pairs are split by
    ///   hash into that many parts, each indexed by one worker in input order, so the links are
    ///   the same whatever the count.
    init(leads: [Lead], contracts: [Contract], windowDays: Int, ids: KeyIDs, threads: Int = 1) {
        let parts = max(1, threads)
        let days = leads.map { $0.date.raw }
        let indexes = ParallelMap.map(count: parts, threads: parts, makeState: { () }) { _, part in
            LeadIndex(leads: leads, ids: ids, days: days, part: part, of: parts)
        }
        let chunk = max(1, (contracts.count + parts - 1) / parts)
        let pieces = ParallelMap.map(count: parts, threads: parts, makeState: { () }) { _, piece -> [(lead: Int?, method: Method)] in
            (min(contracts.count, piece * chunk)..<min(contracts.count, (piece + 1) * chunk)).map { c in
                let contract = contracts[c]
                if !contract.leadID.isEmpty {
                    let h = RowIDTable.hash(contract.leadID)
                    if let found = indexes[LeadIndex.part(h, of: parts)].byID.find(contract.leadID, hash: h, idOf: { leads[$0].id }) {
                        return (found, .id)
                    }
                }
                let company = ids.contractCompany[c], buyer = ids.contractBuyer[c]
                let index = indexes[LeadIndex.part(LeadIndex.pairHash(company, buyer), of: parts)]
                guard let candidate = index.latest(company, buyer, onOrBefore: contract.date.raw, days: days) else { return (nil, .none) }
                return Int(contract.date.raw) - Int(days[candidate]) <= windowDays ? (candidate, .companyBuyer) : (nil, .none)
            }
        }
        links = Array(pieces.joined())
    }
}

/// One hash part of the leads, indexed for attribution: its ids (the first lead of an id wins)
/// and its company+buyer pairs, each pair's leads sorted by date, then input order.
struct LeadIndex {
    var byID: RowIDTable
    /// Pair key → dense pair number within the part, numbered in the order first seen.
    private var pairOf: IntTable<Int32>
    /// Pair p's leads are `ordered[start[p]..<start[p + 1]]`.
    private var start: [Int32] = []
    private var ordered: [Int32] = []

    /// Which of `parts` parts a hash falls in (its top bits: tables use the low ones).
    @inline(__always)
    static func part(_ hash: Int, of parts: Int) -> Int {
        parts == 1 ? 0 : Int(UInt64(UInt(bitPattern: hash)) >> 40) % parts
    }

    @inline(__always)
    static func pairKey(_ company: Int32, _ buyer: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: company)) << 32 | UInt64(UInt32(bitPattern: buyer))
    }

    @inline(__always)
    static func pairHash(_ company: Int32, _ buyer: Int32) -> Int {
        IntTable<Int32>.hash(pairKey(company, buyer))
    }

    init(leads: [Lead], ids: KeyIDs, days: [Int32], part: Int, of parts: Int) {
        let expected = leads.count / parts + 16
        byID = RowIDTable(capacity: expected)
        for i in leads.indices {
            let h = RowIDTable.hash(leads[i].id)
            if Self.part(h, of: parts) == part { _ = byID.insert(leads[i].id, hash: h, row: i) { leads[$0].id } }
        }
        // Sized for a pair per lead, so it never grows (a part has about `expected` leads).
        pairOf = IntTable(capacity: expected, filler: 0)
        var leadPair: [Int32] = []  // this part's leads' pair numbers, in input order
        leadPair.reserveCapacity(expected)
        for i in leads.indices {
            let company = ids.leadCompany(i), buyer = ids.leadBuyer(i)
            let h = Self.pairHash(company, buyer)
            guard Self.part(h, of: parts) == part else { continue }
            let next = Int32(pairOf.count)
            leadPair.append(pairOf.value(Self.pairKey(company, buyer)) { next })
        }
        // Counting sort by pair (stable: input order within a pair), then each pair by date. The
        // part's leads are found again by their hash rather than kept in a list.
        var start = [Int32](repeating: 0, count: pairOf.count + 1)
        for p in leadPair { start[Int(p) + 1] += 1 }
        for p in 0..<pairOf.count { start[p + 1] += start[p] }
        var fill = start
        var ordered = [Int32](repeating: 0, count: leadPair.count)
        var k = 0
        for i in leads.indices where Self.part(Self.pairHash(ids.leadCompany(i), ids.leadBuyer(i)), of: parts) == part {
            let p = Int(leadPair[k])
            ordered[Int(fill[p])] = Int32(i)
            fill[p] += 1
            k += 1
        }
        fill = []
        leadPair = []
        for p in 0..<pairOf.count where start[p + 1] - start[p] > 1 {
            ordered[Int(start[p])..<Int(start[p + 1])].sort { days[Int($0)] != days[Int($1)] ? days[Int($0)] < days[Int($1)] : $0 < $1 }
        }
        self.start = start
        self.ordered = ordered
    }

    /// The lead of the pair with the latest date on or before `day` (the later in input order on
    /// a tie), if any.
    func latest(_ company: Int32, _ buyer: Int32, onOrBefore day: Int32, days: [Int32]) -> Int? {
        guard let p = pairOf.find(Self.pairKey(company, buyer)) else { return nil }
        var lo = Int(start[Int(p)])
        var hi = Int(start[Int(p) + 1])
        let first = lo
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[Int(ordered[mid])] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo > first ? Int(ordered[lo - 1]) : nil
    }
}
