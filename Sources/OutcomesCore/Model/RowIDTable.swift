/// Rows looked up by id without storing the ids again: an open-addressing table of row indexes
/// that compares ids through the rows themselves (`idOf`). The merge's id claims and
/// attribution's lead lookup both use it.
///
/// The table has exactly twice as many slots as rows expected (no rounding up to a power of two,
/// which wasted up to 60% at five million rows): a hash picks its slot by multiplying into the
/// slot count.
struct RowIDTable {
    private var slots: [Int32]
    private var count = 0

    init(capacity: Int) {
        slots = [Int32](repeating: -1, count: max(16, capacity * 2))
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

    /// The hash of an id's UTF-8 bytes (ids are NFKC, so equal ids have equal bytes).
    static func hash(_ id: String) -> Int {
        var id = id
        return Int(truncatingIfNeeded: id.withUTF8 { CellHash.of(UnsafeRawBufferPointer($0)) })
    }

    /// The row holding `id`, if any.
    /// - Parameter idOf: the id of a row in the table.
    func find(_ id: String, idOf: (Int) -> String) -> Int? {
        var slot = home(Self.hash(id))
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if idOf(r) == id { return r }
            slot = next(slot)
        }
        return nil
    }

    /// The row whose id has the UTF-8 bytes `bytes`, if any; `matches(r)` compares row `r`'s id
    /// with them byte for byte.
    func find(utf8 bytes: UnsafeRawBufferPointer, matches: (Int) -> Bool) -> Int? {
        var slot = home(Int(truncatingIfNeeded: CellHash.of(bytes)))
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if matches(r) { return r }
            slot = next(slot)
        }
        return nil
    }

    /// Adds `row` under `id` unless a row already holds it; returns that earlier row.
    /// `idOf` is only asked about rows already in the table, never about `row`.
    mutating func insert(_ id: String, row: Int, idOf: (Int) -> String) -> Int? {
        insert(id, hash: Self.hash(id), row: row, idOf: idOf)
    }

    /// The row in `hash`'s first slot (-1 when empty): read ahead of `insert` by a loop that
    /// has several such loads in flight at once, so the inserts find the slots in cache.
    @inline(__always)
    func firstRow(_ hash: Int) -> Int32 {
        slots.withUnsafeBufferPointer { $0[home(hash)] }
    }

    /// `insert` with `id`'s hash already computed (`Self.hash(id)`).
    mutating func insert(_ id: String, hash: Int, row: Int, idOf: (Int) -> String) -> Int? {
        if (count + 1) * 2 > slots.count { grow(idOf) }
        var slot = home(hash)
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if idOf(r) == id { return r }
            slot = next(slot)
        }
        slots[slot] = Int32(row)
        count += 1
        return nil
    }

    private mutating func grow(_ idOf: (Int) -> String) {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        for r in old where r >= 0 {
            var slot = home(Self.hash(idOf(Int(r))))
            while slots[slot] >= 0 { slot = next(slot) }
            slots[slot] = r
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
