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
    private let delimiter: UInt8

    /// Creates a parser for one delimiter. The corresponding C function is `csv_init`.
    /// - Throws: `CSVParserError.initFailed` when libcsv cannot allocate its state.
    public init(delimiter: UInt8) throws {
        handle = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        guard csv_init(handle, UInt8(CSV_REPALL_NL)) == 0 else {
            handle.deallocate()
            throw CSVParserError.initFailed
        }
        csv_set_delim(handle, delimiter)
        self.delimiter = delimiter
    }

    deinit {
        csv_free(handle)
        handle.deallocate()
    }

    /// Whether lines without quotes or inner CRs are split here instead of by libcsv (see
    /// `parse`); the tests turn it off to compare the two.
    var splitsPlainLines = true

    /// Parses `bytes` as whole records and calls `body` once per record, in order, then resets.
    ///
    /// A line with no quote character and no CR but at its end is split at the delimiter here,
    /// with libcsv's rules (blanks and tabs that are not the delimiter trimmed at both ends of
    /// each field, a line of blanks has no fields); every other line goes to libcsv, with the
    /// lines after it for as long as libcsv is inside a quoted field. Most lines of real files
    /// are plain, and splitting them here skips libcsv's byte-at-a-time state machine and its
    /// callbacks (the tests check that both ways give the same records).
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
                let n = bytes.count
                // Hands libcsv bytes[from..<to] in pieces that end at each CR, so the wrapper knows
                // whether an LF right after a CR is the second half of a CRLF (one line) or a line
                // of its own (`a\r  \nb`: libcsv skips the blanks and reports both the same way).
                func feed(_ from: Int, _ to: Int) {
                    var start = from
                    while start < to {
                        let cr = memchr(base + start, 0x0D, to - start)
                        let end = cr.map { $0 - UnsafeMutableRawPointer(mutating: base) + 1 } ?? to
                        builder.pieceStartsWithLFAfterCR = start > 0 && bytes[start - 1] == 0x0D && bytes[start] == 0x0A
                        _ = csv_parse(handle, base + start, end - start, csvFieldCallback, csvRecordCallback, context)
                        start = end
                    }
                }
                func lineEnd(_ from: Int) -> Int? {
                    memchr(base + from, 0x0A, n - from).map { $0 - UnsafeMutableRawPointer(mutating: base) }
                }
                var pos = 0
                while pos < n {
                    guard splitsPlainLines, let lf = lineEnd(pos) else {
                        feed(pos, n)
                        break
                    }
                    var end = lf
                    if end > pos && bytes[end - 1] == 0x0D { end -= 1 }
                    if memchr(base + pos, 0x22, end - pos) == nil && memchr(base + pos, 0x0D, end - pos) == nil {
                        escapable(builder.splitPlainLine(base + pos, count: end - pos, delimiter: delimiter))
                        builder.endPlainLine()
                        pos = lf + 1
                        continue
                    }
                    var stop = lf + 1
                    feed(pos, stop)
                    while stop < n && csv_shim_in_quoted_field(handle) != 0 {
                        let next = lineEnd(stop).map { $0 + 1 } ?? n
                        feed(stop, next)
                        stop = next
                    }
                    pos = stop
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
