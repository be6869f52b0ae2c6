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
        if excel { bytes = TextEncoding.utf8BOM }
        row(header)
    }

    /// A writer for rows only (no BOM, no header): one block of a table written in pieces.
    public init(excel: Bool) {
        self.excel = excel
    }

    mutating func reserve(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// True for a cell Excel would read as a formula: starts with = + - @ tab or CR and is not a number.
    public static func isFormulaLike(_ field: String) -> Bool {
        guard let first = field.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) else {
            return false
        }
        return ExactDecimal(plain: Substring(field)) == nil
    }

    /// The text a cell written for Excel stood for, when it is one that `isFormulaLike` put
    /// behind a `'` (nil for every other cell, which stands for itself). A text that itself began
    /// with `'` and a formula sign reads back without its `'`: the one spelling the two share.
    static func unneutralized(_ cell: UnsafeRawBufferPointer) -> String? {
        guard cell.count > 1, cell[0] == UInt8(ascii: "'") else { return nil }
        let rest = String(decoding: UnsafeRawBufferPointer(rebasing: cell[1...]), as: UTF8.self)
        return isFormulaLike(rest) ? rest : nil
    }

    /// True when the field holds a comma, quote, CR or LF (searched with memchr: fields can be huge).
    static func needsQuotes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, b.count > 0 else { return false }
        for c: Int32 in [0x2C, 0x22, 0x0A, 0x0D] where memchr(base, c, b.count) != nil { return true }
        return false
    }

    /// True once a field of the current row was written (`field`, `number`…; `endRow` resets).
    var inRow = false

    /// Appends one text field to the row being built; `endRow()` finishes the row.
    public mutating func field(_ text: String) {
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        append(text)
    }

    /// Appends a field that is a plain number or date (never quoted, never neutralized).
    public mutating func number(_ ascii: String) {
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        var text = ascii
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer field without going through a String.
    public mutating func integer(_ value: Int) {
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        appendDigits(value)
    }

    /// Appends cents as a USD amount with two decimals (`1234.50`).
    public mutating func usd(cents: Int64) {
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        if cents < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = cents.magnitude
        appendDigits(Int(m / 100))
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(48 + m / 10 % 10))
        bytes.append(UInt8(48 + m % 10))
    }

    /// Appends a day as `YYYY-MM-DD`.
    public mutating func day(_ day: Day) {
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        let c = day.components
        appendPadded(c.year, 4)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(c.day, 2)
    }

    /// Ends the row being built field by field.
    public mutating func endRow() {
        bytes.append(0x0A)
        inRow = false
    }

    mutating func appendDigits(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    mutating func appendPadded(_ value: Int, _ width: Int) {
        var p = 1
        for _ in 1..<width { p *= 10 }
        while p > 1 && value < p {
            bytes.append(UInt8(ascii: "0"))
            p /= 10
        }
        appendDigits(value)
    }

    /// Appends one row; a field with a comma, quote, CR or LF is quoted with doubled quotes.
    public mutating func row(_ fields: [String]) {
        for (i, original) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(original)
        }
        bytes.append(0x0A)
    }

    /// Appends one field's text: neutralized for Excel when asked, quoted where needed.
    mutating func append(_ original: String) {
        Self.escape(original, excel: excel, into: &bytes)
    }

    /// A field's bytes as `field` would write them, to keep and reuse for a text seen on many rows.
    public static func escaped(_ original: String, excel: Bool) -> [UInt8] {
        var out: [UInt8] = []
        escape(original, excel: excel, into: &out)
        return out
    }

    static func escape(_ original: String, excel: Bool, into bytes: inout [UInt8]) {
        var text = excel && Self.isFormulaLike(original) ? "'" + original : original
        if text.withUTF8({ Self.needsQuotes($0) }) {
            bytes.append(0x22)
            for b in text.utf8 {
                if b == 0x22 { bytes.append(0x22) }
                bytes.append(b)
            }
            bytes.append(0x22)
        } else {
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    /// Appends an exact decimal as `plainString` writes it, without making a String when it fits 64 bits.
    public mutating func decimal(_ value: ExactDecimal) {
        let r = value.reduced()
        guard let magnitude = UInt64(exactly: r.significand.magnitude), r.scale < 19 else {
            number(value.plainString)
            return
        }
        if inRow { bytes.append(UInt8(ascii: ",")) }
        inRow = true
        if r.significand < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var v = magnitude
            var n = 0
            repeat {
                buffer[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            // At least scale + 1 digits, so a fraction gets its leading "0.".
            while n < r.scale + 1 {
                buffer[n] = UInt8(ascii: "0")
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                bytes.append(buffer[i])
                if i == r.scale && r.scale > 0 { bytes.append(UInt8(ascii: ".")) }
            }
        }
    }

    /// Hands the bytes written so far to `emit` and starts an empty buffer (for streaming big tables).
    public mutating func flush(_ emit: ([UInt8]) throws -> Void) rethrows {
        try emit(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
