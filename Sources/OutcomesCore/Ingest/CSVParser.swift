import CCSV
import Glibc

/// Parses CSV bytes into records with the physical line each starts on; owns one libcsv parser.
///
/// libcsv runs in its default (non-strict) mode, so a quote inside an unquoted field is kept
/// literally, and with `CSV_REPALL_NL` so every line break reaches us and lines can be counted.
/// Quoting is RFC 4180's, read leniently as Python's csv module (and Excel) read it: a quote
/// opens a quoted field only as the field's first byte (` "a"` is the text `"a"`), and text
/// after a closing quote belongs to the same field (`"Samsung" Electronics` is `Samsung
/// Electronics`). libcsv reads those two cases otherwise (it skips blanks before an opening
/// quote; it takes a closing quote followed by text as a literal quote, so the field runs on to
/// the next quote, maybe to the end of the file): records holding either are split here
/// (`splitLenient`); every other record goes to libcsv, which reads it the same way.
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
                    if splitsPlainLines, let lf = lineEnd(pos) {
                        var end = lf
                        if end > pos && bytes[end - 1] == 0x0D { end -= 1 }
                        if memchr(base + pos, 0x22, end - pos) == nil && memchr(base + pos, 0x0D, end - pos) == nil {
                            escapable(builder.splitPlainLine(base + pos, count: end - pos, delimiter: delimiter))
                            builder.endPlainLine()
                            pos = lf + 1
                            continue
                        }
                    }
                    // One record (it may span lines inside quotes), read by libcsv unless it holds
                    // a quote libcsv would read otherwise.
                    let (end, lenient) = Self.recordEnd(bytes, from: pos, delimiter: delimiter)
                    if lenient {
                        builder.splitLenient(bytes, from: pos, to: end, delimiter: delimiter)
                    } else {
                        feed(pos, end)
                    }
                    pos = end
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

extension CSVParser {
    /// The end of the record starting at `start` (past its line break, or the end of the input),
    /// and whether it holds a quote libcsv reads otherwise than the lenient rules: a quote after
    /// blanks at the start of a field, or text after a closing quote (blanks then a delimiter or
    /// line break are only trimmed, as libcsv trims them).
    static func recordEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, delimiter: UInt8) -> (end: Int, lenient: Bool) {
        let quote = UInt8(ascii: "\"")
        @inline(__always) func isBlank(_ c: UInt8) -> Bool { (c == 0x20 || c == 0x09) && c != delimiter }
        var lenient = false
        var i = start
        let n = bytes.count
        while i < n {
            // At the start of a field.
            var j = i
            while j < n && isBlank(bytes[j]) { j += 1 }
            if j < n && bytes[j] == quote {
                if j > i { lenient = true } else {
                    // A quoted field: to its closing quote (a doubled quote is literal), found
                    // with memchr (files that quote every field come here for every record).
                    j += 1
                    while true {
                        guard j < n, let q = memchr(bytes.baseAddress! + j, Int32(quote), n - j) else {
                            return (n, lenient)  // unterminated: runs to the end
                        }
                        j = UnsafeRawPointer(q) - bytes.baseAddress!
                        if j + 1 < n && bytes[j + 1] == quote { j += 2; continue }
                        break
                    }
                    j += 1
                    var k = j
                    while k < n && isBlank(bytes[k]) { k += 1 }
                    if k < n && bytes[k] != delimiter && bytes[k] != 0x0A && bytes[k] != 0x0D { lenient = true }
                }
            }
            // The rest of the field is text: to the delimiter or the line break.
            while j < n && bytes[j] != delimiter && bytes[j] != 0x0A && bytes[j] != 0x0D { j += 1 }
            guard j < n else { return (n, lenient) }
            if bytes[j] == delimiter {
                i = j + 1
                continue
            }
            if bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A { return (j + 2, lenient) }
            return (j + 1, lenient)
        }
        return (n, lenient)
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
