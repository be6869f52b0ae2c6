import ArgumentParser
import Foundation
import OutcomesCore

/// Maps the library's errors to one line on stderr and the documented exit code.
enum ExitCodes {
    static let published: Int32 = 0
    static let gateFailed: Int32 = 1
    static let usage: Int32 = 2
    static let inputUnreadable: Int32 = 3
    static let outputNotWritable: Int32 = 4
    static let locked: Int32 = 5

    /// Prints `error` as one line and returns the exit code for it.
    static func fail(_ error: Error) -> ExitCode {
        let code: Int32
        switch error {
        case let e as PipelineError:
            switch e {
            case .inputUnreadable, .undecodableHeader: code = inputUnreadable
            case .outputNotWritable: code = outputNotWritable
            case .pipelineFile, .missingColumn, .usage: code = usage
            case .locked: code = locked
            case .gateFailed: code = gateFailed
            }
        case is ExportError:
            code = outputNotWritable
        default:
            code = usage
        }
        printError("\(error)")
        return ExitCode(code)
    }

    /// Prints `text` on stderr as one `outcomes: error:` line, whatever line breaks it holds.
    static func printError(_ text: String) {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("outcomes: error: \(line)\n".utf8))
    }
}
