/// An accepted consultation (a lead), normalized. Texts are ids into the run's `TextPool`.
public struct Lead: Sendable {
    public var id: String
    public var date: Day
    public var event: TextID
    public var city: TextID
    public var companyRaw: TextID
    public var companyKey: TextID
    public var buyerRaw: TextID
    public var buyerKey: TextID
    /// ISO 3166 alpha-2, empty when absent or not recognized.
    public var buyerCountry: TextID
    /// The buyer_country cell as written (for the manifest's unrecognized list).
    public var countryText: TextID
    /// Index into the taxonomy, or `Taxonomy.unclassified`.
    public var sector: Int
    /// The sector cell as written (for the manifest's unclassified list).
    public var sectorText: TextID
    /// The parsed amount in its own currency; nil when the cell was empty.
    public var amount: ExactDecimal?
    public var currency: TextID
    /// The USD value in cents (0 when the amount is missing).
    public var usdCents: Int64
    public var status: LeadStatus
    public var source: SourceRef
}

/// An accepted contract, MOU or LOI, normalized. Texts are ids into the run's `TextPool`.
public struct Contract: Sendable {
    public var id: String
    /// The consultation id cell as written (normalized), empty when absent.
    public var leadID: String
    public var date: Day
    public var companyRaw: TextID
    public var companyKey: TextID
    public var buyerRaw: TextID
    public var buyerKey: TextID
    public var type: ContractType
    public var amount: ExactDecimal?
    public var currency: TextID
    /// USD cents; nil when an MOU or LOI has no amount.
    public var usdCents: Int64?
    /// Index into the taxonomy from the row's own sector cell; nil when that cell was empty.
    public var ownSector: Int?
    /// The sector cell as written.
    public var sectorText: TextID
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
