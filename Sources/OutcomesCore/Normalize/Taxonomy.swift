/// The two-level sector taxonomy and the mapping of raw sector text to a sector (section 1.4).
public final class Taxonomy: @unchecked Sendable {
    /// One accepted taxonomy row.
    public struct Entry: Sendable {
        public var code: String
        public var nameEn: String
        public var nameKo: String
        /// The parent group's code; empty for a group.
        public var parent: String
        public var keywords: [String]
        public var isGroup: Bool { parent.isEmpty }
        /// name_en, else name_ko.
        public var displayName: String { nameEn.isEmpty ? nameKo : nameEn }
    }

    /// The index used for text that maps to nothing.
    public static let unclassified = -1

    public let entries: [Entry]
    let exact: [String: Int]
    /// Folded keywords with their length in Unicode scalars and row, longest first, then earliest row.
    let keywords: [(text: String, length: Int, row: Int)]
    let codeIndex: [String: Int]

    public init(entries: [Entry]) {
        self.entries = entries
        var exact: [String: Int] = [:]
        var keywords: [(text: String, length: Int, row: Int)] = []
        var codeIndex: [String: Int] = [:]
        for (row, e) in entries.enumerated() {
            if codeIndex[e.code] == nil { codeIndex[e.code] = row }
            for text in [e.code, e.nameEn, e.nameKo] + e.keywords {
                let key = TextFold.fold(text)
                if !key.isEmpty && exact[key] == nil { exact[key] = row }
            }
            for k in e.keywords {
                let key = TextFold.fold(k)
                if !key.isEmpty { keywords.append((key, key.unicodeScalars.count, row)) }
            }
        }
        keywords.sort { $0.length != $1.length ? $0.length > $1.length : $0.row < $1.row }
        self.exact = exact
        self.keywords = keywords
        self.codeIndex = codeIndex
    }

    /// An independent copy (one per Dispatch worker, so workers never share its reference count).
    public func copy() -> Taxonomy { Taxonomy(entries: entries) }

    /// The row a raw sector text maps to: an exact match of code, name or keyword; else the
    /// longest keyword contained in it (tie: the earlier row); else `unclassified`.
    /// - Complexity: O(k) keyword scans for text with no exact match.
    public func classify(_ raw: String) -> Int {
        let key = TextFold.fold(raw)
        if let row = exact[key] { return row }
        for k in keywords where key.contains(k.text) { return k.row }
        return Taxonomy.unclassified
    }

    /// The sector code of a row index (`unclassified` for the unclassified index).
    public func code(_ index: Int) -> String {
        index == Taxonomy.unclassified ? "unclassified" : entries[index].code
    }

    /// The parent code of a row index (empty for groups and unclassified).
    public func parentCode(_ index: Int) -> String {
        index == Taxonomy.unclassified ? "" : entries[index].parent
    }

    /// The row index of a code.
    public func index(ofCode code: String) -> Int? { codeIndex[code] }
}
