import Foundation
import XCTest

/// Running from cron: exit codes, the lock, quality gates, unchanged inputs, dated runs, filters,
/// changes.csv, diff and init.
final class UnattendedRunTests: XCTestCase {
    let sample = CLI.packageRoot.appendingPathComponent("Pipelines/ciepec-2026.yaml").path

    /// A copy of the sample pipeline in a scratch folder with extra top-level keys.
    func pipeline(in dir: URL, extra: String = "") throws -> String {
        let data = CLI.packageRoot.appendingPathComponent("SampleData").path
        let yaml = """
            name: cron
            inputs:
              consultations: [\(data)/ciepec-2026/consultations*.csv]
              contracts: [\(data)/ciepec-2026/contracts*.csv]
              fx_rates: \(data)/fx_rates.csv
              sectors: \(data)/sectors.csv
            defaults: {currency: KRW, event: "CIEPEC 2026 Beijing", attribution_window_days: 365}
            output: out
            \(extra)
            """
        let path = dir.appendingPathComponent("cron.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testASecondRunExitsFiveWhileTheLockIsHeld() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir)
        let fd = open(dir.appendingPathComponent(".out.lock").path, O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        let r = try CLI.run(["run", p])
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("another run is writing"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        // Released while the second run waits: it goes ahead.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flock(fd, LOCK_UN); close(fd) }
        XCTAssertEqual(try CLI.run(["run", p, "--wait", "10"]).status, 0)
    }

    func testAFailedGatePublishesNothingAndExitsOne() throws {
        let dir = try CLI.scratch(self)
        // The sample rejects 8 of 444 rows = 0.018; a 1% gate fails, a 2% gate passes.
        var p = try pipeline(in: dir, extra: "max_rejected_share: 0.02\nmin_leads: 1")
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        let before = try Data(contentsOf: dir.appendingPathComponent("out/summary.csv"))
        p = try pipeline(in: dir, extra: "max_rejected_share: 0.01")
        let r = try CLI.run(["run", p])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("quality gate failed (max_rejected_share)"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("out/summary.csv")), before)
        let report = try String(contentsOf: dir.appendingPathComponent("out.gate-failed/gate_report.csv"), encoding: .utf8)
        XCTAssertEqual(report, "gate,limit,actual,passed\nmax_rejected_share,0.01,0.0180,false\n")
        let rejects = try String(contentsOf: dir.appendingPathComponent("out.gate-failed/rejects.csv"), encoding: .utf8)
        XCTAssertEqual(rejects.split(separator: "\n").count, 9)
        // A later run that passes clears the stale gate report.
        p = try pipeline(in: dir, extra: "max_rejected_share: 0.02")
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.gate-failed").path))
    }

    /// `--output` with a bare folder name is taken from the current directory (it once failed:
    /// the name has no parent folder in its own text for the lock and the staging folder).
    func testABareRelativeOutputFolderIsWrittenInTheCurrentDirectory() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir)
        let r = try CLI.run(["run", p, "--output", "relout"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try String(contentsOf: dir.appendingPathComponent("relout/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("metric,value\nrows_read,444\n"), summary)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".relout.lock").path))
        XCTAssertEqual(try CLI.run(["run", p, "--output", "relout", "--force"], in: dir).status, 0, "a rerun replaces it")
    }

    func testAnUnchangedRerunSaysSoAndForceRewrites() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir)
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        let manifest = dir.appendingPathComponent("out/manifest.json")
        let first = try Data(contentsOf: manifest)
        let again = try CLI.run(["run", p, "--verbose"])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("nothing changed since the last published run"), again.stdout)
        XCTAssertEqual(try Data(contentsOf: manifest), first, "an unchanged rerun must not rewrite")
        XCTAssertEqual(try CLI.run(["run", p, "--force"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: manifest), first, "--force rewrites (new stage timings)")
        // An output deleted since: the rerun publishes again instead of saying nothing changed.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/leads.csv"))
        let repaired = try CLI.run(["run", p, "--verbose"])
        XCTAssertEqual(repaired.status, 0, repaired.stderr)
        XCTAssertFalse(repaired.stdout.contains("nothing changed"), repaired.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/leads.csv").path))
    }

    func testKeepMaintainsDatedRunsAndALatestLink() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir, extra: "keep: 2")
        for _ in 0..<3 { XCTAssertEqual(try CLI.run(["run", p, "--force"]).status, 0) }
        let runs = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out/runs").path).sorted()
        XCTAssertEqual(runs.count, 2, "\(runs)")
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("out/latest").path)
        XCTAssertEqual(latest, "runs/" + runs.last!)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/latest/summary.csv").path))
        // The third run compares with the second: nothing new.
        let changes = try String(contentsOf: dir.appendingPathComponent("out/latest/changes.csv"), encoding: .utf8)
        XCTAssertTrue(changes.contains("metric,leads,338,338,0\n"), changes)
        XCTAssertFalse(changes.contains("new_lead"))
    }

    func testFiltersKeepLeadsAndContractsInTheirDatesAndEvent() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir)
        let r = try CLI.run(["run", p, "--from", "2026-01-01", "--to", "2026-12-31", "--event", "CIEPEC 2026 Beijing"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let leads = try String(contentsOf: dir.appendingPathComponent("out/leads.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertFalse(leads.isEmpty)
        XCTAssertTrue(leads.allSatisfy { $0.contains(",2026-") && $0.contains("CIEPEC 2026 Beijing") })
        let manifest = try String(contentsOf: dir.appendingPathComponent("out/manifest.json"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"scope\" : \"from=2026-01-01,to=2026-12-31,event=CIEPEC 2026 Beijing\""), manifest)
    }

    func testDiffListsNewLeadsConversionsAndMetricChanges() throws {
        let dir = try CLI.scratch(self)
        let p = try pipeline(in: dir)
        XCTAssertEqual(try CLI.run(["run", p, "--to", "2025-12-31", "--output", dir.appendingPathComponent("old").path]).status, 0)
        XCTAssertEqual(try CLI.run(["run", p, "--output", dir.appendingPathComponent("new").path]).status, 0)
        let r = try CLI.run(["diff", dir.appendingPathComponent("old").path, dir.appendingPathComponent("new").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "change,key,old_value,new_value,difference")
        XCTAssertEqual(lines.filter { $0.hasPrefix("new_lead,C2026-") }.count, lines.filter { $0.hasPrefix("new_lead,") }.count)
        XCTAssertTrue(lines.contains { $0.hasPrefix("metric,leads,") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("contract_added,") })
    }

    func testInitWritesAStarterThatValidates() throws {
        let dir = try CLI.scratch(self).appendingPathComponent("new-delegation")
        XCTAssertEqual(try CLI.run(["init", dir.path]).status, 0)
        for f in ["pipeline.yaml", "data/consultations.csv", "data/상담일지.csv", "data/contracts.csv", "data/계약.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), f)
        }
        // The CSV templates open in Excel as UTF-8 (a BOM), and still validate.
        let korean = try Data(contentsOf: dir.appendingPathComponent("data/상담일지.csv"))
        XCTAssertEqual(Array(korean.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(try CLI.run(["validate", dir.appendingPathComponent("pipeline.yaml").path]).status, 0)
        XCTAssertEqual(try CLI.run(["init", dir.path]).status, 4, "init never overwrites")
        // The next step it prints is one command a shell takes whole, for a folder with a space.
        let spaced = try CLI.scratch(self).appendingPathComponent("새 대표단")
        let r = try CLI.run(["init", spaced.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("then: outcomes run '\(spaced.path)/pipeline.yaml'\n"), r.stdout)
    }

    /// A read-only output folder is not replaced: exit 4, the outputs as they were. Needs a user
    /// that permissions bind (root's writes ignore them): run as `nobody` when the tests run as
    /// root, with the inputs copied where that user can read them.
    func testAReadOnlyOutputFolderIsNotReplaced() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            throw XCTSkip("needs root and runuser to run as another user")
        }
        let dir = try CLI.scratch(self)
        func asNobody(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["-u", "nobody", "--", CLI.binary] + arguments, in: dir, executable: "/usr/sbin/runuser")
        }
        guard try CLI.run(["-u", "nobody", "--", "test", "-x", CLI.binary], executable: "/usr/sbin/runuser").status == 0 else {
            throw XCTSkip("nobody cannot run \(CLI.binary)")
        }
        let data = CLI.packageRoot.appendingPathComponent("SampleData")
        let fm = FileManager.default
        try fm.copyItem(at: data.appendingPathComponent("ciepec-2026"), to: dir.appendingPathComponent("in"))
        for f in ["fx_rates.csv", "sectors.csv"] {
            try fm.copyItem(at: data.appendingPathComponent(f), to: dir.appendingPathComponent("in/" + f))
        }
        let yaml = """
            name: ro
            inputs: {consultations: [in/consultations*.csv], contracts: [in/contracts*.csv], fx_rates: in/fx_rates.csv, sectors: in/sectors.csv}
            defaults: {currency: KRW, event: "CIEPEC 2026 Beijing", attribution_window_days: 365}
            output: out
            """
        try yaml.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["-R", "nobody", dir.path], executable: "/bin/chown").status, 0)
        XCTAssertEqual(try asNobody(["run", "p.yaml"]).status, 0)
        let summary = dir.appendingPathComponent("out/summary.csv")
        let before = try Data(contentsOf: summary)
        XCTAssertEqual(chmod(dir.appendingPathComponent("out").path, 0o555), 0)
        let r = try asNobody(["run", "p.yaml", "--force"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("read-only"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: summary), before)
        let left = try fm.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".out.tmp") }
        XCTAssertEqual(left, [], "a staging folder was left")
        XCTAssertEqual(chmod(dir.appendingPathComponent("out").path, 0o755), 0)  // so the scratch folder can go
    }

    /// Ids written as typed (`Ｑ-08`, a non-breaking space) but compared in NFKC: a rerun of the
    /// same inputs finds every id of the run it replaces, with one thread and with two.
    func testARerunMatchesIdsWrittenAsTyped() throws {
        let dir = try CLI.scratch(self)
        let pipeline = CLI.packageRoot.appendingPathComponent("Tests/OutcomesCLITests/Cases/lenient-quoting/pipeline.yaml").path
        let out = dir.appendingPathComponent("out").path
        for threads in ["1", "2", "2"] {
            let r = try CLI.run(["run", pipeline, "--output", out, "--force", "--threads", threads])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let leads = try String(contentsOfFile: out + "/leads.csv", encoding: .utf8)
        XCTAssertTrue(leads.contains("\nＱ-08,") && leads.contains("\nQ\u{00A0}09,"), leads)
        let changes = try String(contentsOfFile: out + "/changes.csv", encoding: .utf8)
        XCTAssertFalse(changes.contains("new_lead") || changes.contains("contract_added") || changes.contains("newly_converted"), changes)
    }

    /// With `excel_csv`, formula-like ids are written behind a `'`; the next run reads them back
    /// as the ids they stand for, so changes.csv lists only what changed (it listed `=1+1` and
    /// `-K1` as new on every run).
    func testAnExcelRunsFormulaLikeIdsAreNotNewAgainOnTheNextRun() throws {
        let dir = try CLI.scratch(self)
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let leads = "consultation_id,date,company,buyer,sector,amount,currency\n=1+1,2026-01-05,Acme,Bob,alpha,100,USD\n"
        try write("leads.csv", leads)
        try write("contracts.csv", "contract_id,consultation_id,date,company,buyer,type,amount,currency\n-K1,=1+1,2026-02-01,Acme,Bob,contract,50,USD\n")
        try write("fx.csv", "date,currency,usd_per_unit\n2026-01-01,KRW,0.001\n")
        try write("sectors.csv", "code,name_en,name_ko,parent,keywords\nG,Green,,,\n-SA,Alpha,,G,alpha\n")
        try write("p.yaml", "name: x\ninputs:\n  consultations: [leads.csv]\n  contracts: [contracts.csv]\n  fx_rates: fx.csv\n  sectors: sectors.csv\nexcel_csv: true\noutput: out\nformats: [csv]\n")
        let p = dir.appendingPathComponent("p.yaml").path
        XCTAssertEqual(try CLI.run(["run", p]).status, 0)
        let first = try String(contentsOf: dir.appendingPathComponent("out/leads.csv"), encoding: .utf8)
        XCTAssertTrue(first.contains("\n'=1+1,2026-01-05,"), first)
        try write("leads.csv", leads + "L5,2026-01-06,Acme,Bob,alpha,7,USD\n")
        let r = try CLI.run(["run", p])
        XCTAssertEqual(r.status, 0, r.stderr)
        let changes = try String(contentsOf: dir.appendingPathComponent("out/changes.csv"), encoding: .utf8)
        let kinds = changes.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",") }
        XCTAssertEqual(kinds.filter { !$0.hasPrefix("metric") && !$0.hasPrefix("sector") }, ["new_lead,L5"], changes)
        // The sector code `-SA` is formula-like too: its row is matched with the earlier run's.
        XCTAssertTrue(changes.contains("\nsector_consultation_value_usd,'-SA,100.00,107.00,7.00\n"), changes)
    }

    /// A usage error is exit 2 and one line on stderr, like every other failure (the argument
    /// parser's own was exit 64 and three lines).
    func testUsageErrorsExitTwoWithOneLine() throws {
        for arguments in [["run", sample, "--threads", "0"], ["run", sample, "--bogus"], ["run"], ["bogus"]] {
            let r = try CLI.run(arguments)
            XCTAssertEqual(r.status, 2, "\(arguments): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("outcomes: error: "), r.stderr)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "\(arguments): \(r.stderr)")
        }
        XCTAssertTrue(try CLI.run(["run", sample, "--threads", "0"]).stderr.contains("--threads must be 1 or more"))
        // A negative number is the option's value, not another option ("Missing value" before).
        XCTAssertTrue(try CLI.run(["run", sample, "--threads", "-1"]).stderr.contains("--threads must be 1 or more"))
        XCTAssertTrue(try CLI.run(["run", sample, "--wait", "-1"]).stderr.contains("--wait must be 0 or more seconds"))
        XCTAssertEqual(try CLI.run(["--version"]).status, 0)
    }

    /// A YAML syntax error is one line naming where it is: a repeated key at its repeat.
    func testYAMLSyntaxErrorsAreOneLineWithTheirPosition() throws {
        let dir = try CLI.scratch(self)
        let cases = [("bad.yaml", "name: t\ninputs:\n  consultations: [a.csv\n  contracts: [b.csv]\n", "bad.yaml:4:12: not valid YAML: "),
                     ("dup.yaml", "name: a\nname: b\n", "dup.yaml:2:1: not valid YAML: 'name' is repeated in this mapping (first at line 1)")]
        for (name, text, expected) in cases {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try CLI.run(["validate", path])
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), r.stderr)
        }
    }

    func testHelpDocumentsTheExitCodes() throws {
        let r = try CLI.run(["--help"])
        XCTAssertEqual(r.status, 0)
        for code in ["0 published", "1 quality gate failed", "2 usage or pipeline error", "3 input unreadable",
                     "4 output not writable", "5 another run holds the lock"] {
            XCTAssertTrue(r.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ").contains(code), code)
        }
    }
}
