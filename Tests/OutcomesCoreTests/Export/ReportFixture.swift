import Foundation
import XCTest
@testable import OutcomesCore

/// A small outcome for the report tests, built from leads and contracts directly.
///
/// Hand computation (USD cents):
/// - leads C-001 123456 (COS, negotiating), C-002 86400 (FOOD, follow_up), C-003 empty amount
///   (FOOD, dropped): consultation value 209856 = 2,098.56.
/// - K-001 contract 500000, linked by id to C-001 (50 days later); K-002 MOU without amount, linked
///   by company and buyer to C-002; K-003 contract 25050 with no lead (own sector FOOD).
///   export value 525050 = 5,250.50; attributed 5,000.00; unattributed 250.50.
/// - converted 1 of 3 leads: conversion rate 0.3333 (33.3 %); median days 50.0.
/// - sectors: BEAUTY/COS 1,234.56 consultation and 5,000.00 export; AGRI/FOOD 864.00 and 250.50.
/// - funnel: consulted 3, follow_up 2, negotiating 2, mou 2, contracted 1, dropped 1.
enum ReportFixture {
    static let hostileFormula = #"=HYPERLINK("http://x","y")"#
    static let hostileScript = "<script>alert(1)</script>"

    static let taxonomy = Taxonomy(entries: [
        .init(code: "BEAUTY", nameEn: "Beauty", nameKo: "뷰티", parent: "", keywords: []),
        .init(code: "COS", nameEn: "Cosmetics", nameKo: "화장품", parent: "BEAUTY", keywords: []),
        .init(code: "AGRI", nameEn: "Agri-food", nameKo: "농식품", parent: "", keywords: []),
        .init(code: "FOOD", nameEn: "", nameKo: "가공식품", parent: "AGRI", keywords: []),
    ])

    static func day(_ text: String) -> Day {
        let p = text.split(separator: "-").map { Int($0)! }
        return Day(year: p[0], month: p[1], day: p[2])!
    }

    static func lead(_ id: String, _ date: String, company: String, key: String, buyer: String, buyerKey: String,
                     country: String, sector: Int, amount: String?, currency: String, cents: Int64,
                     status: LeadStatus, line: Int, event: String = "CIEPEC 2026") -> Lead {
        let t = testTexts
        return Lead(id: id, date: day(date), event: t.intern(event), city: t.intern("Beijing"), companyRaw: t.intern(company),
             companyKey: t.intern(key), buyerRaw: t.intern(buyer), buyerKey: t.intern(buyerKey), buyerCountry: t.intern(country),
             countryText: t.intern(country), sector: sector, sectorText: TextPool.empty,
             amount: amount.map { ExactDecimal(plain: Substring($0))! }, currency: t.intern(currency),
             usdCents: cents, status: status, source: SourceRef(file: 0, line: line))
    }

    static func contract(_ id: String, lead: String, _ date: String, company: String, key: String, buyer: String,
                         buyerKey: String, type: ContractType, amount: String?, cents: Int64?, sector: Int?, line: Int) -> Contract {
        let t = testTexts
        return Contract(id: id, leadID: lead, date: day(date), companyRaw: t.intern(company), companyKey: t.intern(key),
                 buyerRaw: t.intern(buyer), buyerKey: t.intern(buyerKey), type: type,
                 amount: amount.map { ExactDecimal(plain: Substring($0))! }, currency: t.intern("USD"), usdCents: cents,
                 ownSector: sector, sectorText: TextPool.empty, source: SourceRef(file: 1, line: line))
    }

    static let leads = [
        lead("C-001", "2026-01-10", company: hostileFormula, key: "hyperlinkhttpxy", buyer: "Acme Trading",
             buyerKey: "acmetrading", country: "CN", sector: 1, amount: "1234.56", currency: "USD", cents: 123_456,
             status: .negotiating, line: 2),
        lead("C-002", "2026-02-03", company: hostileScript, key: "scriptalert1script", buyer: "Zeta", buyerKey: "zeta",
             country: "US", sector: 3, amount: "1200000", currency: "KRW", cents: 86_400, status: .followUp, line: 3),
        lead("C-003", "2026-02-20", company: "(주)한백푸드", key: "한백푸드", buyer: "北京贸易有限公司", buyerKey: "北京贸易",
             country: "CN", sector: 3, amount: nil, currency: "KRW", cents: 0, status: .dropped, line: 4, event: "K-Beauty Expo"),
    ]

    static let contracts = [
        contract("K-001", lead: "C-001", "2026-03-01", company: hostileFormula, key: "hyperlinkhttpxy", buyer: "Acme Trading",
                 buyerKey: "acmetrading", type: .contract, amount: "5000", cents: 500_000, sector: nil, line: 2),
        contract("K-002", lead: "", "2026-02-10", company: hostileScript, key: "scriptalert1script", buyer: "Zeta",
                 buyerKey: "zeta", type: .mou, amount: nil, cents: nil, sector: nil, line: 3),
        contract("K-003", lead: "", "2026-03-15", company: "Solo Inc", key: "solo", buyer: "Orbit", buyerKey: "orbit",
                 type: .contract, amount: "250.5", cents: 25_050, sector: 3, line: 4),
    ]

    /// Rejected values that a spreadsheet would run as formulas if written as such.
    static let issues = [
        RowIssue(location: .init(file: "input/consultations.csv", line: 5, column: "amount"), value: "=1+2",
                 reason: .badMoney, message: "amount '=1+2' is not a number"),
        RowIssue(location: .init(file: "input/consultations.csv", line: 6, column: "amount"), value: "-2+3",
                 reason: .negativeAmount, message: "negative amount"),
        RowIssue(location: .init(file: "input/contracts.csv", line: 5, column: ""), value: "@SUM(A1:A2)",
                 reason: .malformedRow, message: "wrong field count"),
        RowIssue(location: .init(file: "input/contracts.csv", line: 6, column: "date"), value: "+cmd|' /C calc'!A0",
                 reason: .badDate, message: "not a date"),
        RowIssue(location: .init(file: "input/contracts.csv", line: 7, column: "date"), value: "\t=2+2\r",
                 reason: .badDate, message: "not a date"),
    ]

    static var counts: FileCounts {
        var c = FileCounts()
        c.read = 11
        c.accepted = 6
        c.rejected = 5
        return c
    }

    static func outcome(leads: [Lead] = leads, contracts: [Contract] = contracts) -> Outcome {
        Outcome(leads: leads, contracts: contracts, texts: testTexts, taxonomy: taxonomy, windowDays: 365, counts: counts)
    }

    static func context(_ language: ReportLanguage = .en, issues: [RowIssue] = issues) -> ReportContext {
        var consultations = FileCounts()
        consultations.read = 5
        consultations.accepted = 3
        consultations.rejected = 2
        consultations.amountMissing = 1
        var contracts = FileCounts()
        contracts.read = 6
        contracts.accepted = 3
        contracts.rejected = 3
        let inputs = [
            IngestResult.FileInfo(display: "input/consultations.csv", table: .consultations, sha256: "", bytes: 0,
                                  encoding: .utf8, delimiter: 0x2C, unknownColumns: [], counts: consultations),
            IngestResult.FileInfo(display: "input/contracts.csv", table: .contracts, sha256: "", bytes: 0,
                                  encoding: .utf8, delimiter: 0x2C, unknownColumns: [], counts: contracts),
        ]
        return ReportContext(pipelineName: "ciepec-2026", runDate: "2026-06-03", language: language, inputs: inputs,
                             issues: issues, taxonomy: taxonomy, files: ["input/consultations.csv", "input/contracts.csv"])
    }
}

/// Scratch folders and zip reading for the export tests.
enum ExportTestSupport {
    /// A fresh folder removed when the test ends.
    static func scratch(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Runs a program and returns its exit status and standard output (standard error is appended
    /// to the output when the status is not 0).
    static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 { text += String(decoding: errData, as: UTF8.self) }
        return (process.terminationStatus, text)
    }

    /// One member of a zip file, as text (`unzip -p`).
    static func unzip(_ file: URL, _ member: String) throws -> String {
        let result = try run("/usr/bin/unzip", ["-p", file.path, member])
        guard result.status == 0 else { throw NSError(domain: "unzip", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.output]) }
        return result.output
    }

    /// The names of a zip file's members (`unzip -Z1`).
    static func members(_ file: URL) throws -> [String] {
        try run("/usr/bin/unzip", ["-Z1", file.path]).output.split(separator: "\n").map(String.init)
    }
}
