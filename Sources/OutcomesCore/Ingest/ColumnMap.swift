/// A file's header resolved once to positions: which field holds each canonical column.
public struct ColumnMap: Sendable {
    public let table: TableKind
    /// For each canonical column (in `table.columns` order), its field index, or nil.
    public let positions: [Int?]
    /// Header names that match no canonical column (or repeat one already matched), as written.
    public let unknown: [String]
    /// The number of named header fields (trailing empty names dropped).
    public let width: Int
    /// The header's names by field index, trimmed (trailing empty names dropped).
    public let names: [String]

    /// Resolves `headers` (decoded, untrimmed) against the canonical names and aliases.
    /// - Throws: `PipelineError.missingColumn` for the first required column not found.
    /// - Parameter headerLine: the header's line in the file, for the error.
    public init(headers: [String], table: TableKind, aliases: HeaderAliases, file: String, headerLine: Int = 1) throws {
        var names = headers.map { TextFold.trim($0) }
        while let last = names.last, last.isEmpty { names.removeLast() }
        var positions = [Int?](repeating: nil, count: table.columns.count)
        var unknown: [String] = []
        for (i, name) in names.enumerated() {
            guard let canonical = aliases.canonical(forFolded: TextFold.fold(name), in: table) else {
                unknown.append(name)
                continue
            }
            let k = table.index(of: canonical)
            if positions[k] == nil { positions[k] = i } else { unknown.append(name) }
        }
        for required in table.requiredColumns where positions[table.index(of: required)] == nil {
            throw PipelineError.missingColumn(file: file, column: required,
                                              aliases: aliases.names(for: required, in: table), line: headerLine, header: names)
        }
        self.table = table
        self.positions = positions
        self.unknown = unknown
        self.width = names.count
        self.names = names
    }

    /// The header's name of field `index`, nil past the named fields or for an empty name.
    public func name(ofField index: Int) -> String? {
        index < names.count && !names[index].isEmpty ? names[index] : nil
    }

    /// The field index of a canonical column, or nil when the file lacks it.
    public func position(_ column: String) -> Int? {
        positions[table.index(of: column)]
    }
}
