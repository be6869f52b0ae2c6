import Foundation

/// An exclusive lock per output folder (`flock` on a `.NAME.lock` file beside it), so two runs
/// never publish the same folder at once. Released when the value is deinitialized.
public final class RunLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock for `outputFolder`, waiting up to `wait` seconds for another run to finish.
    /// The corresponding C function is `flock`.
    /// - Throws: `PipelineError.locked` when the lock is still held after `wait` seconds;
    ///   `.outputNotWritable` when the lock file cannot be created.
    public init(outputFolder: String, wait: Double) throws {
        let target = OutputPublisher.absolute(outputFolder)
        let parent = (target as NSString).deletingLastPathComponent
        path = parent + "/." + (target as NSString).lastPathComponent + ".lock"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.outputNotWritable(path: target, reason: OutputPublisher.reason(error))
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError.outputNotWritable(path: target, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw PipelineError.locked(path: target, waited: wait)
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
