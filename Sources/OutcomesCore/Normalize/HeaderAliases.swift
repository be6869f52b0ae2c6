/// The header names each canonical column answers to, from the contract's tables.
///
/// A table's own aliases come first; the aliases a column has in the other table apply too
/// (the contract: "the aliases of a column apply in both tables"), after the own ones.
public struct HeaderAliases: Sendable {
    /// Extra `header: canonical` pairs from the pipeline's `columns:` map (folded keys).
    public var extra: [String: String]

    public init(extra: [String: String] = [:]) {
        var folded: [String: String] = [:]
        for (k, v) in extra { folded[TextFold.fold(k)] = v }
        self.extra = folded
    }

    static let consultations: [String: [String]] = [
        "consultation_id": ["id", "lead_id", "상담번호", "상담id", "编号"],
        "date": ["consultation_date", "상담일", "상담일자", "日期"],
        "event": ["exhibition", "program", "행사명", "展会"],
        "city": ["venue", "도시", "城市"],
        "company": ["exhibitor", "참가기업", "기업명", "업체명", "企业"],
        "buyer": ["buyer_name", "바이어", "바이어명", "采购商", "买家"],
        "buyer_country": ["country", "국가", "国家"],
        "sector": ["industry", "분야", "산업분야", "行业"],
        "amount": ["consultation_amount", "상담액", "상담금액", "金额"],
        "currency": ["통화", "币种"],
        "status": ["stage", "상태", "状态"],
    ]

    static let contracts: [String: [String]] = [
        "contract_id": ["id", "계약번호", "合同编号"],
        "consultation_id": ["lead_id", "상담번호"],
        "date": ["signed_date", "contract_date", "계약일", "체결일", "签约日期"],
        "company": ["exhibitor", "참가기업", "기업명"],
        "buyer": ["바이어", "바이어명", "采购商"],
        "type": ["contract_type", "구분", "유형"],
        "amount": ["contract_amount", "계약액", "계약금액", "金额"],
        "currency": ["통화", "币种"],
        "sector": ["분야", "行业"],
    ]

    /// The names that match `column` in `table`, own aliases first (for error messages too).
    public func names(for column: String, in table: TableKind) -> [String] {
        var result = [column]
        let (own, other): ([String: [String]], [String: [String]]) = switch table {
        case .consultations: (Self.consultations, Self.contracts)
        case .contracts: (Self.contracts, Self.consultations)
        default: ([:], [:])
        }
        for name in (own[column] ?? []) + (other[column] ?? []) where !result.contains(name) {
            result.append(name)
        }
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) where v == column && !result.contains(k) {
            result.append(k)
        }
        return result
    }

    /// The canonical column a folded header names in `table`, or nil.
    /// Pipeline aliases win, then canonical names, then the table's own aliases, then the other table's.
    public func canonical(forFolded header: String, in table: TableKind) -> String? {
        if let c = extra[header], table.columns.contains(c) { return c }
        if table.columns.contains(header) { return header }
        let (own, other): ([String: [String]], [String: [String]]) = switch table {
        case .consultations: (Self.consultations, Self.contracts)
        case .contracts: (Self.contracts, Self.consultations)
        default: ([:], [:])
        }
        for column in table.columns where own[column]?.contains(header) == true { return column }
        for column in table.columns where other[column]?.contains(header) == true { return column }
        return nil
    }
}
