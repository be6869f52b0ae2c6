import XCTest
@testable import OutcomesCore

/// The texts of the rows the tests build by hand (and of their normalizers' caches).
let testTexts = TextPool()

/// A test lead: keys equal the raw names, amount in USD.
func makeLead(_ id: String, _ date: String, company: String = "acme", buyer: String = "bob", line: Int,
              status: LeadStatus = .consulted, cents: Int64 = 100, sector: Int = Taxonomy.unclassified,
              event: String = "Expo") -> Lead {
    let t = testTexts
    return Lead(id: id, date: DateParser.parse(date)!, event: t.intern(event), city: TextPool.empty, companyRaw: t.intern(company),
         companyKey: t.intern(company), buyerRaw: t.intern(buyer), buyerKey: t.intern(buyer), buyerCountry: TextPool.empty,
         countryText: TextPool.empty, sector: sector, sectorText: TextPool.empty, amount: ExactDecimal(Int(cents)),
         currency: t.intern("USD"), usdCents: cents, status: status,
         source: SourceRef(file: 0, line: line))
}

/// A test contract: keys equal the raw names, amount in USD (nil for an MOU/LOI without one).
func makeContract(_ id: String, _ date: String, leadID: String = "", company: String = "acme", buyer: String = "bob",
                  type: ContractType = .contract, cents: Int64? = 1000, sector: Int? = nil, line: Int = 2) -> Contract {
    let t = testTexts
    return Contract(id: id, leadID: leadID, date: DateParser.parse(date)!, companyRaw: t.intern(company), companyKey: t.intern(company),
             buyerRaw: t.intern(buyer), buyerKey: t.intern(buyer), type: type, amount: cents.map { ExactDecimal(Int($0)) },
             currency: t.intern("USD"), usdCents: cents, ownSector: sector, sectorText: TextPool.empty, source: SourceRef(file: 1, line: line))
}

final class AttributionTests: XCTestCase {
    func day(_ s: String) -> Day { DateParser.parse(s)! }

    func lead(_ id: String, _ date: String, company: String = "acme", buyer: String = "bob", line: Int,
              status: LeadStatus = .consulted) -> Lead {
        makeLead(id, date, company: company, buyer: buyer, line: line, status: status)
    }

    func contract(_ id: String, _ date: String, leadID: String = "", company: String = "acme", buyer: String = "bob",
                  type: ContractType = .contract, cents: Int64? = 1000) -> Contract {
        makeContract(id, date, leadID: leadID, company: company, buyer: buyer, type: type, cents: cents)
    }

    /// Each contract's link as `leadIndex:method` (`-:none` when unattributed).
    func links(_ leads: [Lead], _ contracts: [Contract], window: Int = 365) -> [String] {
        Attribution(leads: leads, contracts: contracts, windowDays: window).links.map {
            "\($0.lead.map(String.init) ?? "-"):\($0.method.rawValue)"
        }
    }

    /// `n` dates spread over 2025.
    static func dates(_ n: Int) -> [String] { (0..<n).map { String(format: "2025-%02d-%02d", 1 + $0 % 12, 1 + $0 % 28) } }

    /// `count` leads with random dates, companies `c0…` and buyers `b0…`, drawn from `rng` (the
    /// id first, then date, company and buyer, lead by lead).
    static func randomLeads(_ rng: inout SeededGenerator, count: Int, dates: [String], companies: UInt64, buyers: UInt64,
                            id: (inout SeededGenerator, Int) -> String) -> [Lead] {
        (0..<count).map { i in
            let leadID = id(&rng, i)
            let date = dates[Int(rng.next() % UInt64(dates.count))]
            let company = "c\(rng.next() % companies)"
            return makeLead(leadID, date, company: company, buyer: "b\(rng.next() % buyers)", line: i + 2)
        }
    }

    /// Attribution splits ids and pairs by hash over the workers: the links must not depend on
    /// the split. Few companies, buyers and dates, repeated lead ids and same-day ties, checked
    /// against a brute-force search of the contract's rules.
    func testLinksAreTheSameForAnyThreadCountAndMatchABruteForceSearch() {
        var rng = SeededGenerator(seed: 0xA77_21B)
        func pick(_ n: UInt64) -> Int { Int(rng.next() % n) }
        let dates = Self.dates(40)
        let leads = Self.randomLeads(&rng, count: 3_000, dates: dates, companies: 6, buyers: 9) { rng, _ in "L\(rng.next() % 2_500)" }
        let contracts = (0..<1_500).map { i in
            makeContract("K\(i)", dates[pick(40)], leadID: pick(3) == 0 ? "L\(pick(3_000))" : "",
                         company: "c\(pick(7))", buyer: "b\(pick(10))")
        }
        let ids = KeyIDs(leads: leads, contracts: contracts)
        let one = Attribution(leads: leads, contracts: contracts, windowDays: 100, ids: ids, threads: 1).links
        for threads in [2, 3, 5] {
            let many = Attribution(leads: leads, contracts: contracts, windowDays: 100, ids: ids, threads: threads).links
            XCTAssertEqual(many.map { $0.lead }, one.map { $0.lead }, "threads \(threads)")
            XCTAssertEqual(many.map { $0.method }, one.map { $0.method }, "threads \(threads)")
        }
        // The merge's id table handed over gives the same links (and is taken: used once).
        var table = RowIDTable(capacity: leads.count)
        for i in leads.indices { _ = table.insert(leads[i].id, row: i) { leads[$0].id } }
        let handed = LeadIDTable(table)
        let withTable = Attribution(leads: leads, contracts: contracts, windowDays: 100, ids: ids, threads: 2, leadIDs: handed).links
        XCTAssertEqual(withTable.map { $0.lead }, one.map { $0.lead })
        XCTAssertEqual(withTable.map { $0.method }, one.map { $0.method })
        XCTAssertNil(handed.take())
        // Facts filled by lead ranges on several workers equal one worker's.
        func describe(_ facts: [LeadFacts]) -> [String] {
            facts.map { "\($0.contracts) \($0.contractCents) \(String(describing: $0.firstContract)) \($0.hasMOU) \($0.rank) \($0.dropped)" }
        }
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: 100, ids: ids, threads: 1)
        let oneFacts = describe(LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution))
        XCTAssertGreaterThan(Set(oneFacts).count, 20)
        for threads in [2, 3] {
            XCTAssertEqual(describe(LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution, threads: threads)),
                           oneFacts, "threads \(threads)")
        }
        var byMethod: [Attribution.Method: Int] = [:]
        for (c, contract) in contracts.enumerated() {
            var want: (Int?, Attribution.Method) = (nil, .none)
            if let first = leads.firstIndex(where: { $0.id == contract.leadID }), !contract.leadID.isEmpty {
                want = (first, .id)
            } else {
                // The latest lead of the pair on or before the contract's day, the later row on a tie.
                let candidates = leads.indices.filter {
                    leads[$0].companyKey == contract.companyKey && leads[$0].buyerKey == contract.buyerKey
                        && leads[$0].date.raw <= contract.date.raw
                }
                if let best = candidates.max(by: { (leads[$0].date.raw, $0) < (leads[$1].date.raw, $1) }),
                   contract.date.raw - leads[best].date.raw <= 100 {
                    want = (best, .companyBuyer)
                }
            }
            XCTAssertEqual(one[c].lead, want.0, "contract \(c)")
            XCTAssertEqual(one[c].method, want.1, "contract \(c)")
            byMethod[want.1, default: 0] += 1
        }
        // The data exercises all three outcomes.
        XCTAssertGreaterThan(byMethod[.id] ?? 0, 100)
        XCTAssertGreaterThan(byMethod[.companyBuyer] ?? 0, 100)
        XCTAssertGreaterThan(byMethod[.none] ?? 0, 100)
    }

    /// The pair index splits pairs over parts by hash and builds them on several workers: every
    /// split and worker count must answer as a brute-force search does (latest lead of the pair
    /// on or before the day, the later row on a tie).
    func testPairIndexAnswersTheSameForAnySplitAndMatchesABruteForceSearch() {
        var rng = SeededGenerator(seed: 0x9A1_7E)
        func pick(_ n: UInt64) -> Int { Int(rng.next() % n) }
        let leads = Self.randomLeads(&rng, count: 2_000, dates: Self.dates(30), companies: 12, buyers: 15) { _, i in "L\(i)" }
        let ids = KeyIDs(leads: leads, contracts: [])
        let days = leads.map { $0.date.raw }
        let queries = (0..<600).map { _ in
            (company: leads[pick(2_000)].companyKey, buyer: leads[pick(2_000)].buyerKey, day: days[pick(2_000)])
        }
        let want = queries.map { q in
            leads.indices.filter { leads[$0].companyKey == q.company && leads[$0].buyerKey == q.buyer && days[$0] <= q.day }
                .max { (days[$0], $0) < (days[$1], $1) }
        }
        XCTAssertGreaterThan(want.compactMap { $0 }.count, 300)
        XCTAssertGreaterThan(want.filter { $0 == nil }.count, 20)
        for (parts, threads) in [(1, 1), (8, 1), (8, 2), (64, 3), (1_024, 2)] {
            let index = PairIndex(leads: leads, ids: ids, days: days, parts: parts, threads: threads)
            let got = queries.map { index.latest($0.company, $0.buyer, onOrBefore: $0.day, days: days) }
            XCTAssertEqual(zip(got, want).filter { $0 != $1 }.count, 0, "wrong answers with parts \(parts), threads \(threads)")
        }
        XCTAssertEqual(PairIndex.partCount(leads: 1_000), 1)
        XCTAssertEqual(PairIndex.partCount(leads: 5_000_000), 512)
    }

    func testByIDIgnoresCompanyBuyerWindowAndDates() {
        let leads = [lead("L1", "2026-06-01", company: "other", buyer: "someone", line: 2)]
        let contracts = [contract("C1", "2020-01-01", leadID: "L1"), contract("C2", "2029-01-01", leadID: "L1")]
        XCTAssertEqual(links(leads, contracts), ["0:id", "0:id"])
    }

    func testByIDKeepsNegativeDaysToContract() {
        let leads = [lead("L1", "2026-06-11", line: 2)]
        let contracts = [contract("C1", "2026-06-01", leadID: "L1")]
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: 365)
        let facts = LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution)
        let summary = Summary(leads: leads, contracts: contracts, attribution: attribution, facts: facts, counts: FileCounts())
        XCTAssertEqual(summary.daysToContract, [-10])
        XCTAssertEqual(NumberFormat.median(days: summary.daysToContract), "-10.0")
    }

    func testUnknownIDFallsBackToCompanyAndBuyer() {
        let leads = [lead("L1", "2026-01-01", line: 2)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-02-01", leadID: "NOPE")]), ["0:company_buyer"])
    }

    func testCompanyAndBuyerWithinTheWindow() {
        let leads = [lead("L1", "2025-01-01", line: 2)]
        // 2025 has 365 days: 2026-01-01 is 365 days on, 2026-01-02 is 366.
        XCTAssertEqual(links(leads, [contract("C1", "2026-01-01"), contract("C2", "2026-01-02"),
                                     contract("C3", "2025-01-01")]),
                       ["0:company_buyer", "-:none", "0:company_buyer"])
    }

    func testWindowParameterIsUsed() {
        let leads = [lead("L1", "2026-01-01", line: 2)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-01-31"), contract("C2", "2026-02-01")], window: 30),
                       ["0:company_buyer", "-:none"])
    }

    func testLatestLeadOnOrBeforeTheContractWins() {
        let leads = [lead("L2", "2026-03-01", line: 2), lead("L1", "2026-01-01", line: 3)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-02-01"), contract("C2", "2026-04-01"),
                                     contract("C3", "2026-03-01")]),
                       ["1:company_buyer", "0:company_buyer", "0:company_buyer"])
    }

    func testLatestLeadOutsideTheWindowMeansNone() {
        // The latest lead is 400 days before; an older one cannot be nearer.
        let leads = [lead("L1", "2024-01-01", line: 2), lead("L2", "2025-01-01", line: 3)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-02-05")]), ["-:none"])
    }

    func testTieOnTheSameDateGoesToTheLaterInputLine() {
        let leads = [lead("L1", "2026-05-01", line: 2), lead("L2", "2026-05-01", line: 9), lead("L3", "2026-04-01", line: 12)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-06-01")]), ["1:company_buyer"])
    }

    func testContractBeforeEveryLeadIsNone() {
        let leads = [lead("L1", "2026-05-01", line: 2), lead("L2", "2026-07-01", line: 3)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-04-30")]), ["-:none"])
    }

    func testOtherBuyerOrCompanyIsNone() {
        let leads = [lead("L1", "2026-01-01", line: 2)]
        XCTAssertEqual(links(leads, [contract("C1", "2026-02-01", buyer: "carol"),
                                     contract("C2", "2026-02-01", company: "globex")]),
                       ["-:none", "-:none"])
    }

    func testEveryContractTypeIsAttributed() {
        let leads = [lead("L1", "2026-01-01", line: 2)]
        XCTAssertEqual(links(leads, [contract("M1", "2026-02-01", type: .mou, cents: nil),
                                     contract("I1", "2026-02-01", type: .loi)]),
                       ["0:company_buyer", "0:company_buyer"])
    }

    // MARK: - Facts and summary

    func testFirstContractIsTheEarliestAttributedTypeContract() {
        let leads = [lead("L1", "2026-01-01", line: 2), lead("L2", "2026-01-01", company: "globex", line: 3)]
        let contracts = [contract("C1", "2026-05-01"), contract("C2", "2026-03-01"),
                         contract("M1", "2026-02-01", type: .mou), contract("M2", "2026-02-01", company: "globex", type: .mou)]
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: 365)
        let facts = LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution)
        XCTAssertEqual(facts[0].firstContract, day("2026-03-01"))
        XCTAssertEqual(facts[0].contracts, 2)
        XCTAssertEqual(facts[0].contractCents, 2000)
        XCTAssertEqual(facts[0].stageReached, "contracted")
        XCTAssertFalse(facts[1].converted)
        XCTAssertEqual(facts[1].stageReached, "mou")
        let summary = Summary(leads: leads, contracts: contracts, attribution: attribution, facts: facts, counts: FileCounts())
        XCTAssertEqual(summary.daysToContract, [59])
        XCTAssertEqual([summary.contracts, summary.mous, summary.convertedLeads], [2, 2, 1])
        XCTAssertEqual([summary.exportCents, summary.attributedCents, summary.unattributedCents, summary.mouCents],
                       [2000, 2000, 0, 2000])
    }

    func testDroppedLeadWithoutContractCountsDroppedAndWithContractConverts() {
        let leads = [lead("L1", "2026-01-01", line: 2, status: .dropped),
                     lead("L2", "2026-01-01", company: "globex", line: 3, status: .dropped)]
        let contracts = [contract("C1", "2026-02-01", company: "globex"), contract("C2", "2026-02-01", company: "initech")]
        let attribution = Attribution(leads: leads, contracts: contracts, windowDays: 365)
        let facts = LeadFacts.compute(leads: leads, contracts: contracts, attribution: attribution)
        XCTAssertEqual(facts.map(\.stageReached), ["dropped", "contracted"])
        let summary = Summary(leads: leads, contracts: contracts, attribution: attribution, facts: facts, counts: FileCounts())
        XCTAssertEqual([summary.attributedCents, summary.unattributedCents, summary.exportCents], [1000, 1000, 2000])
        XCTAssertEqual([summary.companies, summary.buyers, summary.leads], [2, 1, 2])
        XCTAssertEqual(summary.consultationCents, 200)
    }
}
