/// A problem that stops the run, with where it happened and what a person can do about it.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    /// The pipeline YAML is unreadable or holds an unknown key or a bad value.
    case pipelineFile(path: String, line: Int, column: Int, message: String)
    /// An input file (or a glob) could not be read.
    case inputUnreadable(path: String, reason: String)
    /// A required column is absent from an input file's header.
    case missingColumn(file: String, column: String, aliases: [String], line: Int = 1, header: [String] = [])
    /// The header line of an input cannot be decoded in any supported encoding.
    case undecodableHeader(file: String, encoding: String)
    /// The output folder (or its parent) cannot be written.
    case outputNotWritable(path: String, reason: String)
    /// A command-line value is out of range.
    case usage(String)
    /// Another run holds the output folder's lock.
    case locked(path: String, waited: Double)
    /// A quality gate failed: nothing was published.
    case gateFailed(report: String, failed: [String])

    public var description: String {
        switch self {
        case let .pipelineFile(path, line, column, message):
            return line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
        case let .inputUnreadable(path, reason):
            return "cannot read input \(path): \(reason)"
        case let .missingColumn(file, column, aliases, line, header):
            // What the header line held, so a wrong `header_row:` or delimiter shows at once.
            let named = header.filter { !$0.isEmpty }
            let shown = named.prefix(8).map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
            var read: String
            switch named.count {
            case 0: read = "line \(line) has no header names (is `header_row:` right?)"
            case 1: read = "line \(line) reads as one column, '\(shown[0])' (is the delimiter right? `delimiter:` sets it)"
            default: read = "line \(line) reads " + shown.joined(separator: " | ") + (named.count > 8 ? " | …" : "")
            }
            return "\(file):\(line): required column '\(column)' is missing from the header (\(read)); "
                + "any of these names would match: \(aliases.joined(separator: ", ")) "
                + "(or map a header to it with `columns:` in the pipeline)"
        case let .undecodableHeader(file, encoding):
            return "\(file):1: the header line cannot be decoded as \(encoding); "
                + "declare the file's encoding in the pipeline (`encoding: cp949` or `utf-8`)"
        case let .outputNotWritable(path, reason):
            return "cannot write outputs to \(path): \(reason)"
        case let .usage(message):
            return message
        case let .locked(path, waited):
            return "another run is writing \(path) (waited \(Int(waited)) s; use --wait SECONDS to wait longer)"
        case let .gateFailed(report, failed):
            return "quality gate failed (\(failed.joined(separator: ", "))): nothing published; see \(report)"
        }
    }
}
