import ArgumentParser
import OutcomesCore

/// The `outcomes` command: export-promotion outcome analytics from consultation and contract logs.
@main
struct Outcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Turn consultation logs and contract records into export-outcome tables.",
        discussion: """
            Exit codes: 0 published; 2 usage or pipeline error; 3 input unreadable; \
            4 output not writable.
            """,
        version: ManifestBuilder.version,
        subcommands: [Run.self, Validate.self]
    )
}
