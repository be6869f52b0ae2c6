/// Resolves a row's currency from the amount's mark, the currency column and the default.
public enum CurrencyResolver {
    static let words: [String: String] = [
        "원": "KRW", "₩": "KRW", "韩元": "KRW", "韓元": "KRW", "\u{5143}": "CNY", "rmb": "CNY", "¥": "¥",
        "人民币": "CNY", "人民幣": "CNY", "위안": "CNY", "위안화": "CNY", "$": "USD", "us$": "USD",
        "달러": "USD", "미국달러": "USD", "美元": "USD", "€": "EUR", "유로": "EUR", "欧元": "EUR",
        "엔": "JPY", "엔화": "JPY", "日元": "JPY",
    ]

    /// The outcome of reading a currency cell.
    public enum Cell: Equatable {
        case none
        case code(String)
        case unknown
    }

    /// Reads a trimmed currency cell: an ISO 4217 code (any case), or a mark or word (`원`, `RMB`, `$`).
    public static func read(_ cell: String) -> Cell {
        if cell.isEmpty { return .none }
        let folded = TextFold.fold(MoneyParser.widthFolded(cell))
        if let code = words[folded] { return .code(code) }
        let upper = folded.uppercased()
        if upper.count == 3 && upper.allSatisfy({ $0.isASCII && $0.isLetter }) {
            return ISO4217.isCode(upper) ? .code(upper) : .unknown
        }
        return .unknown
    }

    /// Combines the mark and the column: both present must agree (`¥` with a JPY column is JPY);
    /// one present wins; neither gives the default. Nil means `currency_conflict`.
    public static func combine(mark: String?, column: String?, default fallback: String) -> String? {
        switch (mark, column) {
        case (nil, nil): return fallback
        case (let m?, nil): return m == "¥" ? "CNY" : m
        case (nil, let c?): return c == "¥" ? "CNY" : c
        case (let m?, let c?):
            if m == c { return m == "¥" ? "CNY" : m }
            if m == "¥" && (c == "JPY" || c == "CNY") { return c }
            if c == "¥" && m == "CNY" { return "CNY" }
            return nil
        }
    }
}
