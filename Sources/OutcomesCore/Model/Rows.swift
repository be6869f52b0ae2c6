/// An accepted consultation (a lead), normalized. Texts are ids into the run's `TextPool`.
///
/// Stored properties are declared widest first, so the row packs into 104 bytes (its stride;
/// 112 before): millions of rows are held and scanned.
public struct Lead: Sendable {
    public var id: String
    /// The USD value in cents (0 when the amount is missing).
    public var usdCents: Int64
    var storedAmount: CompactAmount
    public var status: LeadStatus
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
    public var sector: Int {
        get { Int(sectorIndex) }
        set { sectorIndex = Int32(newValue) }
    }
    var sectorIndex: Int32
    /// The sector cell as written (for the manifest's unclassified list).
    public var sectorText: TextID
    /// The parsed amount in its own currency; nil when the cell was empty.
    public var amount: ExactDecimal? {
        get { storedAmount.value }
        set { storedAmount = CompactAmount(newValue) }
    }
    public var currency: TextID
    public var source: SourceRef
    /// The id as written (trimmed), when NFKC changed it (`Ｌ5` for the id `L5`): a text of the
    /// pool, written in the outputs; -1 when `id` is how it was written.
    public var rawID: TextID

    public init(id: String, date: Day, event: TextID, city: TextID, companyRaw: TextID, companyKey: TextID,
                buyerRaw: TextID, buyerKey: TextID, buyerCountry: TextID, countryText: TextID, sector: Int,
                sectorText: TextID, amount: ExactDecimal?, currency: TextID, usdCents: Int64, status: LeadStatus,
                source: SourceRef, rawID: TextID = -1) {
        self.id = id
        self.rawID = rawID
        self.date = date
        self.event = event
        self.city = city
        self.companyRaw = companyRaw
        self.companyKey = companyKey
        self.buyerRaw = buyerRaw
        self.buyerKey = buyerKey
        self.buyerCountry = buyerCountry
        self.countryText = countryText
        sectorIndex = Int32(sector)
        self.sectorText = sectorText
        storedAmount = CompactAmount(amount)
        self.currency = currency
        self.usdCents = usdCents
        self.status = status
        self.source = source
    }
}

extension Lead {
    /// The id as the outputs write it: as typed (`rawID`, read through `text`), else `id`.
    func writtenID(_ text: (TextID) -> String) -> String {
        rawID >= 0 ? text(rawID) : id
    }

    /// Re-points every text id through `map` (from a worker's pool to the run's).
    mutating func mapTexts(_ map: (TextID) -> TextID) {
        event = map(event)
        city = map(city)
        companyRaw = map(companyRaw)
        companyKey = map(companyKey)
        buyerRaw = map(buyerRaw)
        buyerKey = map(buyerKey)
        buyerCountry = map(buyerCountry)
        countryText = map(countryText)
        sectorText = map(sectorText)
        currency = map(currency)
        if rawID >= 0 { rawID = map(rawID) }
    }
}

extension Contract {
    /// The id as the outputs write it, as `Lead.writtenID`.
    func writtenID(_ text: (TextID) -> String) -> String {
        rawID >= 0 ? text(rawID) : id
    }

    /// Re-points every text id through `map` (from a worker's pool to the run's).
    mutating func mapTexts(_ map: (TextID) -> TextID) {
        companyRaw = map(companyRaw)
        companyKey = map(companyKey)
        buyerRaw = map(buyerRaw)
        buyerKey = map(buyerKey)
        sectorText = map(sectorText)
        currency = map(currency)
        if rawID >= 0 { rawID = map(rawID) }
    }
}

/// An optional exact amount in 17 bytes instead of 33 (no 16-byte alignment): the significand's
/// two halves and the scale, -1 when there is no amount.
struct CompactAmount: Sendable {
    var high: Int64
    var low: UInt64
    var scale: Int8

    init(_ amount: ExactDecimal?) {
        guard let amount else {
            (high, low, scale) = (0, 0, -1)
            return
        }
        high = Int64(truncatingIfNeeded: amount.significand >> 64)
        low = UInt64(truncatingIfNeeded: amount.significand)
        scale = Int8(amount.scale)
    }

    var value: ExactDecimal? {
        guard scale >= 0 else { return nil }
        return ExactDecimal(significand: Int128(high) << 64 | Int128(low), scale: Int(scale))
    }
}

/// An accepted contract, MOU or LOI, normalized. Texts are ids into the run's `TextPool`.
/// Stored properties widest first, like `Lead`'s: 104 bytes.
public struct Contract: Sendable {
    public var id: String
    /// The consultation id cell as written (normalized), empty when absent.
    public var leadID: String
    var storedCents: Int64
    var storedAmount: CompactAmount
    var hasUSD: Bool
    public var type: ContractType
    public var date: Day
    public var companyRaw: TextID
    public var companyKey: TextID
    public var buyerRaw: TextID
    public var buyerKey: TextID
    public var amount: ExactDecimal? {
        get { storedAmount.value }
        set { storedAmount = CompactAmount(newValue) }
    }
    public var currency: TextID
    /// USD cents; nil when an MOU or LOI has no amount.
    public var usdCents: Int64? {
        get { hasUSD ? storedCents : nil }
        set { (storedCents, hasUSD) = (newValue ?? 0, newValue != nil) }
    }
    /// Index into the taxonomy from the row's own sector cell; nil when that cell was empty.
    public var ownSector: Int? {
        get { storedSector == Int32.min ? nil : Int(storedSector) }
        set { storedSector = newValue.map { Int32($0) } ?? Int32.min }
    }
    var storedSector: Int32
    /// The sector cell as written.
    public var sectorText: TextID
    public var source: SourceRef
    /// The id as written (trimmed) when NFKC changed it, as `Lead.rawID`; -1 otherwise.
    public var rawID: TextID

    public init(id: String, leadID: String, date: Day, companyRaw: TextID, companyKey: TextID, buyerRaw: TextID,
                buyerKey: TextID, type: ContractType, amount: ExactDecimal?, currency: TextID, usdCents: Int64?,
                ownSector: Int?, sectorText: TextID, source: SourceRef, rawID: TextID = -1) {
        self.id = id
        self.rawID = rawID
        self.leadID = leadID
        self.date = date
        self.companyRaw = companyRaw
        self.companyKey = companyKey
        self.buyerRaw = buyerRaw
        self.buyerKey = buyerKey
        self.type = type
        storedAmount = CompactAmount(amount)
        self.currency = currency
        storedCents = usdCents ?? 0
        hasUSD = usdCents != nil
        storedSector = ownSector.map { Int32($0) } ?? Int32.min
        self.sectorText = sectorText
        self.source = source
    }
}

/// A row's origin: the index of its input file in input order and its physical line.
public struct SourceRef: Sendable, Hashable {
    /// Stored in 32 bits each: a row holds a lot of these.
    var storedFile: Int32
    var storedLine: UInt32
    public var file: Int {
        get { Int(storedFile) }
        set { storedFile = Int32(clamping: newValue) }
    }
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public init(file: Int, line: Int) {
        storedFile = Int32(clamping: file)
        storedLine = UInt32(clamping: line)
    }
}
