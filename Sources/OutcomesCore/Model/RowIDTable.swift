/// Rows looked up by id without storing the ids again: an open-addressing table of row indexes
/// that compares ids through the rows themselves (`idOf`). The merge's id claims and
/// attribution's lead lookup both use it.
///
/// Each slot holds a row and 32 bits of its id's hash, so a probe past another id's slot almost
/// never reads that row (a cache miss into millions of rows): only a slot whose bits match is
/// checked through `idOf`. The table has three slots for every two rows expected (no rounding up
/// to a power of two, which wasted up to 60% at five million rows): a hash picks its slot by
/// multiplying into the slot count.
struct RowIDTable {
    /// 0 when free, else the row + 1 in the low 32 bits and the hash's low 32 bits above.
    private var slots: [UInt64]
    private var count = 0

    init(capacity: Int) {
        slots = [UInt64](repeating: 0, count: max(16, capacity + capacity / 2 + 1))
    }

    /// Rows `0..<count` by their ids; the first row of an id holds it.
    init(rows count: Int, idOf: (Int) -> String) {
        self.init(capacity: count)
        for r in 0..<count { _ = insert(idOf(r), row: r, idOf: idOf) }
    }

    /// The first slot to probe for `hash`.
    @inline(__always)
    private func home(_ hash: Int) -> Int {
        Int(UInt64(UInt(bitPattern: hash)).multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    @inline(__always)
    private func next(_ slot: Int) -> Int {
        slot + 1 == slots.count ? 0 : slot + 1
    }

    @inline(__always)
    private static func tag(_ hash: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: hash)) << 32 }

    @inline(__always)
    private static func row(_ slot: UInt64) -> Int { Int(slot & 0xFFFF_FFFF) - 1 }

    /// The hash of an id's UTF-8 bytes (ids are NFKC, so equal ids have equal bytes).
    static func hash(_ id: String) -> Int {
        var id = id
        return hash(cellHash: id.withUTF8 { CellHash.of(UnsafeRawBufferPointer($0)) })
    }

    /// The hash of an id whose UTF-8 bytes have `CellHash.of` equal to `cellHash`.
    @inline(__always)
    static func hash(cellHash: UInt64) -> Int { Int(truncatingIfNeeded: cellHash) }

    /// The row holding `id`, if any.
    /// - Parameter idOf: the id of a row in the table.
    func find(_ id: String, idOf: (Int) -> String) -> Int? {
        let hash = Self.hash(id)
        return find(hash: hash) { idOf($0) == id }
    }

    /// The row whose id has the UTF-8 bytes `bytes`, if any; `matches(r)` compares row `r`'s id
    /// with them byte for byte.
    func find(utf8 bytes: UnsafeRawBufferPointer, matches: (Int) -> Bool) -> Int? {
        find(hash: Self.hash(cellHash: CellHash.of(bytes)), matches: matches)
    }

    @inline(__always)
    private func find(hash: Int, matches: (Int) -> Bool) -> Int? {
        let tag = Self.tag(hash)
        var slot = home(hash)
        while slots[slot] != 0 {
            let s = slots[slot]
            if s & 0xFFFF_FFFF_0000_0000 == tag && matches(Self.row(s)) { return Self.row(s) }
            slot = next(slot)
        }
        return nil
    }

    /// Adds `row` under `id` unless a row already holds it; returns that earlier row.
    /// `idOf` is only asked about rows already in the table, never about `row`.
    mutating func insert(_ id: String, row: Int, idOf: (Int) -> String) -> Int? {
        insert(id, hash: Self.hash(id), row: row, idOf: idOf)
    }

    /// Reads `hash`'s first slot: done ahead of `insert` by a loop that has several such loads
    /// in flight at once, so the inserts find the slots in cache. Returns what it read.
    @inline(__always)
    func touch(_ hash: Int) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[home(hash)] }
    }

    /// `insert` with `id`'s hash already computed (`Self.hash(id)`).
    mutating func insert(_ id: String, hash: Int, row: Int, idOf: (Int) -> String) -> Int? {
        precondition(row < Int(UInt32.max), "RowIDTable holds at most 2^32 - 1 rows")
        if (count + 1) * 3 > slots.count * 2 { grow(idOf) }
        let tag = Self.tag(hash)
        var slot = home(hash)
        while slots[slot] != 0 {
            let s = slots[slot]
            if s & 0xFFFF_FFFF_0000_0000 == tag && idOf(Self.row(s)) == id { return Self.row(s) }
            slot = next(slot)
        }
        slots[slot] = tag | UInt64(row + 1)
        count += 1
        return nil
    }

    private mutating func grow(_ idOf: (Int) -> String) {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        for s in old where s != 0 {
            var slot = home(Self.hash(idOf(Self.row(s))))
            while slots[slot] != 0 { slot = next(slot) }
            slots[slot] = s
        }
    }
}

/// The accepted leads' ids, indexed for lookups by id: built once by the ingest's merge and
/// handed to attribution while the leads are exactly the merged ones (an unscoped run).
public final class LeadIDTable: @unchecked Sendable {
    private var table: RowIDTable?

    init(_ table: RowIDTable) { self.table = table }

    /// The table, handed over once: the taker holds the only reference, so the table's memory
    /// goes when the taker drops it.
    func take() -> RowIDTable? {
        defer { table = nil }
        return table
    }
}
