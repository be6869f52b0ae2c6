import Dispatch
import Foundation
import Glibc

/// Publishes a run's files atomically: they are written and fsynced in a temporary folder beside
/// the target and renamed into place only when complete, so a failed or killed run leaves the
/// previous outputs intact.
///
/// Without `keep`, the target folder itself is replaced. With `keep: K`, each run is a dated
/// folder `TARGET/runs/YYYYMMDDTHHMMSSZ/`, `TARGET/latest` is a link to the newest (swapped with
/// one atomic rename), and runs beyond the newest K are removed.
/// One output file's content: bytes in memory, or a writer that creates the file at a path
/// (report.xlsx is written by libxlsxwriter straight into the staging folder).
public enum OutputFile {
    case bytes([UInt8])
    case writer((String) throws -> Void)
}

public struct OutputPublisher {
    public let target: String
    public let keep: Int?

    /// - Parameter target: the output folder; a relative path is taken from the current directory.
    public init(target: String, keep: Int? = nil) {
        self.target = Self.absolute(target)
        self.keep = keep
    }

    /// `path` made absolute (from the current directory) and standardized: a bare folder name
    /// has no parent in its own text to create the staging folder and the lock in.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    /// The folder holding the last published run, if any.
    public var currentRun: String? {
        let fm = FileManager.default
        if keep != nil {
            let latest = target + "/latest"
            guard let dest = try? fm.destinationOfSymbolicLink(atPath: latest) else { return nil }
            let resolved = dest.hasPrefix("/") ? dest : target + "/" + dest
            return fm.fileExists(atPath: resolved + "/manifest.json") ? resolved : nil
        }
        return fm.fileExists(atPath: target + "/manifest.json") ? target : nil
    }

    /// Refuses a target that would replace the inputs or a folder that is not an outputs folder.
    /// - Throws: `PipelineError.outputNotWritable` naming the problem.
    public func checkSafe(protecting paths: [String]) throws {
        let fm = FileManager.default
        let t = target.hasSuffix("/") ? target : target + "/"
        if target == "/" || target.isEmpty {
            throw PipelineError.outputNotWritable(path: target, reason: "refusing to publish over the file system root")
        }
        for p in paths {
            let full = (p as NSString).standardizingPath
            if full == target || full.hasPrefix(t) {
                throw PipelineError.outputNotWritable(path: target, reason: "the output folder holds the input \(p); choose another output folder")
            }
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw PipelineError.outputNotWritable(path: target, reason: "it exists and is not a folder")
        }
        // A folder the user may not write to is not replaced (the swap itself would still work,
        // through the parent, and the old outputs would be left where they cannot be removed).
        if access(target, W_OK) != 0 {
            throw PipelineError.outputNotWritable(path: target, reason: "the folder is read-only (\(String(cString: strerror(errno))))")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: target)) ?? []
        let looksOurs = entries.isEmpty || entries.contains("manifest.json") || entries.contains("latest") || entries.contains("runs")
        if !looksOurs {
            throw PipelineError.outputNotWritable(path: target,
                                                  reason: "the folder exists and does not look like outcomes output (no manifest.json); refusing to replace it")
        }
    }

    /// Writes `files` (name, bytes) and publishes them; returns the published folder.
    /// - Throws: `PipelineError.outputNotWritable` when a write, fsync or rename fails; the
    ///   previous outputs are untouched then and the temporary folder is removed.
    @discardableResult
    public func publish(_ files: [(String, [UInt8])], now: Date = Date()) throws -> String {
        try publish(files: files.map { ($0.0, OutputFile.bytes($0.1)) }, now: now)
    }

    /// Writes `files` (name, content) and publishes them; returns the published folder.
    @discardableResult
    /// - Parameter threads: files are written (and their writers run) on this many Dispatch workers.
    public func publish(files: [(String, OutputFile)], now: Date = Date(), threads: Int = 1) throws -> String {
        let fm = FileManager.default
        let parent = keep == nil ? (target as NSString).deletingLastPathComponent : target + "/runs"
        let name = (target as NSString).lastPathComponent
        let staging = parent + "/." + name + ".tmp-\(getpid())"
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            recoverFromCrash(in: parent, name: name)
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PipelineError.outputNotWritable(path: target, reason: Self.reason(error))
        }
        do {
            for (file, _) in files where file.contains("/") || file.hasPrefix(".") {
                throw PipelineError.outputNotWritable(path: target, reason: "refusing to write \(file) outside the output folder")
            }
            let failures: [Error?] = ParallelMap.map(count: files.count, threads: threads, makeState: { () }) { _, i in
                let path = staging + "/" + files[i].0
                do {
                    switch files[i].1 {
                    case .bytes(let bytes): try Self.write(bytes, to: path)
                    case .writer(let write): try write(path)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            // The first failure in file order, whichever worker met it first.
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            // Every file is fsynced once all are written, not each as it is finished: an fsync
            // commits the file system's journal and flushes the disk's cache, and one in the
            // middle of leads.csv's direct writes stalled them (0.8 s for contracts.csv's at 5M
            // leads); here the first commit covers every file and the others find little to do.
            for (file, _) in files { try Self.sync(staging + "/" + file) }
            try Self.syncDirectory(staging)
            let published = keep == nil ? try swapInto(staging: staging) : try addDatedRun(staging: staging, parent: parent, now: now)
            try Self.syncDirectory((published as NSString).deletingLastPathComponent)
            return published
        } catch {
            try? fm.removeItem(atPath: staging)
            if let e = error as? PipelineError { throw e }
            if let e = error as? ExportError { throw PipelineError.outputNotWritable(path: target, reason: e.description) }
            throw PipelineError.outputNotWritable(path: target, reason: Self.reason(error))
        }
    }

    /// Replaces the target folder with the staging folder: one atomic exchange where the kernel
    /// allows it, else two renames (a crash between them is repaired by the next run).
    func swapInto(staging: String) throws -> String {
        let fm = FileManager.default
        let retired = (target as NSString).deletingLastPathComponent + "/." + (target as NSString).lastPathComponent + ".old-\(getpid())"
        if fm.fileExists(atPath: target) && AtomicSwap.exchange(staging, target) {
            try? fm.removeItem(atPath: staging)
            return target
        }
        if fm.fileExists(atPath: target) {
            try fm.moveItem(atPath: target, toPath: retired)
            do {
                try fm.moveItem(atPath: staging, toPath: target)
            } catch {
                try? fm.moveItem(atPath: retired, toPath: target)
                throw error
            }
            try? fm.removeItem(atPath: retired)
        } else {
            try fm.moveItem(atPath: staging, toPath: target)
        }
        return target
    }

    /// Renames the staging folder to a dated run, swaps the `latest` link, prunes old runs.
    func addDatedRun(staging: String, parent: String, now: Date) throws -> String {
        let fm = FileManager.default
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let existing = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let stamp = Self.runName(at: formatter.string(from: now), after: existing.last)
        let run = parent + "/" + stamp
        try fm.moveItem(atPath: staging, toPath: run)
        let link = target + "/latest"
        let tmpLink = target + "/.latest.tmp-\(getpid())"
        try? fm.removeItem(atPath: tmpLink)
        try fm.createSymbolicLink(atPath: tmpLink, withDestinationPath: "runs/" + stamp)
        guard rename(tmpLink, link) == 0 else { throw POSIXError(errno) }
        let runs = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for old in runs.dropLast(keep ?? runs.count) where old != stamp {
            try? fm.removeItem(atPath: parent + "/" + old)
        }
        return run
    }

    /// A dated run's folder name: the second it was published (`20261125T102019Z`), or, when
    /// the newest run's name is not before that (several runs in one second, or a clock set
    /// back), one past that name (`…Z-0002`, `…Z-0003`): names sort in publishing order, so the
    /// oldest are the ones pruned and a pruned name is never taken again.
    static func runName(at stamp: String, after newest: String?) -> String {
        guard let newest, newest >= stamp else { return stamp }
        let parts = newest.split(separator: "-", maxSplits: 1)
        let n = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
        let number = String(n + 1)
        return parts[0] + "-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
    }

    /// Clears what a killed run left (the caller holds the output lock, so no run is live):
    /// temporary folders, and a retired folder when the target itself is missing is put back.
    func recoverFromCrash(in parent: String, name: String) {
        let fm = FileManager.default
        let leftovers = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).sorted()
        for entry in leftovers where entry.hasPrefix("." + name + ".old-") {
            if keep == nil && !fm.fileExists(atPath: target) {
                try? fm.moveItem(atPath: parent + "/" + entry, toPath: target)
            } else {
                try? fm.removeItem(atPath: parent + "/" + entry)
            }
        }
        for entry in leftovers where entry.hasPrefix("." + name + ".tmp-") {
            try? fm.removeItem(atPath: parent + "/" + entry)
        }
    }

    /// Writes one file; a short write (disk full, file size limit) is an error. Not fsynced:
    /// `publish` fsyncs every file it wrote before renaming the folder into place.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try stream(to: path) { emit in try emit(bytes) }
    }

    /// Creates `path` and writes what `body` hands to its emit function, in order, as it comes
    /// (big tables are streamed instead of held whole in memory); `publish` fsyncs it later.
    public static func stream(to path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        try streamRaw(to: path) { emit in
            try withoutActuallyEscaping(emit) { emit in try body { bytes in try bytes.withUnsafeBytes(emit) } }
        }
    }

    /// `stream` for writers that hand over bytes in place.
    static func streamRaw(to path: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let file = try DirectFile(path: path)
        do {
            try body { try file.append($0) }
            try file.finish()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// fsyncs a written file (ours, or libxlsxwriter's).
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw POSIXError(errno) }
    }

    /// fsyncs a folder so renames inside it survive a crash.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }

    static func reason(_ error: Error) -> String {
        if let p = error as? POSIXError { return String(cString: strerror(p.code.rawValue)) }
        return (error as NSError).localizedDescription
    }
}

/// Linux's `sync_file_range(…, SYNC_FILE_RANGE_WRITE)`: starts writing a file range back to disk
/// without waiting. Glibc's module map hides it (it needs _GNU_SOURCE), so it is declared here by
/// its C symbol, as `AtomicSwap` does for renameat2; a failure only means fsync does all the work.
enum WriteBack {
    @_silgen_name("sync_file_range")
    private static func syncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32

    /// SYNC_FILE_RANGE_WRITE from <fcntl.h>.
    static let write: UInt32 = 2

    static func start(_ fd: Int32, from offset: Int, count: Int) -> Int32 {
        syncFileRange(fd, Int64(offset), Int64(count), write)
    }
}
