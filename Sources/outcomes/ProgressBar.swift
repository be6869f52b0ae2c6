import Dispatch
import Foundation
import OutcomesCore

/// A one-line progress bar per stage on stderr, with bytes and rows/s; events arrive from
/// worker threads and are drawn in order on one serial queue.
final class ProgressBar: @unchecked Sendable {
    private let queue = DispatchQueue(label: "outcomes.progress")
    private var stage = ""
    private var bytes = 0
    private var rows = 0
    private var started = Date()
    private var drawn = false

    /// Receives one event (any thread).
    func report(_ p: PipelineRunner.Progress) {
        queue.async { self.apply(p) }
    }

    /// Ends the current line.
    func finish() {
        queue.sync {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }

    private func apply(_ p: PipelineRunner.Progress) {
        if p.stage != stage {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            stage = p.stage
            bytes = 0
            rows = 0
            started = Date()
        }
        bytes += p.bytes
        rows += p.rows
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        var line = "\r\(stage.padding(toLength: 9, withPad: " ", startingAt: 0))"
        if p.totalBytes > 0 {
            let width = 30
            let filled = min(width, bytes * width / p.totalBytes)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "] "
            line += String(format: "%5.1f/%.1f MB  %.0f rows/s", Double(bytes) / 1e6, Double(p.totalBytes) / 1e6, Double(rows) / seconds)
        } else {
            line += "…"
        }
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }
}
