import XCTest
@testable import OutcomesCore

/// Every alias listed in the contract's tables 1.1 and 1.2, copied from CONTRACT.md.
final class HeaderAliasesTests: XCTestCase {
    let consultations: [String: [String]] = [
        "consultation_id": ["id", "lead_id", "상담번호", "상담ID", "编号"],
        "date": ["consultation_date", "상담일", "상담일자", "日期"],
        "event": ["exhibition", "program", "행사명", "展会"],
        "city": ["venue", "도시", "城市"],
        "company": ["exhibitor", "참가기업", "기업명", "업체명", "企业"],
        "buyer": ["buyer_name", "바이어", "바이어명", "采购商", "买家"],
        "buyer_country": ["country", "국가", "国家"],
        "sector": ["industry", "분야", "산업분야", "行业"],
        "amount": ["consultation_amount", "상담액", "상담금액", "金额"],
        "currency": ["통화", "币种"],
        "status": ["stage", "상태", "状态"],
    ]

    let contracts: [String: [String]] = [
        "contract_id": ["id", "계약번호", "合同编号"],
        "consultation_id": ["lead_id", "상담번호"],
        "date": ["signed_date", "contract_date", "계약일", "체결일", "签约日期"],
        "company": ["exhibitor", "참가기업", "기업명"],
        "buyer": ["바이어", "바이어명", "采购商"],
        "type": ["contract_type", "구분", "유형"],
        "amount": ["contract_amount", "계약액", "계약금액", "金额"],
        "currency": ["통화", "币种"],
        "sector": ["분야", "行业"],
    ]

    func canonical(_ header: String, _ table: TableKind, _ aliases: HeaderAliases = HeaderAliases()) -> String? {
        aliases.canonical(forFolded: TextFold.fold(header), in: table)
    }

    func testEveryConsultationsAliasAndCanonicalName() {
        for (column, names) in consultations {
            for name in names + [column, column.uppercased()] {
                XCTAssertEqual(canonical(name, .consultations), column, name)
            }
        }
    }

    func testEveryContractsAliasAndCanonicalName() {
        for (column, names) in contracts {
            for name in names + [column, column.uppercased()] {
                XCTAssertEqual(canonical(name, .contracts), column, name)
            }
        }
    }

    func testOwnAliasBeatsTheOtherTables() {
        // "id" is consultation_id in consultations but contract_id in contracts.
        XCTAssertEqual(canonical("id", .consultations), "consultation_id")
        XCTAssertEqual(canonical("ID", .contracts), "contract_id")
    }

    func testAliasesOfOneTableApplyInTheOther() {
        XCTAssertEqual(canonical("buyer_name", .contracts), "buyer")
        XCTAssertEqual(canonical("买家", .contracts), "buyer")
        XCTAssertEqual(canonical("signed_date", .consultations), "date")
        XCTAssertEqual(canonical("상담id", .contracts), "consultation_id")
    }

    func testColumnsATableLacksStayUnknown() {
        XCTAssertNil(canonical("status", .contracts))
        XCTAssertNil(canonical("country", .contracts))
        XCTAssertNil(canonical("type", .consultations))
        XCTAssertNil(canonical("remarks", .consultations))
    }

    func testPipelineColumnsComeFirst() {
        let aliases = HeaderAliases(extra: ["상담 금액(원)": "amount", "ID": "event"])
        XCTAssertEqual(canonical("상담 금액(원)", .consultations, aliases), "amount")
        XCTAssertEqual(canonical("id", .consultations, aliases), "event")
        XCTAssertEqual(aliases.names(for: "amount", in: .contracts).last, "상담 금액(원)")
    }
}
