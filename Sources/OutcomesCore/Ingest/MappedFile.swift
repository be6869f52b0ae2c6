import Glibc

/// A file mapped read-only into memory, owned: unmapped on deinit. Ranges already read can be
/// handed back (`release`), so a multi-gigabyte input never stays resident as a whole.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let count: Int

    /// Maps `path`; an empty file maps to no bytes.
    /// - Throws: `MappedFileError` with the `errno` of `open`, `fstat` or `mmap`, or for a
    ///   path that is not a regular file.
    init(path: String) throws {
        let (fd, size) = try Self.openRegular(path)
        defer { close(fd) }
        count = size
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw MappedFileError(code: errno) }
        base = UnsafeRawPointer(p)
    }

    /// Opens `path` for reading if it is a regular file: its descriptor (the caller closes it)
    /// and size. Opened non-blocking, so a FIFO is refused instead of waited on for a writer.
    /// - Throws: `MappedFileError` with the `errno` of `open` or `fstat`, or for anything but a
    ///   regular file.
    static func openRegular(_ path: String) throws -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw MappedFileError(code: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw MappedFileError(code: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw MappedFileError(code: 0, text: "not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Drops the whole pages inside `range` from this process's memory; they are read from the
    /// file again if touched later (the mapping is private and never written, so nothing is lost).
    func release(_ range: Range<Int>) {
        guard let base, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound == count ? count : range.upperBound / page * page
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }
}

/// Why a file could not be mapped.
struct MappedFileError: Error, CustomStringConvertible {
    let code: Int32
    var text: String?
    init(code: Int32, text: String? = nil) {
        self.code = code
        self.text = text
    }
    var description: String { text ?? String(cString: strerror(code)) }
}
