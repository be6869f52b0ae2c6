import Foundation
import XCTest
@testable import OutcomesCore
#if canImport(FoundationXML)
import FoundationXML
#endif

final class HTMLReportTests: XCTestCase {
    func render(_ language: ReportLanguage = .en, outcome: Outcome = ReportFixture.outcome(),
                issues: [RowIssue] = ReportFixture.issues) -> String {
        String(decoding: HTMLReport.render(outcome, context: ReportFixture.context(language, issues: issues)), as: UTF8.self)
    }

    func testHeadlineFiguresAreShown() {
        let html = render()
        for figure in ["2,098.56", "5,250.50", "33.3%", "50.0", "5,000.00", "250.50"] {
            XCTAssertTrue(html.contains(">\(figure)<") || html.contains(" \(figure)<") || html.contains(" \(figure) "), figure)
        }
        XCTAssertTrue(html.contains("<div class=\"card\" id=\"metric-leads\"><div class=\"label\">Consultations</div><div class=\"figure\">3</div>"))
        XCTAssertTrue(html.contains("<div class=\"card\" id=\"metric-conversion_rate\"><div class=\"label\">Conversion rate</div><div class=\"figure\">33.3%</div>"))
    }

    func testEverySectorRowIsInTheSectorTable() throws {
        let html = render()
        let outcome = ReportFixture.outcome()
        let table = try XCTUnwrap(html.components(separatedBy: "<table id=\"sectors\">").last?.components(separatedBy: "</table>").first)
        XCTAssertEqual(table.components(separatedBy: "<tr").count - 2, outcome.sectors.count, "one row per sector and group")
        for row in outcome.sectors {
            XCTAssertTrue(table.contains("<td class=\"key\">\(row.code)</td><td class=\"key\">\(row.name)</td>"), row.code)
        }
        XCTAssertTrue(table.contains("<tr class=\"group\"><td class=\"key\">Group</td><td class=\"key\">BEAUTY</td>"))
        XCTAssertTrue(table.contains("<td class=\"num\">5,000.00</td>"), "COS export value")
    }

    func testValuesAreEscaped() {
        let html = render()
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(html.lowercased().contains("<script"), "no script element at all")
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"))
        XCTAssertEqual(HTMLEscape.text("a&b<c>\"d'\u{1}"), "a&amp;b&lt;c&gt;&quot;d&#39;\u{FFFD}")
    }

    func testPageIsSelfContained() {
        let html = render().lowercased()
        for reference in ["src=", "href=", "<link", "@import", "url(", "<script", "<iframe"] {
            XCTAssertFalse(html.contains(reference), reference)
        }
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("\"noto sans cjk kr\"") && html.contains("\"malgun gothic\"") && html.contains("sans-serif"))
    }

    func testChartsAndRejectSummaryAreDrawn() {
        let html = render()
        XCTAssertTrue(html.contains("<figure id=\"chart-funnel\">"))
        XCTAssertTrue(html.contains("<figure id=\"chart-sectors\">"))
        XCTAssertTrue(html.contains("<figure id=\"chart-monthly\">"))
        XCTAssertEqual(html.components(separatedBy: "<polyline ").count - 1, 2, "consultations and contracts")
        // bad_date appears twice, so it leads the reasons.
        XCTAssertTrue(html.contains("<tr><td>bad_date</td><td class=\"num\">2</td><td class=\"num\">40.0%</td></tr>"))
        XCTAssertTrue(html.contains("<td class=\"raw\">=1+2</td>"))
        XCTAssertTrue(html.contains("5 rows were rejected"))
    }

    func testKoreanLabels() {
        let html = render(.ko)
        XCTAssertTrue(html.contains("<html lang=\"ko\">"))
        XCTAssertTrue(html.contains("주요 지표") && html.contains("계약 전환율") && html.contains("(주)한백푸드"))
    }

    func testEmptyOutcomeStillRenders() throws {
        let html = render(outcome: ReportFixture.outcome(leads: [], contracts: []), issues: [])
        XCTAssertTrue(html.contains("No rows were rejected."))
        XCTAssertTrue(html.contains("No data."))
        try assertWellFormed(html)
    }

    func testPageIsWellFormed() throws {
        try assertWellFormed(render())
        try assertWellFormed(render(.ko))
    }

    /// Parses the page as XML (FoundationXML) and checks its tags balance as HTML (python3 html.parser).
    func assertWellFormed(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws {
        #if canImport(FoundationXML)
        XCTAssertNoThrow(try XMLDocument(xmlString: html, options: []), file: file, line: line)
        #endif
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return }
        let result = try ExportTestSupport.run(python, ["-c", Self.balanceCheck], stdin: Data(html.utf8))
        XCTAssertEqual(result.status, 0, result.output, file: file, line: line)
    }

    /// Reads HTML on stdin; fails on an end tag that closes nothing open, or an element left open.
    static let balanceCheck = """
    import sys
    from html.parser import HTMLParser
    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
    class Check(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.errors = [], []
        def handle_starttag(self, tag, attrs):
            if tag not in VOID: self.stack.append((tag, self.getpos()))
        def handle_startendtag(self, tag, attrs):
            pass
        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1][0] != tag:
                self.errors.append("unexpected </%s> at %s, open: %s" % (tag, self.getpos(), self.stack[-1:] ))
            else: self.stack.pop()
    c = Check()
    c.feed(sys.stdin.read()); c.close()
    if c.stack: c.errors.append("left open: %s" % c.stack)
    print("\\n".join(c.errors)); sys.exit(1 if c.errors else 0)
    """
}
