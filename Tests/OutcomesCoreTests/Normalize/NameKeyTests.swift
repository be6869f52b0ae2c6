import XCTest
@testable import OutcomesCore

final class NameKeyTests: XCTestCase {
    func testKoreanLegalFormsInEverySpellingShareOneKey() {
        for name in ["(주)한국수소", "한국수소 주식회사", "㈜한국수소", "（주）한국수소", "주식회사 한국수소",
                     "한국수소(주)", "(주) 한국수소", "한국수소"] {
            XCTAssertEqual(NameKey.key(name), "한국수소", name)
        }
    }

    func testOtherKoreanFormsAreDropped() {
        XCTAssertEqual(NameKey.key("(유)대한상사"), "대한상사")
        XCTAssertEqual(NameKey.key("대한상사 유한회사"), "대한상사")
        XCTAssertEqual(NameKey.key("대한상사유한책임회사"), "대한상사")
        XCTAssertEqual(NameKey.key("합자회사 대한"), "대한")
        XCTAssertEqual(NameKey.key("합명회사대한"), "대한")
    }

    func testLatinFormsAreDroppedAsWholeWords() {
        XCTAssertEqual(NameKey.key("Korea Hydrogen Co., Ltd."), "koreahydrogen")
        XCTAssertEqual(NameKey.key("KOREA HYDROGEN CO.,LTD"), "koreahydrogen")
        XCTAssertEqual(NameKey.key("Acme Inc."), "acme")
        XCTAssertEqual(NameKey.key("Acme Corp"), "acme")
        XCTAssertEqual(NameKey.key("Acme Limited"), "acme")
        XCTAssertEqual(NameKey.key("Acme, LLC"), "acme")
    }

    func testLatinFormInsideAWordIsKept() {
        XCTAssertEqual(NameKey.key("Cotech"), "cotech")
        XCTAssertEqual(NameKey.key("Incheon Corporation"), "incheoncorporation")
        XCTAssertEqual(NameKey.key("Coltd Foods"), "coltdfoods")
    }

    func testChineseFormsAreDropped() {
        XCTAssertEqual(NameKey.key("北京绿源环保科技有限公司"), "北京绿源环保科技")
        XCTAssertEqual(NameKey.key("上海华东有限责任公司"), "上海华东")
        XCTAssertEqual(NameKey.key("台北華東有限責任公司"), "台北華東")
    }

    func testLongestChineseFormIsDroppedWhole() {
        // Dropping only 有限公司 would leave 某某股份.
        XCTAssertEqual(NameKey.key("某某股份有限公司"), "某某")
    }

    func testFormsGluedToTheNameAreStillDropped() {
        XCTAssertEqual(NameKey.key("농업회사법인한백푸드유한회사"), "농업회사법인한백푸드")
        XCTAssertEqual(NameKey.key("(주)쎙코"), "쎙코")
    }

    func testPunctuationAndWhiteSpaceAreDroppedAndCaseFolded() {
        XCTAssertEqual(NameKey.key("  A&B   Trading-House "), "abtradinghouse")
        XCTAssertEqual(NameKey.key("Green·Tech\u{00A0}Co"), "greentech")
        XCTAssertEqual(NameKey.key("ＡＢＣ　Ｆｏｏｄｓ"), "abcfoods")
        XCTAssertEqual(NameKey.key("Zhang \"Buyer\" (Shanghai)"), "zhangbuyershanghai")
    }

    func testDigitsAndSymbolsThatAreNotPunctuationStay() {
        XCTAssertEqual(NameKey.key("3M Korea"), "3mkorea")
        XCTAssertEqual(NameKey.key("A+B"), "a+b")
    }

    func testNameOfOnlyLegalFormsHasAnEmptyKey() {
        XCTAssertEqual(NameKey.key("(주)"), "")
        XCTAssertEqual(NameKey.key("주식회사"), "")
        XCTAssertEqual(NameKey.key("Co., Ltd."), "")
        XCTAssertEqual(NameKey.key("有限公司"), "")
        XCTAssertEqual(NameKey.key("-"), "")
    }

    /// The ASCII and Hangul shortcuts of the word and dropped classes agree with the Unicode tables.
    func testScalarClassShortcutsMatchTheUnicodeTables() {
        func word(_ u: Unicode.Scalar) -> Bool {
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return true
            default: return false
            }
        }
        func dropped(_ u: Unicode.Scalar) -> Bool {
            switch u.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator,
                 .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
        for v in Array(0..<0x80) + Array(0xAC00...0xD7A3) {
            let u = Unicode.Scalar(UInt32(v))!
            XCTAssertEqual(NameKey.isWordScalar(u), word(u), "U+\(String(v, radix: 16))")
            XCTAssertEqual(NameKey.isDropped(u), dropped(u), "U+\(String(v, radix: 16))")
        }
    }
}
