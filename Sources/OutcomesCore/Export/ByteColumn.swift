import Foundation

/// One column of a big table as bytes, cell after cell in one buffer: how changes.csv holds a
/// million lead ids without a million Strings.
public struct ByteColumn: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Per cell: the end of its bytes in `bytes` (the start is the previous cell's end).
    private(set) var ends: [Int] = []

    public init() {}

    public var count: Int { ends.count }

    mutating func append(_ cell: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    mutating func append(_ cell: String) {
        var cell = cell
        cell.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with the bytes of cell `i`.
    func withCell<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// Cell `i` as text.
    public subscript(i: Int) -> String {
        withCell(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when cell `i` is exactly `text` (ASCII).
    func cell(_ i: Int, is text: StaticString) -> Bool {
        withCell(i) { $0.count == text.utf8CodeUnitCount && memcmp($0.baseAddress ?? UnsafeRawPointer(text.utf8Start), text.utf8Start, $0.count) == 0 }
    }
}

/// Reads chosen columns of a CSV file this tool wrote (comma, LF or CRLF, RFC 4180 quotes,
/// maybe a BOM), without decoding the other fields: a line with no quote is split with memchr,
/// a record with quotes goes through a small quote-aware scanner. It reads as `CSVParser`
/// (libcsv) does: unquoted fields lose blanks and tabs at both ends, line breaks inside quotes
/// become LF, and records whose fields are all empty are skipped.
enum ColumnReader {
    /// The cells of the columns named `names` (matched on the header), in file order; a column
    /// the header lacks reads as empty cells.
    static func read(_ path: String, _ names: [String]) throws -> [ByteColumn] {
        guard let file = try? MappedFile(path: path) else {
            throw PipelineError.inputUnreadable(path: path, reason: "no such file in the run folder")
        }
        // Pages already read are let go as the scan moves on.
        return read(file.bytes, names) { file.release($0) }
    }

    @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    static func read(_ all: UnsafeRawBufferPointer, _ names: [String], scanned: (Range<Int>) -> Void = { _ in }) -> [ByteColumn] {
        var columns = [ByteColumn](repeating: ByteColumn(), count: names.count)
        scan(all, names, scanned: scanned) { k, cell in columns[k].append(cell) }
        return columns
    }

    /// The file's records streamed instead of kept: `cell(k, bytes)` for each column named
    /// `names[k]` of each record, in file order (empty bytes where the record or the header lacks
    /// the column); the bytes are valid during the call only.
    static func read(_ path: String, _ names: [String], cell: (Int, UnsafeRawBufferPointer) -> Void) throws {
        guard let file = try? MappedFile(path: path) else {
            throw PipelineError.inputUnreadable(path: path, reason: "no such file in the run folder")
        }
        scan(file.bytes, names, scanned: { file.release($0) }, cell: cell)
    }

    static func scan(_ all: UnsafeRawBufferPointer, _ names: [String], scanned: (Range<Int>) -> Void = { _ in },
                     cell deliver: (Int, UnsafeRawBufferPointer) -> Void) {
        guard let base = all.baseAddress else { return }
        let n = all.count
        var i = TextEncoding.bomLength(all)
        // A file written for Excel (it starts with a BOM) has its formula-like cells behind a `'`:
        // they are handed on as the run had them.
        let excel = i > 0
        func emit(_ k: Int, _ cell: UnsafeRawBufferPointer) {
            if excel, var unneutralized = CSVWriter.unneutralized(cell) {
                unneutralized.withUTF8 { deliver(k, UnsafeRawBufferPointer($0)) }
            } else {
                deliver(k, cell)
            }
        }
        var wanted: [Int] = []
        /// The last wanted field: a plain line with a value already seen is split no further.
        var lastWanted = Int.max
        var header: [String] = []
        var isHeader = true
        var cells = [UnsafeRawBufferPointer?](repeating: nil, count: names.count)
        var released = 0
        while i < n {
            if i - released >= 16 << 20 {
                scanned(released..<i)
                released = i
            }
            // One record: fields until an unquoted line break.
            let lineEnd = memchr(base + i, 0x0A, n - i).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? n
            let hasQuote = memchr(base + i, 0x22, lineEnd - i) != nil
            for k in cells.indices { cells[k] = nil }
            if !hasQuote {
                var end = lineEnd
                if end > i && base.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
                if end == i { i = lineEnd + 1; continue }
                var field = 0
                var start = i
                var anyValue = false
                while true {
                    let comma = memchr(base + start, 0x2C, end - start).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? end
                    var a = start
                    var z = comma
                    while a < z && isBlank(base.load(fromByteOffset: a, as: UInt8.self)) { a += 1 }
                    while z > a && isBlank(base.load(fromByteOffset: z - 1, as: UInt8.self)) { z -= 1 }
                    let cell = UnsafeRawBufferPointer(start: base + a, count: z - a)
                    if z > a { anyValue = true }
                    if isHeader {
                        header.append(String(decoding: cell, as: UTF8.self))
                    } else {
                        for (k, f) in wanted.enumerated() where f == field { cells[k] = cell }
                    }
                    field += 1
                    if comma >= end || (field > lastWanted && anyValue) { break }
                    start = comma + 1
                }
                i = lineEnd + 1
                if !anyValue { continue }
            } else {
                // Quote-aware: a quoted field may hold commas, doubled quotes and line breaks.
                var field = 0
                var fieldsText: [[UInt8]] = []
                var current: [UInt8] = []
                var inQuotes = false
                var atFieldStart = true
                /// The length of `current` up to its last byte that was quoted or not blank.
                var kept = 0
                func endField() {
                    current.removeLast(current.count - kept)
                    fieldsText.append(current)
                    current = []
                    kept = 0
                }
                while i < n {
                    let b = base.load(fromByteOffset: i, as: UInt8.self)
                    i += 1
                    if inQuotes {
                        if b == 0x22 {
                            if i < n && base.load(fromByteOffset: i, as: UInt8.self) == 0x22 {
                                current.append(0x22)
                                i += 1
                            } else {
                                inQuotes = false
                            }
                        } else if b == 0x0D {
                            current.append(0x0A)
                            if i < n && base.load(fromByteOffset: i, as: UInt8.self) == 0x0A { i += 1 }
                        } else {
                            current.append(b)
                        }
                        kept = current.count
                    } else if b == 0x22 && atFieldStart {
                        inQuotes = true
                        atFieldStart = false
                    } else if b == 0x2C {
                        endField()
                        field += 1
                        atFieldStart = true
                    } else if b == 0x0A {
                        break
                    } else if b == 0x0D && i < n && base.load(fromByteOffset: i, as: UInt8.self) == 0x0A {
                        continue
                    } else if isBlank(b) && atFieldStart {
                        continue
                    } else {
                        current.append(b)
                        atFieldStart = false
                        if !isBlank(b) { kept = current.count }
                    }
                }
                endField()
                if !fieldsText.contains(where: { !$0.isEmpty }) { continue }
                if isHeader {
                    header = fieldsText.map { String(decoding: $0, as: UTF8.self) }
                } else {
                    for (k, f) in wanted.enumerated() {
                        var text = f >= 0 && f < fieldsText.count ? String(decoding: fieldsText[f], as: UTF8.self) : ""
                        text.withUTF8 { emit(k, UnsafeRawBufferPointer($0)) }
                    }
                    continue
                }
            }
            if isHeader {
                isHeader = false
                wanted = names.map { header.firstIndex(of: $0) ?? -1 }
                lastWanted = wanted.max() ?? -1
                continue
            }
            for k in names.indices { emit(k, cells[k] ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
        }
    }
}
