import Foundation
import XCTest

/// Runs every folder under Cases/ (pipeline.yaml, input/, expected/, optional expected-exit and
/// expected-stderr) and compares each expected file byte for byte.
final class GoldenCaseTests: XCTestCase {
    static let casesRoot = CLI.packageRoot.appendingPathComponent("Tests/OutcomesCLITests/Cases")

    func testEveryCaseMatchesItsGoldenOutputs() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.casesRoot.path).sorted()
        XCTAssertFalse(names.isEmpty, "no cases found under \(Self.casesRoot.path)")
        for name in names {
            try checkCase(Self.casesRoot.appendingPathComponent(name))
        }
    }

    func checkCase(_ dir: URL) throws {
        let name = dir.lastPathComponent
        let out = try CLI.scratch(self).appendingPathComponent("out")
        var args = ["run", "pipeline.yaml", "--output", out.path]
        let argsFile = dir.appendingPathComponent("args")
        if let extra = try? String(contentsOf: argsFile, encoding: .utf8) {
            args += extra.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let result = try CLI.run(args, in: dir)
        let expectedExit = (try? String(contentsOf: dir.appendingPathComponent("expected-exit"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        XCTAssertEqual(result.status, expectedExit, "\(name): exit status; stderr: \(result.stderr)")
        if let stderr = try? String(contentsOf: dir.appendingPathComponent("expected-stderr"), encoding: .utf8) {
            assertSameText(result.stderr, stderr, "\(name): stderr")
        }
        let expectedDir = dir.appendingPathComponent("expected")
        guard FileManager.default.fileExists(atPath: expectedDir.path) else { return }
        let recording = ProcessInfo.processInfo.environment["OUTCOMES_RECORD_GOLDEN"] == "1"
        let files = try FileManager.default.contentsOfDirectory(atPath: expectedDir.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(files.isEmpty, "\(name): expected/ is empty")
        for file in files {
            let actualURL = out.appendingPathComponent(file)
            let expectedURL = expectedDir.appendingPathComponent(file)
            guard let actual = try? Data(contentsOf: actualURL) else {
                XCTFail("\(name): the run did not write \(file)")
                continue
            }
            if recording {
                if (try? Data(contentsOf: expectedURL)) != actual {
                    try actual.write(to: expectedURL)
                    XCTFail("\(name)/\(file): Recorded new baseline; review it and rerun without OUTCOMES_RECORD_GOLDEN")
                }
                continue
            }
            let expected = try Data(contentsOf: expectedURL)
            if actual != expected {
                assertSameText(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(name)/\(file)")
            }
        }
    }
}
