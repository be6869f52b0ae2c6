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
    unowned let storage: RecordBuilder

    /// The number of fields, trailing empty ones included.
    public var fieldCount: Int { storage.ends.count }

    /// Calls `body` with the raw bytes of field `index` (line breaks inside already turned into LF).
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : storage.ends[index - 1]
        let end = storage.ends[index]
        return storage.bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The number of bytes in field `index`.
    public func fieldLength(_ index: Int) -> Int {
        storage.ends[index] - (index == 0 ? 0 : storage.ends[index - 1])
    }

    /// The index past the last non-empty field (0 when all are empty).
    public var usedFieldCount: Int {
        var n = fieldCount
        while n > 0 && fieldLength(n - 1) == 0 { n -= 1 }
        return n
    }
}

/// The per-parser buffer libcsv's callbacks fill: the current record's bytes and field ends,
/// the line counter, and the consumer to hand finished records to.
final class RecordBuilder {
    var bytes: [UInt8] = []
    var ends: [Int] = []
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
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    func reset(line: Int, body: @escaping (CSVRecord) -> Void) {
        self.line = line
        recordLine = line
        innerBreaks = 0
        lastTerminatorWasCR = false
        discarding = false
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        self.body = body
    }

    /// Appends one field, turning CRLF and lone CR inside it into LF and counting those breaks.
    func appendField(_ field: UnsafeRawBufferPointer?) {
        if discarding { return }
        if let field, field.count > 0 {
            let sawBreak = memchr(field.baseAddress!, 0x0A, field.count) != nil || memchr(field.baseAddress!, 0x0D, field.count) != nil
            if !sawBreak {
                bytes.append(contentsOf: field)
            } else {
                var i = 0
                while i < field.count {
                    let b = field[i]
                    if b == 0x0D {
                        bytes.append(0x0A)
                        innerBreaks += 1
                        if i + 1 < field.count && field[i + 1] == 0x0A { i += 1 }
                    } else {
                        if b == 0x0A { innerBreaks += 1 }
                        bytes.append(b)
                    }
                    i += 1
                }
            }
        }
        ends.append(bytes.count)
    }

    /// Ends a record at `terminator` (CR, LF, or -1 at the end of input) and hands it on.
    func endRecord(terminator: Int32) {
        if discarding { return }
        if ends.isEmpty {
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
        let allEmpty = bytes.isEmpty
        body?(CSVRecord(kind: allEmpty ? .blank : .data, line: recordLine, storage: self))
        line = recordLine + innerBreaks + (terminator >= 0 ? 1 : 0)
        recordLine = line
        innerBreaks = 0
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Reports the pending record as an unterminated quote and discards it.
    func unterminatedQuote() {
        body?(CSVRecord(kind: .unterminatedQuote, line: recordLine, storage: self))
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        innerBreaks = 0
        discarding = true
    }
}
