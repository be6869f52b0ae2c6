/// Numbers as people read them in the reports: thousands separators, percentages, whole dollars.
/// Exact: built from integers and our decimal texts, never through floating point.
enum ReportNumbers {
    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        grouped(decimal: String(n))
    }

    /// A plain decimal with separators in its integer part: `-1234567.89` → `-1,234,567.89`.
    static func grouped(decimal: String) -> String {
        let negative = decimal.hasPrefix("-")
        let body = negative ? decimal.dropFirst() : Substring(decimal)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        var out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        out = digits + out
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + String(out) + fraction
    }

    /// Cents as grouped USD with two decimals: `123456789` → `1,234,567.89`.
    static func usd(cents: Int64) -> String {
        grouped(decimal: NumberFormat.usd(cents: cents))
    }

    /// Cents as grouped whole dollars, rounded half-even: `123456789` → `1,234,568`.
    static func wholeDollars(cents: Int64) -> String {
        let dollars = RoundingHalfEven.divide(Int128(cents), by: 100)
        return grouped(decimal: String(dollars))
    }

    /// `numerator / denominator` as a percentage with one decimal (`12.3%`), rounded half-even;
    /// empty when the denominator is 0.
    static func percent(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator != 0 else { return "" }
        let tenths = RoundingHalfEven.divide(Int128(numerator) * 1000, by: Int128(denominator))
        return NumberFormat.fixed(tenths, decimals: 1) + "%"
    }
}
