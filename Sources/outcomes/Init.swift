import ArgumentParser
import OutcomesCore

/// `outcomes init DIR`: a starter pipeline and template CSVs for a new delegation.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter pipeline and template CSV files (English and Korean headers) into a folder.")

    @Argument(help: "The folder to create (existing files are never overwritten).")
    var folder: String

    func run() throws {
        do {
            try StarterKit.write(to: folder)
            print("wrote \(folder)/pipeline.yaml and templates in \(folder)/data; fill them in, then: outcomes run \(folder)/pipeline.yaml")
        } catch {
            throw ExitCodes.fail(error)
        }
    }
}
