import Glibc

/// A 64-bit hash of a cell's bytes: what row fingerprints and the memo tables are built from.
enum CellHash {
    /// Hashes `bytes` eight at a time (a multiply-xorshift mix; not for adversaries, only for
    /// telling cells apart and spreading them over a table).
    @inline(__always)
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            h = mix(h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    /// The hash of a string's UTF-8 bytes.
    static func of(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

/// A per-worker hash table from byte strings to dense indexes 0, 1, 2, …, so each distinct cell
/// is decoded and normalized once per worker. Keys live in one growing byte arena.
struct ByteInterner {
    private(set) var count = 0
    private var arena: [UInt8] = []
    /// Per entry: its start in the arena (the end is the next entry's start).
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing; -1 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The index of `bytes` and whether it was added by this call.
    @inline(__always)
    mutating func index(of bytes: UnsafeRawBufferPointer, insert: Bool = true) -> (index: Int, isNew: Bool) {
        let h = CellHash.of(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[slot])
            if e < 0 { break }
            if hashes[e] == h && equal(e, bytes) { return (e, false) }
            slot = (slot + 1) & mask
        }
        if !insert { return (-1, false) }
        let e = count
        slots[slot] = Int32(e)
        hashes.append(h)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        count += 1
        if count * 2 > slots.count { grow() }
        return (e, true)
    }

    private func equal(_ e: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[e]
        guard starts[e + 1] - start == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for e in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[e]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(e)
        }
    }
}

/// Memoizes a function of a cell's raw bytes: computed the first time each distinct cell is seen.
/// Once `limit` distinct cells are held, new ones are computed without being kept.
final class CellMemo<Value> {
    private var interner = ByteInterner()
    private(set) var values: [Value] = []
    let limit: Int

    init(limit: Int = 1 << 20) { self.limit = limit }

    /// The value for `bytes`, computed by `make` when these bytes are new.
    @inline(__always)
    func value(_ bytes: UnsafeRawBufferPointer, _ make: (UnsafeRawBufferPointer) -> Value) -> Value {
        let (i, isNew) = interner.index(of: bytes, insert: interner.count < limit)
        if i < 0 { return make(bytes) }
        if isNew { values.append(make(bytes)) }
        return values[i]
    }
}
