/// A calendar date without a time zone, stored as days since 1970-01-01.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01, stored in 32 bits (years 1…9999 need about 22).
    let raw: Int32

    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int { Int(raw) }

    public init(ordinal: Int) { raw = Int32(clamping: ordinal) }

    /// The day for a proleptic Gregorian year, month and day; nil for an impossible date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysInMonth(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        raw = Int32(era * 146_097 + doe - 719_468)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Year, month and day: looked up for 1900–2099 (leads.csv writes two dates a row and the
    /// monthly breakdown reads one), computed otherwise.
    public var components: (year: Int, month: Int, day: Int) {
        let k = ordinal - Day.tableFirst
        if k >= 0 && k < Day.table.count {
            let packed = Day.table[k]
            return (Int(packed >> 16), Int(packed >> 8 & 0xFF), Int(packed & 0xFF))
        }
        return computedComponents
    }

    /// The first day of the components table (1900-01-01) and the table: year << 16 | month << 8 | day.
    static let tableFirst = -25_567
    static let table: [UInt32] = (0..<73_049).map { k in
        let c = Day(ordinal: tableFirst + k).computedComponents
        return UInt32(c.year) << 16 | UInt32(c.month) << 8 | UInt32(c.day)
    }

    /// Year, month and day (civil_from_days).
    var computedComponents: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    /// `YYYY-MM`, the key of monthly.csv.
    public var monthKey: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    public func days(to later: Day) -> Int { later.ordinal - ordinal }
}
