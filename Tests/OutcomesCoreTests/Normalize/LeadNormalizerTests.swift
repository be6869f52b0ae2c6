import XCTest
@testable import OutcomesCore

/// A small run context: KRW, CNY and JPY rates from 2026-01-01, a two-row taxonomy, KRW default.
func makeNormalizeContext() -> NormalizeContext {
    let jan1 = Day(year: 2026, month: 1, day: 1)!
    let fx = FXTable(rates: [
        "KRW": [(jan1, ExactDecimal(plain: "0.00075")!)],
        "CNY": [(jan1, ExactDecimal(plain: "0.14")!)],
        "JPY": [(jan1, ExactDecimal(plain: "0.0065")!)],
    ])
    let taxonomy = Taxonomy(entries: [
        Taxonomy.Entry(code: "ENE", nameEn: "Energy", nameKo: "에너지", parent: "", keywords: []),
        Taxonomy.Entry(code: "ENE-01", nameEn: "Hydrogen", nameKo: "수소", parent: "ENE", keywords: ["hydrogen", "fuel cell"]),
    ])
    return NormalizeContext(fx: fx, taxonomy: taxonomy, defaultCurrency: "KRW", defaultEvent: "Expo 2026",
                            excelSerialDates: false)
}

/// The issues of a rejected row as `column:reason`, or ["accepted"].
func issueList<Row>(_ result: RowNormalization<Row>) -> [String] {
    switch result {
    case .accepted: return ["accepted"]
    case .rejected(let issues): return issues.map { "\($0.column):\($0.reason.rawValue)" }
    }
}

final class LeadNormalizerTests: XCTestCase {
    let columns = TableKind.consultations.columns
    let base: [String: String] = [
        "consultation_id": "L1", "date": "2026-06-03", "event": "", "city": "Beijing",
        "company": "(주)한국수소", "buyer": "Beijing Green Co., Ltd.", "buyer_country": "China",
        "sector": "hydrogen", "amount": "1,000,000", "currency": "KRW", "status": "",
    ]

    func normalize(_ changes: [String: String] = [:]) -> RowNormalization<Lead> {
        let row = base.merging(changes) { $1 }
        let cells = columns.map { row[$0]! }
        return LeadNormalizer(context: makeNormalizeContext(), cache: NormalizeCache(pool: testTexts))
            .normalize(cells, source: SourceRef(file: 0, line: 7))
    }

    func lead(_ changes: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> Lead? {
        guard case .accepted(let lead, _) = normalize(changes) else {
            XCTFail("rejected: \(issueList(normalize(changes)))", file: file, line: line)
            return nil
        }
        return lead
    }

    func testCanonicalRowIsAcceptedWithKeysSectorAndUSDCents() throws {
        let l = try XCTUnwrap(lead())
        XCTAssertEqual(l.id, "L1")
        XCTAssertEqual(l.date.description, "2026-06-03")
        XCTAssertEqual(testTexts[l.event], "Expo 2026")
        XCTAssertEqual(testTexts[l.companyKey], "한국수소")
        XCTAssertEqual(testTexts[l.buyerKey], "beijinggreen")
        XCTAssertEqual(testTexts[l.buyerCountry], "CN")
        XCTAssertEqual(l.sector, 1)
        XCTAssertEqual(l.amount?.plainString, "1000000")
        XCTAssertEqual(testTexts[l.currency], "KRW")
        // 1,000,000 × 0.00075 = 750.00 USD.
        XCTAssertEqual(l.usdCents, 75_000)
        XCTAssertEqual(l.status, .consulted)
        XCTAssertEqual(l.source, SourceRef(file: 0, line: 7))
    }

    func testEmptyRequiredCellsAreMissingRequired() {
        for column in ["consultation_id", "date", "company", "buyer", "sector"] {
            XCTAssertEqual(issueList(normalize([column: ""])), ["\(column):missing_required"], column)
        }
    }

    func testNameOfOnlyLegalFormsIsMissingRequired() {
        XCTAssertEqual(issueList(normalize(["company": "(주)"])), ["company:missing_required"])
        XCTAssertEqual(issueList(normalize(["buyer": "Co., Ltd."])), ["buyer:missing_required"])
    }

    func testImpossibleDateIsBadDate() {
        XCTAssertEqual(issueList(normalize(["date": "2026-02-30"])), ["date:bad_date"])
        XCTAssertEqual(issueList(normalize(["date": "26-06-03"])), ["date:bad_date"])
    }

    func testUnparsableAmountIsBadMoney() {
        XCTAssertEqual(issueList(normalize(["amount": "1,2,3"])), ["amount:bad_money"])
    }

    func testNegativeAmountIsNegativeAmount() {
        XCTAssertEqual(issueList(normalize(["amount": "-5"])), ["amount:negative_amount"])
        XCTAssertEqual(issueList(normalize(["amount": "(500)"])), ["amount:negative_amount"])
    }

    func testCurrencyOutsideISO4217IsUnknownCurrency() {
        XCTAssertEqual(issueList(normalize(["currency": "XYZ"])), ["currency:unknown_currency"])
    }

    func testMarkDisagreeingWithColumnIsCurrencyConflict() {
        XCTAssertEqual(issueList(normalize(["amount": "USD 5", "currency": "KRW"])), ["currency:currency_conflict"])
    }

    func testDateBeforeTheFirstRateIsNoFXRate() {
        XCTAssertEqual(issueList(normalize(["date": "2025-12-31"])), ["currency:no_fx_rate"])
    }

    /// A no_fx_rate reject names the currency cell as written (as every reject names its cell):
    /// empty when the currency came from a mark or the pipeline's default; the message says
    /// which currency had no rate.
    func testNoFXRateRejectShowsTheCurrencyCellAsWritten() throws {
        for (cell, amount, resolved) in [("", "1,000", "KRW"), ("원", "1,000", "KRW"), ("", "€5", "EUR"), ("RMB", "5", "CNY")] {
            let date = resolved == "EUR" ? "2026-06-03" : "2025-12-31"
            guard case .rejected(let issues) = normalize(["date": date, "currency": cell, "amount": amount]) else {
                return XCTFail("\(cell) \(amount) was accepted")
            }
            XCTAssertEqual(issues.map(\.reason), [.noFXRate])
            XCTAssertEqual(issues.first?.value, cell)
            XCTAssertTrue(issues.first?.message.contains(resolved) == true, issues.first?.message ?? "")
        }
    }

    func testCurrencyWithNoRatesIsNoFXRate() {
        XCTAssertEqual(issueList(normalize(["currency": "EUR"])), ["currency:no_fx_rate"])
        XCTAssertEqual(issueList(normalize(["amount": "€5", "currency": ""])), ["currency:no_fx_rate"])
    }

    func testUnknownStatusIsBadEnum() {
        XCTAssertEqual(issueList(normalize(["status": "maybe"])), ["status:bad_enum"])
    }

    func testEachBadColumnIsReportedAndBadDateSkipsTheFXLookup() {
        XCTAssertEqual(issueList(normalize(["date": "2026-13-01", "amount": "abc", "status": "?"])),
                       ["date:bad_date", "amount:bad_money", "status:bad_enum"])
        XCTAssertEqual(issueList(normalize(["date": "x", "currency": "EUR"])), ["date:bad_date"])
    }

    func testEmptyAmountIsKeptWithZeroUSDAndNoFXLookup() throws {
        let l = try XCTUnwrap(lead(["amount": ""]))
        XCTAssertNil(l.amount)
        XCTAssertEqual(l.usdCents, 0)
        let eur = try XCTUnwrap(lead(["amount": "", "currency": "EUR", "date": "2020-01-01"]))
        XCTAssertEqual(testTexts[eur.currency], "EUR")
        XCTAssertEqual(eur.usdCents, 0)
    }

    func testZeroAmountIsAValueNotMissing() throws {
        let l = try XCTUnwrap(lead(["amount": "0"]))
        XCTAssertEqual(l.amount, ExactDecimal.zero)
        XCTAssertEqual(l.usdCents, 0)
    }

    func testMarkWithoutColumnSetsTheCurrency() throws {
        let l = try XCTUnwrap(lead(["amount": "350万元", "currency": ""]))
        XCTAssertEqual(testTexts[l.currency], "CNY")
        XCTAssertEqual(l.amount?.plainString, "3500000")
        // 3,500,000 × 0.14 = 490,000.00 USD.
        XCTAssertEqual(l.usdCents, 49_000_000)
    }

    func testNeitherMarkNorColumnUsesTheDefaultCurrency() throws {
        let l = try XCTUnwrap(lead(["amount": "1.5억", "currency": ""]))
        XCTAssertEqual(testTexts[l.currency], "KRW")
        // 150,000,000 × 0.00075 = 112,500.00 USD.
        XCTAssertEqual(l.usdCents, 11_250_000)
    }

    func testYenSignWithJPYColumnIsJPY() throws {
        let l = try XCTUnwrap(lead(["amount": "¥1,000", "currency": "JPY"]))
        XCTAssertEqual(testTexts[l.currency], "JPY")
        // 1,000 × 0.0065 = 6.50 USD.
        XCTAssertEqual(l.usdCents, 650)
    }

    func testCurrencyWordInTheColumn() throws {
        XCTAssertEqual(testTexts[try XCTUnwrap(lead(["currency": "원"])).currency], "KRW")
        XCTAssertEqual(try XCTUnwrap(lead(["currency": "RMB", "amount": "10"])).usdCents, 140)
        XCTAssertEqual(try XCTUnwrap(lead(["currency": "$", "amount": "10"])).usdCents, 1000)
    }

    func testUSDValueRoundsHalfEvenToCents() throws {
        // 140 × 0.00075 = 0.105 USD: a tie between 10 and 11 cents goes to the even 10.
        XCTAssertEqual(try XCTUnwrap(lead(["amount": "140"])).usdCents, 10)
        // 180 × 0.00075 = 0.135 USD: the tie goes to the even 14.
        XCTAssertEqual(try XCTUnwrap(lead(["amount": "180"])).usdCents, 14)
    }

    func testStatusAliasesAndEventAndUnknownCountry() throws {
        let l = try XCTUnwrap(lead(["status": "Follow-Up", "event": "CIEPEC", "buyer_country": "Atlantis"]))
        XCTAssertEqual(l.status, .followUp)
        XCTAssertEqual(testTexts[l.event], "CIEPEC")
        XCTAssertEqual(testTexts[l.buyerCountry], "")
        XCTAssertEqual(testTexts[l.countryText], "Atlantis")
    }

    func testUnmatchedSectorTextIsAcceptedAsUnclassified() throws {
        XCTAssertEqual(try XCTUnwrap(lead(["sector": "textiles"])).sector, Taxonomy.unclassified)
    }

    func testIDIsNFKCNormalized() throws {
        XCTAssertEqual(try XCTUnwrap(lead(["consultation_id": "Ｌ１"])).id, "L1")
    }

    func testExcelSerialDateOnlyWhenTheContextAllowsIt() {
        XCTAssertEqual(issueList(normalize(["date": "46175"])), ["date:bad_date"])
        var context = makeNormalizeContext()
        context.excelSerialDates = true
        let cells = columns.map { base.merging(["date": "46175"]) { $1 }[$0]! }
        guard case .accepted(let l, _) = LeadNormalizer(context: context, cache: NormalizeCache(pool: testTexts))
            .normalize(cells, source: SourceRef(file: 0, line: 2)) else { return XCTFail("rejected") }
        XCTAssertEqual(l.date.description, "2026-06-02")
    }

    func testIdenticalCellsGiveIdenticalDigests() {
        guard case .accepted(_, let a) = normalize(), case .accepted(_, let b) = normalize(),
              case .accepted(_, let c) = normalize(["city": "Shanghai"]) else { return XCTFail("rejected") }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }
}
