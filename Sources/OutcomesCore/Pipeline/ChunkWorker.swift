/// One Dispatch worker's private state for parsing and normalizing chunks: parsers per
/// delimiter, decoders per encoding, and the normalization cache.
final class ChunkWorker {
    let context: NormalizeContext
    let cache: NormalizeCache
    var parsers: [UInt8: CSVParser] = [:]
    var decoders: [String: FieldDecoder] = [:]
    var converters: [String: IconvDecoder] = [:]
    /// The current chunk converted to UTF-8 (legacy encodings only); reused between chunks.
    var converted: [UInt8] = []
    let markedUTF8 = FieldDecoder(mode: .markedUTF8)
    /// For a chunk converted without a bad byte: plain UTF-8, nothing to check.
    let convertedUTF8 = FieldDecoder(mode: .validatedUTF8)
    /// How many of the pool's texts earlier chunks handed to the merge (the next chunk hands the rest).
    var sealedTexts = 0
    /// The byte-level normalizers: for valid UTF-8 files, and for text converted from a legacy encoding.
    let fastUTF8: FastRowNormalizer
    let fastMarked: FastRowNormalizer

    init(context: NormalizeContext) {
        // Each worker gets its own copies of the reference tables: sharing one object between
        // threads makes every retain and release of it contend for the same cache line.
        var own = context
        own.fx = context.fx.copy()
        own.taxonomy = context.taxonomy.copy()
        self.context = own
        let cache = NormalizeCache()
        self.cache = cache
        fastUTF8 = FastRowNormalizer(context: own, pool: cache.pool, marked: false)
        fastMarked = FastRowNormalizer(context: own, pool: cache.pool, marked: true)
    }

    func parser(for delimiter: UInt8) -> CSVParser {
        if let p = parsers[delimiter] { return p }
        // csv_init only fails when out of memory, which Swift treats as fatal everywhere else too.
        guard let p = try? CSVParser(delimiter: delimiter) else { preconditionFailure("libcsv could not allocate a parser") }
        parsers[delimiter] = p
        return p
    }

    func converter(for encoding: TextEncoding) -> IconvDecoder {
        if let c = converters[encoding.rawValue] { return c }
        // glibc always ships CP949 and GB18030; a missing converter is a broken installation.
        guard let c = IconvDecoder(from: encoding == .cp949 ? "CP949" : "GB18030") else {
            preconditionFailure("glibc iconv lacks \(encoding.rawValue)")
        }
        converters[encoding.rawValue] = c
        return c
    }

    func decoder(for file: InputFile) -> FieldDecoder {
        let valid = file.isValidUTF8 && file.encoding == .utf8
        let key = file.encoding.rawValue + (valid ? "+" : "")
        if let d = decoders[key] { return d }
        let d = FieldDecoder.make(for: file.encoding, fileIsValidUTF8: valid)
        decoders[key] = d
        return d
    }

    /// Parses one chunk of a consultations or contracts file and normalizes every record.
    func normalize(_ file: InputFile, chunk: Chunker.Chunk, fileIndex: Int) -> NormalizedChunk {
        var out = NormalizedChunk(pool: cache.pool, firstNewText: sealedTexts)
        // Room for rows of ~96 bytes on average, so the array is not copied as it grows
        // (growth by doubling moved each row about once more; real rows are longer).
        out.outcomes.reserveCapacity(chunk.range.count / 96 + 16)
        out.idHashes.reserveCapacity(chunk.range.count / 96 + 16)
        let parser = parser(for: file.delimiter)
        let target = Target(columns: file.columns, positions: file.columns.positions.map { $0 ?? -1 },
                            table: file.spec.table, path: file.spec.display, fileIndex: fileIndex,
                            leads: LeadNormalizer(context: context, cache: cache),
                            contracts: ContractNormalizer(context: context, cache: cache))
        // The fast normalizer is not passed as an optional: binding it per record retained and
        // released it (two atomic operations a row).
        let fastUTF8 = self.fastUTF8, fastMarked = self.fastMarked, markedUTF8 = self.markedUTF8,
            convertedUTF8 = self.convertedUTF8
        file.withBytes { fileBytes in
            let bytes = UnsafeRawBufferPointer(rebasing: fileBytes[chunk.range])
            if file.encoding == .utf8 {
                let decoder = decoder(for: file)
                if file.isValidUTF8 {
                    parser.parse(bytes, firstLine: chunk.firstLine) { record in
                        if Self.normalizeFast(record, target, fastUTF8, into: &out) { return }
                        Self.normalize(record, target, decoder: decoder, into: &out)
                    }
                } else {
                    // A declared UTF-8 file that is not valid as a whole is checked field by field.
                    parser.parse(bytes, firstLine: chunk.firstLine) { Self.normalize($0, target, decoder: decoder, into: &out) }
                }
            } else {
                // Legacy encodings are converted a chunk at a time, not a field at a time; CP949
                // through a table of iconv's own answers when the chunk holds only valid codes.
                // (The table takes only valid codes, so its output holds no mark.)
                let length: Int
                var marks = 0
                if file.encoding == .cp949, let n = CP949Table.convert(bytes, into: &converted) {
                    length = n
                } else {
                    marks = converter(for: file.encoding).convert(bytes, into: &converted)
                    length = converted.count
                }
                converted.withUnsafeBytes { utf8 in
                    let text = UnsafeRawBufferPointer(rebasing: utf8[0..<length])
                    if marks == 0 {
                        parser.parse(text, firstLine: chunk.firstLine) { record in
                            if Self.normalizeFast(record, target, fastUTF8, into: &out) { return }
                            Self.normalize(record, target, decoder: convertedUTF8, into: &out)
                        }
                    } else {
                        // A record with a mark in any field, read or not, is an encoding_error:
                        // the String path finds and reports it.
                        parser.parse(text, firstLine: chunk.firstLine) { record in
                            if !Self.holdsMark(record), Self.normalizeFast(record, target, fastMarked, into: &out) { return }
                            Self.normalize(record, target, decoder: markedUTF8, into: &out)
                        }
                    }
                }
            }
        }
        file.release(chunk.range)
        out.seal()
        sealedTexts = out.firstNewText + out.newTexts.count
        return out
    }

    /// Whether some field of a converted record holds U+FFFD, the converter's mark of a bad byte.
    static func holdsMark(_ record: CSVRecord) -> Bool {
        (0..<record.fieldCount).contains { FieldDecoder.containsReplacement(record.field($0).bindMemory(to: UInt8.self)) }
    }

    /// Normalizes a well-shaped record from its bytes; false when it needs the String path.
    @inline(__always)
    static func normalizeFast(_ record: CSVRecord, _ target: Target, _ fast: FastRowNormalizer, into out: inout NormalizedChunk) -> Bool {
        let width = target.columns.width
        guard record.kind == .data, record.fieldCount >= width, record.usedFieldCount <= width else { return false }
        let source = SourceRef(file: target.fileIndex, line: record.line)
        if target.table == .consultations {
            return fast.appendLead(record, positions: target.positions, source: source, to: out.outcomes, idHashes: &out.idHashes)
        }
        return fast.appendContract(record, positions: target.positions, source: source, to: out.outcomes, idHashes: &out.idHashes)
    }

    /// What a chunk's records are normalized against, read once per chunk (not per record).
    struct Target {
        let columns: ColumnMap
        /// Field index per canonical column, -1 where the file lacks it.
        let positions: [Int]
        let table: TableKind
        let path: String
        let fileIndex: Int
        let leads: LeadNormalizer
        let contracts: ContractNormalizer
    }

    /// Normalizes one record into a row outcome (or counts it as blank).
    static func normalize(_ record: CSVRecord, _ target: Target, decoder: FieldDecoder, into out: inout NormalizedChunk) {
        /// A rejected row, with no id to claim.
        func reject(_ problems: [CellIssue]) {
            out.idHashes.append(0)
            out.outcomes.append(.rejected(problems.map {
                RowIssue(location: SourceLocation(file: target.path, line: record.line, column: $0.column),
                         value: $0.value, reason: $0.reason, message: $0.message)
            }))
        }
        switch RecordCells.read(record, columns: target.columns, decoder: decoder) {
        case .blank:
            out.blank += 1
        case .issues(let problems):
            reject(problems)
        case .cells(let cells):
            let source = SourceRef(file: target.fileIndex, line: record.line)
            if target.table == .consultations {
                switch target.leads.normalize(cells, source: source) {
                case .accepted(let lead, let digest):
                    out.idHashes.append(RowIDTable.hash(lead.id))
                    out.outcomes.append(.lead(lead, digest))
                case .rejected(let problems): reject(problems)
                }
            } else {
                switch target.contracts.normalize(cells, source: source) {
                case .accepted(let contract, let digest):
                    out.idHashes.append(RowIDTable.hash(contract.id))
                    out.outcomes.append(.contract(contract, digest))
                case .rejected(let problems): reject(problems)
                }
            }
        }
    }
}
