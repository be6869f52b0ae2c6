import Foundation

/// The text normalizations the contract matches on: trimming, NFKC and case folding.
public enum TextFold {
    /// Trims Unicode white space (and control characters) from both ends, as every cell is trimmed.
    @inlinable
    public static func trim(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        if !isTrimmable(first) && !isTrimmable(last) { return s }
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end && isTrimmable(scalars[start]) { start = scalars.index(after: start) }
        while end > start && isTrimmable(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    @inlinable
    static func isTrimmable(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value <= 0x20 || u.value == 0x7F }
        return u.properties.isWhitespace || u.value == 0xFEFF
    }

    /// NFKC normalization (full-width forms to ASCII, ㈜ to (주), …); ASCII is returned as is.
    public static func nfkc(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCompatibilityMapping
    }

    /// NFKC, then case folding, then trimming: the key headers, enums and sectors match on.
    public static func fold(_ s: String) -> String {
        trim(caseFold(nfkc(s)))
    }

    /// Unicode case folding: lower-casing plus the full foldings lower-casing misses (`ß` → `ss`,
    /// final sigma), as Python's `str.casefold` and ICU do.
    public static func caseFold(_ s: String) -> String {
        let lower = s.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) { return lower }
        guard lower.unicodeScalars.contains(where: { $0 == "ß" || $0 == "ς" || $0 == "ﬅ" || $0 == "ﬆ" }) else { return lower }
        var out = String.UnicodeScalarView()
        for u in lower.unicodeScalars {
            switch u {
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            case "ς": out.append("σ")
            case "ﬅ", "ﬆ": out.append(contentsOf: "st".unicodeScalars)
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// `fold`, with spaces and hyphens read as underscores (`follow up` → `follow_up`).
    public static func enumKey(_ s: String) -> String {
        String(fold(s).map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
