/// The common case of normalizing a record, straight from its field bytes: every repeated cell
/// (dates, names, sectors, countries, currencies, statuses) is looked up in per-worker memo tables
/// keyed by its raw bytes, so each distinct cell is decoded and normalized once per worker.
///
/// It only ever accepts: a row that would have any issue gets `nil`, and the caller normalizes
/// it again through `RecordCells` and `LeadNormalizer`/`ContractNormalizer`, which say why.
/// Every value it builds comes from the same functions those use, so both paths agree.
final class FastRowNormalizer {
    /// A decoded, trimmed cell; `text` is nil when its bytes are not valid in the file's encoding.
    struct Text {
        var text: TextID?
        var isEmpty: Bool
        /// `CellHash` of the trimmed text, for the row's digest.
        var hash: UInt64
    }

    /// 16 bytes (no flag beside the ids), so the memo of 20,000 buyers stays smaller.
    struct Name {
        var hash: UInt64
        var raw: TextID
        /// -1 when the name is not usable (see `ok`).
        var key: TextID
        /// False when undecodable, empty, or nothing is left once legal forms are dropped.
        var ok: Bool { key >= 0 }
    }

    struct Sector {
        var text: TextID
        var isEmpty: Bool
        var index: Int
        var hash: UInt64
        var decodable: Bool
    }

    struct Country {
        var text: TextID
        var alpha2: TextID
        var hash: UInt64
        var decodable: Bool
    }

    /// Plain bytes (no strings), so copying one out of its memo per row needs no retain or release.
    struct Amount {
        /// nil when the cell is empty (or not usable: see `ok`).
        var amount: ExactDecimal?
        var hash: UInt64
        /// False when undecodable, unparsable or negative.
        var ok: Bool
        /// The number of the amount's currency mark (`marks`), -1 when it has none.
        var mark: Int32 = -1
    }

    /// Plain bytes, as `Amount`.
    struct Currency {
        /// False when undecodable or not a currency.
        var valid: Bool
        /// The number of the code the cell names (`codes`), -1 when it names none.
        var code: Int32
        /// The row's currency when its amount carries no mark: the column's code, else the default.
        var unmarked: TextID
        var hash: UInt64
        /// A number of its own per distinct currency cell, for `resolved`.
        var id: Int32
    }

    let context: NormalizeContext
    let pool: TextPool
    /// Whether bytes were converted from a legacy encoding, where U+FFFD marks undecodable bytes.
    let marked: Bool
    let emptyHash = CellHash.of(UnsafeRawBufferPointer(start: nil, count: 0))
    let defaultEvent: TextID

    let texts = CellMemo<Text>()
    let dates = CellMemo<(day: Day?, hash: UInt64)>()
    let names = CellMemo<Name>()
    let sectors = CellMemo<Sector>()
    let countries = CellMemo<Country>()
    /// Capped: amounts are far more varied than the other columns.
    let amounts = CellMemo<Amount>(limit: 1 << 16)
    let currencies = CellMemo<Currency>()
    let statuses = CellMemo<(status: LeadStatus?, hash: UInt64)>()
    let types = CellMemo<(type: ContractType?, hash: UInt64)>()
    /// fx lookups by currency id and day (`id << 32 | ordinal`).
    var rates = IntTable<FXTable.Lookup>(filler: .noRates)
    /// The currency marks amounts were written with (`₩`, `원`, `$`…), numbered as first seen.
    /// (A pool of its own, so a memo value names a mark as plain bytes.)
    let marks = TextPool()
    var currencyCells: Int32 = 0
    /// The currency codes currency cells named, numbered as first seen.
    let codes = TextPool()
    /// A marked amount's currency by mark and currency cell (`mark << 32 | cell`): the text id,
    /// or -1 when the two disagree. (Resolving it per row compared and hashed strings: 2% of a
    /// messy ingest.)
    var resolved = IntTable<TextID>(filler: -2)

    init(context: NormalizeContext, pool: TextPool, marked: Bool) {
        self.context = context
        self.pool = pool
        self.marked = marked
        defaultEvent = pool.intern(context.defaultEvent)
    }

    /// The trimmed text of a cell, nil when undecodable (the `FieldDecoder` rules).
    func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        let b = bytes.bindMemory(to: UInt8.self)
        if marked && FieldDecoder.containsReplacement(b) { return nil }
        return TextFold.trim(String(decoding: b, as: UTF8.self))
    }

    func text(_ bytes: UnsafeRawBufferPointer) -> Text {
        texts.value(bytes) { b in
            guard let t = decode(b) else { return Text(text: nil, isEmpty: true, hash: 0) }
            return Text(text: pool.intern(t), isEmpty: t.isEmpty, hash: CellHash.of(t))
        }
    }

    /// `YYYY-MM-DD` (a valid day) is read directly, as `DateParser` reads it; anything else
    /// once per spelling.
    func date(_ bytes: UnsafeRawBufferPointer) -> (day: Day?, hash: UInt64) {
        if bytes.count == 10, let day = Self.isoDay(bytes) { return (day, CellHash.of(bytes)) }
        return dates.value(bytes) { b in
            guard let t = decode(b), !t.isEmpty else { return (nil, 0) }
            return (DateParser.parse(t, excelSerial: context.excelSerialDates), CellHash.of(t))
        }
    }

    /// The day of ten bytes `dddd-dd-dd`; nil when they are not that or name no real day.
    @inline(__always)
    static func isoDay(_ b: UnsafeRawBufferPointer) -> Day? {
        guard b[4] == 0x2D, b[7] == 0x2D else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(b[i]) &- 48
            return d >= 0 && d <= 9 ? d : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    /// A company or buyer cell, whose `CellHash` the caller took (to prefetch the lookup).
    @inline(__always)
    func name(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Name {
        names.value(bytes, hash: hash) { b in
            guard let t = decode(b), !t.isEmpty else { return Name(hash: 0, raw: 0, key: -1) }
            let key = NameKey.key(t)
            return Name(hash: CellHash.of(t), raw: pool.intern(t), key: key.isEmpty ? -1 : pool.intern(key))
        }
    }

    func sector(_ bytes: UnsafeRawBufferPointer) -> Sector {
        sectors.value(bytes) { b in
            guard let t = decode(b) else { return Sector(text: 0, isEmpty: true, index: Taxonomy.unclassified, hash: 0, decodable: false) }
            return Sector(text: pool.intern(t), isEmpty: t.isEmpty,
                          index: t.isEmpty ? Taxonomy.unclassified : context.taxonomy.classify(t),
                          hash: CellHash.of(t), decodable: true)
        }
    }

    func country(_ bytes: UnsafeRawBufferPointer) -> Country {
        countries.value(bytes) { b in
            guard let t = decode(b) else { return Country(text: 0, alpha2: 0, hash: 0, decodable: false) }
            let alpha2 = t.isEmpty ? "" : CountryTable.alpha2(forNormalized: TextFold.fold(t)) ?? ""
            return Country(text: pool.intern(t), alpha2: pool.intern(alpha2), hash: CellHash.of(t), decodable: true)
        }
    }

    /// Plain ASCII amounts (`1200000`, `1234.5`) are read directly; anything else once per spelling.
    func amount(_ bytes: UnsafeRawBufferPointer) -> Amount {
        if !bytes.isEmpty, bytes.count <= 36, let first = bytes.first, first >= 0x30 && first <= 0x39,
           let plain = ExactDecimal(plainBytes: bytes) {
            return Amount(amount: plain, hash: CellHash.of(bytes), ok: true)
        }
        return amounts.value(bytes) { b in
            guard let t = decode(b) else { return Amount(amount: nil, hash: 0, ok: false) }
            if t.isEmpty { return Amount(amount: nil, hash: CellHash.of(t), ok: true) }
            guard case .success(let parsed) = MoneyParser.parse(t), !parsed.amount.isNegative else {
                return Amount(amount: nil, hash: 0, ok: false)
            }
            return Amount(amount: parsed.amount, hash: CellHash.of(t), ok: true, mark: parsed.mark.map(marks.intern) ?? -1)
        }
    }

    func currency(_ bytes: UnsafeRawBufferPointer) -> Currency {
        currencies.value(bytes) { b in
            currencyCells += 1
            guard let t = decode(b) else { return Currency(valid: false, code: -1, unmarked: 0, hash: 0, id: currencyCells) }
            let cell = CurrencyResolver.read(t)
            var column: String?
            if case .code(let code) = cell { column = code }
            let unmarked = CurrencyResolver.combine(mark: nil, column: column, default: context.defaultCurrency) ?? context.defaultCurrency
            return Currency(valid: cell != .unknown, code: column.map(codes.intern) ?? -1, unmarked: pool.intern(unmarked),
                            hash: CellHash.of(t), id: currencyCells)
        }
    }

    func status(_ bytes: UnsafeRawBufferPointer) -> (status: LeadStatus?, hash: UInt64) {
        statuses.value(bytes) { b in
            guard let t = decode(b) else { return (nil, 0) }
            return (EnumAliases.status(t), CellHash.of(t))
        }
    }

    func type(_ bytes: UnsafeRawBufferPointer) -> (type: ContractType?, hash: UInt64) {
        types.value(bytes) { b in
            guard let t = decode(b) else { return (nil, 0) }
            return (EnumAliases.type(t), CellHash.of(t))
        }
    }

    /// An id cell: trimmed, NFKC; nil when undecodable or empty. Printable ASCII is taken as is.
    /// The id, its cell's hash (for the row digest) and `RowIDTable.hash` of the id (for the merge).
    /// `raw`: the cell as written (trimmed), interned, when NFKC changed it; -1 otherwise.
    func id(_ bytes: UnsafeRawBufferPointer) -> (id: String, hash: UInt64, row: Int, raw: TextID)? {
        var printable = !bytes.isEmpty
        for b in bytes where b <= 0x20 || b >= 0x7F {
            printable = false
            break
        }
        if printable {
            let hash = CellHash.of(bytes)  // the id's own bytes
            return (String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self), hash, RowIDTable.hash(cellHash: hash), -1)
        }
        guard let t = decode(bytes) else { return nil }
        let id = TextFold.trim(TextFold.nfkc(t))
        return (id, CellHash.of(t), RowIDTable.hash(id), RowChecks.typedID(t, of: id, pool: pool))
    }

    /// The key of `rates` for a currency and day.
    @inline(__always)
    static func rateKey(_ currency: TextID, _ day: Day) -> UInt64 {
        UInt64(UInt32(bitPattern: currency)) << 32 | UInt64(UInt32(truncatingIfNeeded: day.ordinal))
    }

    /// The USD cents of `amount` in `currency` on `day`; nil when there is no rate or it overflows.
    func cents(_ amount: ExactDecimal, _ currency: TextID, _ day: Day) -> Int64? {
        let lookup = rates.value(Self.rateKey(currency, day)) { context.fx.lookup(pool[currency], on: day) }
        guard case .rate(let rate) = lookup else { return nil }
        return amount.centsOfProduct(with: rate)
    }

    /// The amount, currency and USD cents of a row whose cells are all fine; nil otherwise.
    func money(amount a: Amount, currency c: Currency, day: Day) -> (amount: ExactDecimal?, currency: TextID, cents: Int64?)? {
        guard a.ok, c.valid else { return nil }
        var currency = c.unmarked
        if a.mark >= 0 {
            let key = UInt64(UInt32(bitPattern: a.mark)) << 32 | UInt64(UInt32(bitPattern: c.id))
            let id = resolved.value(key) {
                guard let name = CurrencyResolver.combine(mark: marks[a.mark], column: c.code >= 0 ? codes[c.code] : nil,
                                                          default: context.defaultCurrency) else { return -1 }
                return pool.intern(name)
            }
            guard id >= 0 else { return nil }
            currency = id
        }
        guard let amount = a.amount else { return (nil, currency, nil) }
        guard let cents = cents(amount, currency, day) else { return nil }
        return (amount, currency, cents)
    }

    /// Appends a consultations record to `outcomes` as a lead; false (nothing appended) when it
    /// needs the String path.
    /// - Parameter positions: field index per canonical column, -1 where the file lacks it.
    /// - Parameter idHashes: gets the lead's `RowIDTable.hash(id)` when a lead is appended (taken
    ///   here, where the id's bytes are at hand: the chunk's seal read it back out of each row).
    func appendLead(_ record: CSVRecord, positions: [Int], source: SourceRef, to outcomes: RowOutcomes,
                    idHashes: inout [Int]) -> Bool {
        @inline(__always) func cell(_ k: Int) -> UnsafeRawBufferPointer { record.cell(k, positions) }
        // The names' memo is the one big table (20,000 buyers miss the caches): where their
        // lookups will read is brought in while the cells before them are read.
        let companyCell = record.cellIfPresent(4, positions), buyerCell = record.cellIfPresent(5, positions)
        let companyHash = CellHash.of(companyCell), buyerHash = CellHash.of(buyerCell)
        names.prefetch(hash: companyHash)
        names.prefetch(hash: buyerHash)
        guard let id = self.id(cell(0)), !id.id.isEmpty else { return false }
        let date = self.date(cell(1))
        guard let day = date.day else { return false }
        names.prefetch(hash: companyHash, record: true)
        names.prefetch(hash: buyerHash, record: true)
        // The rate of the day (a table that misses the caches as the chunks stream past) is
        // brought in for the column's currency while the other cells are read.
        let currency = self.currency(cell(9))
        rates.prefetch(Self.rateKey(currency.unmarked, day))
        let event = text(cell(2))
        let city = text(cell(3))
        let company = name(companyCell, hash: companyHash)
        let buyer = name(buyerCell, hash: buyerHash)
        let country = self.country(cell(6))
        let sector = self.sector(cell(7))
        let amount = self.amount(cell(8))
        let statusCell = self.status(cell(10))
        guard let eventText = event.text, let cityText = city.text, company.ok, buyer.ok, country.decodable,
              sector.decodable, !sector.isEmpty, let status = statusCell.status,
              let money = money(amount: amount, currency: currency, day: day) else { return false }
        var digest = RowDigest()
        digest.add(hash: id.hash)
        digest.add(hash: date.hash)
        digest.add(hash: event.hash)
        digest.add(hash: city.hash)
        digest.add(hash: company.hash)
        digest.add(hash: buyer.hash)
        digest.add(hash: country.hash)
        digest.add(hash: sector.hash)
        digest.add(hash: amount.hash)
        digest.add(hash: currency.hash)
        digest.add(hash: statusCell.hash)
        let lead = Lead(id: id.id, date: day, event: event.isEmpty ? defaultEvent : eventText,
                        city: cityText, companyRaw: company.raw, companyKey: company.key,
                        buyerRaw: buyer.raw, buyerKey: buyer.key, buyerCountry: country.alpha2,
                        countryText: country.text, sector: sector.index, sectorText: sector.text,
                        amount: money.amount, currency: money.currency, usdCents: money.cents ?? 0,
                        status: status, source: source, rawID: id.raw)
        // Appended here, not returned: an optional tuple holding the row was copied through
        // its value witnesses.
        outcomes.append(.lead(lead, digest))
        idHashes.append(id.row)
        return true
    }

    /// `appendLead`, the row returned instead (for tests).
    func lead(_ record: CSVRecord, positions: [Int], source: SourceRef, idHashes: inout [Int]) -> (Lead, RowDigest)? {
        let one = RowOutcomes(capacity: 1)
        guard appendLead(record, positions: positions, source: source, to: one, idHashes: &idHashes),
              case .lead(let row, let digest) = one.take(0) else { return nil }
        return (row, digest)
    }

    /// Appends a contracts record to `outcomes` as a contract; false when it needs the String path.
    /// - Parameter idHashes: as for `appendLead`.
    func appendContract(_ record: CSVRecord, positions: [Int], source: SourceRef, to outcomes: RowOutcomes,
                        idHashes: inout [Int]) -> Bool {
        @inline(__always) func cell(_ k: Int) -> UnsafeRawBufferPointer { record.cell(k, positions) }
        let companyCell = record.cellIfPresent(3, positions), buyerCell = record.cellIfPresent(4, positions)
        let companyHash = CellHash.of(companyCell), buyerHash = CellHash.of(buyerCell)
        names.prefetch(hash: companyHash)
        names.prefetch(hash: buyerHash)
        guard let id = self.id(cell(0)), !id.id.isEmpty else { return false }
        let leadCell = cell(1)
        let leadID: (id: String, hash: UInt64)
        if leadCell.isEmpty {
            leadID = ("", emptyHash)
        } else {
            guard let l = self.id(leadCell) else { return false }
            leadID = (l.id, l.hash)
        }
        let date = self.date(cell(2))
        guard let day = date.day else { return false }
        names.prefetch(hash: companyHash, record: true)
        names.prefetch(hash: buyerHash, record: true)
        let currency = self.currency(cell(7))
        rates.prefetch(Self.rateKey(currency.unmarked, day))
        let company = name(companyCell, hash: companyHash)
        let buyer = name(buyerCell, hash: buyerHash)
        let type = self.type(cell(5))
        let amount = self.amount(cell(6))
        let sector = self.sector(cell(8))
        guard company.ok, buyer.ok, let contractType = type.type, sector.decodable,
              !(contractType == .contract && amount.amount == nil),
              let money = money(amount: amount, currency: currency, day: day) else { return false }
        var digest = RowDigest()
        digest.add(hash: id.hash)
        digest.add(hash: leadID.hash)
        digest.add(hash: date.hash)
        digest.add(hash: company.hash)
        digest.add(hash: buyer.hash)
        digest.add(hash: type.hash)
        digest.add(hash: amount.hash)
        digest.add(hash: currency.hash)
        digest.add(hash: sector.hash)
        let contract = Contract(id: id.id, leadID: leadID.id, date: day, companyRaw: company.raw, companyKey: company.key,
                                buyerRaw: buyer.raw, buyerKey: buyer.key, type: contractType, amount: money.amount,
                                currency: money.currency, usdCents: money.cents,
                                ownSector: sector.isEmpty ? nil : sector.index, sectorText: sector.text, source: source,
                                rawID: id.raw)
        // Appended here, not returned: an optional tuple holding the row was copied through
        // its value witnesses.
        outcomes.append(.contract(contract, digest))
        idHashes.append(id.row)
        return true
    }

    /// `appendContract`, the row returned instead (for tests).
    func contract(_ record: CSVRecord, positions: [Int], source: SourceRef, idHashes: inout [Int]) -> (Contract, RowDigest)? {
        let one = RowOutcomes(capacity: 1)
        guard appendContract(record, positions: positions, source: source, to: one, idHashes: &idHashes),
              case .contract(let row, let digest) = one.take(0) else { return nil }
        return (row, digest)
    }
}

extension CSVRecord {
    /// The bytes of canonical column `k` through `positions` (field index per canonical column,
    /// -1 where the file lacks it: then no bytes).
    @inline(__always)
    func cell(_ k: Int, _ positions: [Int]) -> UnsafeRawBufferPointer {
        let p = positions[k]
        return p < 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : field(p)
    }

    /// `cell(k, positions)`, or no bytes when the record is too short to have it (the fast
    /// path's callers check the width first; these cells are read before anything is checked).
    @inline(__always)
    func cellIfPresent(_ k: Int, _ positions: [Int]) -> UnsafeRawBufferPointer {
        positions[k] < fieldCount ? cell(k, positions) : UnsafeRawBufferPointer(start: nil, count: 0)
    }
}
