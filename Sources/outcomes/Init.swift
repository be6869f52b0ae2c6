import ArgumentParser
import Foundation
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
            print("wrote \(folder)/pipeline.yaml and templates in \(folder)/data; fill them in, then: outcomes run \(Self.shellQuoted(folder + "/pipeline.yaml"))")
        } catch {
            throw ExitCodes.fail(error)
        }
    }

    /// A path as a shell command line takes it: as is when it holds only safe characters, else
    /// in single quotes (a space or a Korean folder name would split or garble the command).
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-+,:@%".unicodeScalars.contains($0)) }
        return safe && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
