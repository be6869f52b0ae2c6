/// A block of CSV rows built in one raw, growing buffer: the writer of leads.csv and
/// contracts.csv rows, where `CSVWriter`'s checked per-byte appends and a retained array per
/// cell were most of the export's time. Fields are written exactly as `CSVWriter` writes them
/// (the tests compare the two); repeated cells come pre-escaped from a `CellArena`.
final class RowBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    private var inRow = false
    let excel: Bool

    init(capacity: Int, excel: Bool) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
        self.excel = excel
    }

    deinit { base.deallocate() }

    /// The bytes written, as an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, in place.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Makes room for `n` more bytes.
    @inline(__always)
    func ensure(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        let size = max(needed, capacity * 2)
        base = base.moved(count: count, toCapacity: size)
        capacity = size
    }

    // The writers below write through a local cursor and store `count` once: writing through
    // `base[count]` reloaded both properties after every byte (a byte stored through a pointer
    // may alias the object's own fields), and checked every `count += 1` for overflow.

    /// Starts a field: the comma before every field but a row's first. Room for the comma and
    /// `room` more bytes is made; returns where the field's bytes go.
    @inline(__always)
    private func startField(room: Int) -> UnsafeMutablePointer<UInt8> {
        ensure(room &+ 1)
        var p = base + count
        if inRow {
            p.pointee = UInt8(ascii: ",")
            p += 1
        }
        inRow = true
        return p
    }

    /// Ends a field written up to (not including) `p`.
    @inline(__always)
    private func end(at p: UnsafeMutablePointer<UInt8>) {
        count = p - base
    }

    /// A pre-escaped cell of `arena`.
    @inline(__always)
    func cell(_ arena: CellArena.View, _ index: Int) {
        let start = arena.ends[index]
        let n = arena.ends[index &+ 1] &- start
        let p = startField(room: n)
        ByteCopy.copy(to: p, from: arena.bytes + start, count: n)
        end(at: p + n)
    }

    /// An empty field.
    @inline(__always)
    func empty() {
        end(at: startField(room: 0))
    }

    /// A text field, escaped as `CSVWriter.field` escapes it.
    func text(_ value: String) {
        var value = value
        let plain = value.withUTF8 { utf8 -> Bool in
            for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return false }
            if excel, let first = utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D {
                return false
            }
            let p = startField(room: utf8.count)
            if let from = utf8.baseAddress { ByteCopy.copy(to: p, from: from, count: utf8.count) }
            end(at: p + utf8.count)
            return true
        }
        if !plain {
            let escaped = CSVWriter.escaped(value, excel: excel)
            let p = startField(room: escaped.count)
            escaped.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: $0.count) }
            end(at: p + escaped.count)
        }
    }

    /// An integer in decimal digits.
    @inline(__always)
    func integer(_ value: Int) {
        var p = startField(room: 20)
        if value < 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        end(at: Self.digits(UInt64(value.magnitude), minimum: 1, at: p))
    }

    /// Cents as a USD amount with two decimals (`1234.50`), as `CSVWriter.usd` writes it.
    @inline(__always)
    func usd(cents: Int64) {
        var p = startField(room: 24)
        if cents < 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        let m = cents.magnitude
        p = Self.digits(m / 100, minimum: 1, at: p)
        let r = m % 100
        p[0] = UInt8(ascii: ".")
        p[1] = UInt8(truncatingIfNeeded: 48 &+ r / 10)
        p[2] = UInt8(truncatingIfNeeded: 48 &+ r % 10)
        end(at: p + 3)
    }

    /// A day as `YYYY-MM-DD`.
    @inline(__always)
    func day(_ day: Day) {
        var p = startField(room: 24)
        let c = day.components  // years 1–9999: parsed dates never leave them
        p = Self.digits(UInt64(c.year.magnitude), minimum: 4, at: p)
        p[0] = UInt8(ascii: "-")
        p[1] = UInt8(truncatingIfNeeded: 48 &+ c.month / 10)
        p[2] = UInt8(truncatingIfNeeded: 48 &+ c.month % 10)
        p[3] = UInt8(ascii: "-")
        p[4] = UInt8(truncatingIfNeeded: 48 &+ c.day / 10)
        p[5] = UInt8(truncatingIfNeeded: 48 &+ c.day % 10)
        end(at: p + 6)
    }

    /// An exact decimal as `CSVWriter.decimal` writes it.
    func decimal(_ value: ExactDecimal) {
        let r = value.reduced()
        guard let magnitude = UInt64(exactly: r.significand.magnitude), r.scale < 19 else {
            let text = value.plainString
            var p = startField(room: text.utf8.count)
            for b in text.utf8 {
                p.pointee = b
                p += 1
            }
            end(at: p)
            return
        }
        var p = startField(room: 42)
        if r.significand < 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        if r.scale == 0 {
            end(at: Self.digits(magnitude, minimum: 1, at: p))
            return
        }
        var unit: UInt64 = 1
        for _ in 0..<r.scale { unit *= 10 }
        p = Self.digits(magnitude / unit, minimum: 1, at: p)
        p.pointee = UInt8(ascii: ".")
        end(at: Self.digits(magnitude % unit, minimum: r.scale, at: p + 1))
    }

    /// Ends the row.
    @inline(__always)
    func endRow() {
        ensure(1)
        (base + count).pointee = 0x0A
        count &+= 1
        inRow = false
    }

    /// Writes `v` in decimal at `p`, zero-padded to `minimum` digits (room was made by the
    /// caller); returns the end. Two digits at a time from a table, the length from the highest
    /// bit (a division per digit, twice, was a fifth of writing leads.csv).
    @inline(__always)
    private static func digits(_ v: UInt64, minimum: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let natural = digitCount(v)
        let n = max(natural, minimum)
        var i = 0
        while i < n &- natural {
            p[i] = 0x30
            i &+= 1
        }
        var end = n
        var v = v
        let pairs = Self.pairs.utf8Start
        while v >= 100 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100) &* 2
            end &-= 2
            p[end] = pairs[r]
            p[end &+ 1] = pairs[r &+ 1]
            v = q
        }
        if v >= 10 {
            p[end &- 2] = pairs[Int(truncatingIfNeeded: v) &* 2]
            p[end &- 1] = pairs[Int(truncatingIfNeeded: v) &* 2 &+ 1]
        } else {
            p[end &- 1] = UInt8(truncatingIfNeeded: 0x30 &+ v)
        }
        return p + n
    }

    /// "00" to "99", end to end.
    private static let pairs: StaticString = """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
        5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """

    /// The number of decimal digits of `v` (1 for 0).
    @inline(__always)
    static func digitCount(_ v: UInt64) -> Int {
        // log10 from log2 (1233/4096 ≈ log10 2), then one comparison with the power of ten above.
        // (With v | 1, 0 counts as 1, and nothing else changes: powers of ten above 1 are even.)
        let x = v | 1
        let guess = ((64 - x.leadingZeroBitCount) &* 1233) >> 12
        return guess + 1 - (x < powersOfTen[guess] ? 1 : 0)
    }

    /// 10^0 … 10^19.
    private static let powersOfTen: [UInt64] = (0..<20).map { k in (0..<k).reduce(1) { r, _ in r * 10 } }
}

/// Escaped cells stored end to end in one byte array, found by index: the repeated cells of a
/// big table (names, keys, codes, file names, enum words) escaped once and copied per row.
struct CellArena {
    private(set) var bytes: [UInt8] = []
    /// Cell `i` is `bytes[ends[i]..<ends[i + 1]]`.
    private(set) var ends: [Int] = [0]

    /// Adds a cell, escaped as `CSVWriter.field` would write `text`; returns its index.
    @discardableResult
    mutating func add(_ text: String, excel: Bool) -> Int {
        CSVWriter.escape(text, excel: excel, into: &bytes)
        ends.append(bytes.count)
        return ends.count - 2
    }

    var count: Int { ends.count - 1 }

    /// Raw pointers to the cells, valid inside `body` only.
    func withView<T>(_ body: (View) throws -> T) rethrows -> T {
        // An arena of empty cells has no bytes (and no byte address); nothing is read from it then.
        let bytes = self.bytes.isEmpty ? [0] : self.bytes
        return try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in try body(View(bytes: b.baseAddress!, ends: e.baseAddress!)) }
        }
    }

    /// The arena's cells by pointer (see `withView`).
    struct View {
        let bytes: UnsafePointer<UInt8>
        let ends: UnsafePointer<Int>
    }
}
