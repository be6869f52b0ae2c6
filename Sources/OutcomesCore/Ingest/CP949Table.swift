import Glibc

/// CP949 to UTF-8 a chunk at a time without a library call per character: ASCII bytes are
/// copied, and each two-byte code is looked up in a table filled from glibc iconv's own answers
/// (one conversion per code, once per process), so the bytes are the ones iconv would give.
/// A chunk holding anything else (a byte that starts no valid code, a code iconv refuses, a
/// code cut off at the end) is left to `IconvDecoder`, which marks the bad bytes.
enum CP949Table {
    /// Per code `(lead - 0x81) * 190 + (trail - 0x41)`: its UTF-8 bytes, first byte lowest, and
    /// their count in the top byte; 0 where iconv refuses the code. Nil when iconv lacks CP949
    /// or does not map ASCII to itself (then every chunk goes to iconv).
    static let codes: [UInt32]? = build()

    private static func build() -> [UInt32]? {
        let h = iconv_open("UTF-8", "CP949")
        if h == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(h) }
        func convert(_ input: [UInt8]) -> [UInt8]? {
            _ = iconv(h, nil, nil, nil, nil)
            var input = input
            var out = [UInt8](repeating: 0, count: 16)
            let (ok, produced) = input.withUnsafeMutableBytes { i in
                out.withUnsafeMutableBytes { o -> (Bool, Int) in
                    var inPtr: UnsafeMutablePointer<CChar>? = i.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var inLeft = i.count
                    var outPtr: UnsafeMutablePointer<CChar>? = o.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var outLeft = o.count
                    let r = iconv(h, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (r != -1 && inLeft == 0, o.count - outLeft)
                }
            }
            return ok ? Array(out[0..<produced]) : nil
        }
        for b in UInt8(0)..<0x80 where convert([b]) != [b] { return nil }
        var codes = [UInt32](repeating: 0, count: 126 * 190)
        for lead in 0x81...0xFE {
            for trail in 0x41...0xFE {
                guard let utf8 = convert([UInt8(lead), UInt8(trail)]), (1...3).contains(utf8.count) else { continue }
                var packed = UInt32(utf8.count) << 24
                for (k, b) in utf8.enumerated() { packed |= UInt32(b) << (8 * UInt32(k)) }
                codes[(lead - 0x81) * 190 + (trail - 0x41)] = packed
            }
        }
        return codes
    }

    /// Converts `bytes` into `output` (its first `count` bytes; `output` only grows) and returns
    /// that count, or nil when the chunk needs iconv.
    static func convert(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Int? {
        guard let codes, let src = bytes.baseAddress else { return bytes.isEmpty ? 0 : nil }
        let n = bytes.count
        let needed = n + n / 2 + 8
        if output.count < needed { output = [UInt8](repeating: 0, count: needed) }
        return codes.withUnsafeBufferPointer { table -> Int? in
            output.withUnsafeMutableBytes { out -> Int? in
                let dst = out.baseAddress!
                var i = 0
                var o = 0
                while i < n {
                    // Eight ASCII bytes at a time.
                    if i + 8 <= n {
                        let word = src.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            dst.storeBytes(of: word, toByteOffset: o, as: UInt64.self)
                            i += 8
                            o += 8
                            continue
                        }
                    }
                    let b = src.load(fromByteOffset: i, as: UInt8.self)
                    if b < 0x80 {
                        dst.storeBytes(of: b, toByteOffset: o, as: UInt8.self)
                        i += 1
                        o += 1
                        continue
                    }
                    guard b >= 0x81, b <= 0xFE, i + 1 < n else { return nil }
                    let t = src.load(fromByteOffset: i + 1, as: UInt8.self)
                    guard t >= 0x41, t <= 0xFE else { return nil }
                    let packed = table[Int(b - 0x81) * 190 + Int(t - 0x41)]
                    if packed == 0 { return nil }
                    // Four bytes stored, one to three kept (the table's bytes, lowest first).
                    dst.storeBytes(of: packed.littleEndian, toByteOffset: o, as: UInt32.self)
                    o += Int(packed >> 24)
                    i += 2
                }
                return o
            }
        }
    }
}
