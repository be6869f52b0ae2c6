import XCTest
@testable import OutcomesCore

/// Breakdowns and funnel over four leads and three contracts, computed by hand below.
final class OutcomeTests: XCTestCase {
    // Rows 0 ENE (group), 1 ENE-01, 2 ENE-02, 3 AGR (group), 4 AGR-01.
    let taxonomy = Taxonomy(entries: [
        Taxonomy.Entry(code: "ENE", nameEn: "Energy", nameKo: "", parent: "", keywords: []),
        Taxonomy.Entry(code: "ENE-01", nameEn: "Hydrogen", nameKo: "", parent: "ENE", keywords: []),
        Taxonomy.Entry(code: "ENE-02", nameEn: "", nameKo: "태양광", parent: "ENE", keywords: []),
        Taxonomy.Entry(code: "AGR", nameEn: "Agrifood", nameKo: "", parent: "", keywords: []),
        Taxonomy.Entry(code: "AGR-01", nameEn: "Snacks", nameKo: "", parent: "AGR", keywords: []),
    ])

    /// L1 acme/bob ENE-01 1000¢ (converted by C1 on day 64); L2 acme/carol ENE-02 3000¢ follow_up;
    /// L3 globex/bob carries the group code ENE, 500¢, dropped, with an MOU; L4 initech/dave unclassified,
    /// negotiating. C2 hooli/erin has its own sector AGR-01 and no lead.
    lazy var outcome = Outcome(
        leads: [
            makeLead("L1", "2026-01-10", company: "acme", buyer: "bob", line: 2, cents: 1000, sector: 1),
            makeLead("L2", "2026-02-05", company: "acme", buyer: "carol", line: 3, status: .followUp, cents: 3000, sector: 2),
            makeLead("L3", "2026-02-20", company: "globex", buyer: "bob", line: 4, status: .dropped, cents: 500, sector: 0),
            makeLead("L4", "2026-03-01", company: "initech", buyer: "dave", line: 5, status: .negotiating, cents: 0),
        ],
        contracts: [
            makeContract("C1", "2026-03-15", company: "acme", buyer: "bob", cents: 10_000, line: 2),
            makeContract("M1", "2026-03-01", company: "globex", buyer: "bob", type: .mou, cents: nil, line: 3),
            makeContract("C2", "2026-04-01", company: "hooli", buyer: "erin", cents: 7000, sector: 4, line: 4),
        ],
        texts: testTexts, taxonomy: taxonomy, windowDays: 365, counts: FileCounts())

    func testSummaryTotals() {
        let s = outcome.summary
        XCTAssertEqual([s.leads, s.companies, s.buyers, s.contracts, s.mous, s.lois, s.convertedLeads], [4, 3, 3, 2, 1, 0, 1])
        XCTAssertEqual([s.consultationCents, s.exportCents, s.attributedCents, s.unattributedCents, s.mouCents],
                       [4500, 17_000, 10_000, 7000, 0])
        // 2026-01-10 → 2026-03-15: 21 + 28 + 15 days.
        XCTAssertEqual(s.daysToContract, [64])
    }

    /// With two threads the breakdowns may be computed after `init` returns: they read the same.
    func testBreakdownsComputedLaterEqualThoseComputedAtOnce() {
        let later = Outcome(leads: outcome.leads, contracts: outcome.contracts, texts: testTexts, taxonomy: taxonomy,
                            windowDays: 365, counts: FileCounts(), threads: 2, breakdownsLater: true)
        later.waitForBreakdowns()
        func rows(_ o: Outcome) -> [String] {
            o.sectors.map { "\($0.level) \($0.code) \($0.stats.leads) \($0.stats.companies) \($0.stats.exportCents)" }
                + o.companies.map { "\($0.key) \($0.stats.leads) \($0.stats.consultationCents)" }
                + o.events.map { "\($0.key) \($0.stats.contracts)" } + o.countries.map { "\($0.key) \($0.stats.leads)" }
                + o.monthly.map { "\($0.key) \($0.stats.mous)" } + o.funnel.map { "\($0.stage)=\($0.leads)" }
                + ["\(o.summary.exportCents) \(o.summary.convertedLeads) \(o.summary.daysToContract)"]
        }
        XCTAssertEqual(rows(later), rows(outcome))
        XCTAssertGreaterThan(rows(outcome).count, 15)
    }

    func testFunnelIsCumulativeAndDroppedStandsApart() {
        // Ranks: L1 contracted (4), L2 follow_up (1), L3 mou via its MOU (3), L4 negotiating (2).
        XCTAssertEqual(outcome.funnel.map { "\($0.stage)=\($0.leads)" },
                       ["consulted=4", "follow_up=4", "negotiating=3", "mou=2", "contracted=1", "dropped=1"])
        XCTAssertEqual(outcome.facts.map(\.stageReached), ["contracted", "follow_up", "dropped", "negotiating"])
    }

    func testContractSectorIsItsOwnElseItsLeadsElseUnclassified() {
        XCTAssertEqual(outcome.contractSectors, [1, 0, 4])
        let orphan = Outcome(leads: [], contracts: [makeContract("C9", "2026-01-01")], texts: testTexts, taxonomy: taxonomy,
                             windowDays: 365, counts: FileCounts())
        XCTAssertEqual(orphan.contractSectors, [Taxonomy.unclassified])
    }

    func testSectorRowsOrderByValueThenCodeThenGroupFirst() {
        XCTAssertEqual(outcome.sectors.map { "\($0.level):\($0.code):\($0.parent)" },
                       ["group:ENE:", "sector:ENE-02:ENE", "sector:ENE-01:ENE",
                        "group:AGR:", "sector:AGR-01:AGR", "sector:unclassified:"])
        XCTAssertEqual(outcome.sectors.map(\.name), ["Energy", "태양광", "Hydrogen", "Agrifood", "Snacks", "unclassified"])
    }

    func testGroupRowCountsDistinctKeysNotASumOfSectors() {
        let ene = outcome.sectors[0].stats
        XCTAssertEqual([ene.leads, ene.companies, ene.buyers, ene.contracts, ene.mous, ene.converted],
                       [3, 2, 2, 1, 1, 1])
        XCTAssertEqual([ene.consultationCents, ene.exportCents], [4500, 10_000])
        let agr = outcome.sectors[3].stats
        XCTAssertEqual([agr.leads, agr.contracts], [0, 1])
        XCTAssertEqual(agr.exportCents, 7000)
    }

    func testCompaniesIncludeKeysSeenOnlyInContracts() {
        XCTAssertEqual(outcome.companies.map(\.key), ["acme", "globex", "hooli", "initech"])
        let hooli = outcome.companies[2].stats
        XCTAssertEqual([hooli.leads, hooli.contracts, hooli.converted], [0, 1, 0])
        XCTAssertEqual(hooli.exportCents, 7000)
        let acme = outcome.companies[0].stats
        XCTAssertEqual([acme.leads, acme.buyers, acme.contracts, acme.converted], [2, 2, 1, 1])
    }

    func testMonthlyIsAscendingWithContractsUnderTheirOwnMonth() {
        XCTAssertEqual(outcome.monthly.map(\.key), ["2026-01", "2026-02", "2026-03", "2026-04"])
        let march = outcome.monthly[2].stats
        XCTAssertEqual([march.leads, march.contracts, march.mous], [1, 1, 1])
        XCTAssertEqual(march.exportCents, 10_000)
    }

    func testUnattributedContractFallsUnderAnEmptyEvent() {
        XCTAssertEqual(outcome.events.map(\.key), ["Expo", ""])
        XCTAssertEqual([outcome.events[0].stats.contracts, outcome.events[1].stats.contracts], [1, 1])
    }

    func testDisplayNameIsTheMostFrequentSpellingFirstSeenOnTies() {
        let t = TextPool()
        let names = DisplayNames([("k", "Acme Inc"), ("k", "ACME"), ("k", "ACME"), ("j", "B1"), ("j", "B2")].map { (t.intern($0), t.intern($1)) },
                                 texts: t)
        XCTAssertEqual(names["k"], "ACME")
        XCTAssertEqual(names["j"], "B1")
        XCTAssertEqual(names["unknown"], "unknown")
    }
}

/// The two ways of counting distinct companies and buyers per group agree.
final class GroupingTests: XCTestCase {
    func testBitsAndStampsCountTheSameDistinctKeys() {
        var rng = SeededGenerator(seed: 0x6_0000)
        let companies = ["acme", "globex", "hooli", "initech", "umbrella"]
        let buyers = ["bob", "carol", "dave", "erin"]
        let leads = (0..<400).map { i in
            makeLead("L\(i)", "2026-0\(1 + Int(rng.next() % 9))-1\(Int(rng.next() % 9))",
                     company: companies[Int(rng.next() % 5)], buyer: buyers[Int(rng.next() % 4)], line: i + 2,
                     sector: Int(rng.next() % 3) - 1)
        }
        let ids = KeyIDs(leads: leads, contracts: [])
        let facts = [LeadFacts](repeating: LeadFacts(), count: leads.count)
        let input = GroupingInput(leads: leads, contracts: [], facts: facts, ids: ids)
        // Two keys for some leads, as sectors have (the sector and its group).
        let keys: (Int) -> (Int, Int?) = { i in (leads[i].sector, leads[i].sector >= 0 ? 100 : nil) }
        let bits = Grouping.group(input, leadKeys: keys, contractKeys: { _ in (0, nil) })
        let stamps = Grouping.group(input, leadKeys: keys, contractKeys: { _ in (0, nil) }, bitWords: 0)
        XCTAssertEqual(Set(bits.keys), Set(stamps.keys))
        for (k, v) in bits {
            XCTAssertEqual([v.leads, v.companies, v.buyers], [stamps[k]!.leads, stamps[k]!.companies, stamps[k]!.buyers], "key \(k)")
        }
        // Bits for the first two groups only: the third to appear turns the count over to stamps
        // half-way through the leads.
        let words = (ids.bound + 63) / 64
        let switched = Grouping.group(input, leadKeys: keys, contractKeys: { _ in (0, nil) }, bitWords: 2 * words)
        XCTAssertEqual(Set(switched.keys), Set(stamps.keys))
        for (k, v) in switched {
            XCTAssertEqual([v.leads, v.companies, v.buyers], [stamps[k]!.leads, stamps[k]!.companies, stamps[k]!.buyers], "key \(k)")
        }
        // The group under every lead with a sector sees all five companies and four buyers.
        XCTAssertEqual([bits[100]!.companies, bits[100]!.buyers], [5, 4])
        // Keys found by index (here -1 and 0; 1 and 100 lie outside) group as the table groups them.
        let direct = Grouping.group(input, leadKeys: keys, contractKeys: { _ in (0, nil) }, direct: -1..<1)
        XCTAssertEqual(Set(direct.keys), Set(bits.keys))
        for (k, v) in bits {
            let d = direct[k]!
            XCTAssertEqual([v.leads, v.companies, v.buyers, v.contracts], [d.leads, d.companies, d.buyers, d.contracts], "key \(k)")
            XCTAssertEqual(v.consultationCents, d.consultationCents, "key \(k)")
        }
    }
}
