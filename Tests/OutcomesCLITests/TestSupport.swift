import Foundation
import XCTest

/// Runs the built `outcomes` binary and compares outputs, for the end-to-end tests.
enum CLI {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `outcomes` binary beside the test bundle (or `$OUTCOMES_BIN`).
    static var binary: String {
        if let env = ProcessInfo.processInfo.environment["OUTCOMES_BIN"] { return env }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.path.hasSuffix(".xctest/Contents/MacOS") { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("outcomes").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `outcomes` (or `executable`) with `arguments` in `directory` and waits for it.
    static func run(_ arguments: [String], in directory: URL? = nil, executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once: a child writing much to stderr (a crash's backtrace)
        // would otherwise block on a full pipe while we wait for stdout's end.
        let errBox = DataBox()
        let errRead = DispatchGroup()
        errRead.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            errRead.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh scratch folder, removed at the end of the test.
    static func scratch(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}

/// Asserts two texts are equal, reporting the first differing line.
func assertSameText(_ actual: String, _ expected: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let a = actual.components(separatedBy: "\n")
    let e = expected.components(separatedBy: "\n")
    for i in 0..<max(a.count, e.count) {
        let al = i < a.count ? a[i] : "<end>"
        let el = i < e.count ? e[i] : "<end>"
        if al != el {
            XCTFail("\(what): first difference at line \(i + 1):\n  expected: \(el)\n  actual:   \(al)", file: file, line: line)
            return
        }
    }
    XCTFail("\(what): texts differ", file: file, line: line)
}

/// Bytes read on another thread, handed over after a group wait.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
