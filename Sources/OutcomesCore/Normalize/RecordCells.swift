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
    /// A record whose every field is empty once trimmed is blank (cells are trimmed before any
    /// use: `" "` or a lone U+3000 is as empty as Excel's `,,,,`). Fewer fields than the header's
    /// named columns, fields past them that are not empty once trimmed, or an unterminated quote
    /// make a `malformed_row`; undecodable bytes anywhere in the record an `encoding_error` (in a
    /// canonical column's cell, named by that column; in another field, as a whole-row problem).
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
        if mayBeBlank(record) && (0..<record.fieldCount).allSatisfy({ isEmpty(record, $0, decoder) }) {
            return .blank
        }
        if record.fieldCount < columns.width {
            return .issues([CellIssue("", preview(record, decoder), .malformedRow,
                                      "the record has \(record.fieldCount) fields, the header names \(columns.width)")])
        }
        if record.usedFieldCount > columns.width {
            var used = record.usedFieldCount
            while used > columns.width && isEmpty(record, used - 1, decoder) { used -= 1 }
            if used > columns.width {
                return .issues([CellIssue("", preview(record, decoder), .malformedRow,
                                          "the record has \(used) fields with values, the header names \(columns.width)")])
            }
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
        if decoder.checksBytes {
            // The fields no canonical column reads are checked too: the record is what is judged.
            var mapped = [Bool](repeating: false, count: record.fieldCount)
            for case let p? in columns.positions where p < mapped.count { mapped[p] = true }
            for i in mapped.indices where !mapped[i] && decoder.string(record, i) == nil {
                let name = columns.name(ofField: i).map { "column '\($0)'" } ?? "field \(i + 1)"
                problems.append(CellIssue("", lossy(record, i), .encodingError,
                                          "\(name) holds bytes that are not valid in the file's encoding"))
            }
        }
        return problems.isEmpty ? .cells(cells) : .issues(problems)
    }

    /// False when some byte of the record is printable ASCII (which no trimming removes): the
    /// quick answer for almost every record.
    static func mayBeBlank(_ record: CSVRecord) -> Bool {
        for i in 0..<record.fieldCount {
            for b in record.field(i) where b > 0x20 && b < 0x7F { return false }
        }
        return true
    }

    /// Whether field `index` is empty once decoded and trimmed (an undecodable one is not).
    static func isEmpty(_ record: CSVRecord, _ index: Int, _ decoder: FieldDecoder) -> Bool {
        record.fieldLength(index) == 0 || decoder.string(record, index)?.isEmpty == true
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
