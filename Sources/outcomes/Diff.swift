import ArgumentParser
import Foundation
import OutcomesCore

/// `outcomes diff OLD NEW`: what changed between two published run folders, as changes.csv.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two run folders (new leads, conversions, contracts, metrics, sector values).")

    @Argument(help: "The earlier run folder.")
    var old: String

    @Argument(help: "The later run folder.")
    var new: String

    func run() throws {
        do {
            let before = try RunTables(folder: old)
            let after = try RunTables(folder: new)
            FileHandle.standardOutput.write(Data(Changes.csv(old: before, new: after)))
        } catch {
            throw ExitCodes.fail(error)
        }
    }
}
