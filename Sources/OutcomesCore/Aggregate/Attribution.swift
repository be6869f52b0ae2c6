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

    /// - Parameter threads: Dispatch workers: contracts are linked by id in slices, then the
    ///   pair index is built (over all leads, in input order) and the rest are linked in
    ///   slices, so the links are the same whatever the count.
    /// - Parameter leadIDs: `leads`' ids → index (the first lead of an id), if already built;
    ///   it is taken, and freed before the pair index is built.
    init(leads: [Lead], contracts: [Contract], windowDays: Int, ids: KeyIDs, threads: Int = 1, leadIDs: LeadIDTable? = nil) {
        let slices = max(1, threads)
        let size = (contracts.count + slices - 1) / slices
        func slice(_ piece: Int) -> Range<Int> { min(contracts.count, piece * size)..<min(contracts.count, (piece + 1) * size) }
        var byID = leadIDs?.take() ?? RowIDTable(rows: leads.count) { leads[$0].id }
        let idLinks = ParallelMap.map(count: slices, threads: slices, makeState: { () }) { [byID] _, piece -> [Int32] in
            slice(piece).map { c in
                let id = contracts[c].leadID
                guard !id.isEmpty, let found = byID.find(id, idOf: { leads[$0].id }) else { return -1 }
                return Int32(found)
            }
        }
        byID = RowIDTable(capacity: 0)  // its memory goes before the pair index comes
        let days = leads.map { $0.date.raw }
        // One index over all pairs: split in parts by pair hash it took as long on two workers
        // as whole on one (each part reads every lead's row), so it stays whole.
        let pairs = PairIndex(leads: leads, ids: ids, days: days)
        let pieces = ParallelMap.map(count: slices, threads: slices, makeState: { () }) { _, piece -> [(lead: Int?, method: Method)] in
            zip(slice(piece), idLinks[piece]).map { c, byID in
                if byID >= 0 { return (Int(byID), .id) }
                let contract = contracts[c]
                guard let candidate = pairs.latest(ids.contractCompany[c], ids.contractBuyer[c], onOrBefore: contract.date.raw, days: days) else {
                    return (nil, .none)
                }
                return Int(contract.date.raw) - Int(days[candidate]) <= windowDays ? (candidate, .companyBuyer) : (nil, .none)
            }
        }
        links = Array(pieces.joined())
    }
}

/// The leads grouped by company+buyer pair, each pair's leads sorted by date, then input order.
struct PairIndex {
    /// Pair key → dense pair number, numbered in the order first seen.
    private var pairOf: IntTable<Int32>
    /// Pair p's leads are `ordered[start[p]..<start[p + 1]]`.
    private var start: [Int32] = []
    private var ordered: [Int32] = []

    @inline(__always)
    static func pairKey(_ company: Int32, _ buyer: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: company)) << 32 | UInt64(UInt32(bitPattern: buyer))
    }

    init(leads: [Lead], ids: KeyIDs, days: [Int32]) {
        // Sized for a pair per lead, so it never grows.
        pairOf = IntTable(capacity: leads.count, filler: 0)
        var leadPair = [Int32](repeating: 0, count: leads.count)
        for i in leads.indices {
            let next = Int32(pairOf.count)
            leadPair[i] = pairOf.value(Self.pairKey(ids.leadCompany(i), ids.leadBuyer(i))) { next }
        }
        // Counting sort by pair (stable: input order within a pair), then each pair by date.
        var start = [Int32](repeating: 0, count: pairOf.count + 1)
        for p in leadPair { start[Int(p) + 1] += 1 }
        for p in 0..<pairOf.count { start[p + 1] += start[p] }
        var fill = start
        var ordered = [Int32](repeating: 0, count: leads.count)
        for (i, p) in leadPair.enumerated() {
            ordered[Int(fill[Int(p)])] = Int32(i)
            fill[Int(p)] += 1
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
