/// changes.csv: what changed between two published runs — each summary metric, each sector's
/// consultation and export value, new leads, leads newly converted and contracts added.
public enum Changes {
    public static let header = ["change", "key", "old_value", "new_value", "difference"]

    /// The changes from `old` (nil: no earlier run) to `new`, as CSV bytes.
    public static func csv(old: RunTables?, new: RunTables, excel: Bool = false) -> [UInt8] {
        var w = CSVWriter(excel: excel, header: header)
        for row in rows(old: old, new: new) { w.row(row) }
        return w.bytes
    }

    /// The change rows, in a fixed order: metrics, sector values, new leads, newly converted, contracts added.
    public static func rows(old: RunTables?, new: RunTables) -> [[String]] {
        var out: [[String]] = []
        let oldSummary = keyed(old?.summary ?? [], key: "metric")
        for row in new.summary.dropFirst() where row.count >= 2 {
            let before = oldSummary[row[0]]?.1[1] ?? ""
            out.append(["metric", row[0], before, row[1], difference(before, row[1])])
        }
        for column in ["consultation_value_usd", "export_value_usd"] {
            let oldSectors = keyed(old?.sectors ?? [], key: "sector_code")
            let newSectors = keyed(new.sectors, key: "sector_code")
            var codes = newSectors.keys.sorted { newSectors[$0]!.0 < newSectors[$1]!.0 }
            codes += oldSectors.keys.filter { newSectors[$0] == nil }.sorted()
            let newIndex = new.sectors.first?.firstIndex(of: column)
            let oldIndex = old?.sectors.first?.firstIndex(of: column)
            // A sector one of two runs lacks had no activity there: 0.00 (sectors.csv lists only
            // sectors with a lead or a contract). With no earlier run, its values stay empty.
            let absent = old == nil ? "" : "0.00"
            for code in codes {
                let before = oldIndex.flatMap { i in oldSectors[code].map { $0.1[i] } ?? absent } ?? ""
                let after = newIndex.flatMap { i in newSectors[code].map { $0.1[i] } ?? absent } ?? ""
                out.append(["sector_" + column, code, before, after, difference(before, after)])
            }
        }
        guard let old else { return out }
        if case .matched(let matched) = old.ids {
            // Matched against this run as the earlier run was read.
            for r in 0..<new.leadCount where matched.converted(r) == nil {
                out.append(["new_lead", new.leadID(r), "", "", ""])
            }
            for r in 0..<new.leadCount where new.converted(r) == "true" {
                let before = matched.converted(r) ?? ""
                if before != "true" { out.append(["newly_converted", new.leadID(r), before, "true", ""]) }
            }
            for c in 0..<new.contractCount where !matched.contracts[c] {
                out.append(["contract_added", new.contractID(c), "", "", ""])
            }
            return out
        }
        // Old lead ids by their bytes; the first row of an id wins, as a keyed lookup would.
        let index = old.indexedIDs()
        for r in 0..<new.leadCount where new.withLeadID(r, { index.leadRow($0) == nil }) {
            out.append(["new_lead", new.leadID(r), "", "", ""])
        }
        for r in 0..<new.leadCount where new.converted(r) == "true" {
            let before = new.withLeadID(r) { index.leadRow($0) }.map { $0 < index.converted.count ? index.converted[$0] : "" } ?? ""
            if before != "true" { out.append(["newly_converted", new.leadID(r), before, "true", ""]) }
        }
        for c in 0..<new.contractCount where new.withContractID(c, { !index.hasContract($0) }) {
            out.append(["contract_added", new.contractID(c), "", "", ""])
        }
        return out
    }

    /// Rows by the value of `key`, with their position.
    static func keyed(_ table: [[String]], key: String) -> [String: (Int, [String])] {
        guard let header = table.first, let k = header.firstIndex(of: key) else { return [:] }
        var result: [String: (Int, [String])] = [:]
        for (i, row) in table.dropFirst().enumerated() where row.count == header.count && result[row[k]] == nil {
            result[row[k]] = (i, row)
        }
        return result
    }

    /// new − old for two plain decimals, exactly, at the larger scale; empty unless both are numbers.
    static func difference(_ old: String, _ new: String) -> String {
        guard let a = ExactDecimal(plain: Substring(old)), let b = ExactDecimal(plain: Substring(new)) else { return "" }
        let scale = max(a.scale, b.scale)
        guard let x = a.rescaled(to: scale), let y = b.rescaled(to: scale) else { return "" }
        let d = y - x
        return scale == 0 ? String(d) : NumberFormat.fixed(d, decimals: scale)
    }
}
