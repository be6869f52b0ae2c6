/// How many columns of a fixed-width grid a text takes: East Asian wide characters (Hangul,
/// CJK ideographs, kana, full-width forms) count two, combining marks and zero-width
/// characters none, everything else one. Used to fit spreadsheet column widths.
enum DisplayWidth {
    /// The width of `text`, counting at most up to `limit` (longer texts return `limit`).
    /// - Complexity: O(min(n, limit)) in the text's Unicode scalars.
    static func of(_ text: String, limit: Int = 255) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += of(scalar)
            if width >= limit { return limit }
        }
        return width
    }

    /// The width of one scalar: 0, 1 or 2.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return v < 0x20 ? 0 : 1
        }
    }

    /// The width of a plain decimal (`-1234567.89`) once shown with thousands separators.
    static func grouped(_ decimal: String) -> Int {
        let integerDigits = decimal.utf8.prefix { $0 != UInt8(ascii: ".") }.filter { $0 >= 48 && $0 <= 57 }.count
        return decimal.utf8.count + max(0, (integerDigits - 1) / 3)
    }
}
