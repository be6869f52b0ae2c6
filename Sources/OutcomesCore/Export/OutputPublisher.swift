import Foundation

/// Writes a run's files into a temporary folder beside the target and swaps it into place only
/// when every file is written, so a failed run leaves the previous outputs intact.
public struct OutputPublisher {
    public let target: String

    public init(target: String) {
        self.target = (target as NSString).standardizingPath
    }

    /// Writes `files` (name, bytes) and publishes them as the target folder.
    /// - Throws: `PipelineError.outputNotWritable` when any write or rename fails; the target is untouched then.
    public func publish(_ files: [(String, [UInt8])]) throws {
        let fm = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let staging = parent + "/." + name + ".tmp-\(getpid())"
        let retired = parent + "/." + name + ".old-\(getpid())"
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PipelineError.outputNotWritable(path: target, reason: Self.reason(error))
        }
        do {
            for (file, bytes) in files {
                try Self.write(bytes, to: staging + "/" + file)
            }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: target, isDirectory: &isDir) {
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
        } catch {
            try? fm.removeItem(atPath: staging)
            throw PipelineError.outputNotWritable(path: target, reason: Self.reason(error))
        }
    }

    /// Writes and fsyncs one file; a short write (disk full) is an error.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func reason(_ error: Error) -> String {
        if let p = error as? POSIXError { return String(cString: strerror(p.code.rawValue)) }
        return (error as NSError).localizedDescription
    }
}
