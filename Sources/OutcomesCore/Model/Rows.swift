/// An accepted consultation (a lead), normalized.
public struct Lead: Sendable {
    public var id: String
    public var date: Day
    public var event: String
    public var city: String
    public var companyRaw: String
    public var companyKey: String
    public var buyerRaw: String
    public var buyerKey: String
    /// ISO 3166 alpha-2, empty when absent or not recognized.
    public var buyerCountry: String
    /// The buyer_country cell as written (for the manifest's unrecognized list).
    public var countryText: String
    /// Index into the taxonomy, or `Taxonomy.unclassified`.
    public var sector: Int
    /// The sector cell as written (for the manifest's unclassified list).
    public var sectorText: String
    /// The parsed amount in its own currency; nil when the cell was empty.
    public var amount: ExactDecimal?
    public var currency: String
    /// The USD value in cents (0 when the amount is missing).
    public var usdCents: Int64
    public var status: LeadStatus
    public var source: SourceRef
}

/// An accepted contract, MOU or LOI, normalized.
public struct Contract: Sendable {
    public var id: String
    /// The consultation id cell as written (normalized), empty when absent.
    public var leadID: String
    public var date: Day
    public var companyRaw: String
    public var companyKey: String
    public var buyerRaw: String
    public var buyerKey: String
    public var type: ContractType
    public var amount: ExactDecimal?
    public var currency: String
    /// USD cents; nil when an MOU or LOI has no amount.
    public var usdCents: Int64?
    /// Index into the taxonomy from the row's own sector cell; nil when that cell was empty.
    public var ownSector: Int?
    /// The sector cell as written.
    public var sectorText: String
    public var source: SourceRef
}

/// A row's origin: the index of its input file in input order and its physical line.
public struct SourceRef: Sendable, Hashable {
    public var file: Int
    public var line: Int
    public init(file: Int, line: Int) {
        self.file = file
        self.line = line
    }
}
