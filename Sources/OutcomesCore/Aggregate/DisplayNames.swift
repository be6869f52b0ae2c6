/// The display spelling of each company or buyer key: the most frequent raw spelling over
/// accepted leads then accepted contracts in input order (tie: first seen).
public struct DisplayNames: Sendable {
    public private(set) var names: [String: String] = [:]
    /// Per key, every spelling merged into it with its count, in first-seen order.
    public private(set) var spellings: [String: [(spelling: String, count: Int)]] = [:]

    /// Builds display names from (key, raw spelling) pairs in input order.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, String) {
        var order: [String: [String: (count: Int, first: Int)]] = [:]
        var n = 0
        for (key, raw) in pairs {
            // Mutated in place: copying the inner dictionary out and back would copy it every row.
            order[key, default: [:]][raw, default: (0, n)].count += 1
            n += 1
        }
        for (key, entry) in order {
            let sorted = entry.sorted { $0.value.first < $1.value.first }
            var best = sorted[0]
            for candidate in sorted.dropFirst() where candidate.value.count > best.value.count { best = candidate }
            names[key] = best.key
            spellings[key] = sorted.map { ($0.key, $0.value.count) }
        }
    }

    public subscript(key: String) -> String { names[key] ?? key }
}
