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
    /// - Complexity: O(n + range) by counting when the days span at most a few times their
    ///   number (days to a contract lie within the attribution window), else O(n log n) by sorting.
    public static func median(days: [Int]) -> String {
        guard let low = days.min(), let high = days.max() else { return "" }
        let n = days.count
        let (lower, upper): (Int, Int)  // the values at n/2 - 1 and n/2 (both n/2 when odd), 0-based, in order
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow && span <= 4 * n + 1024 {
            var counts = [Int](repeating: 0, count: span + 1)
            for d in days { counts[d - low] += 1 }
            func value(at rank: Int) -> Int {
                var seen = 0
                for (offset, count) in counts.enumerated() {
                    seen += count
                    if seen > rank { return low + offset }
                }
                return high
            }
            upper = value(at: n / 2)
            lower = n % 2 == 1 ? upper : value(at: n / 2 - 1)
        } else {
            let sorted = days.sorted()
            upper = sorted[n / 2]
            lower = n % 2 == 1 ? upper : sorted[n / 2 - 1]
        }
        return fixed((Int128(lower) + Int128(upper)) * 5, decimals: 1)
    }
}
