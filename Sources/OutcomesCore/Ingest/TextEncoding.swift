import Glibc

/// The text encodings an input may be in.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case cp949 = "cp949"
    /// Chinese exports; only when declared (detection never guesses it).
    case gb18030 = "gb18030"

    /// Reads a pipeline's `encoding:` value (`utf-8`, `utf8`, `cp949`, `euc-kr`, `uhc`).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "cp949", "euc-kr", "euckr", "uhc", "ms949", "windows-949": self = .cp949
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// Detects the encoding of a whole file: valid UTF-8 wins, else CP949 (the contract's rule).
    /// - Complexity: O(n), one pass with an ASCII fast path.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> TextEncoding {
        UTF8Validation.isValid(bytes) ? .utf8 : .cp949
    }

    /// Length of a UTF-8 byte-order mark at the start of `bytes` (3 or 0).
    public static func bomLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes.prefix(3).elementsEqual(utf8BOM) ? 3 : 0
    }

    /// The UTF-8 byte order mark, as Excel writes it before UTF-8 text (and reads it).
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// Strict UTF-8 validation over raw bytes.
public enum UTF8Validation {
    /// The first index at or after `i` whose byte does not continue a character (or the end):
    /// a file checked in pieces cut there splits no character between two checks.
    static func characterStart(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        var i = i
        while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // ASCII 32 bytes at a time, then 8.
            while i + 32 <= n {
                let words = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if words & high != 0 { break }
                i += 32
            }
            if i == n { break }
            if i + 8 <= n {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & high == 0 { i += 8; continue }
                // Skip to the first byte with its high bit set.
                i += (word & high).trailingZeroBitCount >> 3
            }
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            // The common three-byte case (Hangul, CJK) without the general checks.
            // A run of them (a Korean or Chinese word) is checked in one loop.
            if b0 >= 0xE1 && b0 <= 0xEC && i + 2 < n {
                repeat {
                    let b1 = bytes[i + 1], b2 = bytes[i + 2]
                    guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 else { return false }
                    i += 3
                } while i + 2 < n && bytes[i] >= 0xE1 && bytes[i] <= 0xEC
                continue
            }
            var need = 0
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return false
            }
            if i + need >= n { return false }
            let b1 = bytes[i + 1]
            if b1 < lower || b1 > upper { return false }
            if need >= 2 {
                for k in 2...need where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF {
                    return false
                }
            }
            i += need + 1
        }
        return true
    }
}
