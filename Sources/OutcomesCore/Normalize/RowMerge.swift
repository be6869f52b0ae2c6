/// Merges normalized chunks in input order: claims ids, tells repeated rows from reused ids,
/// and keeps the per-file counts (section 1.6 and section 4, "Duplicates and ids").
public struct RowMerge {
    public private(set) var leads: [Lead] = []
    public private(set) var contracts: [Contract] = []
    public private(set) var issues: [RowIssue] = []
    /// Counts per input file, indexed like the runner's file list.
    public private(set) var counts: [FileCounts]
    /// The run's texts: rows are re-pointed from their worker's pool into this one.
    public let pool = TextPool()
    var leadClaims: IDClaims
    var contractClaims: IDClaims
    /// Per worker pool: its ids mapped to the run's.
    var remaps: [ObjectIdentifier: [TextID]] = [:]
    /// What `warm` read, kept so the reads are not optimized away.
    private(set) var warmth = 0
    /// The kept leads' USD cents, and the kept contracts' (every type), so far: every sum the
    /// aggregation takes is a part of one of these, so none overflows once these do not.
    private(set) var leadCents: Int64 = 0
    private(set) var contractCents: Int64 = 0

    /// - Parameters:
    ///   - expectedLeads, expectedContracts: how many rows may come, at most (sizes the arrays
    ///     and id tables once; more rows still fit, by growing them).
    public init(fileCount: Int, expectedLeads: Int = 0, expectedContracts: Int = 0) {
        counts = Array(repeating: FileCounts(), count: fileCount)
        leadClaims = IDClaims(capacity: expectedLeads)
        contractClaims = IDClaims(capacity: expectedContracts)
        leads.reserveCapacity(expectedLeads)
        contracts.reserveCapacity(expectedContracts)
    }

    /// Adds one sealed chunk of file `file` (whose path is `path`); chunks must come in input order.
    public mutating func absorb(_ chunk: NormalizedChunk, file: Int, path: String) {
        // The file's counts are kept in a local while the chunk is merged (an element of an
        // array property, updated per row, was checked for uniqueness at each update).
        var fileCounts = counts[file]
        defer { counts[file] = fileCounts }
        fileCounts.blank += chunk.blank
        let key = ObjectIdentifier(chunk.pool)
        var remap = remaps.removeValue(forKey: key) ?? []
        // A worker's chunks come in order, so its new texts continue where the last chunk's ended.
        precondition(chunk.firstNewText <= remap.count, "a chunk was merged before an earlier chunk of its worker")
        for i in remap.count..<(chunk.firstNewText + chunk.newTexts.count) {
            remap.append(pool.intern(chunk.newTexts[i - chunk.firstNewText]))
        }
        defer { remaps[key] = remap }
        let hashes = chunk.idHashes
        let rows = chunk.outcomes
        // A chunk holds one file's rows: all leads or all contracts (and rejected rows).
        let ofLeads = rows.withUnsafeBufferPointer { $0.contains { if case .lead = $0 { return true } else { return false } } }
        let batch = 32
        // Each row is moved out of the chunk (not copied, then destroyed with the chunk). Every
        // text id of the chunk's rows is below `remap.count` (checked above), so the map is
        // read without bounds checks.
        remap.withUnsafeBufferPointer { map in
            for first in stride(from: 0, to: rows.count, by: batch) {
                let end = min(rows.count, first + batch)
                warm(ofLeads, hashes, first..<end)
                for k in first..<end {
                    fileCounts.read += 1
                    // Switched on as it is taken: a row bound from a `consuming` parameter was
                    // copied out of it (through the tuple's value witnesses) and then destroyed.
                    switch rows.take(k) {
                    case .rejected(let rowIssues):
                        fileCounts.rejected += 1
                        issues += rowIssues
                    case .lead(let lead, let digest):
                        absorb(lead: lead, digest, hash: hashes[k], counts: &fileCounts, path: path) { map[Int($0)] }
                    case .contract(let contract, let digest):
                        absorb(contract: contract, digest, hash: hashes[k], counts: &fileCounts, path: path) { map[Int($0)] }
                    }
                }
            }
        }
    }

    /// Reads the id slots of `range`'s rows with the loads of a whole batch in flight together
    /// (each is a cache miss into tables of millions of rows); the inserts then find them in
    /// cache. The values read only feed `warmth`.
    private mutating func warm(_ ofLeads: Bool, _ hashes: [Int], _ range: Range<Int>) {
        var sum = UInt64(truncatingIfNeeded: warmth)
        // A rejected row's 0 reads some slot, harmlessly.
        if ofLeads {
            for k in range { sum &+= leadClaims.table.touch(hashes[k]) }
        } else {
            for k in range { sum &+= contractClaims.table.touch(hashes[k]) }
        }
        warmth = Int(truncatingIfNeeded: sum)
    }

    @inline(__always)
    private mutating func absorb(lead: consuming Lead, _ digest: RowDigest, hash: Int, counts: inout FileCounts, path: String,
                                 _ global: (TextID) -> TextID) {
        let (cents, overflow) = leadCents.addingReportingOverflow(lead.usdCents)
        if overflow {
            return tooLarge(lead.amount, table: "consultations", counts: &counts, path: path, line: lead.source.line)
        }
        // The kept rows read in place (a closure capturing `leads` retained and released its buffer per row).
        let identical = leads.withUnsafeBufferPointer { kept in
            leadClaims.claim(lead.id, hash: hash, digest, idOf: { kept[$0].id })
        }
        if let identical {
            duplicate(identical, id: lead.writtenID { pool[global($0)] }, column: "consultation_id", counts: &counts,
                      path: path, line: lead.source.line)
            return
        }
        lead.mapTexts(global)
        leadCents = cents
        counts.accepted += 1
        if lead.amount == nil { counts.amountMissing += 1 }
        leads.append(lead)
    }

    @inline(__always)
    private mutating func absorb(contract: consuming Contract, _ digest: RowDigest, hash: Int, counts: inout FileCounts,
                                 path: String, _ global: (TextID) -> TextID) {
        let (cents, overflow) = contractCents.addingReportingOverflow(contract.usdCents ?? 0)
        if overflow {
            return tooLarge(contract.amount, table: "contracts", counts: &counts, path: path, line: contract.source.line)
        }
        let identical = contracts.withUnsafeBufferPointer { kept in
            contractClaims.claim(contract.id, hash: hash, digest, idOf: { kept[$0].id })
        }
        if let identical {
            duplicate(identical, id: contract.writtenID { pool[global($0)] }, column: "contract_id", counts: &counts,
                      path: path, line: contract.source.line)
            return
        }
        contract.mapTexts(global)
        contractCents = cents
        counts.accepted += 1
        if contract.amount == nil { counts.amountMissing += 1 }  // an MOU or LOI kept without an amount
        contracts.append(contract)
    }

    /// The kept leads' ids → their index in `leads`, as the claims built it (attribution's id
    /// lookup, which need not build it again).
    public var leadIDs: LeadIDTable { LeadIDTable(leadClaims.table) }

    /// A row whose USD value would take its table's total past 64-bit cents: rejected as
    /// `bad_money` on its amount (before it claims its id), so no sum of the run can overflow.
    /// The value is the parsed amount (the row no longer holds the cell as written).
    mutating func tooLarge(_ amount: ExactDecimal?, table: String, counts: inout FileCounts, path: String, line: Int) {
        counts.rejected += 1
        issues.append(RowIssue(location: SourceLocation(file: path, line: line, column: "amount"), value: amount?.plainString ?? "",
                               reason: .badMoney,
                               message: "the \(table)' USD values would add up to more than \(NumberFormat.usd(cents: .max)), "
                                   + "the most outcomes can sum; this row is left out"))
    }

    mutating func duplicate(_ identical: Bool, id: String, column: String, counts: inout FileCounts, path: String, line: Int) {
        if identical {
            counts.duplicate += 1
        } else {
            counts.rejected += 1
            issues.append(RowIssue(location: SourceLocation(file: path, line: line, column: column), value: id,
                                   reason: .duplicateID,
                                   message: "\(column) \(id) was already used by an earlier row with other content; the first is kept"))
        }
    }
}

/// Which ids are taken, and the digest of the row that took each: the row claiming an id is the
/// next one kept, so kept-row indexes find both the id (through the rows) and the digest.
struct IDClaims {
    private(set) var table: RowIDTable
    /// Per kept row: its digest folded to 64 bits (8 bytes a row instead of 16; two rows with one
    /// id and other content fold alike once in 2^64).
    private(set) var digests: [UInt64] = []

    init(capacity: Int) {
        table = RowIDTable(capacity: capacity)
        // Reserved like the rows: growing a big array by doubling holds both copies for a moment.
        digests.reserveCapacity(capacity)
    }

    /// Claims `id` for the next kept row; when an earlier row holds it, returns whether that
    /// row's digest equals `digest` (a repeated row) or not (a reused id).
    /// - Parameter idOf: the id of kept row `r`.
    /// - Parameter hash: `RowIDTable.hash(id)`.
    mutating func claim(_ id: String, hash: Int, _ digest: RowDigest, idOf: (Int) -> String) -> Bool? {
        let folded = digest.folded
        if let earlier = table.insert(id, hash: hash, row: digests.count, idOf: idOf) { return digests[earlier] == folded }
        digests.append(folded)
        return nil
    }
}
