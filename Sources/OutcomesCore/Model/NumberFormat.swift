/// The number formats of the outputs: USD with 2 decimals, fractions with 4, days with 1.
public enum NumberFormat {
    /// Cents as a plain decimal with exactly two decimals (`1234.50`, `-0.05`).
    public static func usd(cents: Int64) -> String {
        fixed(Int128(cents), decimals: 2)
    }

    /// `numerator / denominator` rounded half-even to 4 decimals; empty when the denominator is 0.
    public static func fraction(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator != 0 else { return "" }
        let units = RoundingHalfEven.divide(Int128(numerator) * 10_000, by: Int128(denominator))
        return fixed(units, decimals: 4)
    }

    /// An integer count of 10^-decimals units written with exactly `decimals` decimals.
    public static func fixed(_ units: Int128, decimals: Int) -> String {
        let negative = units < 0
        var digits = String(units.magnitude)
        if digits.count <= decimals {
            digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
        }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        return negative ? "-" + digits : digits
    }

    /// The median of whole day counts with one decimal (the mean of the two middle values when even).
    public static func median(days: [Int]) -> String {
        guard !days.isEmpty else { return "" }
        let sorted = days.sorted()
        let n = sorted.count
        let twiceMedian = n % 2 == 1 ? 2 * sorted[n / 2] : sorted[n / 2 - 1] + sorted[n / 2]
        return fixed(Int128(twiceMedian) * 5, decimals: 1)
    }
}
