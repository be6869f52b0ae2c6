/// USD rates per currency by date, looked up as of a day (section 1.3).
public final class FXTable: @unchecked Sendable {
    /// The result of an as-of lookup.
    public enum Lookup: Equatable {
        case rate(ExactDecimal)
        /// The currency has no rates at all.
        case noRates
        /// Every rate of the currency is dated after the day.
        case beforeFirst(Day)
    }

    let rates: [String: [(day: Day, rate: ExactDecimal)]]

    /// Builds the table; rates per currency are sorted by day here.
    public init(rates: [String: [(day: Day, rate: ExactDecimal)]]) {
        self.rates = rates.mapValues { $0.sorted { $0.day < $1.day } }
    }

    /// An independent copy (one per Dispatch worker, so workers never share its reference count).
    public func copy() -> FXTable { FXTable(rates: rates) }

    /// The latest rate of `currency` on or before `day`; USD is always 1.
    /// - Complexity: O(log n) in the currency's number of rates.
    public func lookup(_ currency: String, on day: Day) -> Lookup {
        if currency == "USD" { return .rate(ExactDecimal(1)) }
        guard let list = rates[currency], !list.isEmpty else { return .noRates }
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? .beforeFirst(list[0].day) : .rate(list[lo - 1].rate)
    }

    /// True when the currency has at least one rate (or is USD).
    public func hasRates(_ currency: String) -> Bool {
        currency == "USD" || !(rates[currency]?.isEmpty ?? true)
    }
}
