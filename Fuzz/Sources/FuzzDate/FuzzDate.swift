// libFuzzer target for `DateParser.parse`. The input bytes are read as UTF-8 (invalid bytes
// become U+FFFD) and parsed with and without Excel serials.
//
// Traps (fatalError) when:
//  - a parsed day is not a real date (its components do not rebuild the same day);
//  - a parsed day's ISO form `YYYY-MM-DD` does not parse back to it;
//  - accepting Excel serials changes the reading of a cell that parses without them.
import OutcomesCore

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let cell = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let plain = DateParser.parse(cell)
    let excel = DateParser.parse(cell, excelSerial: true)
    for day in [plain, excel].compactMap({ $0 }) {
        let c = day.components
        check(Day(year: c.year, month: c.month, day: c.day) == day, "'\(cell)' gave an impossible day \(c)")
        check(DateParser.parse(day.description) == day, "'\(cell)' gave \(day), which does not parse back")
    }
    if let plain {
        check(excel == plain, "'\(cell)' is \(plain) but \(excel.map { "\($0)" } ?? "nil") with Excel serials")
    }
    return 0
}
