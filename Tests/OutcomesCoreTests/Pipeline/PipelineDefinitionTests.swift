import Foundation
import XCTest
@testable import OutcomesCore

/// Input paths as the outputs write them: relative to the pipeline file, however the pipeline
/// names them, and each file once.
final class PipelineDefinitionTests: XCTestCase {
    func testRelativePathsAreLexicalAndClimbOutOfTheBase() {
        XCTAssertEqual(Glob.relative("/a/b/data/x.csv", to: "/a/b"), "data/x.csv")
        XCTAssertEqual(Glob.relative("/a/b/./data/../data/x.csv", to: "/a/b"), "data/x.csv")
        XCTAssertEqual(Glob.relative("/a/other/x.csv", to: "/a/b"), "../other/x.csv")
        XCTAssertEqual(Glob.relative("/x.csv", to: "/a/b"), "../../x.csv")
        XCTAssertEqual(Glob.relative("/a/b/c/../../b/x.csv", to: "/a/b/"), "x.csv")
    }

    func testAbsoluteAndDottedInputPathsAreWrittenRelativeAndReadOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pd-\(UUID().uuidString)")
        let pipelines = dir.appendingPathComponent("pipelines"), data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.csv", "b.csv", "k.csv", "fx.csv", "sectors.csv"] {
            try "x\n".write(to: data.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let yaml = """
            name: paths
            inputs:
              consultations: [\(data.path)/b.csv, ../data/a.csv, ./../data/a.csv, ../data/*.csv]
              contracts: [../data/k.csv]
              fx_rates: ../data/fx.csv
              sectors: \(data.path)/sectors.csv
            output: out

            """
        let file = pipelines.appendingPathComponent("p.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let d = try PipelineDefinition.load(path: file.path)
        XCTAssertEqual(d.consultations.map(\.display),
                       ["../data/a.csv", "../data/b.csv", "../data/fx.csv", "../data/k.csv", "../data/sectors.csv"])
        XCTAssertEqual(d.contracts.map(\.display), ["../data/k.csv"])
        XCTAssertEqual(d.sectors.display, "../data/sectors.csv")
        XCTAssertEqual(d.fxRates.display, "../data/fx.csv")
    }

    /// A pipeline in a fresh folder with one file per table, `extra` lines added.
    func load(_ extra: String) throws -> PipelineDefinition {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for name in ["l.csv", "k.csv", "fx.csv", "s.csv"] {
            try "x\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let yaml = "name: t\ninputs: {consultations: l.csv, contracts: k.csv, fx_rates: fx.csv, sectors: s.csv}\n" + extra
        try yaml.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return try PipelineDefinition.load(path: dir.appendingPathComponent("p.yaml").path)
    }

    func message(_ extra: String) -> String {
        do { _ = try load(extra); return "loaded" } catch { return "\(error)" }
    }

    /// YAML's null is no value: an output folder must be named, and formats must name one.
    func testNullOrEmptyValuesAreNotTakenAsText() throws {
        for value in ["''", "~", "null", ""] {
            let m = message("output: \(value)\n")
            XCTAssertTrue(m.contains("p.yaml:3:") && m.contains("output must name a folder"), "\(value): \(m)")
        }
        XCTAssertTrue(message("output: out\nformats: []\n").contains("formats needs at least one of csv, xlsx, html"))
        XCTAssertEqual(try load("output: out\ndefaults: {event: ~}\n").defaultEvent, "")
        XCTAssertEqual(try load("output: out\ndefaults: {event: null}\n").defaultEvent, "")
        XCTAssertEqual(try load("output: out\ndefaults: {event: 'null'}\n").defaultEvent, "null", "a quoted null is a text")
        XCTAssertTrue(try load("output: '~/x'\n").output.hasSuffix("/~/x"))
    }

    /// A `columns:` target matches in any case; a key matching no header is reported.
    func testColumnMappingsFoldTheirTargetAndUnusedKeysAreFound() throws {
        let d = try load("output: out\ncolumns: {기업명: COMPANY, 유선컨설팅신청여부: status}\n")
        XCTAssertEqual(d.aliases.extra["기업명"], "company")
        var info = IngestResult.FileInfo(display: "l.csv", table: .consultations, sha256: "", bytes: 0, encoding: .utf8,
                                         delimiter: 0x2C, unknownColumns: [], counts: FileCounts(),
                                         headerNames: ["번호", "기업명", "유선컨설팅 신청여부"])
        let ingest = IngestResult(taxonomy: Taxonomy(entries: []), fx: FXTable(rates: [:]), texts: TextPool(), leads: [], contracts: [],
                                  issues: [], files: [info], referenceFiles: [], stageSeconds: [], leadIDs: nil)
        XCTAssertEqual(ingest.unusedColumnMappings(d.aliases), ["유선컨설팅신청여부"])
        info.headerNames.append("유선컨설팅신청여부")
        XCTAssertEqual(IngestResult(taxonomy: Taxonomy(entries: []), fx: FXTable(rates: [:]), texts: TextPool(), leads: [], contracts: [],
                                    issues: [], files: [info], referenceFiles: [], stageSeconds: [], leadIDs: nil)
                        .unusedColumnMappings(d.aliases), [])
    }

    /// A pipeline saved in CP949 (Korean Notepad's "ANSI") reads as its Korean text; its edits
    /// change the fingerprint (it hashed as empty text before, so reruns skipped any edit).
    func testACP949PipelineReadsAndItsEditsCount() throws {
        let utf8 = try load("output: out\n")
        let dir = URL(fileURLWithPath: utf8.file).deletingLastPathComponent()
        // name: 상담 / columns: {기업명: company}, in CP949.
        let yaml: [UInt8] = Array("name: ".utf8) + [187, 243, 180, 227]
            + Array("\ninputs: {consultations: l.csv, contracts: k.csv, fx_rates: fx.csv, sectors: s.csv}\ncolumns: {".utf8)
            + [177, 226, 190, 247, 184, 237] + Array(": company}\noutput: out\n".utf8)
        let file = dir.appendingPathComponent("ansi.yaml")
        try Data(yaml).write(to: file)
        let d = try PipelineDefinition.load(path: file.path)
        XCTAssertEqual(d.name, "상담")
        XCTAssertEqual(d.aliases.extra["기업명"], "company")
        let options = PipelineRunner.Options(threads: 1)
        let before = Fingerprint.compute(definition: d, options: options, inputs: [])
        try Data(yaml + Array("keep: 3\n".utf8)).write(to: file)
        XCTAssertNotEqual(Fingerprint.compute(definition: d, options: options, inputs: []), before)
        try Data([0xFF, 0xFF, 0x0A]).write(to: file)
        XCTAssertThrowsError(try PipelineDefinition.load(path: file.path)) { error in
            XCTAssertTrue("\(error)".contains("neither UTF-8 nor CP949"), "\(error)")
        }
    }
}
