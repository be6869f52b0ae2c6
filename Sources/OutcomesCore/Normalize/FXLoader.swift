/// Builds the `FXTable` from fx_rates rows, rejecting bad ones (`bad_fx_rate`) and repeats.
public struct FXLoader {
    var rates: [String: [(day: Day, rate: ExactDecimal)]] = [:]
    var seen: [String: ExactDecimal] = [:]
    public private(set) var counts = FileCounts()
    public private(set) var issues: [RowIssue] = []

    public init() {}

    /// Counts a skipped blank line.
    public mutating func addBlank() { counts.blank += 1 }

    /// Adds a row that failed before its cells could be read (malformed, undecodable).
    public mutating func addRejected(_ rowIssues: [RowIssue]) {
        counts.read += 1
        counts.rejected += 1
        issues += rowIssues
    }

    /// Adds one row's cells (`date,currency,usd_per_unit`).
    public mutating func add(_ cells: [String], file: String, line: Int) {
        counts.read += 1
        var problems: [RowIssue] = []
        func problem(_ column: String, _ value: String, _ message: String) {
            problems.append(RowIssue(location: SourceLocation(file: file, line: line, column: column),
                                     value: value, reason: .badFXRate, message: message))
        }
        let day = DateParser.parse(cells[0])
        if day == nil { problem("date", cells[0], "'\(cells[0])' is not a date") }
        var currency = ""
        switch CurrencyResolver.read(cells[1]) {
        case .code(let c): currency = c == "¥" ? "CNY" : c
        default: problem("currency", cells[1], "'\(cells[1])' is not an ISO 4217 currency")
        }
        let rate = ExactDecimal(plain: Substring(cells[2]))
        if rate == nil || rate!.isNegative || rate!.isZero {
            problem("usd_per_unit", cells[2], "'\(cells[2])' is not a positive plain decimal rate")
        }
        guard problems.isEmpty, let day, let rate else {
            counts.rejected += 1
            issues += problems
            return
        }
        if currency == "USD" {
            counts.accepted += 1
            return
        }
        let key = "\(day)|\(currency)"
        if let earlier = seen[key] {
            if earlier == rate.reduced() {
                counts.duplicate += 1
            } else {
                counts.rejected += 1
                issues.append(RowIssue(location: SourceLocation(file: file, line: line, column: "usd_per_unit"),
                                       value: cells[2], reason: .duplicateID,
                                       message: "\(currency) on \(day) already has the rate \(earlier.plainString)"))
            }
            return
        }
        seen[key] = rate.reduced()
        rates[currency, default: []].append((day, rate))
        counts.accepted += 1
    }

    /// The finished table.
    public func table() -> FXTable { FXTable(rates: rates) }
}
