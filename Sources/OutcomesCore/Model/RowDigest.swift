/// A 128-bit fingerprint of a row's trimmed canonical cells, to tell a repeated row from a
/// reused id without keeping every row's text. Two FNV-1a 64 hashes with different bases.
public struct RowDigest: Hashable, Sendable {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4

    public init() {}

    /// Adds one cell (a separator byte keeps `ab|c` apart from `a|bc`).
    public mutating func add(_ cell: String) {
        for byte in cell.utf8 { mix(byte) }
        mix(0x1F)
    }

    mutating func mix(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
    }
}
