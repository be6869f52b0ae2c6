/// A 128-bit fingerprint of a row's trimmed canonical cells, to tell a repeated row from a
/// reused id without keeping every row's text: each cell's 64-bit hash, folded in order into
/// two differently mixed accumulators (so `ab|c` and `a|bc`, or swapped cells, differ).
public struct RowDigest: Hashable, Sendable {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4

    public init() {}

    /// Adds one cell.
    public mutating func add(_ cell: String) {
        add(hash: CellHash.of(cell))
    }

    /// The digest in 64 bits, for keeping one per row.
    var folded: UInt64 { a ^ CellHash.mix(b) }

    /// Adds one cell by its `CellHash` (of the trimmed cell's UTF-8 bytes).
    @inline(__always)
    mutating func add(hash h: UInt64) {
        a = CellHash.mix(a ^ h) &+ 0x9E37_79B9_7F4A_7C15
        b = CellHash.mix(b &+ (h ^ 0x5A5A_5A5A_5A5A_5A5A)) ^ (b >> 7)
    }
}
