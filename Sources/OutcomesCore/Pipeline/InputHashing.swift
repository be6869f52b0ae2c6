import Foundation
import Glibc

/// The sha256 of a list of files, computed a block at a time so that the work can stop after any
/// block and be carried on by another thread. Owned by one thread at a time.
final class HashCursor {
    /// Bytes read and hashed per step: a step is short, so a thread handing the cursor over
    /// is never waited on for long.
    static let blockSize = 256 << 10

    private let files: [(path: String, display: String)]
    private var index = 0
    private var fd: Int32 = -1
    private var digest: SHA256Digest?
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: HashCursor.blockSize, alignment: 16)
    private(set) var hashes: [String] = []
    private(set) var error: Error?

    init(files: [(path: String, display: String)]) { self.files = files }

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
    }

    /// Whether every file is hashed (or one could not be read).
    var isDone: Bool { error != nil || index == files.count }

    /// Hashes the next block; false once every file is done or one failed.
    func step() -> Bool {
        guard !isDone else { return false }
        let (path, display) = files[index]
        if fd < 0 {
            do {
                fd = try MappedFile.openRegular(path).fd
            } catch {
                self.error = PipelineError.inputUnreadable(path: display, reason: "\(error)")
                return false
            }
            digest = SHA256Digest()
        }
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n < 0 {
            if errno == EINTR { return true }
            error = PipelineError.inputUnreadable(path: display, reason: String(cString: strerror(errno)))
            return false
        }
        if n > 0 {
            digest?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return true
        }
        close(fd)
        fd = -1
        hashes.append(digest?.hexDigest() ?? "")
        digest = nil
        index += 1
        return !isDone
    }

    /// Runs every remaining step on this thread.
    func finish() throws -> [String] {
        while step() {}
        if let error { throw error }
        return hashes
    }
}

/// The inputs' sha256, computed on a thread of its own at the lowest priority while the run
/// works, so it only takes CPU time the run leaves idle (the ingest keeps every core busy; the
/// hashing used to take a third of one from it). `finish()` takes the rest over at the caller's
/// priority, so a run on a loaded machine never waits on a starved thread for more than one block.
///
/// Not a Dispatch worker: a thread's nice value stays with the thread, and an unprivileged
/// process cannot lower it again for the Dispatch work that would run there next.
final class IdleHasher: @unchecked Sendable {
    private let cursor: HashCursor
    private let paths: [String]
    private let condition = NSCondition()
    /// Set by `finish` or `cancel`: the idle thread stops after its current block.
    private var stopping = false
    /// Set by the idle thread when it has stopped touching the cursor.
    private var released = false
    private var result: Result<[String: String], Error>?

    init(files: [(path: String, display: String)]) {
        cursor = HashCursor(files: files)
        paths = files.map(\.path)
        let thread = Thread { [self] in
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)  // this thread only (Linux)
            // And SCHED_IDLE (5, Linux): a nice-19 thread still takes about 1.5% of a busy core
            // (perf: 3% of the two-thread ingest's samples), an idle-class one about a fifth of that.
            var param = sched_param(sched_priority: 0)
            _ = sched_setscheduler(0, 5, &param)
            while !shouldStop(), cursor.step() {}
            condition.lock()
            released = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "outcomes-hash"
        thread.start()
    }

    private func shouldStop() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Waits for the idle thread to let go of the cursor.
    private func takeOver() {
        condition.lock()
        stopping = true
        while !released { condition.wait() }
        condition.unlock()
    }

    /// The sha256 of each input by path, hashing what is left on the calling thread.
    func finish() throws -> [String: String] {
        if result == nil {
            takeOver()
            result = Result {
                let hashes = try cursor.finish()
                return Dictionary(zip(paths, hashes), uniquingKeysWith: { a, _ in a })
            }
        }
        return try result!.get()
    }

    /// Stops the hashing (a run that fails does not need it); returns once the thread let go.
    func cancel() {
        takeOver()
    }
}
