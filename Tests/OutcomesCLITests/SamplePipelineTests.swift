import Foundation
import XCTest

/// The sample pipeline end to end: determinism across threads and chunk sizes, accounting,
/// exit codes and an intact previous output after a failed run.
final class SamplePipelineTests: XCTestCase {
    let pipeline = CLI.packageRoot.appendingPathComponent("Pipelines/ciepec-2026.yaml").path
    let csvOutputs = ["summary.csv", "sectors.csv", "companies.csv", "events.csv", "countries.csv", "monthly.csv",
                      "funnel.csv", "leads.csv", "contracts.csv", "rejects.csv"]

    func testOutputsAreByteIdenticalAcrossThreadsAndChunkSizes() throws {
        let scratch = try CLI.scratch(self)
        var baseline: [String: Data]?
        for (threads, chunk) in [(1, 4 << 20), (2, 4 << 20), (2, 1), (3, 97), (2, 4096)] {
            let out = scratch.appendingPathComponent("t\(threads)-c\(chunk)")
            let r = try CLI.run(["run", pipeline, "--output", out.path, "--threads", String(threads), "--chunk-bytes", String(chunk)])
            XCTAssertEqual(r.status, 0, r.stderr)
            var files: [String: Data] = [:]
            for f in csvOutputs { files[f] = try Data(contentsOf: out.appendingPathComponent(f)) }
            if let baseline {
                for f in csvOutputs { XCTAssertEqual(files[f], baseline[f], "\(f) differs with --threads \(threads) --chunk-bytes \(chunk)") }
            } else {
                baseline = files
            }
        }
    }

    func testEveryRowIsAccountedForPerFileAndInTotal() throws {
        let out = try CLI.scratch(self).appendingPathComponent("out")
        let r = try CLI.run(["run", pipeline, "--output", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        let inputs = manifest["inputs"] as! [[String: Any]]
        XCTAssertEqual(inputs.count, 16)
        var read = 0, accepted = 0, rejected = 0, duplicate = 0
        for input in inputs where ["consultations", "contracts"].contains(input["table"] as! String) {
            let r = input["rows_read"] as! Int, a = input["rows_accepted"] as! Int
            let j = input["rows_rejected"] as! Int, d = input["rows_duplicate"] as! Int
            XCTAssertEqual(r, a + j + d, "\(input["file"]!)")
            read += r; accepted += a; rejected += j; duplicate += d
        }
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.contains("rows_read,\(read)\nrows_accepted,\(accepted)\nrows_rejected,\(rejected)\nrows_duplicate,\(duplicate)\n"))
        // The sample's deliberate faults (SampleData/README.md): 444 rows, 8 rejected, 1 duplicate.
        XCTAssertEqual([read, accepted, rejected, duplicate], [444, 435, 8, 1])
        let rejects = try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8)
        XCTAssertEqual(rejects.split(separator: "\n").count - 1, 8)
        // Every setting that shapes the outputs is in the manifest's parameters (unset ones empty).
        XCTAssertEqual(manifest["parameters"] as? [String: String], [
            "attribution_window_days": "365", "columns": "", "default_currency": "KRW", "default_event": "CIEPEC 2026 Beijing",
            "excel_csv": "false", "excel_serial_dates": "false", "formats": "csv,xlsx,html", "keep": "", "language": "en",
            "max_rejected_share": "", "max_unclassified_share": "", "min_leads": ""])
    }

    func testAFailedRunLeavesThePreviousOutputsIntact() throws {
        let scratch = try CLI.scratch(self)
        let out = scratch.appendingPathComponent("out")
        XCTAssertEqual(try CLI.run(["run", pipeline, "--output", out.path]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("leads.csv"))
        // A pipeline whose consultations file lacks the required `buyer` column fails before publishing.
        let input = scratch.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try "consultation_id,date,company,sector,amount\nC1,2026-06-02,A,HYD,1\n".write(to: input.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        try "contract_id,date,company,buyer\n".write(to: input.appendingPathComponent("k.csv"), atomically: true, encoding: .utf8)
        let sample = CLI.packageRoot.appendingPathComponent("SampleData").path
        try """
        name: broken
        inputs:
          consultations: [in/c.csv]
          contracts: [in/k.csv]
          fx_rates: \(sample)/fx_rates.csv
          sectors: \(sample)/sectors.csv
        output: out
        """.write(to: scratch.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", scratch.appendingPathComponent("broken.yaml").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("in/c.csv:1: required column 'buyer' is missing"), r.stderr)
        XCTAssertTrue(r.stderr.contains("buyer_name"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("leads.csv")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        XCTAssertEqual(leftovers, [])
    }

    func testPipelineErrorsNameTheYAMLLine() throws {
        let scratch = try CLI.scratch(self)
        let yaml = scratch.appendingPathComponent("p.yaml")
        try "name: x\ninputs:\n  consultations: [nothing*.csv]\n  contracts: [a.csv]\n  fx_rates: b.csv\n  sectors: c.csv\noutput: out\n"
            .write(to: yaml, atomically: true, encoding: .utf8)
        var r = try CLI.run(["validate", yaml.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("p.yaml:3:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("no file matches 'nothing*.csv'"), r.stderr)
        try "name: x\ninptus: {}\n".write(to: yaml, atomically: true, encoding: .utf8)
        r = try CLI.run(["run", yaml.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("p.yaml:2:1: unknown key 'inptus'"), r.stderr)
    }
}
