/// Escapes text for HTML and XML: `&`, `<`, `>`, `"` and `'` become entities, and the control
/// characters XML forbids become U+FFFD, so every value is inert and the page stays well-formed.
enum HTMLEscape {
    /// `text` safe inside an element or a quoted attribute.
    /// - Complexity: O(n); a text with nothing to escape is returned as it is.
    static func text(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF })
        else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                // XML 1.0 allows neither C0 controls (but tab, LF, CR) nor U+FFFE and U+FFFF.
                out.append(scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }
}
