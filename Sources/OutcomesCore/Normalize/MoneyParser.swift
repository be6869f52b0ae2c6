/// Parses money cells as the contract's section 1.5 writes them: `1,200,000`, `USD 1.2M`,
/// `₩12억`, `350万元`, `1억 2천만원`, `(500)`.
public enum MoneyParser {
    /// A parsed amount and the currency its mark names, if any.
    public struct Parsed: Equatable, Sendable {
        /// The amount with its magnitude applied; negative when written with `-` or parentheses.
        public var amount: ExactDecimal
        /// The currency named by the mark: an ISO code, or `¥` (CNY unless the column says JPY).
        public var mark: String?
    }

    /// Why a money cell was refused.
    public enum Failure: Error, Equatable {
        case unparsable(String)
    }

    static let marks: [(text: String, code: String)] = [
        ("us$", "USD"), ("usd", "USD"), ("krw", "KRW"), ("cny", "CNY"), ("rmb", "CNY"), ("eur", "EUR"),
        ("$", "USD"), ("₩", "KRW"), ("원", "KRW"), ("¥", "¥"), ("元", "CNY"), ("€", "EUR"),
    ]

    /// Parses one trimmed, non-empty money cell.
    /// - Returns: the amount (possibly negative: the caller rejects it) and the mark's currency.
    public static func parse(_ raw: String) -> Result<Parsed, Failure> {
        // Fast path for the common plain form (`1200000`, `1234.5`): no marks, units or separators.
        if let plain = ExactDecimal(plain: Substring(raw)), !plain.isNegative {
            return .success(Parsed(amount: plain, mark: nil))
        }
        var s = Substring(widthFolded(raw))
        var negative = false
        var found: [String] = []
        func trimSpaces() { s = Substring(TextFold.trim(String(s))) }
        func takeSign() {
            if s.hasPrefix("-") { negative = true; s = s.dropFirst(); trimSpaces() }
            else if s.hasPrefix("("), s.hasSuffix(")") { negative = true; s = s.dropFirst().dropLast(); trimSpaces() }
        }
        trimSpaces()
        takeSign()
        // Marks before the number.
        var lower = s.lowercased()
        while let m = marks.first(where: { lower.hasPrefix($0.text) }) {
            found.append(m.code)
            s = s.dropFirst(m.text.count)
            trimSpaces()
            lower = s.lowercased()
        }
        if !negative { takeSign(); lower = s.lowercased() }
        // Marks after the number.
        while let m = marks.first(where: { lower.hasSuffix($0.text) }) {
            found.append(m.code)
            s = s.dropLast(m.text.count)
            trimSpaces()
            lower = s.lowercased()
        }
        let mark = found.first
        for other in found.dropFirst() where !sameCurrency(other, mark!) {
            return .failure(.unparsable("two currency marks that disagree (\(mark!) and \(other))"))
        }
        guard !s.isEmpty else { return .failure(.unparsable("no number")) }
        let value: ExactDecimal?
        if s.unicodeScalars.contains(where: { cjkUnit($0) != nil }) {
            value = parseCJK(s)
        } else {
            value = parseLatin(s)
        }
        guard var amount = value else { return .failure(.unparsable("not a number the contract knows")) }
        if negative { amount.significand = -amount.significand }
        return .success(Parsed(amount: amount, mark: mark))
    }

    static func sameCurrency(_ a: String, _ b: String) -> Bool {
        a == b || (a == "¥" && b == "CNY") || (a == "CNY" && b == "¥")
    }

    /// Full-width ASCII forms to ASCII, full-width won and yen signs to ₩ and ¥, the minus sign to `-`.
    static func widthFolded(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            case 0xFFE6: out.append("₩")
            case 0xFFE5: out.append("¥")
            case 0x2212: out.append("-")
            case 0x3000: out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }

    static func cjkUnit(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "천", "千": return 3
        case "만", "万", "萬": return 4
        case "억", "亿", "億": return 8
        default: return nil
        }
    }

    /// A number with an optional Latin magnitude (K, M, B; case-insensitive; may follow a space).
    static func parseLatin(_ s: Substring) -> ExactDecimal? {
        var body = s
        var exponent = 0
        if let last = body.last {
            switch last {
            case "k", "K": exponent = 3
            case "m", "M": exponent = 6
            case "b", "B": exponent = 9
            default: break
            }
            if exponent > 0 { body = Substring(TextFold.trim(String(body.dropLast()))) }
        }
        guard let n = parseNumber(body) else { return nil }
        return n.multiplied(by: ExactDecimal(significand: ExactDecimal.powerOfTen(exponent), scale: 0))
    }

    /// Korean and Chinese units, which must decrease: `1억 2천만` = 1e8 + 2e3·1e4; `1억2천` = 100,002,000.
    static func parseCJK(_ s: Substring) -> ExactDecimal? {
        if s.contains(where: { "kKmMbB".contains($0) }) { return nil }
        let scalars = Array(s.unicodeScalars)
        var i = 0
        var total = ExactDecimal.zero
        var group = ExactDecimal.zero
        var groupHasThousand = false
        var lastBig = Int.max
        var sawTrailingNumber = false
        while i < scalars.count {
            while i < scalars.count && scalars[i] == " " { i += 1 }
            if i >= scalars.count { break }
            if sawTrailingNumber { return nil }
            var j = i
            while j < scalars.count && cjkUnit(scalars[j]) == nil && scalars[j] != " " { j += 1 }
            var number: ExactDecimal?
            if j > i {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[i..<j])
                guard let n = parseNumber(Substring(String(text))) else { return nil }
                number = n
            }
            var k = j
            while k < scalars.count && scalars[k] == " " { k += 1 }
            guard k < scalars.count, let unit = cjkUnit(scalars[k]) else {
                guard let n = number else { return nil }
                guard let t = group.adding(n) else { return nil }
                group = t
                sawTrailingNumber = true
                i = k
                continue
            }
            i = k + 1
            if unit == 3 {
                if groupHasThousand || lastBig <= 3 { return nil }
                guard let v = (number ?? ExactDecimal(1)).multiplied(by: ExactDecimal(1000)),
                      let g = group.adding(v) else { return nil }
                group = g
                groupHasThousand = true
            } else {
                if unit >= lastBig { return nil }
                var g = group
                if let n = number {
                    guard let t = g.adding(n) else { return nil }
                    g = t
                } else if !groupHasThousand && group.isZero {
                    g = ExactDecimal(1)
                }
                guard let scaled = g.multiplied(by: ExactDecimal(significand: ExactDecimal.powerOfTen(unit), scale: 0)),
                      let t = total.adding(scaled) else { return nil }
                total = t
                group = .zero
                groupHasThousand = false
                lastBig = unit
            }
        }
        return total.adding(group)?.reduced()
    }

    /// Digits with optional thousands separators (`,`, thin space or narrow no-break space,
    /// grouped by three) and an optional decimal part; `.5`, `1.` and `1,2,3` are refused.
    public static func parseNumber(_ s: Substring) -> ExactDecimal? {
        let scalars = Array(s.unicodeScalars)
        var digits = ""
        var i = 0
        var groupLength = 0
        var separator: Unicode.Scalar?
        var groups = 0
        while i < scalars.count {
            let u = scalars[i]
            if u.value >= 48 && u.value <= 57 {
                digits.unicodeScalars.append(u)
                groupLength += 1
            } else if u == "," || u == "\u{2009}" || u == "\u{202F}" {
                if separator == nil { separator = u } else if separator != u { return nil }
                if groups == 0 ? !(1...3).contains(groupLength) : groupLength != 3 { return nil }
                groups += 1
                groupLength = 0
            } else {
                break
            }
            i += 1
        }
        if groupLength == 0 || (groups > 0 && groupLength != 3) { return nil }
        if i < scalars.count {
            guard scalars[i] == ".", i + 1 < scalars.count else { return nil }
            digits.append(".")
            i += 1
            while i < scalars.count {
                let u = scalars[i]
                guard u.value >= 48 && u.value <= 57 else { return nil }
                digits.unicodeScalars.append(u)
                i += 1
            }
        }
        return ExactDecimal(plain: Substring(digits))
    }
}
