/// The display spelling of each company or buyer key: the most frequent raw spelling over
/// accepted leads then accepted contracts in input order (tie: first seen).
public struct DisplayNames: Sendable {
    let texts: TextPool
    /// Per key id (indexed by `TextID`): the display spelling's id, -1 where the id is no key.
    let names: [TextID]
    /// Per key, every spelling merged into it with its count, in first-seen order.
    public let spellings: [TextID: [(spelling: TextID, count: Int)]]

    /// Builds display names from (key, raw spelling) id pairs in input order.
    public init<S: Sequence>(_ pairs: S, texts: TextPool) where S.Element == (TextID, TextID) {
        self.texts = texts
        // A spelling always has the same key, so one flat count per spelling is enough.
        let n = texts.count
        var count = [Int](repeating: 0, count: n)
        var keyOf = [TextID](repeating: -1, count: n)
        var order: [TextID] = []
        for (key, raw) in pairs {
            if count[Int(raw)] == 0 {
                order.append(raw)
                keyOf[Int(raw)] = key
            }
            count[Int(raw)] += 1
        }
        var names = [TextID](repeating: -1, count: n)
        var spellings: [TextID: [(spelling: TextID, count: Int)]] = [:]
        for raw in order {
            let key = keyOf[Int(raw)]
            let best = names[Int(key)]
            if best < 0 || count[Int(raw)] > count[Int(best)] { names[Int(key)] = raw }
            spellings[key, default: []].append((raw, count[Int(raw)]))
        }
        self.names = names
        self.spellings = spellings
    }

    /// The display name of a key.
    public subscript(key: TextID) -> String {
        let i = Int(key)
        return i < names.count && names[i] >= 0 ? texts[names[i]] : texts[key]
    }

    /// The display name of a key given as text.
    public subscript(key: String) -> String {
        texts.find(key).map { self[$0] } ?? key
    }
}
