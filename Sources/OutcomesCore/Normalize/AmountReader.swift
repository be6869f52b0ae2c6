/// Reads a row's amount and currency cells into an exact amount, a currency and USD cents.
enum AmountReader {
    struct Result {
        var amount: ExactDecimal?
        var currency: String
        var usdCents: Int64?
        var issues: [CellIssue] = []
    }

    /// - Parameters:
    ///   - day: the row's date, nil when it is bad (then no fx lookup is made).
    static func read(amount amountCell: String, currency currencyCell: String, day: Day?,
                     context: NormalizeContext, cache: NormalizeCache) -> Result {
        var issues: [CellIssue] = []
        var column: String?
        switch cache.currency(currencyCell) {
        case .none: column = nil
        case .code(let c): column = c
        case .unknown:
            issues.append(CellIssue("currency", currencyCell, .unknownCurrency,
                                    "'\(currencyCell)' is not an ISO 4217 currency or a known currency word"))
        }
        let columnBad = !issues.isEmpty
        var amount: ExactDecimal?
        var mark: String?
        var amountBad = false
        if !amountCell.isEmpty {
            switch MoneyParser.parse(amountCell) {
            case .failure(.unparsable(let why)):
                amountBad = true
                issues.append(CellIssue("amount", amountCell, .badMoney, "'\(amountCell)' is not an amount: \(why)"))
            case .success(let parsed):
                if parsed.amount.isNegative {
                    amountBad = true
                    issues.append(CellIssue("amount", amountCell, .negativeAmount, "amounts cannot be negative"))
                } else {
                    amount = parsed.amount
                    mark = parsed.mark
                }
            }
        }
        var currency = column ?? context.defaultCurrency
        if !columnBad && !amountBad {
            if let resolved = CurrencyResolver.combine(mark: mark, column: column, default: context.defaultCurrency) {
                currency = resolved
            } else {
                issues.append(CellIssue("currency", currencyCell, .currencyConflict,
                                        "the amount '\(amountCell)' is marked \(mark!) but the currency column says \(column!)"))
                return Result(amount: nil, currency: currency, usdCents: nil, issues: issues)
            }
        }
        var cents: Int64?
        if let a = amount, let day, issues.isEmpty {
            switch context.fx.lookup(currency, on: day) {
            case .rate(let rate):
                if let c = a.centsOfProduct(with: rate) {
                    cents = c
                } else {
                    issues.append(CellIssue("amount", amountCell, .badMoney, "the amount is too large"))
                }
            case .noRates:
                issues.append(CellIssue("currency", currencyCell, .noFXRate, "fx_rates has no rate for \(currency)"))
            case .beforeFirst(let first):
                issues.append(CellIssue("currency", currencyCell, .noFXRate,
                                        "fx_rates has no \(currency) rate on or before \(day) (the first is \(first))"))
            }
        }
        return Result(amount: amount, currency: currency, usdCents: cents, issues: issues)
    }
}
