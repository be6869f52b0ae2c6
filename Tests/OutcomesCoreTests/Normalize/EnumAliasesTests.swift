import XCTest
@testable import OutcomesCore

final class EnumAliasesTests: XCTestCase {
    func testStatusSpaceOrHyphenReadsAsUnderscore() {
        XCTAssertEqual(EnumAliases.status("follow up"), .followUp)
        XCTAssertEqual(EnumAliases.status("Follow-Up"), .followUp)
        XCTAssertEqual(EnumAliases.status("FOLLOW_UP"), .followUp)
    }

    func testKoreanStatuses() {
        XCTAssertEqual(EnumAliases.status("상담"), .consulted)
        XCTAssertEqual(EnumAliases.status("후속상담"), .followUp)
        XCTAssertEqual(EnumAliases.status("협상중"), .negotiating)
        XCTAssertEqual(EnumAliases.status("MOU체결"), .mou)
        XCTAssertEqual(EnumAliases.status("계약"), .contracted)
        XCTAssertEqual(EnumAliases.status("중단"), .dropped)
    }

    func testCanonicalStatusesMatchCaseInsensitively() {
        for status in LeadStatus.allCases {
            XCTAssertEqual(EnumAliases.status(status.rawValue.uppercased()), status)
        }
        XCTAssertEqual(EnumAliases.status("ＭＯＵ"), .mou)
    }

    func testEmptyStatusIsConsulted() {
        XCTAssertEqual(EnumAliases.status(""), .consulted)
    }

    func testUnknownStatusIsNil() {
        XCTAssertNil(EnumAliases.status("maybe"))
        XCTAssertNil(EnumAliases.status("follow  up"))
        XCTAssertNil(EnumAliases.status("-"))
    }

    func testContractTypes() {
        XCTAssertEqual(EnumAliases.type("contract"), .contract)
        XCTAssertEqual(EnumAliases.type("계약"), .contract)
        XCTAssertEqual(EnumAliases.type("수출계약"), .contract)
        XCTAssertEqual(EnumAliases.type("MOU"), .mou)
        XCTAssertEqual(EnumAliases.type("업무협약"), .mou)
        XCTAssertEqual(EnumAliases.type("LOI"), .loi)
        XCTAssertEqual(EnumAliases.type("loi"), .loi)
    }

    func testEmptyTypeIsContract() {
        XCTAssertEqual(EnumAliases.type(""), .contract)
    }

    func testUnknownTypeIsNil() {
        XCTAssertNil(EnumAliases.type("memo"))
        XCTAssertNil(EnumAliases.type("contracted"))
    }
}
