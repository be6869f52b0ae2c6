/// The delimiter of a CSV file: declared in the pipeline or detected from its header line.
public enum Dialect {
    /// Reads a pipeline's `delimiter:` value (`comma`, `tab`, `semicolon`, or the character).
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "comma", ",": return UInt8(ascii: ",")
        case "tab", "\t", "\\t": return 0x09
        case "semicolon", ";": return UInt8(ascii: ";")
        default: return nil
        }
    }

    /// Counts `,` tab and `;` outside quotes on the header line; the most frequent wins, ties go
    /// comma, tab, semicolon (and comma when none occurs).
    ///
    /// Quotes follow the reader's rules, with any of the three as a field's end: a quote opens a
    /// quoted field only as the field's first byte (`ref"no` holds a literal one), `""` inside
    /// is a quote, and text after the closing one joins the field.
    public static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt8 {
        let quote = UInt8(ascii: "\"")
        var counts = [0, 0, 0]
        var inQuotes = false
        var atFieldStart = true
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < bytes.count && bytes[i] == quote { i += 1 } else { inQuotes = false }
                }
                continue
            }
            if c == quote && atFieldStart { inQuotes = true; atFieldStart = false; continue }
            if c == 0x0A || c == 0x0D { break }
            atFieldStart = true
            if c == UInt8(ascii: ",") { counts[0] += 1 } else if c == 0x09 { counts[1] += 1 } else if c == UInt8(ascii: ";") { counts[2] += 1 } else { atFieldStart = false }
        }
        let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")]
        var best = 0
        for k in 1..<3 where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}
