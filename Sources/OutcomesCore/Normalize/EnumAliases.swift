/// The status and contract-type words the inputs may use, in Korean, English and Chinese.
public enum EnumAliases {
    static let statuses: [String: LeadStatus] = {
        var table: [String: LeadStatus] = [:]
        let words: [(LeadStatus, [String])] = [
            (.consulted, ["consulted", "consultation", "상담", "상담완료", "咨询", "洽谈", "已洽谈"]),
            (.followUp, ["follow_up", "followup", "후속상담", "후속", "跟进", "后续跟进"]),
            (.negotiating, ["negotiating", "negotiation", "협상중", "협상", "谈判中", "谈判"]),
            (.mou, ["mou", "mou체결", "mou_signed", "签署mou", "备忘录"]),
            (.contracted, ["contracted", "contract", "계약", "계약체결", "签约", "已签约"]),
            (.dropped, ["dropped", "중단", "放弃", "终止"]),
        ]
        for (status, names) in words { for n in names { table[n] = status } }
        return table
    }()

    static let types: [String: ContractType] = {
        var table: [String: ContractType] = [:]
        let words: [(ContractType, [String])] = [
            (.contract, ["contract", "계약", "수출계약", "合同", "签约", "出口合同"]),
            (.mou, ["mou", "업무협약", "양해각서", "备忘录", "谅解备忘录"]),
            (.loi, ["loi", "의향서", "구매의향서", "意向书"]),
        ]
        for (type, names) in words { for n in names { table[n] = type } }
        return table
    }()

    /// The status a trimmed cell names; an empty cell is `consulted`; nil when unknown.
    public static func status(_ cell: String) -> LeadStatus? {
        cell.isEmpty ? .consulted : statuses[TextFold.enumKey(cell)]
    }

    /// The contract type a trimmed cell names; an empty cell is `contract`; nil when unknown.
    public static func type(_ cell: String) -> ContractType? {
        cell.isEmpty ? .contract : types[TextFold.enumKey(cell)]
    }
}
