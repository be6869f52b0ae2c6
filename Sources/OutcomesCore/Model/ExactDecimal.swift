/// An exact decimal number: an integer significand scaled by a power of ten.
///
/// Money and fx rates are held as `ExactDecimal`, never as binary floating point, so sums and
/// products are exact and rounding happens only where the contract names it (cents, half-even).
public struct ExactDecimal: Hashable, Sendable {
    /// The digits of the number as an integer.
    public var significand: Int128
    /// How many of those digits are after the decimal point.
    public var scale: Int

    /// The largest scale kept; longer fractions are refused by the parsers.
    public static let maxScale = 18

    public init(significand: Int128, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int) {
        self.init(significand: Int128(integer), scale: 0)
    }

    public static let zero = ExactDecimal(0)

    static func powerOfTen(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// Parses a plain decimal: ASCII digits with at most one `.` between digits, optional leading `-`.
    /// `.5`, `1.`, `1e3` and thousands separators are refused (nil).
    public init?(plain text: Substring) {
        self.init(plainUTF8: text.utf8)
    }

    /// `init(plain:)` over UTF-8 bytes, so a cell can be read without making a String.
    @inline(__always)
    init?<Bytes: Sequence>(plainUTF8 bytes: Bytes) where Bytes.Element == UInt8 {
        var sig: Int128 = 0
        var scale = 0
        var seenDot = false
        var digitsBefore = 0
        var digitsAfter = 0
        var negative = false
        var first = true
        for byte in bytes {
            defer { first = false }
            if first && byte == UInt8(ascii: "-") { negative = true; continue }
            if byte == UInt8(ascii: ".") {
                if seenDot || digitsBefore == 0 { return nil }
                seenDot = true
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            if seenDot { digitsAfter += 1; scale += 1 } else { digitsBefore += 1 }
            if digitsBefore + digitsAfter > 36 || scale > ExactDecimal.maxScale { return nil }
            sig = sig * 10 + Int128(byte - 48)
        }
        if digitsBefore == 0 || (seenDot && digitsAfter == 0) { return nil }
        self.init(significand: negative ? -sig : sig, scale: scale)
    }

    /// `init(plainUTF8:)` for a cell's bytes: up to 19 bytes (so at most 18 digits) are read in
    /// 64-bit arithmetic, longer cells by the general loop (an Int128 step per digit).
    @inline(__always)
    init?(plainBytes b: UnsafeRawBufferPointer) {
        let n = b.count
        guard n <= 19 else { self.init(plainUTF8: b); return }
        guard n > 0 else { return nil }
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let first = i
        var dot = -1
        var value: UInt64 = 0
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                if dot >= 0 || i == first { return nil }
                dot = i
            } else {
                let d = c &- 48
                if d > 9 { return nil }
                value = value &* 10 &+ UInt64(d)
            }
            i += 1
        }
        if i == first || dot == n - 1 { return nil }
        let scale = dot < 0 ? 0 : n - 1 - dot
        if scale > ExactDecimal.maxScale { return nil }
        self.init(significand: negative ? -Int128(value) : Int128(value), scale: scale)
    }

    public var isNegative: Bool { significand < 0 }
    public var isZero: Bool { significand == 0 }

    /// The product, exact. Nil when it would not fit in the significand.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if overflow { return nil }
        return ExactDecimal(significand: product, scale: scale + other.scale).reduced()
    }

    /// The product in cents (half-even), as `multiplied(by:)` then `cents`: nil when it does
    /// not fit. A row's amount times its rate is done in 64-bit arithmetic when both
    /// significands and their product fit (128-bit division is a library call per digit).
    public func centsOfProduct(with other: ExactDecimal) -> Int64? {
        if let a = Int64(exactly: significand), let b = Int64(exactly: other.significand) {
            let (p, overflow) = a.multipliedReportingOverflow(by: b)
            let s = scale + other.scale
            if !overflow && s <= 2 {
                var v = p
                for _ in s..<2 {
                    let (next, over) = v.multipliedReportingOverflow(by: 10)
                    if over { return nil }  // more than Int64 cents, as the slow path finds too
                    v = next
                }
                return v
            }
            if !overflow && s - 2 <= 18 {
                var d: Int64 = 1
                for _ in 0..<(s - 2) { d *= 10 }
                return RoundingHalfEven.divide(p, by: d)
            }
        }
        return multiplied(by: other)?.cents
    }

    /// The sum, exact. Nil on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let s = max(scale, other.scale)
        guard let a = rescaled(to: s), let b = other.rescaled(to: s) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : ExactDecimal(significand: sum, scale: s)
    }

    /// The significand expressed at a larger scale, nil on overflow.
    func rescaled(to newScale: Int) -> Int128? {
        if newScale <= scale { return significand }
        let (r, overflow) = significand.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(newScale - scale))
        return overflow ? nil : r
    }

    /// The same value with trailing fractional zeros dropped.
    public func reduced() -> ExactDecimal {
        var s = significand
        var k = scale
        while k > 0 && s % 10 == 0 { s /= 10; k -= 1 }
        return ExactDecimal(significand: s, scale: k)
    }

    /// The value rounded half-even to `digits` decimals, as an integer count of 10^-digits units;
    /// nil when that count does not fit in 128 bits.
    public func rounded(toDecimals digits: Int) -> Int128? {
        if scale <= digits { return rescaled(to: digits) }
        let divisor = ExactDecimal.powerOfTen(scale - digits)
        return RoundingHalfEven.divide(significand, by: divisor)
    }

    /// The value in cents (two decimals, half-even), as the contract rounds a row's USD value.
    public var cents: Int64? {
        rounded(toDecimals: 2).flatMap { Int64(exactly: $0) }
    }

    /// A plain decimal with trailing zeros dropped (`1200000`, `1234.5`), as the outputs show it.
    public var plainString: String {
        let r = reduced()
        let negative = r.significand < 0
        var digits = String(r.significand.magnitude)
        if r.scale > 0 {
            if digits.count <= r.scale {
                digits = String(repeating: "0", count: r.scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -r.scale))
        }
        return negative ? "-" + digits : digits
    }
}

/// Integer division rounded half to even: the one rounding rule the contract uses.
public enum RoundingHalfEven {
    /// `numerator / denominator` rounded half-even; the denominator must be positive.
    public static func divide<N: FixedWidthInteger & SignedInteger>(_ numerator: N, by denominator: N) -> N {
        precondition(denominator > 0, "rounding by a non-positive denominator is a bug")
        var q = numerator / denominator
        let r = numerator % denominator
        let twice = r.magnitude * 2
        let d = denominator.magnitude
        if twice > d || (twice == d && q % 2 != 0) {
            q += numerator < 0 ? -1 : 1
        }
        return q
    }
}
