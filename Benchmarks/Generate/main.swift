// Seeded generator of benchmark datasets for `make bench`: N leads with contracts, fx rates and a
// 40-sector taxonomy, in clean (canonical) or messy (Korean headers, CP949, money words, mixed
// dates, name variants, 0.5% bad rows) form. Usage: bench-generate N OUTDIR [clean|messy] [seed]
import Foundation

/// SplitMix64: small, fast and the same on every machine.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

let args = CommandLine.arguments
guard args.count >= 3, let n = Int(args[1]) else {
    FileHandle.standardError.write(Data("usage: bench-generate N OUTDIR [clean|messy] [seed]\n".utf8))
    exit(2)
}
let outDir = args[2]
let messy = args.count > 3 && args[3] == "messy"
var rng = SplitMix64(state: args.count > 4 ? UInt64(args[4]) ?? 42 : 42)
try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)

/// An output file written through a large buffer; CP949 output goes through iconv.
final class Out {
    let handle: FileHandle
    var buffer: [UInt8] = []
    let cp949: Bool
    init(_ path: String, cp949: Bool = false) {
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)!
        self.cp949 = cp949
        buffer.reserveCapacity(1 << 22)
    }
    func line(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(cp949 ? 0x0D : 0x0A)
        if cp949 { buffer.append(0x0A) }
        if buffer.count > 1 << 22 { flush() }
    }
    func flush() {
        if cp949 { handle.write(Self.toCP949(buffer)) } else { handle.write(Data(buffer)) }
        buffer.removeAll(keepingCapacity: true)
    }
    func close() { flush(); try? handle.close() }
    static func toCP949(_ utf8: [UInt8]) -> Data {
        let cd = iconv_open("CP949", "UTF-8")!
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: utf8.count + 16)
        var input = utf8
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                precondition(r != -1 && inLeft == 0, "a generated character has no CP949 form")
                produced = outBuf.count - outLeft
            }
        }
        return Data(output[0..<produced])
    }
}

// Taxonomy: 8 groups × 5 sectors.
let groupNames = [("HYD", "Hydrogen", "수소"), ("BAT", "Battery recycling", "배터리 재활용"), ("SOL", "Solar recycling", "태양광 재활용"),
                  ("WAT", "Water", "수처리"), ("AIR", "Air quality", "대기질"), ("MON", "Monitoring", "환경 모니터링"),
                  ("WST", "Waste", "폐기물"), ("ENE", "Energy efficiency", "에너지 효율")]
var sectorCodes: [String] = []
var sectorNamesKo: [String] = []
let sectors = Out(outDir + "/sectors.csv")
sectors.line("code,name_en,name_ko,parent,keywords")
for (g, en, ko) in groupNames {
    sectors.line("\(g),\(en),\(ko),,")
    for k in 1...5 {
        let code = "\(g)-\(k)"
        sectorCodes.append(code)
        sectorNamesKo.append("\(ko) \(k)분야")
        sectors.line("\(code),\(en) \(k),\(ko) \(k)분야,\(g),\(en.lowercased()) line \(k)|\(ko)\(k)")
    }
}
sectors.close()

// FX: a rate per currency per day, 2015-01-01 … 2026-12-31.
let fx = Out(outDir + "/fx_rates.csv")
fx.line("date,currency,usd_per_unit")
var krw = 85_000  // × 1e-8
var cny = 14_500_000  // × 1e-8
let startDay = Date(timeIntervalSince1970: 1_420_070_400)  // 2015-01-01
let days = 4383
let iso: DateFormatter = {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    return f
}()
var dayText: [String] = []
for d in 0..<days { dayText.append(iso.string(from: startDay.addingTimeInterval(Double(d) * 86_400))) }
func rate(_ v: Int) -> String { String(format: "0.%08d", v) }
for d in 0..<days {
    krw = max(70_000, min(95_000, krw + rng.below(201) - 100))
    cny = max(13_000_000, min(16_000_000, cny + rng.below(20_001) - 10_000))
    fx.line("\(dayText[d]),KRW,\(rate(krw))")
    fx.line("\(dayText[d]),CNY,\(rate(cny))")
}
fx.close()

let companies = (0..<2000).map { "그린테크\($0)" }
let companyForms = ["(주)%@", "%@ 주식회사", "㈜%@", "%@"]
let buyers = (0..<20000).map { "Buyer \($0) Environmental Technology" }
let countries = ["CN", "CN", "CN", "VN", "MN", "KZ", "US", "JP"]
let countriesKo = ["중국", "중국", "중국", "베트남", "몽골", "카자흐스탄", "미국", "일본"]
let statuses = ["consulted", "follow_up", "negotiating", "mou", "contracted", "dropped", ""]
let statusesKo = ["상담", "후속상담", "협상중", "MOU체결", "계약", "중단", ""]
let events = (0..<10).map { "Programme \($0)" }
// Leads from 2019-01-01 (day 1461) to 2026-10-01.
let leadDayRange = 1461..<(days - 91)

func csvField(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }

/// Amount written as Korean money words when it is a whole number of 만 (messy form).
func wonWords(_ v: Int) -> String {
    let eok = v / 100_000_000
    let man = (v % 100_000_000) / 10_000
    guard v % 10_000 == 0 else { return String(v) }
    switch (eok, man) {
    case (0, _): return "\(man)만원"
    case (_, 0): return "￦\(eok)억"  // the full-width won sign: CP949 has no ₩
    default: return "\(eok)억 \(man)만원"
    }
}

func dateText(_ d: Int, messy: Bool, _ r: inout SplitMix64) -> String {
    let t = dayText[d]
    guard messy else { return t }
    let y = t.prefix(4), m = Int(t.dropFirst(5).prefix(2))!, dd = Int(t.suffix(2))!
    switch r.below(4) {
    case 0: return t
    case 1: return "\(y). \(m). \(dd)."
    case 2: return "\(y)년 \(m)월 \(dd)일"
    default: return "\(y)/\(m)/\(dd)"
    }
}

let leadsOut = Out(outDir + "/consultations.csv", cp949: messy)
let contractsOut = Out(outDir + "/contracts.csv", cp949: false)
if messy {
    leadsOut.line("상담번호,상담일자,행사명,도시,참가기업,바이어명,국가,산업분야,상담금액,통화,상태")
    contractsOut.line("계약번호,상담번호,계약일,참가기업,바이어명,유형,계약금액,통화,분야")
} else {
    leadsOut.line("consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status")
    contractsOut.line("contract_id,consultation_id,date,company,buyer,type,amount,currency,sector")
}
var contractNo = 0
for i in 0..<n {
    let id = "L\(i + 1)"
    let d = leadDayRange.lowerBound + rng.below(leadDayRange.count)
    let c = rng.below(companies.count)
    let b = rng.below(buyers.count)
    let s = rng.below(sectorCodes.count)
    let cur = rng.below(10)
    let currency = cur < 7 ? "KRW" : (cur < 9 ? "CNY" : "USD")
    let amount: String
    var amountValue = 0
    switch currency {
    case "KRW": amountValue = (rng.below(5000) + 1) * 1_000_000; amount = messy ? wonWords(amountValue) : String(amountValue)
    case "CNY": amountValue = (rng.below(500) + 1) * 10_000; amount = messy ? "\(amountValue / 10_000)萬元" : String(amountValue)  // 万 is not in CP949
    default: amountValue = (rng.below(2000) + 1) * 500; amount = String(amountValue)
    }
    let country = rng.below(countries.count)
    let status = rng.below(statuses.count)
    let company = messy ? String(format: companyForms[rng.below(4)], companies[c]) : companies[c]
    var sectorText = sectorCodes[s]
    if messy && rng.chance(0.5) { sectorText = sectorNamesKo[s] }
    var fields = [id, dateText(d, messy: messy, &rng), events[rng.below(events.count)], "Beijing", company, buyers[b],
                  messy ? countriesKo[country] : countries[country], sectorText, amount,
                  messy && currency != "USD" ? "" : currency, messy ? statusesKo[status] : statuses[status]]
    if messy && rng.chance(0.005) {
        switch rng.below(3) {
        case 0: fields[1] = "2026-02-30"
        case 1: fields[8] = "12x"
        default: fields[10] = "pending"
        }
    }
    if messy && currency == "CNY" { fields[9] = "" }
    leadsOut.line(fields.map(csvField).joined(separator: ","))
    // ~15% convert with a contract, ~5% MOU, ~1% LOI; half linked by id, half by company+buyer.
    let roll = rng.below(100)
    if roll < 21 {
        contractNo += 1
        let type = roll < 15 ? "contract" : (roll < 20 ? "mou" : "loi")
        let cd = min(days - 1, d + rng.below(300))
        let link = rng.chance(0.5) ? id : ""
        let value = amountValue / (rng.below(4) + 1)
        let typeText = messy ? ["contract": "계약", "mou": "MOU", "loi": "LOI"][type]! : type
        contractsOut.line(["K\(contractNo)", link, dateText(cd, messy: messy, &rng), company, buyers[b], typeText,
                           String(value), currency, ""].map(csvField).joined(separator: ","))
    }
}
leadsOut.close()
contractsOut.close()
let pipeline = """
    name: bench-\(messy ? "messy" : "clean")-\(n)
    inputs:
      consultations: [consultations.csv]
      contracts: [contracts.csv]
      fx_rates: fx_rates.csv
      sectors: sectors.csv
    defaults: {currency: KRW, event: "Programme 0", attribution_window_days: 365}
    output: out
    formats: [csv]

    """
try pipeline.write(toFile: outDir + "/pipeline.yaml", atomically: true, encoding: .utf8)
print("wrote \(n) leads and \(contractNo) contracts to \(outDir)")
