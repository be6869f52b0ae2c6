/// One Dispatch worker's private state for parsing and normalizing chunks: parsers per
/// delimiter, decoders per encoding, and the normalization cache.
final class ChunkWorker {
    let context: NormalizeContext
    let cache = NormalizeCache()
    var parsers: [UInt8: CSVParser] = [:]
    var decoders: [String: FieldDecoder] = [:]

    init(context: NormalizeContext) {
        self.context = context
    }

    func parser(for delimiter: UInt8) -> CSVParser {
        if let p = parsers[delimiter] { return p }
        // csv_init only fails when out of memory, which Swift treats as fatal everywhere else too.
        guard let p = try? CSVParser(delimiter: delimiter) else { preconditionFailure("libcsv could not allocate a parser") }
        parsers[delimiter] = p
        return p
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
        var out = NormalizedChunk()
        let decoder = decoder(for: file)
        let leadNormalizer = LeadNormalizer(context: context, cache: cache)
        let contractNormalizer = ContractNormalizer(context: context, cache: cache)
        let path = file.spec.display
        let table = file.spec.table
        file.withBytes { bytes in
            parser(for: file.delimiter).parse(UnsafeRawBufferPointer(rebasing: bytes[chunk.range]), firstLine: chunk.firstLine) { record in
                func rejected(_ problems: [CellIssue]) -> RowOutcome {
                    .rejected(problems.map {
                        RowIssue(location: SourceLocation(file: path, line: record.line, column: $0.column),
                                 value: $0.value, reason: $0.reason, message: $0.message)
                    })
                }
                switch RecordCells.read(record, columns: file.columns, decoder: decoder) {
                case .blank:
                    out.blank += 1
                case .issues(let problems):
                    out.outcomes.append(rejected(problems))
                case .cells(let cells):
                    let source = SourceRef(file: fileIndex, line: record.line)
                    if table == .consultations {
                        switch leadNormalizer.normalize(cells, source: source) {
                        case .accepted(let lead, let digest): out.outcomes.append(.lead(lead, digest))
                        case .rejected(let problems): out.outcomes.append(rejected(problems))
                        }
                    } else {
                        switch contractNormalizer.normalize(cells, source: source) {
                        case .accepted(let contract, let digest): out.outcomes.append(.contract(contract, digest))
                        case .rejected(let problems): out.outcomes.append(rejected(problems))
                        }
                    }
                }
            }
        }
        return out
    }
}
