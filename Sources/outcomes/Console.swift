import Foundation
import Logging
import OutcomesCore

/// What the CLI shows: nothing on success when stdout is not a terminal (cron mails only on
/// failure), stage progress and headline figures on a terminal, per-file counts with --verbose.
struct Console {
    let verbose: Bool
    let isTerminal = isatty(STDOUT_FILENO) == 1

    /// Progress bars only on a terminal (both streams), never into a log file.
    var showsProgress: Bool { isTerminal && isatty(STDERR_FILENO) == 1 }

    /// True when results are printed.
    var talks: Bool { verbose || isTerminal }

    /// A logger on stderr: info with --verbose, else warnings only (a terminal gets progress bars).
    var logger: Logger {
        var logger = Logger(label: "outcomes") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }

    func printCounts(_ ingest: IngestResult) {
        for f in ingest.files + ingest.referenceFiles {
            let c = f.counts
            print("\(f.display): read \(c.read), accepted \(c.accepted), rejected \(c.rejected), "
                  + "duplicate \(c.duplicate), blank \(c.blank) [\(f.encoding.rawValue)]")
        }
    }
}
