/// A report file that could not be written: which file, which step, and the library's reason.
///
/// Thrown by `XLSXReport.write` (through `XLSXWorkbook`). A failed write is an I/O problem,
/// never a bug of ours, so it is a value the CLI reports, not a trap.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    /// The folder the file goes in is missing or not writable; `reason` is the system's.
    case folderNotWritable(path: String, reason: String)
    /// The workbook could not be started (out of memory, or no temporary file could be made).
    case workbookNotCreated(path: String)
    /// A libxlsxwriter step failed: `code` is the library's error number, `reason` its own text,
    /// `step` what we were doing, `fix` what a person can try (empty when nothing is known).
    case xlsx(path: String, step: String, code: Int, reason: String, fix: String)

    public var description: String {
        switch self {
        case let .folderNotWritable(path, reason):
            return "cannot write \(path): \(reason); check that the folder exists and is writable"
        case let .workbookNotCreated(path):
            return "cannot write \(path): the xlsx library could not start a workbook "
                + "(out of memory, or no temporary file could be created; check TMPDIR)"
        case let .xlsx(path, step, code, reason, fix):
            let head = "cannot write \(path): xlsx error \(code): \(reason) - while \(step)"
            return fix.isEmpty ? head : head + "; " + fix
        }
    }
}
