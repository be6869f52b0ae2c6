import ArgumentParser
import Foundation
import OutcomesCore

/// Options shared by `run` and `validate`: the pipeline file and the worker count.
struct CommonOptions: ParsableArguments {
    @Argument(help: "The pipeline YAML file (paths inside are relative to it).")
    var pipeline: String

    @Option(parsing: .unconditional, help: "Worker threads for parsing, normalizing, aggregating and writing (the default is the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Target chunk size in bytes when splitting a large file.", visibility: .hidden))
    var chunkBytes: Int = 4 << 20

    @Flag(name: .shortAndLong, help: "Print per-file counts and progress even when stdout is not a terminal.")
    var verbose = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be 1 or more") }
        guard chunkBytes >= 1 else { throw ValidationError("--chunk-bytes must be 1 or more") }
    }
}
