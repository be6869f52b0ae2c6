import Glibc

/// Reads files into the page cache without copying them anywhere (`sendfile` to /dev/null: the
/// kernel reads the pages and discards nothing but the transfer). The run being replaced is
/// read back for changes.csv after aggregation; its big tables were written past the page cache
/// (O_DIRECT), so that read waited on the disk. (`posix_fadvise` WILLNEED read only the first
/// 8 MB of a gigabyte file here.)
enum ReadAhead {
    /// Reads each file that exists; missing or unreadable files are skipped (whoever reads them
    /// later reports the problem).
    static func run(_ paths: [String]) {
        let sink = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard sink >= 0 else { return }
        defer { close(sink) }
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { continue }
            var left = Int(info.st_size)
            while left > 0 {
                let n = sendfile(sink, fd, nil, min(left, 1 << 30))
                if n <= 0 { break }
                left -= n
            }
        }
    }
}
