import Glibc

/// Cuts CSV bytes into pieces that start and end on record boundaries, for parallel parsing.
///
/// The scan follows the quoting rules `CSVParser` reads by (RFC 4180's, read leniently as
/// Python's csv module and Excel do), so a boundary never falls inside a quoted field: a quote
/// opens a quoted field only as the first byte of a field (after a blank it is text); inside
/// one, a doubled quote is literal; a closing quote followed by other text ends the quoting and
/// that text belongs to the same field.
public struct Chunker {
    /// A byte range of whole records and the physical line of its first byte.
    public struct Chunk: Equatable, Sendable {
        public var range: Range<Int>
        public var firstLine: Int
    }

    let delimiter: UInt8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    private enum State { case fieldStart, unquoted, quoted, quoteSeen }

    /// Splits `bytes[start...]` into chunks of about `targetSize` bytes (at least one chunk).
    /// - Parameters:
    ///   - firstLine: the physical line of `bytes[start]`.
    ///   - targetSize: a chunk ends at the first record boundary at or after this many bytes.
    /// - Complexity: O(n), one sequential pass.
    ///   - scanned: called with each stretch once it has been scanned (to release its pages).
    public func chunks(of bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, targetSize: Int,
                       scanned: (Range<Int>) -> Void = { _ in }) -> [Chunk] {
        let n = bytes.count
        if n - start <= targetSize { return [Chunk(range: start..<max(start, n), firstLine: firstLine)] }
        var result: [Chunk] = []
        var position = start
        var line = firstLine
        while position < n {
            let (end, breaks) = nextBoundary(in: bytes, from: position, atLeast: max(1, targetSize))
            result.append(Chunk(range: position..<end, firstLine: line))
            scanned(position..<end)
            line += breaks
            position = end
        }
        return result
    }

    /// The end of the record starting at `start` (past its line break) and the line breaks it spans.
    public func recordEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int, lines: Int) {
        let (end, breaks) = nextBoundary(in: bytes, from: start, atLeast: 1)
        return (end, breaks)
    }

    /// Whether a line's text (its bytes before the LF and any CR right before it) holds no quote
    /// and no CR: then the line is one whole record, whatever the delimiter.
    @inline(__always)
    static func isPlain(_ base: UnsafeRawPointer, _ text: Range<Int>) -> Bool {
        memchr(base + text.lowerBound, 0x22, text.count) == nil && memchr(base + text.lowerBound, 0x0D, text.count) == nil
    }

    /// The first record boundary at least `size` bytes after `start` (or the end), and the line
    /// breaks before it. `start` must be a record boundary.
    func nextBoundary(in bytes: UnsafeRawBufferPointer, from start: Int, atLeast size: Int) -> (Int, Int) {
        let n = bytes.count
        var breaks = 0
        var state = State.fieldStart
        var i = start
        let quote = UInt8(ascii: "\"")
        let base = bytes.baseAddress
        while i < n {
            // Fast path: at the start of a record, a line without quote or CR (but maybe ending
            // in CRLF) is one whole record.
            if state == .fieldStart, let base, i - start < size,
               let lf = memchr(base + i, 0x0A, n - i) {
                let end = lf - UnsafeMutableRawPointer(mutating: base)
                let textEnd = end > i && bytes[end - 1] == 0x0D ? end - 1 : end
                if Self.isPlain(base, i..<textEnd) {
                    i = end + 1
                    breaks += 1
                    if i - start >= size { return (i, breaks) }
                    continue
                }
            }
            let c = bytes[i]
            i += 1
            if c == 0x0A || c == 0x0D {
                if c == 0x0D && i < n && bytes[i] == 0x0A { i += 1 }
                breaks += 1
                if state != .quoted {
                    state = .fieldStart
                    if i - start >= size { return (i, breaks) }
                }
                continue
            }
            switch state {
            case .fieldStart:
                if c == quote { state = .quoted } else if c != delimiter { state = .unquoted }
            case .unquoted:
                if c == delimiter { state = .fieldStart }
            case .quoted:
                if c == quote { state = .quoteSeen }
            case .quoteSeen:
                if c == delimiter {
                    state = .fieldStart
                } else if c == quote {
                    state = .quoted
                } else {
                    state = .unquoted
                }
            }
        }
        return (n, breaks)
    }
}

extension Chunker {
    /// The chunks of a body holding no quote and no CR but in CRLF, found on `threads` workers:
    /// there every LF ends a record, so the body is cut into stretches of `targetSize` bytes that
    /// are scanned side by side and each chunk ends at the first
    /// LF of a stretch. Nil for any other body (then `chunks` follows the quotes record by record)
    /// and for a body that fits one chunk.
    /// - Parameter scanned: called with each stretch once scanned, on the worker that scanned it.
    public func plainChunks(of bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, targetSize: Int,
                            threads: Int, scanned: (Range<Int>) -> Void = { _ in }) -> [Chunk]? {
        plainChunks(of: bytes, from: start, firstLine: firstLine, targetSize: targetSize, threads: threads,
                    checkingUTF8: false, scanned: scanned)?.chunks
    }

    /// `plainChunks`, and with `checkingUTF8` whether `bytes[start...]` is valid UTF-8, checked
    /// stretch by stretch on the same workers while each stretch is in cache (one pass over the
    /// file instead of two). A stretch's check starts and ends before a byte that does not
    /// continue a character, so no character is split between two checks.
    public func plainChunks(of bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, targetSize: Int,
                            threads: Int, checkingUTF8: Bool,
                            scanned: (Range<Int>) -> Void = { _ in }) -> (chunks: [Chunk], validUTF8: Bool)? {
        let n = bytes.count
        let size = max(1, targetSize)
        guard let base = bytes.baseAddress, n - start > size else { return nil }
        let stretches = (n - start + size - 1) / size
        // Per stretch: nil when not plain, else its LF count, its first LF (-1: none) and
        // whether its characters are valid UTF-8 (true when not checked).
        let found = ParallelMap.map(count: stretches, threads: threads, makeState: { () }) { _, s -> (breaks: Int, first: Int, valid: Bool)? in
            let lo = start + s * size
            let hi = min(n, lo + size)
            defer { scanned(lo..<hi) }
            var valid = true
            if checkingUTF8 {
                let from = s == 0 ? start : UTF8Validation.characterStart(bytes, at: lo)
                let to = UTF8Validation.characterStart(bytes, at: hi)
                valid = from >= to || UTF8Validation.isValid(UnsafeRawBufferPointer(start: base + from, count: to - from))
            }
            var breaks = 0
            var first = -1
            var at = lo
            // Most stretches hold no quote and no CR at all: two scans of the whole stretch say
            // so, and its lines are only counted (three scans per line cost 0.2 s at 5M leads).
            if memchr(base + lo, 0x22, hi - lo) == nil && memchr(base + lo, 0x0D, hi - lo) == nil {
                while at < hi, let lf = memchr(base + at, 0x0A, hi - at) {
                    let end = UnsafeRawPointer(lf) - base
                    if first < 0 { first = end }
                    breaks += 1
                    at = end + 1
                }
                return (breaks, first, valid)
            }
            // Else line by line, as `nextBoundary`'s fast path: each line is checked while in cache.
            while at < hi {
                let lineEnd = memchr(base + at, 0x0A, hi - at).map { UnsafeRawPointer($0) - base } ?? hi
                var textEnd = lineEnd
                if lineEnd < hi {
                    breaks += 1
                    if first < 0 { first = lineEnd }
                    if lineEnd > at && base.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 0x0D { textEnd -= 1 }
                } else if hi < n, lineEnd > at, base.load(fromByteOffset: hi - 1, as: UInt8.self) == 0x0D,
                          base.load(fromByteOffset: hi, as: UInt8.self) == 0x0A {
                    textEnd -= 1  // a CRLF cut by the stretch's end
                }
                if !Self.isPlain(base, at..<textEnd) { return nil }
                at = lineEnd + 1
            }
            return (breaks, first, valid)
        }
        var firstLF = [Int](repeating: -1, count: stretches + 1)
        for s in stride(from: stretches - 1, through: 0, by: -1) {
            guard let f = found[s] else { return nil }
            firstLF[s] = f.first >= 0 ? f.first : firstLF[s + 1]
        }
        var result: [Chunk] = []
        var chunkStart = start
        var chunkLine = firstLine
        var before = 0  // LFs before the current stretch
        for s in 0..<stretches {
            // The first LF at or after the stretch's start ends a chunk; the LFs before the cut
            // are those of the earlier stretches and that one.
            if s > 0, firstLF[s] >= 0, firstLF[s] + 1 > chunkStart {
                result.append(Chunk(range: chunkStart..<(firstLF[s] + 1), firstLine: chunkLine))
                chunkStart = firstLF[s] + 1
                chunkLine = firstLine + before + 1
            }
            before += found[s]!.breaks
        }
        if chunkStart < n { result.append(Chunk(range: chunkStart..<n, firstLine: chunkLine)) }
        return (result, found.allSatisfy { $0!.valid })
    }
}
