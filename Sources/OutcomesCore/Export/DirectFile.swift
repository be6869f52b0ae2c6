import Dispatch
import Foundation
import Glibc

/// An output file written through aligned buffers: full buffers go to disk with O_DIRECT on a
/// background queue while the next one fills, the tail and any file system that refuses direct
/// I/O through ordinary writes.
///
/// Why: copying a gigabyte of leads.csv into the page cache cost more CPU than formatting it on
/// the machines we measured (fresh page-cache pages are expensive in a VM), and the final fsync
/// then waited for all of it. Direct writes skip the copy and leave the publisher's fsync only
/// the journal and the disk's cache to flush (which a virtual disk may still take a while for).
/// The bytes on disk are the same either way; only the route differs.
final class DirectFile: @unchecked Sendable {
    /// Bytes gathered before a write; a multiple of `alignment`.
    static let bufferSize = 8 << 20
    /// Offsets, lengths and the buffer address of a direct write are multiples of this.
    static let alignment = 4096

    private let fd: Int32
    /// Two buffers: the caller fills one while the other is written on `queue`, so formatting
    /// goes on while the disk works (a direct write returns only when the device has the data).
    private var buffers: [UnsafeMutableRawPointer] = []
    private var current = 0
    private var used = 0
    private let queue = DispatchQueue(label: "outcomes.write")
    /// Per buffer: the group of its write on `queue`, waited on before the buffer is filled
    /// again, and that write's failure (set on `queue`, read after waiting for the group).
    private var pending: [DispatchGroup?] = [nil, nil]
    private let failures = UnsafeMutablePointer<Error?>.allocate(capacity: 2)
    /// Set on `queue` once a write failed: the writes queued after it are skipped.
    private var failed = false
    /// Whether O_DIRECT is on for `fd` now; false again for good once a direct write is refused.
    /// These and the counters below are used on `queue` only, or after waiting for it.
    private var direct = false
    private var directRefused = false
    /// Bytes handed to the kernel so far, and how many of them were queued for writeback.
    private var written = 0
    private var flushed = 0

    /// Creates (or truncates) `path`.
    init(path: String) throws {
        failures.initialize(repeating: nil, count: 2)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            failures.deallocate()
            throw POSIXError(errno)
        }
        for _ in 0..<2 {
            var p: UnsafeMutableRawPointer?
            guard posix_memalign(&p, Self.alignment, Self.bufferSize) == 0, let p else {
                buffers.forEach { free($0) }
                failures.deallocate()
                Glibc.close(fd)
                throw POSIXError(ENOMEM)
            }
            buffers.append(p)
        }
    }

    // Queued writes hold the file, so none is pending here (and this may run on `queue` itself).
    deinit {
        buffers.forEach { free($0) }
        failures.deinitialize(count: 2)
        failures.deallocate()
        Glibc.close(fd)
    }

    /// Appends bytes to the file.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard var from = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = min(left, Self.bufferSize - used)
            (buffers[current] + used).copyMemory(from: from, byteCount: n)
            used += n
            from += n
            left -= n
            if used == Self.bufferSize { try handOver() }
        }
    }

    /// Waits for the queued writes without finishing the file: after a failure, so no write
    /// outlives the run.
    func abandon() {
        waitForWrites()
    }

    /// Writes what is buffered (the caller fsyncs the file: `OutputPublisher.publish` does so
    /// for every file at once).
    func finish() throws {
        waitForWrites()
        if let failure = failures[0] ?? failures[1] { throw failure }
        let buffer = buffers[current]
        let count = used
        used = 0
        // The aligned part directly, the rest (less than a block) the ordinary way.
        let aligned = count & ~(Self.alignment - 1)
        try write(buffer, aligned)
        if count > aligned {
            try setDirect(false)
            try writeAll(buffer + aligned, count - aligned)
        }
    }

    /// Queues the full current buffer for writing and moves to the other one, once that one's
    /// own earlier write is done.
    private func handOver() throws {
        let index = current
        let group = DispatchGroup()
        queue.async(group: group) {
            guard !self.failed else { return }
            do {
                try self.write(self.buffers[index], Self.bufferSize)
            } catch {
                self.failures[index] = error
                self.failed = true
            }
        }
        pending[index] = group
        current = 1 - index
        used = 0
        pending[current]?.wait()
        pending[current] = nil
        if let failure = failures[current] { throw failure }
    }

    /// Waits for every queued write.
    private func waitForWrites() {
        queue.sync {}
        pending = [nil, nil]
    }

    /// Writes `count` bytes (a multiple of `alignment`) from an aligned buffer: directly while
    /// the file system takes it, else the ordinary way.
    private func write(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws {
        guard count > 0 else { return }
        if !directRefused && written % Self.alignment == 0 {
            try setDirect(true)
            if !(try writeAll(buffer, count, refusable: true)) {
                // The file system takes no direct I/O (or not here): ordinary writes from now on.
                directRefused = true
                try setDirect(false)
                try writeAll(buffer, count)
            }
        } else {
            try setDirect(false)
            try writeAll(buffer, count)
        }
    }

    /// Writes `count` bytes from `start`, resuming after short writes. With `refusable`, a direct
    /// write the kernel rejects before writing anything (EINVAL) returns false instead of throwing.
    @discardableResult
    private func writeAll(_ start: UnsafeMutableRawPointer, _ count: Int, refusable: Bool = false) throws -> Bool {
        var offset = 0
        while offset < count {
            let n = Glibc.write(fd, start + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if refusable && offset == 0 && errno == EINVAL { return false }
                throw POSIXError(errno)
            }
            offset += n
            written += n
            // A short direct write leaves the offset unaligned: the rest goes the ordinary way.
            if direct && offset < count && written % Self.alignment != 0 { try setDirect(false) }
        }
        if !direct && written - flushed >= Self.bufferSize {
            // Start writing back what is done, so the final fsync has little left to wait for.
            _ = WriteBack.start(fd, from: flushed, count: written - flushed)
            flushed = written
        }
        return true
    }

    private func setDirect(_ on: Bool) throws {
        guard on != direct else { return }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0 else { throw POSIXError(errno) }
        if fcntl(fd, F_SETFL, on ? flags | Self.oDirect : flags & ~Self.oDirect) != 0 {
            // Turning it on may be refused (EINVAL on file systems without direct I/O).
            if on && errno == EINVAL {
                directRefused = true
                return
            }
            throw POSIXError(errno)
        }
        direct = on
    }

    /// O_DIRECT from <fcntl.h>; Glibc's module map hides it (it needs _GNU_SOURCE).
    #if arch(x86_64) || arch(i386)
    static let oDirect: Int32 = 0o40000
    #else
    static let oDirect: Int32 = 0o200000
    #endif
}

extension POSIXError {
    /// The error for a C call's `errno` (EIO for a code Swift does not know).
    init(_ code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
