import ArgumentParser
import Foundation
import OutcomesCore

/// The `outcomes` command: export-promotion outcome analytics from consultation and contract logs.
@main
struct Outcomes: ParsableCommand {
    static func main() {
        // A full disk or a file size limit must fail a write (exit 4), not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Turn consultation logs and contract records into export-outcome tables.",
        discussion: """
            Exit codes: 0 published (or nothing changed); 1 quality gate failed (nothing \
            published); 2 usage or pipeline error; 3 input unreadable; 4 output not writable; \
            5 another run holds the lock.
            """,
        version: ManifestBuilder.version,
        subcommands: [Run.self, Validate.self, Diff.self, Init.self]
    )
}
