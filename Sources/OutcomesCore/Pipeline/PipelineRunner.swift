import Crypto
import Dispatch
import Foundation

/// Wires the four stages: ingest → normalize → aggregate → export. The only file that knows them all.
///
/// ```swift
/// let definition = try PipelineDefinition.load(path: "Pipelines/ciepec-2026.yaml")
/// let report = try PipelineRunner(definition: definition, options: .init(threads: 2)).run()
/// ```
public struct PipelineRunner {
    /// How to run: worker threads, chunk size, and where to write.
    public struct Options: Sendable {
        public var threads: Int
        /// Target size of the byte chunks one file is cut into for parallel parsing.
        public var chunkBytes: Int
        /// Overrides the pipeline's `output:` folder.
        public var output: String?

        public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, chunkBytes: Int = 4 << 20, output: String? = nil) {
            self.threads = max(1, threads)
            self.chunkBytes = max(1, chunkBytes)
            self.output = output
        }
    }

    /// What a finished run published.
    public struct Report: Sendable {
        public var ingest: IngestResult
        public var outcome: Outcome
        public var outputFolder: String
    }

    public let definition: PipelineDefinition
    public let options: Options

    public init(definition: PipelineDefinition, options: Options) {
        self.definition = definition
        self.options = options
    }

    /// Ingest and normalize only: what `outcomes validate` shows.
    public func ingest() throws -> IngestResult {
        var clock = StageClock()
        let d = definition
        let (fxInfo, fxLoader) = try loadReference(d.fxRates) { loader, cells, file, line in loader.add(cells, file: file, line: line) }
            as (IngestResult.FileInfo, FXLoader)
        let (sectorInfo0, taxLoader0) = try loadReference(d.sectors) { loader, cells, file, line in loader.add(cells, file: file, line: line) }
            as (IngestResult.FileInfo, TaxonomyLoader)
        var taxLoader = taxLoader0
        let (taxonomy, taxIssues) = taxLoader.finish()
        var sectorInfo = sectorInfo0
        sectorInfo.counts = taxLoader.counts
        clock.lap("reference")

        let specs = d.consultations + d.contracts
        let opened: [Result<InputFile, Error>] = ParallelMap.map(count: specs.count, threads: options.threads, makeState: { () }) { _, i in
            Result { try InputFile(spec: specs[i], aliases: d.aliases) }
        }
        let files = try opened.map { try $0.get() }
        let hashes = ParallelMap.map(count: files.count, threads: options.threads, makeState: { () }) { _, i in
            files[i].withBytes { Self.sha256($0) }
        }
        var tasks: [(file: Int, chunk: Chunker.Chunk)] = []
        for (i, f) in files.enumerated() {
            for c in f.chunks(targetSize: options.chunkBytes) { tasks.append((i, c)) }
        }
        let context = NormalizeContext(fx: fxLoader.table(), taxonomy: taxonomy, defaultCurrency: d.defaultCurrency,
                                       defaultEvent: d.defaultEvent, excelSerialDates: d.excelSerialDates)
        clock.lap("open")

        let chunks = ParallelMap.map(count: tasks.count, threads: options.threads, makeState: { ChunkWorker(context: context) }) { worker, t in
            let file = files[tasks[t].file]
            return worker.normalize(file, chunk: tasks[t].chunk, fileIndex: tasks[t].file)
        }
        clock.lap("parse_normalize")

        var merge = RowMerge(fileCount: files.count)
        for (t, chunk) in chunks.enumerated() {
            merge.absorb(chunk, file: tasks[t].file, path: files[tasks[t].file].spec.display)
        }
        clock.lap("merge")
        let infos = files.enumerated().map { i, f in
            IngestResult.FileInfo(display: f.spec.display, table: f.spec.table, sha256: hashes[i], bytes: f.size,
                                  encoding: f.encoding, delimiter: f.delimiter, unknownColumns: f.columns.unknown,
                                  counts: merge.counts[i])
        }
        var fxFile = fxInfo
        fxFile.counts = fxLoader.counts
        return IngestResult(taxonomy: taxonomy, fx: context.fx, leads: merge.leads, contracts: merge.contracts,
                            issues: merge.issues + fxLoader.issues + taxIssues, files: infos,
                            referenceFiles: [fxFile, sectorInfo], stageSeconds: clock.laps)
    }

    /// The whole run: ingest, aggregate, export, publish.
    public func run() throws -> Report {
        var ingest = try self.ingest()
        var clock = StageClock()
        let outcome = Outcome(leads: ingest.leads, contracts: ingest.contracts, taxonomy: ingest.taxonomy,
                              windowDays: definition.attributionWindowDays, counts: ingest.totals)
        clock.lap("aggregate")
        let displayPaths = ingest.files.map(\.display)
        var outputs = OutputTables.all(outcome, taxonomy: ingest.taxonomy, issues: ingest.issues, files: displayPaths)
        clock.lap("format")
        ingest.stageSeconds += clock.laps
        let manifest = ManifestBuilder.build(definition: definition, options: options, ingest: ingest, outcome: outcome,
                                             outputs: outputs.map(\.0) + ["manifest.json"])
        outputs.append(("manifest.json", [UInt8](try manifest.encoded())))
        let folder = options.output ?? definition.output
        try OutputPublisher(target: folder).publish(outputs)
        return Report(ingest: ingest, outcome: outcome, outputFolder: (folder as NSString).standardizingPath)
    }

    /// Reads a small reference table (fx_rates, sectors) sequentially into its loader.
    func loadReference<L: ReferenceLoader>(_ spec: PipelineDefinition.Input,
                                           add: (inout L, [String], String, Int) -> Void) throws -> (IngestResult.FileInfo, L) {
        let file = try InputFile(spec: spec, aliases: definition.aliases)
        var loader = L()
        let decoder = FieldDecoder.make(for: file.encoding, fileIsValidUTF8: file.isValidUTF8 && file.encoding == .utf8)
        let parser = try CSVParser(delimiter: file.delimiter)
        file.withBytes { bytes in
            parser.parse(UnsafeRawBufferPointer(rebasing: bytes[file.bodyStart...]), firstLine: file.bodyLine) { record in
                switch RecordCells.read(record, columns: file.columns, decoder: decoder) {
                case .blank: loader.addBlank()
                case .cells(let cells): add(&loader, cells, spec.display, record.line)
                case .issues(let problems):
                    loader.addRejected(problems.map { RowIssue(location: SourceLocation(file: spec.display, line: record.line, column: $0.column),
                                                               value: $0.value, reason: $0.reason, message: $0.message) })
                }
            }
        }
        let info = IngestResult.FileInfo(display: spec.display, table: spec.table, sha256: file.withBytes { Self.sha256($0) },
                                         bytes: file.size, encoding: file.encoding, delimiter: file.delimiter,
                                         unknownColumns: file.columns.unknown, counts: loader.counts)
        return (info, loader)
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// The loaders of the small reference tables share this shape.
protocol ReferenceLoader {
    init()
    var counts: FileCounts { get }
    mutating func addBlank()
    mutating func addRejected(_ issues: [RowIssue])
}

extension FXLoader: ReferenceLoader {}
extension TaxonomyLoader: ReferenceLoader {}

/// Wall-clock laps of the stages, for the manifest.
struct StageClock {
    var last = DispatchTime.now()
    var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
