import XCTest
@testable import OutcomesCore

final class TaxonomyTests: XCTestCase {
    static func entry(_ code: String, _ en: String, _ ko: String, _ parent: String, _ keywords: [String]) -> Taxonomy.Entry {
        Taxonomy.Entry(code: code, nameEn: en, nameKo: ko, parent: parent, keywords: keywords)
    }

    /// Rows 0…5: two groups, each with sectors.
    let taxonomy = Taxonomy(entries: [
        entry("AGR", "Agriculture & Food", "농식품", "", []),
        entry("AGR-01", "Processed Food", "가공식품", "AGR", ["food", "snack", "식품"]),
        entry("ENE", "Energy", "에너지", "", []),
        entry("ENE-01", "Hydrogen", "수소", "ENE", ["hydrogen", "fuel cell", "수소"]),
        entry("ENE-02", "Solar", "", "ENE", ["solar", "tech", "food dryer", "cell"]),
        entry("BIO-01", "Bio", "바이오", "AGR", ["bio"]),
    ])

    func testExactMatchByCodeNameOrKeyword() {
        XCTAssertEqual(taxonomy.classify("AGR-01"), 1)
        XCTAssertEqual(taxonomy.classify("Processed Food"), 1)
        XCTAssertEqual(taxonomy.classify("가공식품"), 1)
        XCTAssertEqual(taxonomy.classify("snack"), 1)
        XCTAssertEqual(taxonomy.classify("수소"), 3)
    }

    func testExactMatchIsCaseFoldedTrimmedAndNFKC() {
        XCTAssertEqual(taxonomy.classify("  agr-01 "), 1)
        XCTAssertEqual(taxonomy.classify("HYDROGEN"), 3)
        XCTAssertEqual(taxonomy.classify("ＥＮＥ－０２"), 4)
    }

    func testGroupCodesAndNamesMatchExactly() {
        XCTAssertEqual(taxonomy.classify("ENE"), 2)
        XCTAssertEqual(taxonomy.classify("energy"), 2)
        XCTAssertEqual(taxonomy.classify("농식품"), 0)
    }

    func testNamesAreNotUsedForContainment() {
        // "Energy" is a group name, not a keyword: "energy storage" contains no keyword.
        XCTAssertEqual(taxonomy.classify("energy storage"), Taxonomy.unclassified)
    }

    func testLongestContainedKeywordWins() {
        // fuel cell (9, row 3) beats hydrogen (8, row 3) and cell (4, row 4).
        XCTAssertEqual(taxonomy.classify("PEM fuel cell stacks"), 3)
        // food dryer (10, row 4) beats food (4, row 1) though row 1 is earlier.
        XCTAssertEqual(taxonomy.classify("solar food dryer units"), 4)
        XCTAssertEqual(taxonomy.classify("수소연료전지"), 3)
    }

    func testContainmentTieGoesToTheEarlierRow() {
        // food (row 1) and tech (row 4) both have 4 characters.
        XCTAssertEqual(taxonomy.classify("food tech"), 1)
        XCTAssertEqual(taxonomy.classify("tech food"), 1)
    }

    func testTextWithNoMatchIsUnclassified() {
        XCTAssertEqual(taxonomy.classify("textiles"), Taxonomy.unclassified)
        XCTAssertEqual(taxonomy.code(Taxonomy.unclassified), "unclassified")
        XCTAssertEqual(taxonomy.parentCode(Taxonomy.unclassified), "")
    }

    func testCodesParentsAndDisplayNames() {
        XCTAssertEqual(taxonomy.code(3), "ENE-01")
        XCTAssertEqual(taxonomy.parentCode(3), "ENE")
        XCTAssertEqual(taxonomy.parentCode(2), "")
        XCTAssertEqual(taxonomy.entries[4].displayName, "Solar")
        XCTAssertEqual(Self.entry("X", "", "엑스", "", []).displayName, "엑스")
        XCTAssertEqual(taxonomy.index(ofCode: "BIO-01"), 5)
    }

    // MARK: - TaxonomyLoader

    func load(_ rows: [[String]]) -> (Taxonomy, [RowIssue], FileCounts) {
        var loader = TaxonomyLoader()
        for (i, row) in rows.enumerated() { loader.add(row, file: "sectors.csv", line: i + 2) }
        let (t, issues) = loader.finish()
        return (t, issues, loader.counts)
    }

    func testParentThatIsNotAGroupIsBadTaxonomyRow() {
        let (t, issues, counts) = load([
            ["ENE", "Energy", "", "", ""],
            ["ENE-01", "Hydrogen", "", "ENE", "hydrogen|수소"],
            ["ENE-09", "Orphan", "", "NOPE", ""],
            ["ENE-10", "Nested", "", "ENE-01", ""],
        ])
        XCTAssertEqual(t.entries.map(\.code), ["ENE", "ENE-01"])
        XCTAssertEqual(t.entries[1].keywords, ["hydrogen", "수소"])
        XCTAssertEqual(issues.map { "\($0.location.line):\($0.location.column):\($0.reason.rawValue):\($0.value)" },
                       ["4:parent:bad_taxonomy_row:NOPE", "5:parent:bad_taxonomy_row:ENE-01"])
        XCTAssertEqual([counts.read, counts.accepted, counts.rejected, counts.duplicate], [4, 2, 2, 0])
    }

    func testParentGroupMayComeLaterInTheFile() {
        let (t, issues, _) = load([["ENE-01", "Hydrogen", "", "ENE", ""], ["ENE", "Energy", "", "", ""]])
        XCTAssertEqual(t.entries.map(\.code), ["ENE-01", "ENE"])
        XCTAssertEqual(issues.count, 0)
    }

    func testRepeatedCodeIsDuplicateWhenIdenticalElseBadTaxonomyRow() {
        let (t, issues, counts) = load([
            ["ENE", "Energy", "", "", ""],
            ["ENE", "Energy", "", "", ""],
            ["ENE", "Power", "", "", ""],
            ["", "Nameless", "", "", ""],
        ])
        XCTAssertEqual(t.entries.count, 1)
        XCTAssertEqual(issues.map { "\($0.location.line):\($0.location.column):\($0.reason.rawValue)" },
                       ["4:code:bad_taxonomy_row", "5:code:bad_taxonomy_row"])
        XCTAssertEqual([counts.read, counts.accepted, counts.rejected, counts.duplicate], [4, 1, 2, 1])
        XCTAssertTrue(counts.balances)
    }
}
