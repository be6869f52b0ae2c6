/// Rows looked up by id without storing the ids again: an open-addressing table of row indexes
/// that compares ids through the rows themselves (`idOf`). The merge's id claims and
/// attribution's lead lookup both use it.
struct RowIDTable {
    private var slots: [Int32]
    private var mask: Int
    private var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The hash of an id's UTF-8 bytes (ids are NFKC, so equal ids have equal bytes).
    static func hash(_ id: String) -> Int {
        var id = id
        return Int(truncatingIfNeeded: id.withUTF8 { CellHash.of(UnsafeRawBufferPointer($0)) })
    }

    /// The row holding `id`, if any.
    /// - Parameter idOf: the id of a row in the table.
    func find(_ id: String, idOf: (Int) -> String) -> Int? {
        find(id, hash: Self.hash(id), idOf: idOf)
    }

    /// The row holding `id`, whose `hash(_:)` is `hash`, if any.
    func find(_ id: String, hash: Int, idOf: (Int) -> String) -> Int? {
        var slot = hash & mask
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if idOf(r) == id { return r }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `row` under `id` unless a row already holds it; returns that earlier row.
    /// `idOf` is only asked about rows already in the table, never about `row`.
    mutating func insert(_ id: String, row: Int, idOf: (Int) -> String) -> Int? {
        insert(id, hash: Self.hash(id), row: row, idOf: idOf)
    }

    /// `insert(_:row:idOf:)` for an id whose `hash(_:)` is `hash`.
    mutating func insert(_ id: String, hash: Int, row: Int, idOf: (Int) -> String) -> Int? {
        if (count + 1) * 2 > slots.count { grow(idOf) }
        var slot = hash & mask
        while slots[slot] >= 0 {
            let r = Int(slots[slot])
            if idOf(r) == id { return r }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(row)
        count += 1
        return nil
    }

    private mutating func grow(_ idOf: (Int) -> String) {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        mask = slots.count - 1
        for r in old where r >= 0 {
            var slot = Self.hash(idOf(Int(r))) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = r
        }
    }
}
