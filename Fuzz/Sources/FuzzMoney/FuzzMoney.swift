// libFuzzer target for `MoneyParser.parse`. The input bytes are read as UTF-8 (invalid bytes
// become U+FFFD) and passed raw and trimmed.
//
// Traps (fatalError) when:
//  - a cell of only ASCII digits, `,` and `.` is accepted or refused differently from an
//    independent reading of the contract's rule (digits, optional thousands groups of three,
//    optional `.fraction`; at most 36 digits and 18 decimals), or parses to another value;
//  - an accepted amount, written back as a plain decimal, does not parse to the same amount.
import OutcomesCore

/// The contract's plain-number rule, written separately from MoneyParser: nil when refused.
func reference(_ s: String) -> ExactDecimal? {
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return nil }
    let integer = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    if parts.count == 2 && fraction.isEmpty { return nil }
    guard fraction.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
    let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
    guard let head = groups.first, (1...(groups.count == 1 ? Int.max : 3)).contains(head.count) else { return nil }
    guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    let digits = groups.joined() + fraction
    guard digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), digits.count <= 36, fraction.count <= 18 else { return nil }
    var value: Int128 = 0
    for c in digits.utf8 { value = value * 10 + Int128(c - 48) }
    return ExactDecimal(significand: value, scale: fraction.count)
}

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

func verify(_ cell: String) {
    let result = MoneyParser.parse(cell)
    if !cell.isEmpty, cell.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }) {
        let expected = reference(cell)
        switch result {
        case .success(let p):
            check(p.mark == nil, "'\(cell)' got a mark \(p.mark!)")
            check(expected != nil, "'\(cell)' accepted as \(p.amount.plainString), the rule refuses it")
            check(p.amount.reduced() == expected!.reduced(), "'\(cell)' parsed as \(p.amount.plainString), expected \(expected!.plainString)")
        case .failure:
            check(expected == nil, "'\(cell)' refused, the rule reads \(expected!.plainString)")
        }
    }
    if case .success(let p) = result {
        let plain = p.amount.plainString
        let digitCount = plain.utf8.filter { $0 >= 48 && $0 <= 57 }.count
        // Amounts scaled by units (1e36 × 억) can outgrow what a plain cell may hold; skip those.
        if digitCount <= 36 && p.amount.reduced().scale <= ExactDecimal.maxScale {
            guard case .success(let again) = MoneyParser.parse(plain) else {
                fatalError("'\(cell)' parsed as \(plain), which is refused")
            }
            check(again.amount.reduced() == p.amount.reduced(), "'\(cell)' → \(plain) → \(again.amount.plainString)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let cell = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    verify(cell)
    let trimmed = TextFold.trim(cell)
    if trimmed != cell { verify(trimmed) }
    return 0
}
