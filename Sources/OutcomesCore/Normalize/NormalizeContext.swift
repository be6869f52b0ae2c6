/// What the row normalizers need to know about the run: reference tables and defaults.
public struct NormalizeContext: Sendable {
    public var fx: FXTable
    public var taxonomy: Taxonomy
    public var defaultCurrency: String
    public var defaultEvent: String
    public var excelSerialDates: Bool

    public init(fx: FXTable, taxonomy: Taxonomy, defaultCurrency: String, defaultEvent: String, excelSerialDates: Bool) {
        self.fx = fx
        self.taxonomy = taxonomy
        self.defaultCurrency = defaultCurrency
        self.defaultEvent = defaultEvent
        self.excelSerialDates = excelSerialDates
    }
}

/// The normalized form of one input record.
public enum RowOutcome: Sendable {
    case lead(Lead, RowDigest)
    case contract(Contract, RowDigest)
    /// The row's problems, at least one.
    case rejected([RowIssue])
}

/// A chunk's row outcomes in input order, which the merge moves out one at a time.
///
/// (Kept in an array, each row was copied out of it by the merge and destroyed with it after:
/// 4% of an ingest's time, all of it on the merge's one thread.) Rows before `taken` have been
/// moved out; the rest are destroyed with the buffer. One consumer takes the rows.
public final class RowOutcomes: @unchecked Sendable {
    private var base: UnsafeMutablePointer<RowOutcome>
    public private(set) var count = 0
    private var capacity: Int
    /// Rows `0..<taken` were moved out by `take`.
    private(set) var taken = 0

    public init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    public convenience init(_ rows: [RowOutcome]) {
        self.init(capacity: rows.count)
        for row in rows { append(row) }
    }

    deinit {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
    }

    /// Makes room for `n` rows in all.
    public func reserveCapacity(_ n: Int) {
        guard n > capacity else { return }
        let grown = UnsafeMutablePointer<RowOutcome>.allocate(capacity: n)
        (grown + taken).moveInitialize(from: base + taken, count: count - taken)
        base.deallocate()
        base = grown
        capacity = n
    }

    @inline(__always)
    public func append(_ row: __owned RowOutcome) {
        if count == capacity { reserveCapacity(capacity * 2) }
        (base + count).initialize(to: row)
        count += 1
    }

    /// Reads every row in place; none may have been taken.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<RowOutcome>) throws -> R) rethrows -> R {
        precondition(taken == 0, "rows were already taken")
        return try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Moves row `i` out: rows are taken in order, each once.
    @inline(__always)
    public func take(_ i: Int) -> RowOutcome {
        precondition(i == taken && i < count, "row outcomes are taken in order, each once")
        taken += 1
        return (base + i).move()
    }
}

/// One worker's normalized piece of a file: row outcomes in input order, the blank lines
/// skipped, and the texts its rows' ids point to that are new in the worker's pool.
public struct NormalizedChunk: Sendable {
    public var outcomes = RowOutcomes()
    public var blank = 0
    /// The worker's pool the rows' text ids point into. The merge only names it: the worker
    /// goes on adding to it (the next wave is parsed while this one is merged).
    public let pool: TextPool
    /// The pool's id of `newTexts[0]`: how many texts the worker's earlier chunks handed over.
    public let firstNewText: Int
    /// The pool's texts from `firstNewText` on, copied when the chunk was sealed.
    public private(set) var newTexts: [String] = []
    /// Per outcome: its id's `RowIDTable.hash` (0 for a rejected row), taken on the worker as
    /// each row is added, so the merge's one serial pass does not hash. Rows set into `outcomes`
    /// without one get theirs when the chunk is sealed.
    public internal(set) var idHashes: [Int] = []

    /// A chunk that hands the merge the pool's texts from id `first` on (when sealed).
    public init(pool: TextPool, firstNewText first: Int) {
        self.pool = pool
        firstNewText = first
    }

    /// Copies the texts the pool gained since the chunk was started; call when it is complete.
    public mutating func seal() {
        newTexts = Array(pool.texts[firstNewText...])
        guard idHashes.count < outcomes.count else { return }
        // Read in place: mapping over the array copied every outcome, through its value witness.
        let have = idHashes.count
        idHashes += outcomes.withUnsafeBufferPointer { rows in
            (have..<rows.count).map { k in
                switch rows[k] {
                case .lead(let lead, _): return RowIDTable.hash(lead.id)
                case .contract(let contract, _): return RowIDTable.hash(contract.id)
                case .rejected: return 0
                }
            }
        }
    }
}

/// Per-worker memo of the expensive text work (keys, sector mapping, countries), so each
/// distinct spelling is normalized once per worker.
public final class NormalizeCache {
    /// The worker's texts: every row it normalizes refers into this pool.
    public let pool: TextPool
    var nameKeys: [String: String] = [:]
    var sectors: [String: Int] = [:]
    var countries: [String: String] = [:]
    var currencies: [String: CurrencyResolver.Cell] = [:]
    var statuses: [String: LeadStatus?] = [:]
    var types: [String: ContractType?] = [:]

    public init(pool: TextPool = TextPool()) { self.pool = pool }

    func currency(_ raw: String) -> CurrencyResolver.Cell {
        if let c = currencies[raw] { return c }
        let c = CurrencyResolver.read(raw)
        currencies[raw] = c
        return c
    }

    func status(_ raw: String) -> LeadStatus? {
        if let s = statuses[raw] { return s }
        let s = EnumAliases.status(raw)
        statuses[raw] = s
        return s
    }

    func type(_ raw: String) -> ContractType? {
        if let t = types[raw] { return t }
        let t = EnumAliases.type(raw)
        types[raw] = t
        return t
    }

    func nameKey(_ raw: String) -> String {
        if let k = nameKeys[raw] { return k }
        let k = NameKey.key(raw)
        nameKeys[raw] = k
        return k
    }

    func sector(_ raw: String, _ taxonomy: Taxonomy) -> Int {
        if let s = sectors[raw] { return s }
        let s = taxonomy.classify(raw)
        sectors[raw] = s
        return s
    }

    /// The alpha-2 code of a country cell; empty when the cell is empty or not recognized.
    func country(_ raw: String) -> String {
        if raw.isEmpty { return "" }
        if let c = countries[raw] { return c }
        let c = CountryTable.alpha2(forNormalized: TextFold.fold(raw)) ?? ""
        countries[raw] = c
        return c
    }
}

/// The result of normalizing one row: the typed row with its fingerprint, or its problems.
public enum RowNormalization<Row> {
    case accepted(Row, RowDigest)
    case rejected([CellIssue])
}
