import CHints

/// A map from 64-bit keys to values by open addressing, for hot lookups where Swift's
/// Dictionary (seeded SipHash per lookup) showed in profiles: company+buyer pair numbers,
/// exchange rates per currency and day. The key `UInt64.max` is reserved. At most three
/// quarters full: five million pairs take 8M slots of 12 bytes.
struct IntTable<Value> {
    private var keys: [UInt64]
    /// `filler` where the slot is free.
    private var values: [Value]
    private let filler: Value
    private var mask: Int
    private(set) var count = 0
    private static var free: UInt64 { .max }

    /// - Parameter filler: any value; it only fills free slots.
    init(capacity: Int = 8, filler: Value) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        keys = [UInt64](repeating: Self.free, count: size)
        values = [Value](repeating: filler, count: size)
        self.filler = filler
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: CellHash.mix(key)) }

    /// Starts bringing in where a lookup of `key` begins (its key and its value), for a lookup
    /// some work later.
    /// Mutating only so that a table held in a class property is not copied to call it (both
    /// arrays retained and released, four atomic operations a row).
    @inline(__always)
    mutating func prefetch(_ key: UInt64) {
        let slot = Self.hash(key) & mask
        keys.withUnsafeBufferPointer { outcomes_prefetch($0.baseAddress! + slot) }
        values.withUnsafeBufferPointer { outcomes_prefetch($0.baseAddress! + slot) }
    }

    /// The value of `key`, if present.
    @inline(__always)
    func find(_ key: UInt64) -> Value? {
        var slot = Self.hash(key) & mask
        while keys[slot] != Self.free {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of `key`; when absent, `make()` is stored first (it may read `count`, which
    /// does not include the new key yet).
    @inline(__always)
    mutating func value(_ key: UInt64, orInsert make: () -> Value) -> Value {
        precondition(key != Self.free, "IntTable reserves the key UInt64.max")
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var slot = Self.hash(key) & mask
        while keys[slot] != Self.free {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        let value = make()
        keys[slot] = key
        values[slot] = value
        count += 1
        return value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.free, count: oldKeys.count * 2)
        values = [Value](repeating: filler, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, key) in oldKeys.enumerated() where key != Self.free {
            var slot = Self.hash(key) & mask
            while keys[slot] != Self.free { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[k]
        }
    }
}
