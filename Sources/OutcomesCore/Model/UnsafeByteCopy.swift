/// Copies of the short byte runs of CSV cells, done in line (and, below, the growth step of the
/// hand-kept buffers they are copied into): the rows of leads.csv and the fields of a parsed
/// line are 10–40 bytes each, and a call to `memmove` per cell (over a hundred million of them
/// at 5M rows) cost more than the copying itself.
enum ByteCopy {
    /// Copies `n` bytes from `s` to `d` (which must not overlap), reading and writing only those
    /// bytes: runs of 4–64 bytes move as overlapping 4- or 8-byte words, longer ones by `memmove`.
    @inline(__always)
    static func copy(to d: UnsafeMutableRawPointer, from s: UnsafeRawPointer, count n: Int) {
        if n >= 8 {
            if n > 64 {
                d.copyMemory(from: s, byteCount: n)
                return
            }
            var i = 0
            while i + 8 < n {
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i += 8
            }
            // The last eight bytes, overlapping what was already copied.
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            let head = s.loadUnaligned(as: UInt32.self)
            let tail = s.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            d.storeBytes(of: head, as: UInt32.self)
            d.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n > 0 {
            d.storeBytes(of: s.load(as: UInt8.self), as: UInt8.self)
            if n > 1 {
                d.storeBytes(of: s.load(fromByteOffset: n - 1, as: UInt8.self), toByteOffset: n - 1, as: UInt8.self)
                if n > 2 { d.storeBytes(of: s.load(fromByteOffset: 1, as: UInt8.self), toByteOffset: 1, as: UInt8.self) }
            }
        }
    }
}

extension UnsafeMutablePointer where Pointee: BitwiseCopyable {
    /// A new buffer of `capacity` elements holding this one's first `count`; this one is freed.
    /// The growth step of the hand-kept buffers of hot paths (record bytes, field ends, row
    /// bytes, memo keys).
    func moved(count: Int, toCapacity capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let grown = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        grown.update(from: self, count: count)
        deallocate()
        return grown
    }

    /// `capacity` doubled as often as it takes to hold `needed` elements (at least once).
    static func doubled(_ capacity: Int, toHold needed: Int) -> Int {
        var c = capacity * 2
        while c < needed { c *= 2 }
        return c
    }
}
