import Foundation
import XCTest

/// Faults done for real: kill -9 mid-run, a full disk, broken and hostile inputs, unsafe outputs.
final class FaultTests: XCTestCase {
    let outputs = ["summary.csv", "sectors.csv", "companies.csv", "events.csv", "countries.csv", "monthly.csv",
                   "funnel.csv", "leads.csv", "contracts.csv", "rejects.csv", "changes.csv", "manifest.json"]

    /// A scratch copy of the sample's inputs with a pipeline writing to `out`.
    func workspace() throws -> (URL, String) {
        let dir = try CLI.scratch(self)
        let data = CLI.packageRoot.appendingPathComponent("SampleData")
        try FileManager.default.copyItem(at: data.appendingPathComponent("ciepec-2026"), to: dir.appendingPathComponent("in"))
        for f in ["fx_rates.csv", "sectors.csv"] {
            try FileManager.default.copyItem(at: data.appendingPathComponent(f), to: dir.appendingPathComponent("in/" + f))
        }
        let yaml = """
            name: faults
            inputs:
              consultations: [in/consultations*.csv]
              contracts: [in/contracts*.csv]
              fx_rates: in/fx_rates.csv
              sectors: in/sectors.csv
            defaults: {currency: KRW, event: "CIEPEC 2026 Beijing"}
            output: out
            """
        let p = dir.appendingPathComponent("p.yaml").path
        try yaml.write(toFile: p, atomically: true, encoding: .utf8)
        return (dir, p)
    }

    func assertCompleteRun(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) {
        for f in outputs {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(f).path), "\(f) missing", file: file, line: line)
        }
        let manifest = try? JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        XCTAssertNotNil(manifest, "manifest.json is not complete JSON", file: file, line: line)
    }

    func testKillNineAtAnyMomentLeavesTheLastOutputsWholeAndTheNextRunSucceeds() throws {
        let (dir, p) = try workspace()
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        let summary = try Data(contentsOf: dir.appendingPathComponent("out/summary.csv"))
        for delayMs in stride(from: 5, through: 200, by: 15) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["run", p, "--force"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delayMs * 1000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            assertCompleteRun(dir.appendingPathComponent("out"))
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("out/summary.csv")), summary, "after a kill at \(delayMs) ms")
        }
        XCTAssertEqual(try CLI.run(["run", p, "--force"]).status, 0)
        assertCompleteRun(dir.appendingPathComponent("out"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".out.tmp-") || $0.hasPrefix(".out.old-") }
        XCTAssertEqual(leftovers, [], "the next run clears what killed runs left")
    }

    func testAFullDiskExitsFourAndKeepsThePreviousOutputs() throws {
        let (dir, p) = try workspace()
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        let leads = try Data(contentsOf: dir.appendingPathComponent("out/leads.csv"))
        // A 40 KiB file size limit: leads.csv (about 90 KiB) cannot be written; at 20 KiB the
        // workbook (about 65 KiB) fails in libxlsxwriter, whose own stderr lines are folded into
        // our one line (they came before it, two of them).
        for (limit, named) in [(40, "File too large"), (20, "report.xlsx: xlsx error")] {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/bash")
            shell.arguments = ["-c", "ulimit -f \(limit) && exec \"$0\" run \"$1\" --force", CLI.binary, p]
            let err = Pipe()
            shell.standardError = err
            try shell.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            XCTAssertEqual(shell.terminationStatus, 4, stderr)
            XCTAssertTrue(stderr.hasPrefix("outcomes: error: cannot write outputs to"), stderr)
            XCTAssertTrue(stderr.contains("File too large") && stderr.contains(named), stderr)
            XCTAssertEqual(stderr.filter { $0 == "\n" }.count, 1, "one line on stderr: \(stderr)")
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("out/leads.csv")), leads)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".out.tmp-") }
        XCTAssertEqual(leftovers, [], "temporary files are cleaned")
    }

    /// Replaces the 2026 consultations with `bytes` and runs; returns status, stderr and rejects.
    func runWithConsultations(_ bytes: [UInt8]) throws -> (Int32, String, String) {
        let (dir, p) = try workspace()
        try Data(bytes).write(to: dir.appendingPathComponent("in/consultations-2026.csv"))
        let r = try CLI.run(["run", p])
        let rejects = (try? String(contentsOf: dir.appendingPathComponent("out/rejects.csv"), encoding: .utf8)) ?? ""
        return (r.status, r.stderr, rejects)
    }

    func sampleBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: CLI.packageRoot.appendingPathComponent("SampleData/ciepec-2026/consultations-2026.csv")))
    }

    /// A run that fails in its ingest while the inputs are hashed on another thread waits for
    /// that work before exiting (exiting under it crashed now and then, in the runtime's teardown).
    func testAFailedIngestExitsCleanlyWithBackgroundWorkRunning() throws {
        let dir = CLI.packageRoot.appendingPathComponent("Tests/OutcomesCLITests/Cases/missing-column")
        let out = try CLI.scratch(self).appendingPathComponent("out")
        for attempt in 0..<60 {
            let result = try CLI.run(["run", "pipeline.yaml", "--output", out.path, "--threads", "2"], in: dir)
            XCTAssertEqual(result.status, 2, "attempt \(attempt): \(result.stderr.prefix(400))")
            XCTAssertFalse(result.stderr.contains("crashed") || result.stderr.contains("Signal"), "attempt \(attempt)")
        }
    }

    func testTruncatedInputsGiveRejectsNotCrashes() throws {
        let bytes = try sampleBytes()
        // Cut mid-record: the last record has too few fields.
        var (status, stderr, rejects) = try runWithConsultations(Array(bytes[0..<(bytes.count - 40)]))
        XCTAssertEqual(status, 0, stderr)
        XCTAssertTrue(rejects.contains("consultations-2026.csv,59,,"), rejects)
        // Cut inside a quoted field: one malformed_row from the quote to the end.
        (status, stderr, rejects) = try runWithConsultations(Array("consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status\nX1,2026-06-02,,,\"(주)한국".utf8))
        XCTAssertEqual(status, 0, stderr)
        XCTAssertTrue(rejects.contains("consultations-2026.csv,2,,,malformed_row,"), rejects)
        // Cut inside a UTF-8 sequence: the file is no longer valid UTF-8, so it is read as CP949.
        let cut = Array("consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status\nX1,2026-06-02,,,한국수소,B,CN,HYD,1,KRW,\nX2,2026-06-02,,,한".utf8)
        (status, stderr, rejects) = try runWithConsultations(Array(cut.dropLast(1)))
        XCTAssertEqual(status, 0, stderr)
        XCTAssertTrue(rejects.contains("consultations-2026.csv,3,,"), rejects)
    }

    /// A FIFO named as an input (say a glob that catches one) is refused, exit 3, instead of
    /// waiting forever for a writer; with and without a published run (which hashes first).
    func testAFIFOAsAnInputIsRefusedNotWaitedOn() throws {
        let (dir, p) = try workspace()
        let fifo = dir.appendingPathComponent("in/consultations-zfifo.csv").path
        for force in [true, false] {
            if !force { try? FileManager.default.removeItem(atPath: fifo) }
            if !force {
                XCTAssertEqual(try CLI.run(["run", p]).status, 0, "a published run first")
            }
            XCTAssertEqual(mkfifo(fifo, 0o644), 0)
            let r = try CLI.run(["run", p] + (force ? ["--force"] : []))
            XCTAssertEqual(r.status, 3, r.stderr)
            XCTAssertTrue(r.stderr.contains("consultations-zfifo.csv") && r.stderr.contains("not a regular file"), r.stderr)
        }
    }

    func testEmptyHeaderOnlyAndBinaryFilesAreClearErrorsOrEmpty() throws {
        var (status, stderr, _) = try runWithConsultations([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(stderr.contains("consultations-2026.csv:1: required column 'consultation_id' is missing from the header (line 1 has no header names"), stderr)
        (status, stderr, _) = try runWithConsultations(Array("consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status\n".utf8))
        XCTAssertEqual(status, 0, stderr)
        var rng = SystemRandomNumberGenerator()
        let binary = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &rng) }
        (status, stderr, _) = try runWithConsultations(binary)
        XCTAssertTrue([2, 3].contains(status), "binary input: status \(status), \(stderr)")
        XCTAssertEqual(stderr.filter { $0 == "\n" }.count, 1, stderr)
    }

    /// A 32 MiB field in the suite (debug builds walk it slowly); `make faults` runs 100 MiB on the release build.
    func testAHugeFieldAndAMillionColumnsAreHandled() throws {
        let header = "consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status\n"
        var big = Array(header.utf8) + Array("X1,2026-06-02,,,\"".utf8)
        big += [UInt8](repeating: UInt8(ascii: "a"), count: 32 << 20)
        big += Array("\",B,CN,HYD,1,KRW,\n".utf8)
        var (status, stderr, rejects) = try runWithConsultations(big)
        XCTAssertEqual(status, 0, stderr)
        XCTAssertEqual(rejects.split(separator: "\n").filter { $0.contains("consultations-2026.csv") }.count, 0)
        let wide = Array((header.dropLast() + String(repeating: ",x", count: 1_000_000) + "\n").utf8)
        (status, stderr, rejects) = try runWithConsultations(wide)
        XCTAssertEqual(status, 0, stderr)
    }

    func testOutputsNeverReplaceTheInputsOrAForeignFolder() throws {
        let (dir, p) = try workspace()
        var r = try CLI.run(["run", p, "--output", dir.appendingPathComponent("in").path])
        XCTAssertEqual(r.status, 4)
        XCTAssertTrue(r.stderr.contains("holds the input"), r.stderr)
        r = try CLI.run(["run", p, "--output", dir.path])
        XCTAssertEqual(r.status, 4)
        let foreign = dir.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "keep me".write(to: foreign.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        r = try CLI.run(["run", p, "--output", foreign.path])
        XCTAssertEqual(r.status, 4)
        XCTAssertTrue(r.stderr.contains("does not look like outcomes output"), r.stderr)
        XCTAssertEqual(try String(contentsOf: foreign.appendingPathComponent("mine.txt"), encoding: .utf8), "keep me")
    }
}
