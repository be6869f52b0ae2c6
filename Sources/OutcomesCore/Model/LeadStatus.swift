/// A consultation's status, in funnel order; `dropped` stands apart from the order.
public enum LeadStatus: String, Sendable, CaseIterable {
    case consulted, followUp = "follow_up", negotiating, mou, contracted, dropped

    /// The funnel rank: consulted 0 … contracted 4; a dropped lead ranks as consulted.
    public var rank: Int {
        switch self {
        case .consulted, .dropped: return 0
        case .followUp: return 1
        case .negotiating: return 2
        case .mou: return 3
        case .contracted: return 4
        }
    }

    /// The funnel stages in order (without dropped).
    public static let funnelStages: [LeadStatus] = [.consulted, .followUp, .negotiating, .mou, .contracted]
}

/// The kind of a signed document: export contract, MOU or letter of intent.
public enum ContractType: String, Sendable, CaseIterable {
    case contract, mou, loi
}
