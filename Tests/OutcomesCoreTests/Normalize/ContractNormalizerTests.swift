import XCTest
@testable import OutcomesCore

final class ContractNormalizerTests: XCTestCase {
    let columns = TableKind.contracts.columns
    let base: [String: String] = [
        "contract_id": "C1", "consultation_id": "", "date": "2026-06-10", "company": "한국수소 주식회사",
        "buyer": "Beijing Green", "type": "", "amount": "USD 1.2M", "currency": "", "sector": "",
    ]

    func normalize(_ changes: [String: String] = [:]) -> RowNormalization<Contract> {
        let row = base.merging(changes) { $1 }
        return ContractNormalizer(context: makeNormalizeContext(), cache: NormalizeCache(pool: testTexts))
            .normalize(columns.map { row[$0]! }, source: SourceRef(file: 1, line: 3))
    }

    func contract(_ changes: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> Contract? {
        guard case .accepted(let c, _) = normalize(changes) else {
            XCTFail("rejected: \(issueList(normalize(changes)))", file: file, line: line)
            return nil
        }
        return c
    }

    func testCanonicalContractIsAccepted() throws {
        let c = try XCTUnwrap(contract())
        XCTAssertEqual(c.id, "C1")
        XCTAssertEqual(c.type, .contract)
        XCTAssertEqual(testTexts[c.companyKey], "한국수소")
        XCTAssertEqual(testTexts[c.buyerKey], "beijinggreen")
        XCTAssertEqual(c.amount?.plainString, "1200000")
        XCTAssertEqual(testTexts[c.currency], "USD")
        XCTAssertEqual(c.usdCents, 120_000_000)
        XCTAssertNil(c.ownSector)
        XCTAssertEqual(c.leadID, "")
    }

    func testEmptyRequiredCellsAreMissingRequired() {
        for column in ["contract_id", "date", "company", "buyer"] {
            XCTAssertEqual(issueList(normalize([column: ""])), ["\(column):missing_required"], column)
        }
    }

    func testContractTypeWithEmptyAmountIsMissingRequiredOnAmount() {
        XCTAssertEqual(issueList(normalize(["amount": ""])), ["amount:missing_required"])
        XCTAssertEqual(issueList(normalize(["amount": "", "type": "수출계약"])), ["amount:missing_required"])
    }

    func testMOUWithEmptyAmountHasNoAmountAndNoUSD() throws {
        let c = try XCTUnwrap(contract(["type": "업무협약", "amount": ""]))
        XCTAssertEqual(c.type, .mou)
        XCTAssertNil(c.amount)
        XCTAssertNil(c.usdCents)
    }

    func testLOIWithEmptyAmountHasNoAmountAndNoUSD() throws {
        let c = try XCTUnwrap(contract(["type": "LOI", "amount": "", "currency": "EUR"]))
        XCTAssertEqual(c.type, .loi)
        XCTAssertNil(c.usdCents)
    }

    func testMOUWithAmountIsConverted() throws {
        let c = try XCTUnwrap(contract(["type": "MOU", "amount": "₩12억"]))
        // 1,200,000,000 × 0.00075 = 900,000.00 USD.
        XCTAssertEqual(c.usdCents, 90_000_000)
        XCTAssertEqual(c.amount?.plainString, "1200000000")
    }

    func testUnknownTypeIsBadEnum() {
        XCTAssertEqual(issueList(normalize(["type": "memo"])), ["type:bad_enum"])
    }

    func testMoneyRejectsNameTheirColumns() {
        XCTAssertEqual(issueList(normalize(["amount": "1.200.000,50"])), ["amount:bad_money"])
        XCTAssertEqual(issueList(normalize(["amount": "-1"])), ["amount:negative_amount"])
        XCTAssertEqual(issueList(normalize(["currency": "ABC"])), ["currency:unknown_currency"])
        XCTAssertEqual(issueList(normalize(["currency": "KRW"])), ["currency:currency_conflict"])
        XCTAssertEqual(issueList(normalize(["amount": "5000", "currency": "EUR"])), ["currency:no_fx_rate"])
        XCTAssertEqual(issueList(normalize(["amount": "5000", "date": "2025-06-01"])), ["currency:no_fx_rate"])
        XCTAssertEqual(issueList(normalize(["date": "2026-02-29"])), ["date:bad_date"])
    }

    func testUSDNeedsNoRateEvenBeforeEveryOtherRate() throws {
        XCTAssertEqual(try XCTUnwrap(contract(["date": "2020-01-01"])).usdCents, 120_000_000)
    }

    func testOwnSectorIsClassifiedWhenPresent() throws {
        XCTAssertEqual(try XCTUnwrap(contract(["sector": "Fuel Cell systems"])).ownSector, 1)
        XCTAssertEqual(try XCTUnwrap(contract(["sector": "ENE"])).ownSector, 0)
        XCTAssertEqual(try XCTUnwrap(contract(["sector": "textiles"])).ownSector, Taxonomy.unclassified)
    }

    func testConsultationIDIsKeptNormalized() throws {
        XCTAssertEqual(try XCTUnwrap(contract(["consultation_id": "Ｌ１"])).leadID, "L1")
    }
}
