import CHints
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
            // The last 1–7 bytes as the low bytes of a word, read whole where the cell allows:
            // the same word a byte-by-byte read makes (a loop per byte was most of hashing a
            // short cell).
            let rest = n - i
            var tail: UInt64 = 0
            if n >= 8 {
                tail = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - rest) * 8)
            } else if rest >= 4 {
                tail = UInt64(base.loadUnaligned(as: UInt32.self))
                    | UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << UInt64((n - 4) * 8)
            } else {
                var shift: UInt64 = 0
                while i < n {
                    tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                    shift += 8
                    i += 1
                }
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
///
/// Each slot holds 32 bits of its key's hash beside where the key's record starts, so a probe
/// past another key seldom reads that key's bytes; a record holds the key's length and index
/// and room for a value (`payloadBytes`, for `CellMemo`) just before its bytes, so a lookup
/// reads two places (the slot, then the record) where a table of buyers bigger than the caches
/// misses each. Keys are compared eight bytes at a time in line (a call to `memcmp` per lookup
/// was 5% of an ingest).
final class ByteInterner {
    private(set) var count = 0
    /// Bytes of room for a value in each record, a multiple of 8.
    let payloadBytes: Int
    /// Records at 8-byte boundaries: key length (UInt32), entry index (UInt32), the payload, the key's bytes.
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// Per entry: its record's offset in the arena (for `key(_:)` and growth; lookups go
    /// through the slots).
    private var records: UnsafeMutablePointer<Int>
    private var recordsCapacity: Int
    /// Open addressing, linear probing: hash tag << 32 | (record offset / 8 + 1); 0 is empty.
    /// Filled up to three quarters (the tags keep long probes cheap; at half, the table of
    /// 20,000 buyers was a quarter of a megabyte bigger and missed the caches more).
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCount: Int
    private var mask: Int

    /// - Parameter payloadBytes: room for a value in each record (rounded up to 8 bytes).
    init(capacity: Int = 256, payloadBytes: Int = 0) {
        self.payloadBytes = (payloadBytes + 7) & ~7
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slotCount = size
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        recordsCapacity = size / 2 + 1
        records = .allocate(capacity: recordsCapacity)
        arenaCapacity = 4096
        // Records and the values in them need 8-byte alignment.
        arena = UnsafeMutableRawPointer.allocate(byteCount: arenaCapacity, alignment: 16).assumingMemoryBound(to: UInt8.self)
    }

    deinit {
        slots.deallocate()
        records.deallocate()
        arena.deallocate()
    }

    /// The index of `bytes` and whether it was added by this call; (-1, false) when it is new
    /// and `insert` is false.
    @inline(__always)
    func index(of bytes: UnsafeRawBufferPointer, insert: Bool = true) -> (index: Int, isNew: Bool) {
        let (index, isNew, _) = entry(bytes, insert: insert)
        return (index, isNew)
    }

    /// `index(of:insert:)` with the entry's payload (uninitialized when new; nil when absent):
    /// valid until the next insertion.
    @inline(__always)
    func entry(_ bytes: UnsafeRawBufferPointer, insert: Bool = true) -> (index: Int, isNew: Bool, payload: UnsafeMutableRawPointer?) {
        entry(bytes, hash: CellHash.of(bytes), insert: insert)
    }

    /// `entry(_:insert:)` with the bytes' `CellHash` already taken.
    @inline(__always)
    func entry(_ bytes: UnsafeRawBufferPointer, hash h: UInt64, insert: Bool = true) -> (index: Int, isNew: Bool, payload: UnsafeMutableRawPointer?) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        let n = bytes.count
        while true {
            let s = slots[slot]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let record = UnsafeMutableRawPointer(arena + (Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1) << 3)
                if Int(record.load(as: UInt32.self)) == n
                    && (n == 0 || Self.same(record + 8 + payloadBytes, bytes.baseAddress!, count: n)) {
                    return (Int(record.load(fromByteOffset: 4, as: UInt32.self)), false, record + 8)
                }
            }
            slot = (slot + 1) & mask
        }
        if !insert { return (-1, false, nil) }
        let (index, record) = add(bytes, tag: tag, slot: slot)
        return (index, true, record + 8)
    }

    /// Starts bringing in the slot where a lookup of `hash` begins.
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        outcomes_prefetch(slots + (Int(truncatingIfNeeded: hash) & mask))
    }

    /// Starts bringing in the record the slot of `hash` points at, if that slot is taken (once
    /// `prefetchSlot` had time to bring it: this reads the slot).
    @inline(__always)
    func prefetchRecord(hash: UInt64) {
        let s = slots[Int(truncatingIfNeeded: hash) & mask]
        if s != 0 { outcomes_prefetch(arena + (Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1) << 3) }
    }

    /// Adds a new key; returns its index and record (which moves when the arena grows).
    private func add(_ bytes: UnsafeRawBufferPointer, tag: UInt64, slot: Int) -> (Int, UnsafeMutableRawPointer) {
        let e = count
        let offset = arenaCount
        let size = 8 + payloadBytes + (bytes.count + 7) & ~7
        if arenaCount + size > arenaCapacity {
            let capacity = UnsafeMutablePointer<UInt8>.doubled(arenaCapacity, toHold: arenaCount + size)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16).assumingMemoryBound(to: UInt8.self)
            grown.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        let record = UnsafeMutableRawPointer(arena + offset)
        record.storeBytes(of: UInt32(bytes.count), as: UInt32.self)
        record.storeBytes(of: UInt32(e), toByteOffset: 4, as: UInt32.self)
        if let base = bytes.baseAddress, bytes.count > 0 {
            (record + 8 + payloadBytes).copyMemory(from: base, byteCount: bytes.count)
        }
        arenaCount += size
        slots[slot] = tag | UInt64(offset >> 3 + 1)
        if e + 1 > recordsCapacity {
            records = records.moved(count: e, toCapacity: recordsCapacity * 2)
            recordsCapacity *= 2
        }
        records[e] = offset
        count += 1
        if count * 4 > slotCount * 3 { grow() }
        return (e, record)
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight at a time, the tail as an
    /// overlapping word (four bytes for keys of 4–7), bytes only below four.
    @inline(__always)
    static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int) -> Bool {
        if n >= 8 {
            var i = 0
            while i + 8 <= n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return i == n || a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }

    private func grow() {
        let size = slotCount * 2
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        grown.initialize(repeating: 0, count: size)
        let newMask = size - 1
        for e in 0..<count {
            let h = CellHash.of(key(e))
            var slot = Int(truncatingIfNeeded: h) & newMask
            while grown[slot] != 0 { slot = (slot + 1) & newMask }
            grown[slot] = h & 0xFFFF_FFFF_0000_0000 | UInt64(records[e] >> 3 + 1)
        }
        slots.deallocate()
        slots = grown
        slotCount = size
        mask = newMask
    }

    /// The bytes of entry `e` (valid until the next insertion).
    func key(_ e: Int) -> UnsafeRawBufferPointer {
        let record = UnsafeRawPointer(arena + records[e])
        return UnsafeRawBufferPointer(start: record + 8 + payloadBytes, count: Int(record.load(as: UInt32.self)))
    }

    /// The payload of entry `e` (valid until the next insertion).
    func payload(_ e: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(arena + records[e] + 8)
    }
}

/// Memoizes a function of a cell's raw bytes: computed the first time each distinct cell is seen.
/// Once `limit` distinct cells are held, new ones are computed without being kept.
///
/// A value that is plain bytes (no references) is kept in its key's record, read with the key
/// (a separate array of values was a third cache miss per lookup of a big table: a quarter of
/// the name lookups' time); other values in an array.
final class CellMemo<Value> {
    private let interner: ByteInterner
    private var values: [Value] = []
    private let inRecord: Bool
    let limit: Int

    init(limit: Int = 1 << 20) {
        self.limit = limit
        inRecord = _isPOD(Value.self) && MemoryLayout<Value>.alignment <= 8
        interner = ByteInterner(payloadBytes: inRecord ? MemoryLayout<Value>.size : 0)
    }

    /// The value for `bytes`, computed by `make` when these bytes are new.
    @inline(__always)
    func value(_ bytes: UnsafeRawBufferPointer, _ make: (UnsafeRawBufferPointer) -> Value) -> Value {
        value(bytes, hash: CellHash.of(bytes), make)
    }

    /// `value(_:_:)` with the bytes' `CellHash` already taken (for a lookup prefetched ahead).
    @inline(__always)
    func value(_ bytes: UnsafeRawBufferPointer, hash: UInt64, _ make: (UnsafeRawBufferPointer) -> Value) -> Value {
        let (i, isNew, payload) = interner.entry(bytes, hash: hash, insert: interner.count < limit)
        if i < 0 { return make(bytes) }
        if inRecord {
            if isNew {
                let value = make(bytes)
                // The record is found again by index: it moves if `make` grows this memo.
                interner.payload(i).initializeMemory(as: Value.self, to: value)
                return value
            }
            return payload!.load(as: Value.self)
        }
        if isNew { values.append(make(bytes)) }
        return values[i]
    }

    /// Starts bringing in where a lookup of `hash` will read: the slot now, the record once the
    /// slot has come (call `prefetch(hash:record:)` with `record` true some work later).
    @inline(__always)
    func prefetch(hash: UInt64, record: Bool = false) {
        if record { interner.prefetchRecord(hash: hash) } else { interner.prefetchSlot(hash: hash) }
    }
}
