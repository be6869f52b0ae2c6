/// The company and buyer key of the contract's section 1.6: NFKC, case-fold, legal forms and
/// punctuation, white space and control characters dropped. `(주)한국수소` and `한국수소 주식회사`
/// share the key `한국수소`.
public enum NameKey {
    /// CJK legal-form tokens, dropped anywhere in the name, longest first.
    static let cjkForms: [String] = [
        "股份有限公司", "有限责任公司", "有限責任公司", "유한책임회사",
        "주식회사", "유한회사", "합자회사", "합명회사", "有限公司", "(주)", "(유)",
    ].sorted { $0.count > $1.count }

    /// Latin legal-form words, dropped only as whole words (an optional dot after is punctuation).
    static let latinForms: Set<String> = ["co", "ltd", "inc", "corp", "limited", "llc"]

    /// The key of a raw (trimmed) name; empty when nothing but legal forms and punctuation remains.
    public static func key(_ raw: String) -> String {
        let folded = TextFold.caseFold(TextFold.nfkc(raw))
        let s = folded.utf8.allSatisfy({ $0 < 0x80 }) ? folded : dropCJKForms(folded)
        var out = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        func flushWord() {
            if !word.isEmpty {
                if !latinForms.contains(String(word)) { out.append(contentsOf: word) }
                word.removeAll()
            }
        }
        for u in s.unicodeScalars {
            if isWordScalar(u) {
                word.append(u)
                continue
            }
            flushWord()
            if !isDropped(u) { out.append(u) }
        }
        flushWord()
        return String(out)
    }

    static let cjkFormScalars: [[Unicode.Scalar]] = cjkForms.map { Array($0.unicodeScalars) }

    /// The name with every CJK legal form replaced by a space, longest form first at each
    /// position, in one pass over the scalars.
    /// - Complexity: O(n · f) scalar comparisons for f forms, without Foundation string search.
    static func dropCJKForms(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        outer: while i < scalars.count {
            for form in cjkFormScalars where form[0] == scalars[i] && i + form.count <= scalars.count {
                if scalars[i..<(i + form.count)].elementsEqual(form) {
                    out.append(" ")
                    i += form.count
                    continue outer
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// Letters, marks and digits make up words.
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        // ASCII and Hangul syllables (most names) answered without the Unicode tables.
        if u.value < 0x80 { return asciiClass[Int(u.value)] == 1 }
        if u.value >= 0xAC00 && u.value <= 0xD7A3 { return true }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Per ASCII scalar: 1 word (letter, digit), 2 dropped (punctuation, space, control),
    /// 0 neither (the symbols $ + < = > ^ | ~ and the backtick); the tests check it against the Unicode tables.
    static let asciiClass: [UInt8] = (0..<128).map { v -> UInt8 in
        let u = Unicode.Scalar(UInt8(v))
        if (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { return 1 }
        if v < 0x20 || v == 0x7F || v == 0x20 { return 2 }
        return "$+<=>^`|~".unicodeScalars.contains(u) ? 0 : 2
    }

    /// Punctuation (P*), separators (Z*) and control/format/unassigned (C*) are dropped.
    static func isDropped(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return asciiClass[Int(u.value)] == 2 }
        if u.value >= 0xAC00 && u.value <= 0xD7A3 { return false }
        switch u.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .control, .format, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }
}
