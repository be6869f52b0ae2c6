import Foundation
import Glibc

/// An output file written through one aligned buffer: full buffers go to disk with O_DIRECT, the
/// tail and any file system that refuses direct I/O through ordinary writes.
///
/// Why: copying a gigabyte of leads.csv into the page cache cost more CPU than formatting it on
/// the machines we measured (fresh page-cache pages are expensive in a VM), and the final fsync
/// then waited for all of it. Direct writes skip the copy and leave little for fsync to do.
/// The bytes on disk are the same either way; only the route differs.
final class DirectFile {
    /// Bytes gathered before a write; a multiple of `alignment`.
    static let bufferSize = 8 << 20
    /// Offsets, lengths and the buffer address of a direct write are multiples of this.
    static let alignment = 4096

    private let fd: Int32
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    /// Whether O_DIRECT is on for `fd` now; false again for good once a direct write is refused.
    private var direct = false
    private var directRefused = false
    /// Bytes handed to the kernel so far, and how many of them were queued for writeback.
    private var written = 0
    private var flushed = 0

    /// Creates (or truncates) `path`.
    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(errno) }
        var p: UnsafeMutableRawPointer?
        guard posix_memalign(&p, Self.alignment, Self.bufferSize) == 0, let p else {
            Glibc.close(fd)
            throw POSIXError(ENOMEM)
        }
        buffer = p
    }

    deinit {
        free(buffer)
        Glibc.close(fd)
    }

    /// Appends bytes to the file.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard var from = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = min(left, Self.bufferSize - used)
            (buffer + used).copyMemory(from: from, byteCount: n)
            used += n
            from += n
            left -= n
            if used == Self.bufferSize { try drain() }
        }
    }

    /// Writes what is buffered and fsyncs the file.
    func finish() throws {
        try drain()
        if used > 0 {
            try setDirect(false)
            try writeAll(buffer, used)
            used = 0
        }
        guard fsync(fd) == 0 else { throw POSIXError(errno) }
    }

    /// Writes the buffer's aligned part and keeps the rest (less than one block) at its start.
    private func drain() throws {
        let aligned = used & ~(Self.alignment - 1)
        guard aligned > 0 else { return }
        if !directRefused && written % Self.alignment == 0 {
            try setDirect(true)
            if !(try writeAll(buffer, aligned, refusable: true)) {
                // The file system takes no direct I/O (or not here): ordinary writes from now on.
                directRefused = true
                try setDirect(false)
                try writeAll(buffer, aligned)
            }
        } else {
            try setDirect(false)
            try writeAll(buffer, aligned)
        }
        if used > aligned { buffer.copyMemory(from: buffer + aligned, byteCount: used - aligned) }
        used -= aligned
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
    init(_ code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
