import Glibc

/// Builds CSV text as the contract's outputs want it: UTF-8, LF, quoted only where needed.
///
/// With `excel`, the text starts with a UTF-8 BOM (so Korean Excel reads it as UTF-8) and a text
/// cell that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so Excel never runs it
/// as a formula; cells that are numbers (`-5`, `-0.25`) are left alone.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    let excel: Bool

    public init(excel: Bool = false, header: [String]) {
        self.excel = excel
        if excel { bytes = [0xEF, 0xBB, 0xBF] }
        row(header)
    }

    /// True for a cell Excel would read as a formula: starts with = + - @ tab or CR and is not a number.
    public static func isFormulaLike(_ field: String) -> Bool {
        guard let first = field.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) else {
            return false
        }
        return ExactDecimal(plain: Substring(field)) == nil
    }

    /// True when the field holds a comma, quote, CR or LF (searched with memchr: fields can be huge).
    static func needsQuotes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, b.count > 0 else { return false }
        for c: Int32 in [0x2C, 0x22, 0x0A, 0x0D] where memchr(base, c, b.count) != nil { return true }
        return false
    }

    /// Appends one row; a field with a comma, quote, CR or LF is quoted with doubled quotes.
    public mutating func row(_ fields: [String]) {
        for (i, original) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let field = excel && Self.isFormulaLike(original) ? "'" + original : original
            var text = field
            if text.withUTF8({ Self.needsQuotes($0) }) {
                let utf8 = text.utf8
                bytes.append(0x22)
                for b in utf8 {
                    if b == 0x22 { bytes.append(0x22) }
                    bytes.append(b)
                }
                bytes.append(0x22)
            } else {
                text.withUTF8 { bytes.append(contentsOf: $0) }
            }
        }
        bytes.append(0x0A)
    }
}
