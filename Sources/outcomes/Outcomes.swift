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
        // Big arrays (a million rows and up) always get their own mapping, so freeing one gives
        // the memory back at once; glibc would otherwise raise this threshold as big blocks are
        // freed and keep later ones in its heap.
        _ = GlibcMalloc.mallopt(GlibcMalloc.mmapThreshold, 16 << 20)
        // Freed memory at the top of a heap is kept up to 32 MiB before it goes back to the
        // kernel (128 KiB otherwise, once the threshold above is set): the workers' blocks of a
        // few megabytes (parsed chunks, output blocks) were handed back and faulted in again
        // at each reuse, on the Dispatch workers' heaps above all. 5M leads, two threads:
        // 470–620 thousand page faults → 390 thousand, 0.2–0.4 s less system time, peak
        // memory +10 MiB (the stages still trim between them).
        _ = GlibcMalloc.mallopt(GlibcMalloc.trimThreshold, 32 << 20)
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // --help and --version end here with exit 0; a usage error is one line and exit 2
            // (the argument parser's own is several lines and exit 64).
            guard exitCode(for: error) != .success else { exit(withError: error) }
            ExitCodes.printError(message(for: error) + " (see outcomes --help)")
            Foundation.exit(ExitCodes.usage)
        }
        do {
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

/// glibc's `mallopt`, declared by its C symbol (Swift's Glibc module leaves out <malloc.h>).
enum GlibcMalloc {
    @_silgen_name("mallopt")
    static func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

    /// M_MMAP_THRESHOLD from <malloc.h>: allocations at least this big are mapped on their own.
    static let mmapThreshold: Int32 = -3
    /// M_TRIM_THRESHOLD from <malloc.h>: free memory at a heap's top kept before trimming.
    static let trimThreshold: Int32 = -1
}
