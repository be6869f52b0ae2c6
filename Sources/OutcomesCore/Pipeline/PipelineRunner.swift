import Dispatch
import Foundation
import Logging

/// Wires the four stages: ingest → normalize → aggregate → export. The only file that knows them all.
///
/// ```swift
/// let definition = try PipelineDefinition.load(path: "Pipelines/ciepec-2026.yaml")
/// let report = try PipelineRunner(definition: definition, options: .init(threads: 2)).run()
/// ```
public struct PipelineRunner {
    public let definition: PipelineDefinition
    public let options: Options

    public init(definition: PipelineDefinition, options: Options) {
        self.definition = definition
        self.options = options
    }

    /// Ingest and normalize only: what `outcomes validate` shows.
    /// - Parameters:
    ///   - known: SHA-256 per input path, already computed.
    ///   - hashedLater: the caller hashes the inputs itself (meanwhile) and fills in each file's
    ///     `sha256`, left empty here; otherwise the inputs not in `known` are hashed here.
    public func ingest(hashes known: [String: String] = [:], hashedLater: Bool = false) throws -> IngestResult {
        var clock = StageClock()
        let d = definition
        let sha = { (spec: PipelineDefinition.Input) throws -> String in
            try hashedLater ? "" : known[spec.path] ?? Self.sha256(file: spec.path, display: spec.display)
        }
        let (fxInfo, fxLoader) = try loadReference(d.fxRates, sha256: sha) { loader, cells, file, line in loader.add(cells, file: file, line: line) }
            as (IngestResult.FileInfo, FXLoader)
        let (sectorInfo0, taxLoader0) = try loadReference(d.sectors, sha256: sha) { loader, cells, file, line in loader.add(cells, file: file, line: line) }
            as (IngestResult.FileInfo, TaxonomyLoader)
        var taxLoader = taxLoader0
        let (taxonomy, taxIssues) = taxLoader.finish()
        var sectorInfo = sectorInfo0
        sectorInfo.counts = taxLoader.counts
        clock.lap("reference")

        let specs = d.consultations + d.contracts
        // One file after the other, each checked on every worker (a check nested in a
        // per-file ParallelMap would run on one thread).
        let files = try specs.map { try InputFile(spec: $0, aliases: d.aliases, threads: options.threads, chunkBytes: options.chunkBytes) }
        let hashes = try ParallelMap.map(count: files.count, threads: options.threads, makeState: { () }) { _, i in
            Result { try sha(files[i].spec) }
        }.map { try $0.get() }
        var tasks: [(file: Int, chunk: Chunker.Chunk)] = []
        for (i, f) in files.enumerated() {
            for c in f.chunks(targetSize: options.chunkBytes, threads: options.threads) { tasks.append((i, c)) }
        }
        let context = NormalizeContext(fx: fxLoader.table(), taxonomy: taxonomy, defaultCurrency: d.defaultCurrency,
                                       defaultEvent: d.defaultEvent, excelSerialDates: d.excelSerialDates)
        clock.lap("open")

        let totalBytes = tasks.reduce(0) { $0 + $1.chunk.range.count }
        let progress = options.progress
        progress?(.init(stage: "ingest", bytes: 0, totalBytes: totalBytes, rows: 0))
        // Chunks are parsed by workers that each take the next chunk nobody has taken, and
        // merged in input order on this thread as they come in (the merge is one pass in input
        // order, for duplicate ids); this thread parses too whenever the next chunk is not ready,
        // so `threads` threads are busy in all: one Dispatch helper fewer than threads. At most
        // `window` chunks of normalized rows wait beside the merged ones.
        let workers = (0..<max(1, options.threads)).map { _ in ChunkWorker(context: context) }
        let window = workers.count * 3
        // How many rows each table may bring, to size the row arrays and id tables once (growing
        // a big array copies it whole; growing an id table rehashes every row): a file's line
        // breaks, which its records never outnumber. The chunker counted the lines before each
        // chunk; the last chunk's are counted here.
        var guess = [TableKind.consultations: 0, TableKind.contracts: 0]
        for (i, f) in files.enumerated() {
            guard let last = tasks.last(where: { $0.file == i })?.chunk else { continue }
            guess[f.spec.table, default: 0] += last.firstLine - f.bodyLine + f.lineBreaks(in: last.range) + 1
        }
        var merge = RowMerge(fileCount: files.count, expectedLeads: guess[.consultations] ?? 0,
                             expectedContracts: guess[.contracts] ?? 0)
        let paths = files.map(\.spec.display)
        let chunks = tasks
        let streamed = DispatchTime.now()
        var mergeSeconds = 0.0
        // A chunk's rows do not depend on which worker parses it (each worker only caches).
        ParallelMap.stream(count: chunks.count, workers: workers, window: window, { worker, t -> (file: Int, chunk: NormalizedChunk) in
            let chunk = worker.normalize(files[chunks[t].file], chunk: chunks[t].chunk, fileIndex: chunks[t].file)
            progress?(.init(stage: "ingest", bytes: chunks[t].chunk.range.count, totalBytes: totalBytes, rows: chunk.outcomes.count))
            return (chunks[t].file, chunk)
        }, consume: { done in
            let started = DispatchTime.now()
            merge.absorb(done.chunk, file: done.file, path: paths[done.file])
            mergeSeconds += Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        })
        let parseSeconds = Double(DispatchTime.now().uptimeNanoseconds - streamed.uptimeNanoseconds) / 1e9 - mergeSeconds
        let merged = merge
        FreedMemory.release()
        clock.last = DispatchTime.now()
        // merge: the seconds this thread spent merging (the helpers go on parsing meanwhile);
        // parse_normalize: the rest of the time until the last chunk was merged.
        clock.laps += [("parse_normalize", parseSeconds), ("merge", mergeSeconds)]
        let infos = files.enumerated().map { i, f in
            IngestResult.FileInfo(display: f.spec.display, table: f.spec.table, sha256: hashes[i], bytes: f.size,
                                  encoding: f.encoding, delimiter: f.delimiter, unknownColumns: f.columns.unknown,
                                  counts: merged.counts[i], headerNames: f.columns.names)
        }
        var fxFile = fxInfo
        fxFile.counts = fxLoader.counts
        return IngestResult(taxonomy: taxonomy, fx: context.fx, texts: merged.pool, leads: merged.leads, contracts: merged.contracts,
                            issues: merged.issues + fxLoader.issues + taxIssues, files: infos,
                            referenceFiles: [fxFile, sectorInfo], stageSeconds: clock.laps, leadIDs: merged.leadIDs)
    }

    /// The whole run: lock, skip when nothing changed, ingest, aggregate, gate, export, publish.
    /// - Throws: `PipelineError` (see `ExitCodes` in the CLI for how each maps to an exit code).
    public func run() throws -> Report {
        let d = definition
        let log = options.logger
        let folder = options.output ?? d.output
        let publisher = OutputPublisher(target: folder, keep: d.keep)
        try publisher.checkSafe(protecting: d.allInputs.map(\.path) + [d.file])
        let lock = try RunLock(outputFolder: folder, wait: options.wait)
        defer { withExtendedLifetime(lock) {} }

        var hashClock = StageClock()
        let inputs = d.allInputs
        let threads = options.threads
        let hashAll: @Sendable () -> Result<[String: String], Error> = {
            Result {
                let hashes = try ParallelMap.map(count: inputs.count, threads: threads, makeState: { () }) { _, i in
                    Result { try Self.sha256(file: inputs[i].path, display: inputs[i].display) }
                }.map { try $0.get() }
                return Dictionary(zip(inputs.map(\.path), hashes), uniquingKeysWith: { a, _ in a })
            }
        }
        // The hashes decide whether anything changed since the published run; when that is not
        // asked (--force, or no run yet) and there is a second thread, the inputs are hashed at
        // the lowest priority while the run works, and finished when the manifest is written.
        var known: [String: String] = [:]
        var hasher: IdleHasher?
        if !options.force, let current = publisher.currentRun {
            known = try hashAll().get()
            let fingerprint = Fingerprint.compute(definition: d, options: options, inputs: inputs.map { ($0.display, known[$0.path] ?? "") })
            if Fingerprint.read(folder: current) == fingerprint {
                log.info("nothing changed since the last published run", metadata: ["run": "\(current)"])
                return Report(status: .unchanged, ingest: nil, outcome: nil, outputFolder: current)
            }
        } else if threads > 1 {
            hasher = IdleHasher(files: inputs.map { ($0.path, $0.display) })
        } else {
            known = try hashAll().get()
        }
        // No work may outlive the run (a process exiting on an error while a file was still
        // being hashed crashed at exit): the hashing stops on every path out of here.
        defer { hasher?.cancel() }
        hashClock.lap("hash")
        // The run this one replaces is read back for changes.csv after aggregation: its big
        // tables are read into the page cache now, while the ingest keeps the CPUs busy and the
        // disk idle (a gigabyte in about a second, almost no CPU).
        let readAhead = publisher.currentRun.map { current in
            Background { ReadAhead.run([current + "/leads.csv", current + "/contracts.csv"]) }
        }
        defer { _ = readAhead?.value }
        var ingest = try self.ingest(hashes: known, hashedLater: hasher != nil)
        ingest.stageSeconds = hashClock.laps + ingest.stageSeconds
        log.info("ingested", metadata: ["rows": "\(ingest.totals.read)", "rejected": "\(ingest.totals.rejected)"])
        let previousFolder = publisher.currentRun
        var clock = StageClock()
        options.progress?(.init(stage: "aggregate", bytes: 0, totalBytes: 0, rows: 0))
        let scope = options.scope
        let (leads, contracts) = scope.apply(leads: ingest.leads, contracts: ingest.contracts, texts: ingest.texts, windowDays: d.attributionWindowDays)
        // The run about to be replaced is matched against this run's ids for changes.csv on the
        // core the aggregate stage leaves idle (with --threads 1, later, where it is needed).
        let texts = ingest.texts
        let readPrevious: @Sendable () -> RunTables? = {
            previousFolder.flatMap { try? RunTables(folder: $0, comparedWith: leads, contracts, texts: texts) }
        }
        let previousRun: Background<RunTables?>? = options.threads > 1 ? Background(readPrevious) : nil
        defer { _ = previousRun?.value }  // finished on every path, as the hashing above
        // The merge's id table indexes the merged leads, which a scope would filter.
        let outcome = Outcome(leads: leads, contracts: contracts, texts: ingest.texts, taxonomy: ingest.taxonomy,
                              windowDays: d.attributionWindowDays, counts: ingest.totals, threads: options.threads,
                              leadIDs: scope.isEmpty ? ingest.leadIDs : nil,
                              breakdownsLater: options.threads > 1 && previousFolder == nil)
        // With two threads (and no earlier run being matched beside them, which would add its
        // memory to theirs: a 5M rerun peaked at 978 MiB so) the breakdowns are still being
        // computed while leads.csv and contracts.csv are written; they are finished on every
        // path before the run ends.
        defer { outcome.waitForBreakdowns() }
        clock.lap("aggregate")

        // Rows read in place (a `reduce` copied each one, retaining and releasing its id).
        let unclassified = leads.withUnsafeBufferPointer { rows in
            rows.indices.reduce(0) { $0 + (rows[$1].sector == Taxonomy.unclassified ? 1 : 0) }
        }
        let checks = d.gates.check(rowsRead: ingest.totals.read, rowsRejected: ingest.totals.rejected,
                                   leads: leads.count, unclassifiedLeads: unclassified)
        let excel = options.excelCSV ?? d.excelCSV
        let tables = OutputTables(excel: excel)
        if checks.contains(where: { !$0.passed }) {
            let gateFolder = publisher.target + ".gate-failed"
            var report = CSVWriter(excel: excel, header: ["gate", "limit", "actual", "passed"])
            for c in checks { report.row([c.gate, c.limit, c.actual, c.passed ? "true" : "false"]) }
            try OutputPublisher(target: gateFolder).publish([("gate_report.csv", report.bytes),
                                                              ("rejects.csv", tables.rejects(ingest.issues))])
            throw PipelineError.gateFailed(report: gateFolder, failed: checks.filter { !$0.passed }.map(\.gate))
        }

        options.progress?(.init(stage: "export", bytes: 0, totalBytes: 0, rows: 0))
        let displayPaths = ingest.files.map(\.display)
        var outputs: [(String, OutputFile)] = []
        if d.formats.contains("csv") {
            outputs += tables.files(outcome, taxonomy: ingest.taxonomy, issues: ingest.issues, files: displayPaths,
                                    threads: options.threads)
        }
        // changes.csv compares with the run still published (the swap comes after the writing).
        outputs.insert(("changes.csv", .writer { path in
            let previous = previousRun.map(\.value) ?? readPrevious()
            let new = RunTables(outcome: outcome, sectorsCSV: tables.sectors(outcome))
            try OutputPublisher.stream(to: path) { emit in try emit(Changes.csv(old: previous, new: new, excel: excel)) }
        }), at: min(2, outputs.count))
        let context = ReportContext(pipelineName: d.name, runDate: Self.today(), language: ReportLanguage(rawValue: d.language) ?? .en,
                                    inputs: ingest.files + ingest.referenceFiles, issues: ingest.issues,
                                    taxonomy: ingest.taxonomy, files: displayPaths)
        if d.formats.contains("xlsx") {
            outputs.insert(("report.xlsx", .writer { try XLSXReport.write(outcome, context: context, to: $0) }), at: 0)
        }
        if d.formats.contains("html") {
            outputs.append(("report.html", .writer { path in
                try OutputPublisher.stream(to: path) { emit in try emit(HTMLReport.render(outcome, context: context)) }
            }))
        }
        clock.lap("format")
        ingest.stageSeconds += clock.laps
        // The files are listed in the contract's order; they are written biggest first, the
        // manifest last: it waits for the inputs' hashes, finishing them if need be.
        let listed = Self.outputOrder.filter { name in outputs.contains { $0.0 == name } }
        let hashed = HashedInputs()
        let ingestSoFar = ingest
        outputs.append(("manifest.json", .writer { path in
            var waited = StageClock()
            var ingest = ingestSoFar
            var all = known
            if let hasher {
                all = try hasher.finish()
                waited.lap("hash_finish")
                ingest = Self.filling(ingest, hashes: all, definition: d)
                ingest.stageSeconds += waited.laps
                hashed.ingest = ingest
            }
            let fingerprint = Fingerprint.compute(definition: d, options: options, inputs: inputs.map { ($0.display, all[$0.path] ?? "") })
            var manifest = ManifestBuilder.build(definition: d, options: options, ingest: ingest, outcome: outcome,
                                                 outputs: listed + ["manifest.json"])
            manifest.fingerprint = fingerprint
            manifest.scope = scope.description
            try OutputPublisher.write([UInt8](try manifest.encoded()), to: path)
        }))
        let written = StageClock()
        let published = try publisher.publish(files: outputs, threads: options.threads)
        // A gate report left by an earlier failed run no longer speaks for the outputs.
        try? FileManager.default.removeItem(atPath: publisher.target + ".gate-failed")
        if let complete = hashed.ingest { ingest = complete }
        log.info("wrote the outputs", metadata: ["seconds": "\(Double(DispatchTime.now().uptimeNanoseconds - written.last.uptimeNanoseconds) / 1e9)"])
        log.info("published", metadata: ["folder": "\(published)"])
        return Report(status: .published, ingest: ingest, outcome: outcome, outputFolder: published)
    }

    /// `ingest` with each input's sha256 taken from `hashes` (by path).
    static func filling(_ ingest: IngestResult, hashes: [String: String], definition d: PipelineDefinition) -> IngestResult {
        var ingest = ingest
        for (i, spec) in (d.consultations + d.contracts).enumerated() where i < ingest.files.count {
            ingest.files[i].sha256 = hashes[spec.path] ?? ""
        }
        for (i, spec) in [d.fxRates, d.sectors].enumerated() where i < ingest.referenceFiles.count {
            ingest.referenceFiles[i].sha256 = hashes[spec.path] ?? ""
        }
        return ingest
    }

    /// The output files in the order the manifest lists them.
    static let outputOrder = ["summary.csv", "sectors.csv", "companies.csv", "events.csv", "countries.csv", "monthly.csv",
                              "funnel.csv", "leads.csv", "contracts.csv", "rejects.csv", "changes.csv", "report.xlsx", "report.html"]

    /// Reads a small reference table (fx_rates, sectors) sequentially into its loader.
    func loadReference<L: ReferenceLoader>(_ spec: PipelineDefinition.Input, sha256: (PipelineDefinition.Input) throws -> String,
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
        let info = IngestResult.FileInfo(display: spec.display, table: spec.table, sha256: try sha256(spec),
                                         bytes: file.size, encoding: file.encoding, delimiter: file.delimiter,
                                         unknownColumns: file.columns.unknown, counts: loader.counts,
                                         headerNames: file.columns.names)
        return (info, loader)
    }

    /// Today's date in UTC, ISO 8601, for the reports' run date.
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// The sha256 of a file, read a block at a time (a mapping would count the whole file
    /// in the run's resident memory).
    static func sha256(file: String, display: String) throws -> String {
        try HashCursor(files: [(file, display)]).finish()[0]
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

/// The ingest with its inputs' hashes, as the manifest's writer completed it.
private final class HashedInputs: @unchecked Sendable {
    var ingest: IngestResult?
}

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
