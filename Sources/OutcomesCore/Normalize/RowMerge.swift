/// Merges normalized chunks in input order: claims ids, tells repeated rows from reused ids,
/// and keeps the per-file counts (section 1.6 and section 4, "Duplicates and ids").
public struct RowMerge {
    public private(set) var leads: [Lead] = []
    public private(set) var contracts: [Contract] = []
    public private(set) var issues: [RowIssue] = []
    /// Counts per input file, indexed like the runner's file list.
    public private(set) var counts: [FileCounts]
    var leadClaims: [String: RowDigest] = [:]
    var contractClaims: [String: RowDigest] = [:]

    public init(fileCount: Int) {
        counts = Array(repeating: FileCounts(), count: fileCount)
    }

    /// Adds one chunk of file `file` (whose path is `path`); chunks must come in input order.
    public mutating func absorb(_ chunk: NormalizedChunk, file: Int, path: String) {
        counts[file].blank += chunk.blank
        for outcome in chunk.outcomes {
            counts[file].read += 1
            switch outcome {
            case .rejected(let rowIssues):
                counts[file].rejected += 1
                issues += rowIssues
            case .lead(let lead, let digest):
                if let claimed = leadClaims[lead.id] {
                    duplicate(claimed == digest, id: lead.id, column: "consultation_id", file: file, path: path, line: lead.source.line)
                } else {
                    leadClaims[lead.id] = digest
                    leads.append(lead)
                    counts[file].accepted += 1
                    if lead.amount == nil { counts[file].amountMissing += 1 }
                }
            case .contract(let contract, let digest):
                if let claimed = contractClaims[contract.id] {
                    duplicate(claimed == digest, id: contract.id, column: "contract_id", file: file, path: path, line: contract.source.line)
                } else {
                    contractClaims[contract.id] = digest
                    contracts.append(contract)
                    counts[file].accepted += 1
                }
            }
        }
    }

    mutating func duplicate(_ identical: Bool, id: String, column: String, file: Int, path: String, line: Int) {
        if identical {
            counts[file].duplicate += 1
        } else {
            counts[file].rejected += 1
            issues.append(RowIssue(location: SourceLocation(file: path, line: line, column: column), value: id,
                                   reason: .duplicateID,
                                   message: "\(column) \(id) was already used by an earlier row with other content; the first is kept"))
        }
    }
}
