/// The display spelling of each company or buyer key: the most frequent raw spelling over
/// accepted leads then accepted contracts in input order (tie: first seen).
public struct DisplayNames: Sendable {
    public private(set) var names: [String: String] = [:]
    /// Per key, every spelling merged into it with its count, in first-seen order.
    public private(set) var spellings: [String: [(spelling: String, count: Int)]] = [:]

    /// Builds display names from (key, raw spelling) pairs in input order.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, String) {
        // A spelling always has the same key, so one flat count per spelling is enough.
        var counts: [String: (key: String, count: Int, first: Int)] = [:]
        var n = 0
        for (key, raw) in pairs {
            counts[raw, default: (key, 0, n)].count += 1
            n += 1
        }
        var byKey: [String: [(spelling: String, count: Int, first: Int)]] = [:]
        for (spelling, entry) in counts { byKey[entry.key, default: []].append((spelling, entry.count, entry.first)) }
        for (key, entry) in byKey {
            let sorted = entry.sorted { $0.first < $1.first }
            var best = sorted[0]
            for candidate in sorted.dropFirst() where candidate.count > best.count { best = candidate }
            names[key] = best.spelling
            spellings[key] = sorted.map { ($0.spelling, $0.count) }
        }
    }

    public subscript(key: String) -> String { names[key] ?? key }
}
