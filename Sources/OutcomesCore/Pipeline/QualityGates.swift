/// Thresholds that stop a run from publishing: too many rejects, too few leads, too much unclassified.
public struct QualityGates: Sendable, Equatable {
    /// Largest allowed rows_rejected / rows_read.
    public var maxRejectedShare: ExactDecimal?
    /// Fewest leads a publishable run has.
    public var minLeads: Int?
    /// Largest allowed share of leads whose sector is unclassified.
    public var maxUnclassifiedShare: ExactDecimal?

    public init() {}

    /// One gate's verdict for the gate report.
    public struct Check: Sendable, Equatable {
        public var gate: String
        public var limit: String
        public var actual: String
        public var passed: Bool
    }

    /// Checks every configured gate; the run publishes only when all pass.
    public func check(rowsRead: Int, rowsRejected: Int, leads: Int, unclassifiedLeads: Int) -> [Check] {
        var checks: [Check] = []
        if let max = maxRejectedShare {
            checks.append(Check(gate: "max_rejected_share", limit: max.plainString,
                                actual: NumberFormat.fraction(Int64(rowsRejected), Int64(rowsRead)),
                                passed: Self.atMost(rowsRejected, rowsRead, max)))
        }
        if let min = minLeads {
            checks.append(Check(gate: "min_leads", limit: String(min), actual: String(leads), passed: leads >= min))
        }
        if let max = maxUnclassifiedShare {
            checks.append(Check(gate: "max_unclassified_share", limit: max.plainString,
                                actual: NumberFormat.fraction(Int64(unclassifiedLeads), Int64(leads)),
                                passed: Self.atMost(unclassifiedLeads, leads, max)))
        }
        return checks
    }

    /// part / whole ≤ limit, exactly (an empty whole passes).
    static func atMost(_ part: Int, _ whole: Int, _ limit: ExactDecimal) -> Bool {
        guard whole > 0 else { return true }
        // part / whole ≤ sig / 10^scale  ⇔  part · 10^scale ≤ sig · whole
        return Int128(part) * ExactDecimal.powerOfTen(limit.scale) <= limit.significand * Int128(whole)
    }
}
