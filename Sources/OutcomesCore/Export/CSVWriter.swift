/// Builds CSV text as the contract's outputs want it: UTF-8, LF, quoted only where needed.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        row(header)
    }

    /// Appends one row; a field with a comma, quote, CR or LF is quoted with doubled quotes.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                bytes.append(0x22)
                for b in utf8 {
                    if b == 0x22 { bytes.append(0x22) }
                    bytes.append(b)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(0x0A)
    }
}
