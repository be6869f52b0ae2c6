/// The four kinds of input table and their canonical columns, in the contract's order.
public enum TableKind: String, Sendable, CaseIterable {
    case consultations, contracts, fxRates = "fx_rates", sectors

    /// Canonical column names, in the contract's order.
    public var columns: [String] {
        switch self {
        case .consultations:
            return ["consultation_id", "date", "event", "city", "company", "buyer", "buyer_country",
                    "sector", "amount", "currency", "status"]
        case .contracts:
            return ["contract_id", "consultation_id", "date", "company", "buyer", "type", "amount",
                    "currency", "sector"]
        case .fxRates:
            return ["date", "currency", "usd_per_unit"]
        case .sectors:
            return ["code", "name_en", "name_ko", "parent", "keywords"]
        }
    }

    /// Columns whose absence from a file's header stops the run.
    public var requiredColumns: [String] {
        switch self {
        case .consultations: return ["consultation_id", "date", "company", "buyer", "sector", "amount"]
        case .contracts: return ["contract_id", "date", "company", "buyer"]
        case .fxRates: return ["date", "currency", "usd_per_unit"]
        case .sectors: return ["code"]
        }
    }

    /// The index of a canonical column in `columns`; a programming error when absent.
    public func index(of column: String) -> Int {
        guard let i = columns.firstIndex(of: column) else {
            preconditionFailure("\(column) is not a column of \(rawValue)")
        }
        return i
    }
}
