import Dispatch

/// The ingest's merge of normalized waves, in input order. When `overlapped`, each wave is
/// merged on a serial queue while the workers parse the next one (the merge is one pass in
/// input order, so it cannot be split, but it need not leave the other cores idle).
///
/// `merge` is touched by the queue while a wave is pending and by the caller only after waiting
/// for that wave's group, so the group orders every access.
final class Merging: @unchecked Sendable {
    private var merge: RowMerge
    /// Display paths by file index, for the messages of rows the merge rejects.
    private let files: [String]
    private let overlapped: Bool
    private let queue = DispatchQueue(label: "outcomes.merge")
    private var pending: DispatchGroup?
    /// Seconds the ingest spent waiting for the merge: all of it when not overlapped, else
    /// only what the parsing of the next wave did not cover.
    private(set) var waitedSeconds = 0.0

    init(_ merge: RowMerge, files: [String], overlapped: Bool) {
        self.merge = merge
        self.files = files
        self.overlapped = overlapped
    }

    /// Merges a wave of (file index, sealed chunk), after the waves added before it. Waits for
    /// the previous wave first, so at most one wave is waiting to be merged at any time.
    func add(_ wave: [(file: Int, chunk: NormalizedChunk)]) {
        let started = DispatchTime.now()
        waitForPending()
        if overlapped {
            let group = DispatchGroup()
            queue.async(group: group) { self.absorb(wave) }
            pending = group
        } else {
            absorb(wave)
        }
        waitedSeconds += Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }

    /// The merge of every wave added.
    func finish() -> RowMerge {
        let started = DispatchTime.now()
        waitForPending()
        waitedSeconds += Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return merge
    }

    private func absorb(_ wave: [(file: Int, chunk: NormalizedChunk)]) {
        for (file, chunk) in wave { merge.absorb(chunk, file: file, path: files[file]) }
    }

    private func waitForPending() {
        pending?.wait()
        pending = nil
    }
}
