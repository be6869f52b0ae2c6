import Foundation
import XCTest
@testable import OutcomesCore

/// Writes reports for a person to look at; skipped unless asked for through the environment.
///
/// ```sh
/// OUTCOMES_REPORT_SAMPLE=/tmp/reports swift test --filter ReportSampleTests
/// OUTCOMES_REPORT_BIG=1000000 OUTCOMES_REPORT_SAMPLE=/tmp/reports swift test --filter ReportSampleTests
/// ```
final class ReportSampleTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func folder() throws -> String {
        guard let dir = ProcessInfo.processInfo.environment["OUTCOMES_REPORT_SAMPLE"] else {
            throw XCTSkip("set OUTCOMES_REPORT_SAMPLE to a folder to write sample reports there")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// report.xlsx and report.html of the sample pipeline, in English and Korean.
    func testWritesTheSamplePipelinesReports() throws {
        let dir = try folder()
        let definition = try PipelineDefinition.load(path: Self.packageRoot.appendingPathComponent("Pipelines/ciepec-2026.yaml").path)
        let ingest = try PipelineRunner(definition: definition, options: .init(threads: 2)).ingest()
        let outcome = Outcome(leads: ingest.leads, contracts: ingest.contracts, texts: ingest.texts, taxonomy: ingest.taxonomy,
                              windowDays: definition.attributionWindowDays, counts: ingest.totals)
        for language in [ReportLanguage.en, .ko] {
            let context = ReportContext(pipelineName: definition.name, runDate: "2026-06-03", language: language,
                                        inputs: ingest.files + ingest.referenceFiles, issues: ingest.issues + ReportFixture.issues,
                                        taxonomy: ingest.taxonomy, files: ingest.files.map(\.display))
            let mode = ProcessInfo.processInfo.environment["OUTCOMES_REPORT_MODE"]
            try XLSXReport.write(outcome, context: context, to: "\(dir)/report-\(language.rawValue).xlsx",
                                 options: .init(constantMemory: mode.map { $0 == "constant" }))
            try Data(HTMLReport.render(outcome, context: context)).write(to: URL(fileURLWithPath: "\(dir)/report-\(language.rawValue).html"))
        }
    }

    /// A workbook with `OUTCOMES_REPORT_BIG` synthetic leads, timed, with the process's peak memory.
    func testWritesABigWorkbook() throws {
        let dir = try folder()
        guard let n = ProcessInfo.processInfo.environment["OUTCOMES_REPORT_BIG"].flatMap(Int.init) else {
            throw XCTSkip("set OUTCOMES_REPORT_BIG to a number of leads")
        }
        let template = ReportFixture.leads[2]
        var leads: [Lead] = []
        leads.reserveCapacity(n)
        for i in 0..<n {
            var lead = template
            lead.id = "C-\(i)"
            lead.companyRaw = testTexts.intern("기업 \(i % 5000)")
            lead.companyKey = testTexts.intern("기업\(i % 5000)")
            lead.date = Day(ordinal: template.date.ordinal + i % 700)
            lead.usdCents = Int64(i % 100_000) * 137
            lead.amount = ExactDecimal(significand: Int128(i % 100_000) * 1000, scale: 0)
            lead.source = SourceRef(file: 0, line: i + 2)
            leads.append(lead)
        }
        let outcome = ReportFixture.outcome(leads: leads, contracts: ReportFixture.contracts)
        let before = Self.peakMemoryMB()
        let start = Date()
        // OUTCOMES_REPORT_MODE=normal or constant forces libxlsxwriter's mode; otherwise it is chosen by size.
        let mode = ProcessInfo.processInfo.environment["OUTCOMES_REPORT_MODE"]
        let options = XLSXReport.Options(constantMemory: mode.map { $0 == "constant" })
        try XLSXReport.write(outcome, context: ReportFixture.context(), to: "\(dir)/big-\(n).xlsx", options: options)
        let seconds = Date().timeIntervalSince(start)
        print("big workbook: \(n) leads, mode \(mode ?? "auto"), in \(Int(seconds)) s; "
              + "peak RSS \(before) MB before, \(Self.peakMemoryMB()) MB after")
    }

    static func peakMemoryMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
