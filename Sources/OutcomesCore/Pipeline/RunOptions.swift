import Foundation
import Logging

extension PipelineRunner {
    /// How to run: worker threads, chunk size, where to write, filters and unattended behaviour.
    public struct Options: Sendable {
        public var threads: Int
        /// Target size of the byte chunks one file is cut into for parallel parsing.
        public var chunkBytes: Int
        /// Overrides the pipeline's `output:` folder.
        public var output: String?
        /// Seconds to wait for another run's lock on the output folder.
        public var wait: Double = 0
        /// Rewrite the outputs even when the inputs did not change.
        public var force = false
        /// Lead and contract filters (`--from`, `--to`, `--event`).
        public var scope = Scope()
        /// Overrides the pipeline's `excel_csv`.
        public var excelCSV: Bool?
        /// Called as work completes (from worker threads: the receiver serializes what it shows).
        public var progress: (@Sendable (Progress) -> Void)?
        /// Where the library logs; the CLI decides what is shown.
        public var logger = Logger(label: "outcomes", factory: { _ in SwiftLogNoOpLogHandler() })

        public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, chunkBytes: Int = 4 << 20, output: String? = nil) {
            self.threads = max(1, threads)
            self.chunkBytes = max(1, chunkBytes)
            self.output = output
        }
    }

    /// What a run did.
    public enum Status: Sendable {
        case published
        /// The inputs and pipeline were the same as the last published run's: nothing rewritten.
        case unchanged
    }

    /// What a finished run published (ingest and outcome are nil when nothing changed).
    public struct Report: Sendable {
        public var status: Status
        public var ingest: IngestResult?
        public var outcome: Outcome?
        public var outputFolder: String
    }
}

extension PipelineRunner {
    /// A piece of finished work: a stage starting (zero bytes and rows) or a chunk done.
    public struct Progress: Sendable {
        public var stage: String
        /// Bytes and rows this event adds.
        public var bytes: Int
        public var totalBytes: Int
        public var rows: Int
    }
}
