import XCTest
@testable import OutcomesCore

final class RowMergeTests: XCTestCase {
    let columns = TableKind.consultations.columns
    let base: [String: String] = [
        "consultation_id": "L1", "date": "2026-06-03", "event": "", "city": "Seoul", "company": "Acme",
        "buyer": "Bob", "buyer_country": "", "sector": "hydrogen", "amount": "1000", "currency": "", "status": "",
    ]
    let normalizer = LeadNormalizer(context: makeNormalizeContext(), cache: NormalizeCache(pool: testTexts))

    func row(_ changes: [String: String] = [:], line: Int) -> RowOutcome {
        let cells = columns.map { base.merging(changes) { $1 }[$0]! }
        switch normalizer.normalize(cells, source: SourceRef(file: 0, line: line)) {
        case .accepted(let lead, let digest): return .lead(lead, digest)
        case .rejected(let issues):
            return .rejected(issues.map {
                RowIssue(location: SourceLocation(file: "a.csv", line: line, column: $0.column), value: $0.value,
                         reason: $0.reason, message: $0.message)
            })
        }
    }

    func merge(_ rows: [RowOutcome], blank: Int = 0) -> RowMerge {
        var chunk = NormalizedChunk(pool: testTexts, firstNewText: 0)
        chunk.outcomes = RowOutcomes(rows)
        chunk.blank = blank
        var merge = RowMerge(fileCount: 1)
        chunk.seal()
        merge.absorb(chunk, file: 0, path: "a.csv")
        return merge
    }

    func counts(_ m: RowMerge) -> [Int] {
        [m.counts[0].read, m.counts[0].accepted, m.counts[0].rejected, m.counts[0].duplicate]
    }

    /// The id table starts small and grows many times while rows are claimed; every id stays
    /// claimed by its first row through the growth.
    func testIDTableGrowsWhileClaimingThousandsOfRows() {
        var chunk = NormalizedChunk(pool: testTexts, firstNewText: 0)
        chunk.outcomes = RowOutcomes((0..<3000).map { row(["consultation_id": "L\($0)"], line: $0 + 2) }
            + (0..<3000).map { row(["consultation_id": "L\($0)"], line: $0 + 3002) }
            + [row(["consultation_id": "L7", "city": "Busan"], line: 6002)])
        var merge = RowMerge(fileCount: 1)
        chunk.seal()
        merge.absorb(chunk, file: 0, path: "a.csv")
        XCTAssertEqual(counts(merge), [6001, 3000, 1, 3000])
        XCTAssertEqual(merge.leads.map(\.id), (0..<3000).map { "L\($0)" })
        XCTAssertEqual(merge.issues.map { "\($0.location.line):\($0.reason.rawValue)" }, ["6002:duplicate_id"])
    }

    func testIdenticalRowIsADuplicateRow() {
        let m = merge([row(line: 2), row(line: 3)])
        XCTAssertEqual(counts(m), [2, 1, 0, 1])
        XCTAssertEqual(m.leads.map(\.source.line), [2])
        XCTAssertTrue(m.issues.isEmpty)
    }

    func testSameIDWithOtherContentIsDuplicateIDAndTheFirstIsKept() {
        let m = merge([row(line: 2), row(["city": "Busan"], line: 5)])
        XCTAssertEqual(counts(m), [2, 1, 1, 0])
        XCTAssertEqual(m.leads.map { m.pool[$0.city] }, ["Seoul"])
        XCTAssertEqual(m.issues.map { "\($0.location.line):\($0.location.column):\($0.reason.rawValue):\($0.value)" },
                       ["5:consultation_id:duplicate_id:L1"])
    }

    func testRejectedRowDoesNotClaimItsID() {
        let m = merge([row(["date": "2026-02-30"], line: 2), row(line: 3)])
        XCTAssertEqual(counts(m), [2, 1, 1, 0])
        XCTAssertEqual(m.leads.map(\.source.line), [3])
        XCTAssertEqual(m.issues.map(\.reason), [.badDate])
    }

    func testIDsCompareAfterNFKCButCaseSensitively() {
        let m = merge([row(line: 2), row(["consultation_id": "l1"], line: 3), row(["consultation_id": "Ｌ1", "city": "X"], line: 4)])
        XCTAssertEqual(m.leads.map(\.id), ["L1", "l1"])
        XCTAssertEqual(m.issues.map(\.reason), [.duplicateID])
    }

    func testCountsBalanceAndBlankAndAmountMissingAreCounted() {
        let m = merge([row(["amount": ""], line: 2), row(["consultation_id": "L2", "amount": "x"], line: 3),
                       row(["amount": ""], line: 4), row(["consultation_id": "L3", "amount": ""], line: 6)], blank: 1)
        XCTAssertEqual(counts(m), [4, 2, 1, 1])
        XCTAssertEqual(m.counts[0].blank, 1)
        XCTAssertEqual(m.counts[0].amountMissing, 2)
        XCTAssertTrue(m.counts[0].balances)
    }

    func testDuplicatesAcrossFilesCountInTheLaterFile() {
        var merge = RowMerge(fileCount: 2)
        var first = NormalizedChunk(pool: testTexts, firstNewText: 0)
        first.outcomes = RowOutcomes([row(line: 2)])
        var second = NormalizedChunk(pool: testTexts, firstNewText: 0)
        second.outcomes = RowOutcomes([row(line: 2), row(["city": "Busan"], line: 3)])
        first.seal()
        second.seal()
        merge.absorb(first, file: 0, path: "a.csv")
        merge.absorb(second, file: 1, path: "b.csv")
        XCTAssertEqual([merge.counts[0].accepted, merge.counts[1].duplicate, merge.counts[1].rejected], [1, 1, 1])
        XCTAssertEqual(merge.issues.map(\.location.file), ["b.csv"])
    }
}
