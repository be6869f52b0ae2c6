/// Why a row went to rejects.csv; raw values are the contract's reason strings.
public enum RejectReason: String, Sendable, CaseIterable {
    case missingRequired = "missing_required"
    case badDate = "bad_date"
    case badMoney = "bad_money"
    case negativeAmount = "negative_amount"
    case unknownCurrency = "unknown_currency"
    case currencyConflict = "currency_conflict"
    case noFXRate = "no_fx_rate"
    case badEnum = "bad_enum"
    case duplicateID = "duplicate_id"
    case malformedRow = "malformed_row"
    case encodingError = "encoding_error"
    case badFXRate = "bad_fx_rate"
    case badTaxonomyRow = "bad_taxonomy_row"
}

/// Where a value came from: an input file (relative to the pipeline), a physical line, a column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line where the record starts; the header is line 1.
    public var line: Int
    /// The canonical column name, empty for a whole-row problem.
    public var column: String

    public init(file: String, line: Int, column: String = "") {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        column.isEmpty ? "\(file):\(line)" : "\(file):\(line): column \(column)"
    }
}

/// One problem with one input row: where, the raw value, the reason and a sentence for a person.
public struct RowIssue: Hashable, Sendable {
    public var location: SourceLocation
    public var value: String
    public var reason: RejectReason
    public var message: String

    public init(location: SourceLocation, value: String, reason: RejectReason, message: String) {
        self.location = location
        self.value = value
        self.reason = reason
        self.message = message
    }

    /// The order of rejects.csv: file, line, column (UTF-8 bytes), then reason.
    public static func precedes(_ a: RowIssue, _ b: RowIssue) -> Bool {
        if a.location.file != b.location.file { return a.location.file.utf8.lexicographicallyPrecedes(b.location.file.utf8) }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        if a.location.column != b.location.column {
            return a.location.column.utf8.lexicographicallyPrecedes(b.location.column.utf8)
        }
        return a.reason.rawValue < b.reason.rawValue
    }
}

/// A problem with one cell found while normalizing a row, before the row's location is known.
public struct CellIssue: Sendable {
    public var column: String
    public var value: String
    public var reason: RejectReason
    public var message: String

    public init(_ column: String, _ value: String, _ reason: RejectReason, _ message: String) {
        self.column = column
        self.value = value
        self.reason = reason
        self.message = message
    }
}
