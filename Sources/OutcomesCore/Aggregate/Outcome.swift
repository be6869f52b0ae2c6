/// Everything the aggregate stage computes from accepted rows, ready for export.
public struct Outcome: Sendable {
    public let leads: [Lead]
    public let contracts: [Contract]
    /// The texts the rows' `TextID`s point into.
    public let texts: TextPool
    public let attribution: Attribution
    public let facts: [LeadFacts]
    /// Per contract: its sector (own cell, else its lead's, else unclassified).
    public let contractSectors: [Int]
    public let companyNames: DisplayNames
    public let buyerNames: DisplayNames
    /// The summary and the breakdowns: computed in `init`, or still being computed on Dispatch
    /// workers (then reading one waits for them).
    private let breakdowns: Breakdowns
    public var summary: Summary { breakdowns.tables.summary }
    /// Breakdown rows, each with its key columns, already in the contract's row order.
    public var sectors: [(level: String, code: String, name: String, parent: String, stats: GroupStats)] { breakdowns.tables.sectors }
    public var companies: [(key: String, stats: GroupStats)] { breakdowns.tables.companies }
    public var events: [(key: String, stats: GroupStats)] { breakdowns.tables.events }
    public var countries: [(key: String, stats: GroupStats)] { breakdowns.tables.countries }
    public var monthly: [(key: String, stats: GroupStats)] { breakdowns.tables.monthly }
    public var funnel: [(stage: String, leads: Int)] { breakdowns.tables.funnel }

    /// Lead `i`'s id as the outputs write it: as typed (trimmed), though compared in NFKC.
    public func writtenID(lead i: Int) -> String {
        leads[i].writtenID { texts[$0] }
    }

    /// Contract `i`'s id as the outputs write it.
    public func writtenID(contract i: Int) -> String {
        contracts[i].writtenID { texts[$0] }
    }

    /// Waits until the summary and breakdowns are computed (a run waits for them on every path:
    /// no work may outlive it).
    public func waitForBreakdowns() { _ = breakdowns.tables }

    /// Runs attribution and every metric over accepted leads and contracts (in input order).
    /// - Parameter threads: Dispatch workers for attribution and the independent breakdowns.
    /// - Parameter leadIDs: `leads`' ids → index, when the merge already built it.
    /// - Parameter breakdownsLater: with more than one thread, compute the summary and the
    ///   breakdowns on Dispatch workers after `init` returns, so that leads.csv and contracts.csv
    ///   (which need only attribution, facts and names) are written meanwhile.
    public init(leads: [Lead], contracts: [Contract], texts: TextPool, taxonomy: Taxonomy, windowDays: Int, counts: FileCounts,
                threads: Int = 1, leadIDs: LeadIDTable? = nil, breakdownsLater: Bool = false) {
        self.leads = leads
        self.contracts = contracts
        self.texts = texts
        // The display names need no attribution: with a second worker they are chosen on it
        // while attribution's pair index (one pass on one core) is built.
        let chooseNames: @Sendable () -> (DisplayNames, DisplayNames) = {
            // By index: iterating the arrays would copy each row, its id string included.
            (DisplayNames(leads.indices.lazy.map { (leads[$0].companyKey, leads[$0].companyRaw) }
                              + contracts.indices.lazy.map { (contracts[$0].companyKey, contracts[$0].companyRaw) }, texts: texts),
             DisplayNames(leads.indices.lazy.map { (leads[$0].buyerKey, leads[$0].buyerRaw) }
                              + contracts.indices.lazy.map { (contracts[$0].buyerKey, contracts[$0].buyerRaw) }, texts: texts))
        }
        let namesLater = threads > 1 ? Background(chooseNames) : nil
        let ids = KeyIDs(leads: leads, contracts: contracts, texts: texts.count)
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: windowDays, ids: ids, threads: threads,
                                      leadIDs: leadIDs)
        self.attribution = attribution
        // Attribution's per-part arrays were freed on worker threads, into their malloc arenas.
        FreedMemory.release()
        let facts = LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution, threads: threads)
        self.facts = facts
        let links = attribution.links
        contractSectors = contracts.indices.map { i in
            if let own = contracts[i].ownSector { return own }
            if let l = links[i].lead { return leads[l].sector }
            return Taxonomy.unclassified
        }
        let sectorOf = contractSectors
        let later = breakdownsLater && threads > 1
        let compute: @Sendable () -> Breakdowns.Tables = {
            Self.breakdowns(leads: leads, contracts: contracts, texts: texts, taxonomy: taxonomy, facts: facts, ids: ids,
                            attribution: attribution, contractSectors: sectorOf, counts: counts, threads: threads)
        }
        breakdowns = later ? Breakdowns(later: Background(compute)) : Breakdowns(now: compute())
        let (companyNames, buyerNames) = namesLater?.value ?? chooseNames()
        self.companyNames = companyNames
        self.buyerNames = buyerNames
    }

    /// The summary and every breakdown, from attributed rows and their facts (on `threads`
    /// workers, each computing some of them).
    private static func breakdowns(leads: [Lead], contracts: [Contract], texts: TextPool, taxonomy: Taxonomy, facts: [LeadFacts],
                                   ids: KeyIDs, attribution: Attribution, contractSectors sectorOf: [Int], counts: FileCounts,
                                   threads: Int) -> Breakdowns.Tables {
        let links = attribution.links
        let input = GroupingInput(leads: leads, contracts: contracts, facts: facts, ids: ids)
        // Sector rows are keyed by taxonomy index (unclassified is -1); group rows by -2 - index.
        // Per taxonomy index (shifted by one for unclassified): the sector row and its group row.
        let sectorKeyTable: [(Int, Int?)] = ([Taxonomy.unclassified] + Array(taxonomy.entries.indices)).map { s in
            if s == Taxonomy.unclassified { return (s, nil) }
            if taxonomy.entries[s].isGroup { return (-2 - s, nil) }
            guard let parent = taxonomy.index(ofCode: taxonomy.entries[s].parent) else { return (s, nil) }
            return (s, -2 - parent)
        }
        func sectorKeys(_ s: Int) -> (Int, Int?) { sectorKeyTable[s + 1] }
        // Every sector and group key: -2 - (last index) up to the last index.
        let sectorKeyRange = (-2 - taxonomy.entries.count)..<max(0, taxonomy.entries.count)
        func byValue(_ groups: [TextID: GroupStats]) -> [(key: String, stats: GroupStats)] {
            byText(groups) { texts[$0] }
        }
        func byText<K>(_ groups: [K: GroupStats], _ text: (K) -> String) -> [(key: String, stats: GroupStats)] {
            groups.map { (text($0.key), $0.value) }.sorted { a, b in
                if a.stats.consultationCents != b.stats.consultationCents { return a.stats.consultationCents > b.stats.consultationCents }
                return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
        }
        // Months as year·12 + month: the integer order is the calendar order.
        func month(_ d: Day) -> Int { let c = d.components; return c.year * 12 + c.month - 1 }
        // The summary and each breakdown only read what attribution made: they are computed
        // side by side, listed so that two workers, which take every other item, get about equal
        // work (measured at 5M leads on one thread, 2026-11-24: sectors 0.36-0.41 s, companies
        // 0.30, months 0.24-0.29, events and countries 0.25, summary 0.24).
        let order = [3, 7, 4, 5, 2, 6]
        let computed = ParallelMap.map(count: order.count, threads: threads, makeState: { () }) { _, item -> OutcomePart in
            switch order[item] {
            case 2:
                return .summary(Summary(leads: leads, contracts: contracts, attribution: attribution, facts: facts, counts: counts, ids: ids))
            case 3:
                return .ints(Grouping.group(input, leadKeys: { sectorKeys(leads[$0].sector) }, contractKeys: { sectorKeys(sectorOf[$0]) },
                                            direct: sectorKeyRange))
            case 4:
                return .texts(Grouping.group(input, leadKeys: { (ids.leadCompany($0), nil) }, contractKeys: { (ids.contractCompany[$0], nil) },
                                             direct: 0..<texts.count))
            case 5:
                return .texts(Grouping.group(input, leadKeys: { (leads[$0].event, nil) },
                                             contractKeys: { (links[$0].lead.map { leads[$0].event } ?? TextPool.empty, nil) },
                                             direct: 0..<texts.count))
            case 6:
                return .texts(Grouping.group(input, leadKeys: { (leads[$0].buyerCountry, nil) },
                                             contractKeys: { (links[$0].lead.map { leads[$0].buyerCountry } ?? TextPool.empty, nil) },
                                             direct: 0..<texts.count))
            default:
                return .ints(Grouping.group(input, leadKeys: { (month(leads[$0].date), nil) }, contractKeys: { (month(contracts[$0].date), nil) },
                                            direct: 1900 * 12..<2100 * 12))
            }
        }
        FreedMemory.release()  // the groupings' slot arrays, freed on worker threads
        var parts = [OutcomePart?](repeating: nil, count: 8)
        for (item, part) in order.enumerated() { parts[part] = computed[item] }
        guard case .summary(let summary) = parts[2], case .ints(let bySector) = parts[3],
              case .texts(let byCompany) = parts[4], case .texts(let byEvent) = parts[5],
              case .texts(let byCountry) = parts[6], case .ints(let byMonth) = parts[7] else {
            preconditionFailure("outcome parts out of order")
        }
        let sectors: [(level: String, code: String, name: String, parent: String, stats: GroupStats)] = bySector.map { key, stats in
            let isGroup = key <= -2
            let index = isGroup ? -2 - key : key
            let code = taxonomy.code(index)
            let name = index == Taxonomy.unclassified ? code : taxonomy.entries[index].displayName
            let parent = isGroup ? "" : taxonomy.parentCode(index)
            return (isGroup ? "group" : "sector", code, name, parent, stats)
        }.sorted { a, b in
            if a.stats.consultationCents != b.stats.consultationCents { return a.stats.consultationCents > b.stats.consultationCents }
            if a.code != b.code { return a.code.utf8.lexicographicallyPrecedes(b.code.utf8) }
            return a.level == "group" && b.level == "sector"
        }

        let companies = byValue(byCompany)
        let events = byValue(byEvent)
        let countries = byValue(byCountry)
        let monthly: [(key: String, stats: GroupStats)] = byMonth
            .sorted { $0.key < $1.key }
            .map { (Day.pad($0.key / 12, 4) + "-" + Day.pad($0.key % 12 + 1, 2), $0.value) }

        var stageCounts = [Int](repeating: 0, count: LeadStatus.funnelStages.count)
        var dropped = 0
        for f in facts {
            for r in 0...f.rank { stageCounts[r] += 1 }
            if f.dropped { dropped += 1 }
        }
        let funnel: [(stage: String, leads: Int)] = LeadStatus.funnelStages.enumerated().map { ($1.rawValue, stageCounts[$0]) }
            + [("dropped", dropped)]
        return Breakdowns.Tables(summary: summary, sectors: sectors, companies: companies, events: events,
                                 countries: countries, monthly: monthly, funnel: funnel)
    }
}

/// An outcome's summary and breakdowns, computed at once or on Dispatch workers.
final class Breakdowns: @unchecked Sendable {
    struct Tables {
        let summary: Summary
        let sectors: [(level: String, code: String, name: String, parent: String, stats: GroupStats)]
        let companies: [(key: String, stats: GroupStats)]
        let events: [(key: String, stats: GroupStats)]
        let countries: [(key: String, stats: GroupStats)]
        let monthly: [(key: String, stats: GroupStats)]
        let funnel: [(stage: String, leads: Int)]
    }

    private let ready: Tables?
    private let later: Background<Tables>?

    init(now tables: Tables) {
        ready = tables
        later = nil
    }

    init(later work: Background<Tables>) {
        ready = nil
        later = work
    }

    /// The tables, waiting for them if they are still being computed.
    var tables: Tables { ready ?? later!.value }
}

/// One independently computed piece of an `Outcome`.
private enum OutcomePart {
    case summary(Summary)
    case ints([Int: GroupStats])
    case texts([TextID: GroupStats])
}
