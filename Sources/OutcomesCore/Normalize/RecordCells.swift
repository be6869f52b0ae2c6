import Foundation

/// Checks a record's shape and decodes its canonical cells, the first step of every table.
public enum RecordCells {
    /// The outcome of reading one record.
    public enum Read {
        case blank
        /// Trimmed cells, one per canonical column of the table ("" where the file lacks it).
        case cells([String])
        case issues([CellIssue])
    }

    /// Reads the canonical cells of `record` through `columns`.
    ///
    /// Fewer fields than the header's named columns, non-empty fields past them, or an
    /// unterminated quote make a `malformed_row`; an undecodable cell an `encoding_error`.
    public static func read(_ record: CSVRecord, columns: ColumnMap, decoder: FieldDecoder) -> Read {
        switch record.kind {
        case .blank:
            return .blank
        case .unterminatedQuote:
            return .issues([CellIssue("", "", .malformedRow,
                                      "a quoted field is never closed: the record runs to the end of the file")])
        case .data:
            break
        }
        if record.fieldCount < columns.width {
            return .issues([CellIssue("", preview(record, decoder), .malformedRow,
                                      "the record has \(record.fieldCount) fields, the header names \(columns.width)")])
        }
        if record.usedFieldCount > columns.width {
            return .issues([CellIssue("", preview(record, decoder), .malformedRow,
                                      "the record has \(record.usedFieldCount) fields with values, the header names \(columns.width)")])
        }
        var cells = [String](repeating: "", count: columns.positions.count)
        var problems: [CellIssue] = []
        for (k, position) in columns.positions.enumerated() {
            guard let p = position else { continue }
            if let text = decoder.string(record, p) {
                cells[k] = text
            } else {
                problems.append(CellIssue(columns.table.columns[k], lossy(record, p), .encodingError,
                                          "the cell holds bytes that are not valid in the file's encoding"))
            }
        }
        return problems.isEmpty ? .cells(cells) : .issues(problems)
    }

    /// The record's text for a reject's value column, cut at 200 characters.
    static func preview(_ record: CSVRecord, _ decoder: FieldDecoder) -> String {
        var parts: [String] = []
        for i in 0..<record.fieldCount { parts.append(decoder.string(record, i) ?? lossy(record, i)) }
        let joined = parts.joined(separator: ",")
        return joined.count > 200 ? String(joined.prefix(200)) + "…" : joined
    }

    /// A field's bytes as UTF-8 with undecodable bytes replaced, for messages.
    static func lossy(_ record: CSVRecord, _ index: Int) -> String {
        record.withField(index) { String(decoding: $0, as: UTF8.self) }
    }
}
