import CCSV
import Glibc

/// Parses CSV bytes into records with the physical line each starts on; owns one libcsv parser.
///
/// libcsv runs in its default (non-strict) mode, so a quote inside an unquoted field is kept
/// literally, and with `CSV_REPALL_NL` so every line break reaches us and lines can be counted.
/// The wrapper, not its callers, counts lines: a record starts on the line after the previous
/// record's terminator; CRLF, LF and a lone CR each end one line, also inside quoted fields.
///
/// ```swift
/// let parser = try CSVParser(delimiter: UInt8(ascii: ","))
/// parser.parse(bytes, firstLine: 1) { record in print(record.line, record.fieldCount) }
/// ```
public final class CSVParser {
    private let handle: UnsafeMutablePointer<csv_parser>
    private let builder = RecordBuilder()

    /// Creates a parser for one delimiter. The corresponding C function is `csv_init`.
    /// - Throws: `CSVParserError.initFailed` when libcsv cannot allocate its state.
    public init(delimiter: UInt8) throws {
        handle = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        guard csv_init(handle, UInt8(CSV_REPALL_NL)) == 0 else {
            handle.deallocate()
            throw CSVParserError.initFailed
        }
        csv_set_delim(handle, delimiter)
    }

    deinit {
        csv_free(handle)
        handle.deallocate()
    }

    /// Parses `bytes` as whole records and calls `body` once per record, in order, then resets.
    ///
    /// The bytes must start at a record boundary; the last record may lack its line break.
    /// The corresponding C functions are `csv_parse` and `csv_fini`.
    /// - Parameters:
    ///   - bytes: the CSV text (any ASCII-compatible encoding; fields are not decoded here).
    ///   - firstLine: the physical line number of the first byte.
    ///   - body: receives each record; the record is valid only during the call.
    /// - Complexity: O(n) in the length of `bytes`.
    public func parse(_ bytes: UnsafeRawBufferPointer, firstLine: Int, body: (CSVRecord) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            builder.reset(line: firstLine, body: escapable)
            let context = Unmanaged.passUnretained(builder).toOpaque()
            if let base = bytes.baseAddress, bytes.count > 0 {
                // Fed in pieces that end at each CR, so the wrapper knows whether an LF right
                // after a CR is the second half of a CRLF (one line) or a line of its own
                // (`a\r  \nb`: libcsv skips the blanks and reports both the same way).
                var start = 0
                while start < bytes.count {
                    let cr = memchr(base + start, 0x0D, bytes.count - start)
                    let end = cr.map { $0 - UnsafeMutableRawPointer(mutating: base) + 1 } ?? bytes.count
                    builder.pieceStartsWithLFAfterCR = start > 0 && bytes[start - 1] == 0x0D && bytes[start] == 0x0A
                    _ = csv_parse(handle, base + start, end - start, csvFieldCallback, csvRecordCallback, context)
                    start = end
                }
            }
            if csv_shim_in_quoted_field(handle) != 0 {
                builder.unterminatedQuote()
            }
            _ = csv_fini(handle, csvFieldCallback, csvRecordCallback, context)
            builder.body = nil
        }
    }
}

/// The failures of the libcsv wrapper itself.
public enum CSVParserError: Error {
    /// `csv_init` failed (out of memory).
    case initFailed
}

/// libcsv's end-of-field callback: appends the field to the record being built.
private func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let builder = Unmanaged<RecordBuilder>.fromOpaque(context).takeUnretainedValue()
    builder.appendField(field.map { UnsafeRawBufferPointer(start: $0, count: length) })
}

/// libcsv's end-of-record callback; `terminator` is the line-break byte, or -1 at the end of input.
private func csvRecordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let builder = Unmanaged<RecordBuilder>.fromOpaque(context).takeUnretainedValue()
    builder.endRecord(terminator: terminator)
}
