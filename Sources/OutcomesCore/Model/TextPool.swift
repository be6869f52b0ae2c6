/// A text's index in a `TextPool`.
public typealias TextID = Int32

/// The distinct texts of a run (names, keys, events, cities, sector and country cells,
/// currencies), each stored once; rows refer to them by `TextID`, so a row is a few integers
/// and copying it costs no reference counting.
///
/// Each ingest worker fills its own pool; the merge maps every worker's ids into the run's pool.
/// A pool is mutated only by its owner while it is being built and read-only afterwards, which
/// is what makes sharing it between threads safe.
public final class TextPool: @unchecked Sendable {
    public private(set) var texts: [String] = []
    private var index: [String: TextID] = [:]

    /// The id of the empty text: every pool starts with it.
    public static let empty: TextID = 0

    public init() {
        _ = intern("")
    }

    /// The id of `text`, added when new.
    public func intern(_ text: String) -> TextID {
        if let id = index[text] { return id }
        let id = TextID(texts.count)
        texts.append(text)
        index[text] = id
        return id
    }

    /// The id of `text` when the pool has it.
    public func find(_ text: String) -> TextID? { index[text] }

    public subscript(id: TextID) -> String { texts[Int(id)] }

    public var count: Int { texts.count }
}
