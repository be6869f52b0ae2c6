import CHints
import Glibc

/// One CSV record: its fields as bytes, the physical line it starts on, and its shape.
///
/// A record is a view into the parser's reusable buffer, valid only inside the parse callback.
public struct CSVRecord {
    /// What the parser saw.
    public enum Kind: Sendable {
        /// A record with at least one non-empty field.
        case data
        /// An empty line, or a record whose every field is empty (Excel's `,,,,`).
        case blank
        /// The input ended inside a quoted field; the record runs from `line` to the end.
        case unterminatedQuote
    }

    public let kind: Kind
    /// The 1-based physical line where the record starts.
    public let line: Int
    unowned(unsafe) let storage: RecordBuilder

    /// The number of fields, trailing empty ones included.
    public var fieldCount: Int { storage.fieldCount }

    /// The raw bytes of field `index` (line breaks inside already turned into LF); valid only
    /// during the parse callback, like the record itself.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < storage.fieldCount, "field index out of range")
        let start = storage.starts[index]
        return UnsafeRawBufferPointer(start: storage.base + start, count: storage.ends[index] - start)
    }

    /// Calls `body` with the raw bytes of field `index` (line breaks inside already turned into LF).
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(field(index).bindMemory(to: UInt8.self))
    }

    /// The number of bytes in field `index`.
    @inline(__always)
    public func fieldLength(_ index: Int) -> Int {
        storage.ends[index] - storage.starts[index]
    }

    /// The index past the last non-empty field (0 when all are empty).
    @inline(__always)
    public var usedFieldCount: Int {
        var n = fieldCount
        while n > 0 && fieldLength(n - 1) == 0 { n -= 1 }
        return n
    }
}

/// The per-parser buffer libcsv's callbacks fill: the current record's bytes and field spans,
/// the line counter, and the consumer to hand finished records to.
final class RecordBuilder {
    /// The current record's field bytes, back to back (grown by doubling, never shrunk), for
    /// records libcsv splits (a plain line's fields are left where they are in the input).
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var byteCapacity = 4096
    /// Where the fields of the record handed on lie: `bytes`, or the plain line's own bytes.
    private(set) var base: UnsafePointer<UInt8>
    /// The start and end offset of each field from `base`.
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var fieldCount = 0
    private var fieldCapacity = 64
    /// The physical line the next byte is on.
    var line = 1
    /// The line the record being built started on.
    var recordLine = 1
    /// Line breaks seen inside the current record's quoted fields.
    var innerBreaks = 0
    var lastTerminatorWasCR = false
    /// Set by the parser when the piece being parsed starts with the LF of a CRLF.
    var pieceStartsWithLFAfterCR = false
    /// Set after an unterminated quote: libcsv's final flush of that record is ignored.
    var discarding = false
    var body: ((CSVRecord) -> Void)?

    init() {
        bytes = .allocate(capacity: byteCapacity)
        base = UnsafePointer(bytes)
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    private func clear() {
        byteCount = 0
        fieldCount = 0
    }

    @inline(__always)
    private func reserveBytes(_ extra: Int) {
        if byteCount + extra <= byteCapacity { return }
        let capacity = UnsafeMutablePointer<UInt8>.doubled(byteCapacity, toHold: byteCount + extra)
        bytes = bytes.moved(count: byteCount, toCapacity: capacity)
        byteCapacity = capacity
    }

    @inline(__always)
    private func appendByte(_ b: UInt8) {
        reserveBytes(1)
        bytes[byteCount] = b
        byteCount += 1
    }

    func reset(line: Int, body: @escaping (CSVRecord) -> Void) {
        self.line = line
        recordLine = line
        innerBreaks = 0
        lastTerminatorWasCR = false
        discarding = false
        clear()
        self.body = body
    }

    /// Appends one field, turning CRLF and lone CR inside it into LF and counting those breaks.
    func appendField(_ field: UnsafeRawBufferPointer?) {
        if discarding { return }
        if let field, field.count > 0 {
            let sawBreak = memchr(field.baseAddress!, 0x0A, field.count) != nil || memchr(field.baseAddress!, 0x0D, field.count) != nil
            if !sawBreak {
                reserveBytes(field.count)
                (bytes + byteCount).update(from: field.baseAddress!.assumingMemoryBound(to: UInt8.self), count: field.count)
                byteCount += field.count
            } else {
                var i = 0
                while i < field.count {
                    let b = field[i]
                    if b == 0x0D {
                        appendByte(0x0A)
                        innerBreaks += 1
                        if i + 1 < field.count && field[i + 1] == 0x0A { i += 1 }
                    } else {
                        if b == 0x0A { innerBreaks += 1 }
                        appendByte(b)
                    }
                    i += 1
                }
            }
        }
        endField()
    }

    /// Splits a line that holds no quote and no CR (its LF or CRLF not included) as libcsv
    /// would, into the record being built: fields end at the delimiter and lose the blanks and
    /// tabs (other than the delimiter) at both ends; a line of nothing but those has no fields.
    /// Returns the record; `endPlainLine()` must follow once it has been handed on. (The parser
    /// calls its consumer itself: calling the stored `body` here cost a retain and a release
    /// per line.)
    @inline(__always)
    func splitPlainLine(_ start: UnsafeRawPointer, count: Int, delimiter: UInt8) -> CSVRecord {
        let p = start.assumingMemoryBound(to: UInt8.self)
        var total = 0
        var n = outcomes_split_plain(p, count, delimiter, starts, ends, fieldCapacity, &total)
        while n < 0 {
            // More fields than room: the field arrays are doubled until the line fits.
            starts = starts.moved(count: 0, toCapacity: fieldCapacity * 2)
            ends = ends.moved(count: 0, toCapacity: fieldCapacity * 2)
            fieldCapacity *= 2
            n = outcomes_split_plain(p, count, delimiter, starts, ends, fieldCapacity, &total)
        }
        fieldCount = n
        // The fields stay in the input, which outlives the record (no copy of each field).
        base = p
        return CSVRecord(kind: total == 0 ? .blank : .data, line: recordLine, storage: self)
    }

    /// Moves past a line split by `splitPlainLine`.
    @inline(__always)
    func endPlainLine() {
        lastTerminatorWasCR = false
        pieceStartsWithLFAfterCR = false
        line = recordLine + 1
        recordLine = line
        innerBreaks = 0
        clear()
    }

    /// Adds a field at `start..<end` from wherever the record's fields lie.
    @inline(__always)
    private func addSpan(_ start: Int, _ end: Int) {
        if fieldCount == fieldCapacity {
            starts = starts.moved(count: fieldCount, toCapacity: fieldCapacity * 2)
            ends = ends.moved(count: fieldCount, toCapacity: fieldCapacity * 2)
            fieldCapacity *= 2
        }
        starts[fieldCount] = start
        ends[fieldCount] = end
        fieldCount += 1
    }

    /// Ends the field whose bytes were appended last to `bytes`.
    @inline(__always)
    private func endField() {
        addSpan(fieldCount == 0 ? 0 : ends[fieldCount - 1], byteCount)
    }

    /// Ends a record at `terminator` (CR, LF, or -1 at the end of input) and hands it on.
    func endRecord(terminator: Int32) {
        if discarding { return }
        base = UnsafePointer(bytes)
        if fieldCount == 0 {
            // An empty line, or the LF of a CRLF whose CR already ended the previous record.
            let isLFOfCRLF = terminator == 0x0A && lastTerminatorWasCR && pieceStartsWithLFAfterCR
            pieceStartsWithLFAfterCR = false
            lastTerminatorWasCR = terminator == 0x0D
            if isLFOfCRLF { return }
            if terminator >= 0 {
                body?(CSVRecord(kind: .blank, line: line, storage: self))
                line += 1
                recordLine = line
            }
            return
        }
        lastTerminatorWasCR = terminator == 0x0D
        pieceStartsWithLFAfterCR = false
        let allEmpty = byteCount == 0
        body?(CSVRecord(kind: allEmpty ? .blank : .data, line: recordLine, storage: self))
        line = recordLine + innerBreaks + (terminator >= 0 ? 1 : 0)
        recordLine = line
        innerBreaks = 0
        clear()
    }

    /// Splits the record `bytes[start..<end]` by the lenient quoting rules (see `CSVParser`) and
    /// hands it on: a quote opens a quoted field only as the field's first byte, and text after
    /// a closing quote joins the field. Blanks and tabs (other than the delimiter) are trimmed
    /// at both ends of each field, as libcsv trims unquoted ones. The records libcsv would read
    /// otherwise come here; they are rare, so this goes a byte at a time.
    func splitLenient(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, delimiter: UInt8) {
        let quote = UInt8(ascii: "\"")
        var field: [UInt8] = []
        var quoted = false      // inside a quoted part
        var fieldStart = true   // no byte of the field read yet
        var i = start
        func finishField() {
            var lo = 0
            var hi = field.count
            while lo < hi && (field[lo] == 0x20 || field[lo] == 0x09) && field[lo] != delimiter { lo += 1 }
            while hi > lo && (field[hi - 1] == 0x20 || field[hi - 1] == 0x09) && field[hi - 1] != delimiter { hi -= 1 }
            field[lo..<hi].withUnsafeBytes { appendField($0) }
            field.removeAll(keepingCapacity: true)
            fieldStart = true
        }
        while i < end {
            let c = bytes[i]
            i += 1
            if quoted {
                if c == quote {
                    if i < end && bytes[i] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)  // line breaks too: appendField turns them into LF and counts them
                }
                continue
            }
            if c == delimiter {
                finishField()
            } else if c == 0x0A || c == 0x0D {
                finishField()
                if c == 0x0D && i < end && bytes[i] == 0x0A { i += 1 }
                endRecord(terminator: 0x0A)
                return
            } else if c == quote && fieldStart {
                quoted = true
                fieldStart = false
            } else {
                field.append(c)
                fieldStart = false
            }
        }
        if quoted {
            unterminatedQuote()
            return
        }
        finishField()
        endRecord(terminator: -1)
    }

    /// Reports the pending record as an unterminated quote and discards it.
    func unterminatedQuote() {
        base = UnsafePointer(bytes)
        body?(CSVRecord(kind: .unterminatedQuote, line: recordLine, storage: self))
        clear()
        innerBreaks = 0
        discarding = true
    }
}
