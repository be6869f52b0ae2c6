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
}
