/// How the rows of one input file were accounted for: read = accepted + rejected + duplicate.
public struct FileCounts: Sendable, Equatable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public var duplicate = 0
    /// Blank lines and all-empty records skipped (not read).
    public var blank = 0
    /// Accepted leads whose amount cell was empty.
    public var amountMissing = 0

    public init() {}

    /// Adds another file's (or chunk's) counts.
    public mutating func merge(_ other: FileCounts) {
        read += other.read
        accepted += other.accepted
        rejected += other.rejected
        duplicate += other.duplicate
        blank += other.blank
        amountMissing += other.amountMissing
    }

    /// True when every read row is accounted for.
    public var balances: Bool { read == accepted + rejected + duplicate }
}
