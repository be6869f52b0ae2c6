/// Links each contract to a lead (section 2): by id, else by company and buyer within the window.
public struct Attribution: Sendable {
    /// How a contract found its lead.
    public enum Method: String, Sendable, CaseIterable {
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
        let pairs = PairIndex(leads: leads, ids: ids, days: days, threads: slices)
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
///
/// The pairs are split by hash into parts of some ten thousand leads, each with its own small
/// table: the leads (pair key, day, index) are scattered to their parts in input order (by lead
/// ranges, one per worker), then each part is indexed on its own (parts shared out over the
/// workers), so the tables stay in cache and both cores work. What `latest` answers does not
/// depend on the split.
struct PairIndex {
    /// One part: its pairs' leads are `ordered[offset + start[p] ..< offset + start[p + 1]]`.
    private struct Part {
        /// Pair key → the pair's number within the part, numbered in the order first seen.
        var pairOf: IntTable<Int32>
        var start: [Int32]
    }

    /// A lead as the scatter hands it to its part.
    private struct Entry {
        var key: UInt64
        var day: Int32
        var lead: Int32
    }

    private var parts: [Part] = []
    /// Where each part's leads begin in `ordered`.
    private var offsets: [Int] = []
    /// Lead indexes, by part, then pair, then date and input order.
    private var ordered: [Int32] = []
    /// The top bits of a pair key's hash pick its part.
    private let shift: UInt64

    @inline(__always)
    static func pairKey(_ company: Int32, _ buyer: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: company)) << 32 | UInt64(UInt32(bitPattern: buyer))
    }

    /// Parts for `leads` leads: a power of two, about ten thousand leads each, at most 1,024.
    static func partCount(leads: Int) -> Int {
        var n = 1
        while n < 1_024 && n * 10_000 < leads { n *= 2 }
        return n
    }

    @inline(__always)
    private func part(_ key: UInt64) -> Int {
        shift >= 64 ? 0 : Int(truncatingIfNeeded: UInt64(bitPattern: Int64(IntTable<Int32>.hash(key))) >> shift)
    }

    /// - Parameters:
    ///   - parts: how many parts (a power of two); by default `partCount(leads:)`.
    ///   - threads: Dispatch workers for the scatter and the parts.
    init(leads: [Lead], ids: KeyIDs, days: [Int32], parts partsWanted: Int? = nil, threads: Int = 1) {
        let count = partsWanted ?? Self.partCount(leads: leads.count)
        precondition(count > 0 && count & (count - 1) == 0, "PairIndex parts must be a power of two")
        let bits = UInt64(count.trailingZeroBitCount)
        shift = 64 - bits
        let workers = max(1, threads)
        let rangeSize = (leads.count + workers - 1) / workers
        func range(_ w: Int) -> Range<Int> { min(leads.count, w * rangeSize)..<min(leads.count, (w + 1) * rangeSize) }
        let index = self
        // Each worker counts its range's leads per part.
        let counts = ParallelMap.map(count: workers, threads: workers, makeState: { () }) { _, w -> [Int] in
            var mine = [Int](repeating: 0, count: count)
            for i in range(w) { mine[index.part(Self.pairKey(ids.leadCompany(i), ids.leadBuyer(i)))] += 1 }
            return mine
        }
        // Part p takes workers 0, 1, …'s leads of p in turn, so each part keeps input order.
        var offsets = [Int](repeating: 0, count: count + 1)
        var cursors = [[Int]](repeating: [Int](repeating: 0, count: count), count: workers)
        var at = 0
        for p in 0..<count {
            offsets[p] = at
            for w in 0..<workers {
                cursors[w][p] = at
                at += counts[w][p]
            }
        }
        offsets[count] = at
        // The scatter copies each lead's pair key and day beside it, so the parts never go back
        // to the rows (a cache miss per lead).
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: leads.count)
        defer { entries.deallocate() }
        _ = ParallelMap.map(count: workers, threads: workers, makeState: { () }) { _, w -> Void in
            var cursor = cursors[w]
            for i in range(w) {
                let key = Self.pairKey(ids.leadCompany(i), ids.leadBuyer(i))
                let p = index.part(key)
                (entries.baseAddress! + cursor[p]).initialize(to: Entry(key: key, day: days[i], lead: Int32(i)))
                cursor[p] += 1
            }
        }
        var ordered = [Int32](repeating: 0, count: leads.count)
        ordered.withUnsafeMutableBufferPointer { out in
            let out = out
            // Each part numbers its pairs, sorts its leads by pair (stable), then each pair by date.
            self.parts = ParallelMap.map(count: count, threads: workers, makeState: { () }) { _, p -> Part in
                let base = offsets[p]
                let mine = UnsafeMutableBufferPointer(rebasing: entries[base..<offsets[p + 1]])
                var pairOf = IntTable<Int32>(capacity: mine.count, filler: 0)
                var leadPair = [Int32](repeating: 0, count: mine.count)
                for k in mine.indices {
                    let next = Int32(pairOf.count)
                    leadPair[k] = pairOf.value(mine[k].key) { next }
                }
                var start = [Int32](repeating: 0, count: pairOf.count + 1)
                for q in leadPair { start[Int(q) + 1] += 1 }
                for q in 0..<pairOf.count { start[q + 1] += start[q] }
                var fill = start
                var byPair = [(day: Int32, lead: Int32)](repeating: (0, 0), count: mine.count)
                for (k, q) in leadPair.enumerated() {
                    byPair[Int(fill[Int(q)])] = (mine[k].day, mine[k].lead)
                    fill[Int(q)] += 1
                }
                for q in 0..<pairOf.count where start[q + 1] - start[q] > 1 {
                    byPair[Int(start[q])..<Int(start[q + 1])].sort { a, b in a.day != b.day ? a.day < b.day : a.lead < b.lead }
                }
                for (k, e) in byPair.enumerated() { out[base + k] = e.lead }
                return Part(pairOf: pairOf, start: start)
            }
        }
        self.offsets = offsets
        self.ordered = ordered
    }

    /// The lead of the pair with the latest date on or before `day` (the later in input order on
    /// a tie), if any.
    func latest(_ company: Int32, _ buyer: Int32, onOrBefore day: Int32, days: [Int32]) -> Int? {
        let key = Self.pairKey(company, buyer)
        let p = part(key)
        let piece = parts[p]
        guard let q = piece.pairOf.find(key) else { return nil }
        let base = offsets[p]
        var lo = base + Int(piece.start[Int(q)])
        var hi = base + Int(piece.start[Int(q) + 1])
        let first = lo
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[Int(ordered[mid])] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo > first ? Int(ordered[lo - 1]) : nil
    }
}
