/// Parses date cells in the contract's forms: `2026-06-03`, `2026/6/3`, `2026.06.03`,
/// `2026. 6. 3.`, `20260603`, `2026년 6월 3일`, `2026年6月3日`, with an optional time after.
public enum DateParser {
    /// The day a cell names, or nil for anything else or an impossible date.
    /// - Parameter excelSerial: accept Excel serial day numbers (`46175`) too.
    public static func parse(_ raw: String, excelSerial: Bool = false) -> Day? {
        if let day = isoFastPath(raw) { return day }
        let s = Array(MoneyParser.widthFolded(raw).unicodeScalars)
        var i = 0
        func digits(max: Int) -> Int? {
            var n = 0
            var count = 0
            while i < s.count, count < max, s[i].value >= 48, s[i].value <= 57 {
                n = n * 10 + Int(s[i].value - 48)
                i += 1
                count += 1
            }
            return count == 0 ? nil : n
        }
        func skipSpaces() { while i < s.count && s[i] == " " { i += 1 } }
        func digitRun() -> Int {
            var j = i
            while j < s.count && s[j].value >= 48 && s[j].value <= 57 { j += 1 }
            return j - i
        }
        let run = digitRun()
        if run == 8 {
            let y = digits(max: 4)!, m = digits(max: 2)!, d = digits(max: 2)!
            return finish(y, m, d, s, i)
        }
        // A serial with a fraction (`46175.5`) is that day at a time of day: the time is ignored,
        // as after any other date.
        let fractionOnly = run < s.count && s[run] == "." && run + 1 < s.count
            && s[(run + 1)...].allSatisfy { $0.value >= 48 && $0.value <= 57 }
        if excelSerial && run >= 1 && run <= 6 && (run == s.count || fractionOnly) {
            let serial = digits(max: 6)!
            // Excel's day 60 is the fictitious 1900-02-29; serials after it count from 1899-12-30.
            guard serial > 60 else { return nil }
            return Day(ordinal: Day(year: 1899, month: 12, day: 30)!.ordinal + serial)
        }
        guard run == 4, let year = digits(max: 4), i < s.count else { return nil }
        let first = s[i]
        let second: Unicode.Scalar
        switch first {
        case "-", "/", ".": second = first
        case "년": second = "월"
        case "年": second = "月"
        default: return nil
        }
        i += 1
        skipSpaces()
        guard digitRun() <= 2, let month = digits(max: 2) else { return nil }
        skipSpaces()
        guard i < s.count, s[i] == second else { return nil }
        i += 1
        skipSpaces()
        guard digitRun() <= 2, let day = digits(max: 2) else { return nil }
        if i < s.count {
            switch (first, s[i]) {
            case (".", "."), ("년", "일"), ("年", "日"): i += 1
            default: break
            }
        }
        return finish(year, month, day, s, i)
    }

    /// `YYYY-MM-DD` exactly, read straight from the UTF-8 bytes (the common case).
    static func isoFastPath(_ raw: String) -> Day? {
        var raw = raw
        return raw.withUTF8 { b -> Day? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            var v = [0, 0, 0]
            for (k, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
                for i in range {
                    let d = Int(b[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    v[k] = v[k] * 10 + d
                }
            }
            return Day(year: v[0], month: v[1], day: v[2])
        }
    }

    /// Accepts the day when what follows is nothing or a time of day (`10:00`, `0:00:00`).
    static func finish(_ y: Int, _ m: Int, _ d: Int, _ s: [Unicode.Scalar], _ at: Int) -> Day? {
        var i = at
        if i < s.count {
            guard s[i] == " " || s[i] == "T" else { return nil }
            while i < s.count && (s[i] == " " || s[i] == "T") { i += 1 }
            let rest = String(String.UnicodeScalarView(s[i...]))
            guard isTime(rest) else { return nil }
        }
        return Day(year: y, month: m, day: d)
    }

    /// A time of day as spreadsheets and systems write it after a date: `10:00`, `0:00:00`,
    /// `3:00:00 PM`, `오후 3:00:00` (Korean Excel puts the half of the day first; also 오전,
    /// 上午, 下午, AM, PM), with fractions of a second and a zone (`Z`, `+09:00`) allowed.
    static func isTime(_ t: String) -> Bool {
        var body = Substring(t)
        for prefix in ["오전", "오후", "上午", "下午", "AM", "PM", "am", "pm"] where body.hasPrefix(prefix) {
            body = body.dropFirst(prefix.count).drop { $0 == " " }
            break
        }
        for suffix in [" AM", " PM", " am", " pm", "AM", "PM"] where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count)
            break
        }
        if body.hasSuffix("Z") {
            body = body.dropLast()
        } else if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            // A zone: ±HH:MM or ±HHMM.
            let zone = body[body.index(after: sign)...].filter { $0 != ":" }
            guard zone.count == 4, zone.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            body = body[..<sign]
        }
        if let dot = body.firstIndex(of: ".") { body = body[..<dot] }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return false }
        for (k, p) in parts.enumerated() {
            guard (k == 0 ? (1...2) : (2...2)).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        return true
    }
}
