/// The measures every breakdown row carries after its key columns (section 2).
public struct GroupStats: Sendable {
    public var leads = 0
    /// The number of distinct company and buyer keys among the row's leads.
    public var companies = 0
    public var buyers = 0
    public var consultationCents: Int64 = 0
    public var contracts = 0
    public var exportCents: Int64 = 0
    public var mous = 0
    public var mouCents: Int64 = 0
    public var converted = 0

    public init() {}

    mutating func addLead(cents: Int64, converted isConverted: Bool) {
        leads += 1
        consultationCents += cents
        if isConverted { converted += 1 }
    }

    mutating func addContract(type: ContractType, cents: Int64?) {
        switch type {
        case .contract:
            contracts += 1
            exportCents += cents ?? 0
        case .mou:
            mous += 1
            mouCents += cents ?? 0
        case .loi:
            break
        }
    }
}

/// Groups leads and contracts by keys, each row counted under its key and, when given, a second one.
enum Grouping {
    /// Sums go into an array slot per group, and distinct companies and buyers into bits per
    /// group (or, for too many groups, are counted afterwards with a stamp array), so no
    /// per-group sets are built.
    /// - Complexity: O(L + C) lookups of integer keys in an `IntTable` (Swift's Dictionary,
    ///   hashing each of millions of keys with SipHash, was most of a grouping's time) plus O(L + K·1)
    ///   array work.
    /// - Parameter bitWords: the most 64-bit words of (group, key) bits to use before counting with stamps.
    /// - Parameter direct: where most keys fall (text ids, sector numbers, months of 1900–2099):
    ///   those find their group by index in an array, others through the table.
    static func group<K: BinaryInteger & Hashable>(_ o: GroupingInput, leadKeys: (Int) -> (K, K?), contractKeys: (Int) -> (K, K?),
                                                   bitWords: Int = 1 << 19, direct: Range<Int> = 0..<0) -> [K: GroupStats] {
        // Keys as table keys with the sign bit flipped: only Int64.max would become the table's
        // reserved UInt64.max (sector keys go below zero: -1 unclassified, -2 - i groups).
        var slots = IntTable<Int32>(capacity: 64, filler: -1)
        // Capped at four million keys (16 MB): a hash lookup per row was most of a grouping's time.
        let directRange = direct.lowerBound..<min(direct.upperBound, direct.lowerBound + (1 << 22))
        var directSlots = [Int32](repeating: -1, count: directRange.count)
        var keys: [K] = []
        var stats: [GroupStats] = []
        // Distinct companies and buyers per group: a bit per (group, key id), set in the pass
        // that sums the leads (a second pass read every 104-byte row again for its two keys),
        // while that fits in `bitWords` words; past that, leads counted by group with stamps.
        let words = (o.ids.bound + 63) / 64
        var marking = true
        // Per group: `words` words of company bits, then `words` of buyer bits.
        var bits: [UInt64] = []
        @inline(__always) func added(_ key: K) {
            keys.append(key)
            stats.append(GroupStats())
            guard marking else { return }
            if stats.count * words > bitWords {
                marking = false
                bits = []
            } else {
                bits.append(contentsOf: repeatElement(0, count: 2 * words))
            }
        }
        @inline(__always) func slot(_ key: K) -> Int {
            let k = Int(key) &- directRange.lowerBound
            if k >= 0 && k < directSlots.count {
                let s = directSlots[k]
                if s >= 0 { return Int(s) }
                directSlots[k] = Int32(keys.count)
                added(key)
                return keys.count - 1
            }
            let s = slots.value(UInt64(bitPattern: Int64(key)) ^ (1 << 63)) { Int32(keys.count) }
            if Int(s) == keys.count { added(key) }
            return Int(s)
        }
        for i in 0..<o.contracts.count {
            let type = o.contracts[i].type
            let cents = o.contracts[i].usdCents
            let (first, second) = contractKeys(i)
            stats[slot(first)].addContract(type: type, cents: cents)
            if let second { stats[slot(second)].addContract(type: type, cents: cents) }
        }
        @inline(__always) func mark(_ bits: UnsafeMutableBufferPointer<UInt64>, _ g: Int, _ company: Int, _ buyer: Int) {
            bits[2 * g * words + company >> 6] |= 1 << UInt64(company & 63)
            bits[(2 * g + 1) * words + buyer >> 6] |= 1 << UInt64(buyer & 63)
        }
        // Each lead's group slots, kept only once the bits have stopped fitting (the stamps
        // count from them): then those of the leads before are found again.
        var leadSlots: [Int32] = []
        var secondSlots: [Int32] = []
        @inline(__always) func keep(_ i: Int, _ a: Int, _ b: Int) {
            leadSlots[i] = Int32(a)
            if b >= 0 {
                if secondSlots.isEmpty { secondSlots = [Int32](repeating: -1, count: o.leads.count) }
                secondSlots[i] = Int32(b)
            }
        }
        for i in 0..<o.leads.count {
            let cents = o.leads[i].usdCents
            let converted = o.facts[i].converted
            let (first, second) = leadKeys(i)
            let company = Int(o.ids.leadCompany(i)), buyer = Int(o.ids.leadBuyer(i))
            let a = slot(first)
            stats[a].addLead(cents: cents, converted: converted)
            var b = -1
            if let second {
                b = slot(second)
                stats[b].addLead(cents: cents, converted: converted)
            }
            // Marked once both slots are known (a new group grows `bits`).
            if marking {
                bits.withUnsafeMutableBufferPointer { bits in
                    mark(bits, a, company, buyer)
                    if b >= 0 { mark(bits, b, company, buyer) }
                }
                continue
            }
            if leadSlots.isEmpty {
                leadSlots = [Int32](repeating: -1, count: o.leads.count)
                // Every group of these leads exists already: `slot` only looks them up.
                for j in 0..<i {
                    let (first, second) = leadKeys(j)
                    keep(j, slot(first), second.map { slot($0) } ?? -1)
                }
            }
            keep(i, a, b)
        }
        if marking {
            countBits(&stats, bits, words: words)
        } else {
            countWithStamps(o, &stats, leadSlots, secondSlots)
        }
        var groups: [K: GroupStats] = [:]
        groups.reserveCapacity(keys.count)
        for (g, key) in keys.enumerated() { groups[key] = stats[g] }
        return groups
    }
}

extension Grouping {
    /// Distinct counts from one bit per (group, key id) for companies and one for buyers.
    /// - Parameter bits: per group, `words` words of company bits, then `words` of buyer bits.
    static func countBits(_ stats: inout [GroupStats], _ bits: [UInt64], words: Int) {
        for g in stats.indices {
            var companies = 0
            var buyers = 0
            for w in 0..<words {
                companies += bits[2 * g * words + w].nonzeroBitCount
                buyers += bits[(2 * g + 1) * words + w].nonzeroBitCount
            }
            stats[g].companies = companies
            stats[g].buyers = buyers
        }
    }

    /// Distinct counts for many groups: each lead's company and buyer ids counting-sorted by
    /// group (read from the rows in input order, not looked up again in group order, which was a
    /// cache miss per lead), then one pass per group with a stamp per key id.
    static func countWithStamps(_ o: GroupingInput, _ stats: inout [GroupStats], _ first: [Int32], _ second: [Int32]) {
        var start = [Int](repeating: 0, count: stats.count + 1)
        for s in first { start[Int(s) + 1] += 1 }
        for s in second where s >= 0 { start[Int(s) + 1] += 1 }
        for g in 0..<stats.count { start[g + 1] += start[g] }
        var fill = start
        var keys = [(company: Int32, buyer: Int32)](repeating: (0, 0), count: start[stats.count])
        for (l, s) in first.enumerated() {
            keys[fill[Int(s)]] = (o.ids.leadCompany(l), o.ids.leadBuyer(l))
            fill[Int(s)] += 1
        }
        for (l, s) in second.enumerated() where s >= 0 {
            keys[fill[Int(s)]] = (o.ids.leadCompany(l), o.ids.leadBuyer(l))
            fill[Int(s)] += 1
        }
        fill = []
        var companyStamp = [Int32](repeating: -1, count: o.ids.bound)
        var buyerStamp = [Int32](repeating: -1, count: o.ids.bound)
        for g in 0..<stats.count {
            var companies = 0
            var buyers = 0
            for k in start[g]..<start[g + 1] {
                let c = Int(keys[k].company)
                let b = Int(keys[k].buyer)
                if companyStamp[c] != Int32(g) { companyStamp[c] = Int32(g); companies += 1 }
                if buyerStamp[b] != Int32(g) { buyerStamp[b] = Int32(g); buyers += 1 }
            }
            stats[g].companies = companies
            stats[g].buyers = buyers
        }
    }
}

/// What grouping reads: the rows, their facts and their key ids.
struct GroupingInput {
    let leads: [Lead]
    let contracts: [Contract]
    let facts: [LeadFacts]
    let ids: KeyIDs
}
