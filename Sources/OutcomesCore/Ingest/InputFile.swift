import Foundation

/// One input file opened for parsing: its bytes, encoding, delimiter, header and body range.
public final class InputFile: @unchecked Sendable {
    public let spec: PipelineDefinition.Input
    let file: MappedFile
    public let encoding: TextEncoding
    public let delimiter: UInt8
    public let isValidUTF8: Bool
    /// Where the records after the header start, and that byte's physical line.
    public let bodyStart: Int
    public let bodyLine: Int
    public let columns: ColumnMap
    public var size: Int { file.count }

    /// The chunks found while the encoding was settled, and the target size they were cut for.
    private let planned: (chunks: [Chunker.Chunk], targetSize: Int)?

    /// Reads the file, settles encoding and delimiter, and resolves the header.
    /// - Throws: `PipelineError.inputUnreadable`, `.undecodableHeader`, `.missingColumn`.
    /// - Parameters:
    ///   - threads: Dispatch workers for the UTF-8 check of a big file.
    ///   - chunkBytes: the chunk size `chunks` will be asked for, if known: a body without quotes
    ///     is then cut into chunks in the same pass over the file as its UTF-8 check.
    public init(spec: PipelineDefinition.Input, aliases: HeaderAliases, threads: Int = 1, chunkBytes: Int? = nil) throws {
        self.spec = spec
        do {
            file = try MappedFile(path: spec.path)
        } catch {
            throw PipelineError.inputUnreadable(path: spec.display, reason: "\(error)")
        }
        let mapped = file
        let bytes = mapped.bytes
        let bom = TextEncoding.bomLength(bytes)
        // Where the header and the body are does not depend on the encoding: quotes, delimiters
        // and line breaks are the same bytes in UTF-8 and CP949, whose other bytes are above them.
        var start = bom
        var line = 1
        // A title block above the header: skip whole records up to the header line.
        let probe = Chunker(delimiter: UInt8(ascii: ","))
        while line < spec.headerRow && start < bytes.count {
            let (end, breaks) = probe.recordEnd(in: bytes, from: start)
            start = end
            line += max(1, breaks)
        }
        let delimiter = spec.delimiter ?? Dialect.detectDelimiter(bytes, from: start)
        let (headerEnd, breaks) = Chunker(delimiter: delimiter).recordEnd(in: bytes, from: start)
        let valid: Bool
        if let chunkBytes, let scan = Chunker(delimiter: delimiter).plainChunks(
            of: bytes, from: headerEnd, firstLine: line + breaks, targetSize: chunkBytes, threads: threads,
            checkingUTF8: true, scanned: { mapped.release($0) }) {
            valid = scan.validUTF8 && UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: bytes[bom..<headerEnd]))
            planned = (scan.chunks, chunkBytes)
        } else {
            valid = Self.isValidUTF8(mapped, from: bom, threads: threads)
            planned = nil
        }
        let encoding = spec.encoding ?? (valid ? .utf8 : .cp949)
        var headers: [String]?
        let decoder = FieldDecoder.make(for: encoding, fileIsValidUTF8: valid && encoding == .utf8)
        if let parser = try? CSVParser(delimiter: delimiter) {
            var names: [String] = []
            var ok = true
            parser.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<headerEnd]), firstLine: line) { record in
                guard names.isEmpty, record.kind == .data else { return }
                for i in 0..<record.fieldCount {
                    if let s = decoder.string(record, i) { names.append(s) } else { ok = false }
                }
            }
            headers = ok ? names : nil
        }
        guard let headers else {
            throw PipelineError.undecodableHeader(file: spec.display, encoding: encoding.rawValue)
        }
        self.encoding = encoding
        self.delimiter = delimiter
        self.isValidUTF8 = valid
        self.bodyStart = headerEnd
        self.bodyLine = line + breaks
        self.columns = try ColumnMap(headers: headers, table: spec.table, aliases: aliases, file: spec.display, headerLine: line)
    }

    /// Calls `body` with the file's bytes (memory-mapped).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(file.bytes)
    }

    /// The LF and CR bytes in `range`: at least the line breaks there (a CRLF counts twice).
    public func lineBreaks(in range: Range<Int>) -> Int {
        withBytes { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            var n = 0
            for byte: Int32 in [0x0A, 0x0D] {
                var at = range.lowerBound
                while at < range.upperBound, let hit = memchr(base + at, byte, range.upperBound - at) {
                    n += 1
                    at = hit - UnsafeMutableRawPointer(mutating: base) + 1
                }
            }
            return n
        }
    }

    /// Lets the pages of a range already read leave memory (they are re-read if touched again).
    public func release(_ range: Range<Int>) {
        file.release(range)
    }

    /// The body cut into quote-aware chunks of about `targetSize` bytes; each scanned stretch is
    /// released as the scan moves on. A body without quotes (and without a CR outside CRLF) is
    /// scanned on `threads` workers, any other record by record.
    public func chunks(targetSize: Int, threads: Int = 1) -> [Chunker.Chunk] {
        if let planned, planned.targetSize == targetSize { return planned.chunks }
        let file = self.file
        let chunker = Chunker(delimiter: delimiter)
        return withBytes {
            chunker.plainChunks(of: $0, from: bodyStart, firstLine: bodyLine, targetSize: targetSize, threads: threads) { file.release($0) }
                ?? chunker.chunks(of: $0, from: bodyStart, firstLine: bodyLine, targetSize: targetSize) { file.release($0) }
        }
    }

    /// Strict UTF-8 check of the bytes after `start`, in blocks cut before a non-continuation
    /// byte (so no character is split), each released once checked.
    static func isValidUTF8(_ file: MappedFile, from start: Int, threads: Int = 1) -> Bool {
        let bytes = file.bytes
        let block = 16 << 20
        var bounds = [start]
        while bounds.last! < bytes.count {
            bounds.append(UTF8Validation.characterStart(bytes, at: min(bytes.count, bounds.last! + block)))
        }
        // A round of blocks per worker at a time, so a file that is not UTF-8 (it fails in its
        // first blocks) is not read to the end.
        let blocks = bounds.count - 1
        let round = max(1, threads)
        for first in stride(from: 0, to: blocks, by: round) {
            let ok = ParallelMap.map(count: min(round, blocks - first), threads: threads, makeState: { () }) { _, k -> Bool in
                let range = bounds[first + k]..<bounds[first + k + 1]
                defer { file.release(range) }
                return UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: bytes[range]))
            }
            if ok.contains(false) { return false }
        }
        return true
    }
}
