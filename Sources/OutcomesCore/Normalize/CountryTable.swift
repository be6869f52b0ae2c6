/// Maps country codes and names (ISO 3166 alpha-2, alpha-3, English, Korean, Chinese) to alpha-2.
enum CountryTable {
    /// Returns the ISO 3166-1 alpha-2 code (uppercase) for `text`, or nil.
    ///
    /// `text` must already be NFKC-normalized, case-folded (lowercased) and
    /// trimmed by the caller. Korean and Chinese names are also matched with
    /// their inner spaces removed ("남아프리카 공화국" == "남아프리카공화국").
    static func alpha2(forNormalized text: String) -> String? {
        if let code = index[text] { return code }
        if text.contains(" "), text.unicodeScalars.contains(where: { !$0.isASCII }) {
            return index[compacted(text)]
        }
        return nil
    }

    /// Lowercase alias -> uppercase alpha-2. Built once from `rows`.
    static let index: [String: String] = makeIndex(rows)

    /// Builds the lookup index. Besides each alias (lowercased) it adds a few
    /// mechanical variants: " and " -> " & ", "saint " -> "st. " / "st ",
    /// "'" -> "’" or dropped, and non-ASCII names without spaces.
    /// The first row that claims a key wins; an explicit clash is a table bug.
    static func makeIndex(_ rows: [String]) -> [String: String] {
        var index: [String: String] = [:]
        for row in rows {
            let fields = row.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
            guard let first = fields.first else { continue }
            let code = first.uppercased()
            for field in fields {
                let key = field.lowercased()
                if let existing = index[key] {
                    assert(existing == code, "CountryTable: '\(key)' maps to both \(existing) and \(code)")
                    continue
                }
                index[key] = code
            }
            for field in fields {
                for variant in variants(of: field.lowercased()) where index[variant] == nil {
                    index[variant] = code
                }
            }
        }
        return index
    }

    private static func variants(of key: String) -> [String] {
        var out = [key]
        if key.contains(" and ") {
            out += out.map { $0.countryTableReplacing(" and ", with: " & ") }
        }
        if key.hasPrefix("saint ") {
            out += out.flatMap { name -> [String] in
                let rest = name.dropFirst("saint ".count)
                return ["st. " + rest, "st " + rest]
            }
        }
        if key.contains("'") {
            out += out.flatMap { [$0.countryTableReplacing("'", with: "\u{2019}"), $0.countryTableReplacing("'", with: "")] }
        }
        if key.contains(" "), key.unicodeScalars.contains(where: { !$0.isASCII }) {
            out.append(compacted(key))
        }
        return Array(out.dropFirst())
    }

    private static func compacted(_ s: String) -> String {
        String(s.filter { $0 != " " })
    }

    /// One row per ISO 3166-1 entry: alpha-2 | alpha-3 | English short name |
    /// aliases (English variants, Korean, Chinese simplified / traditional / Taiwan usage).
    static let rows: [String] = [
        "AD|AND|andorra|principality of andorra|안도라|安道尔|安道爾",
        "AE|ARE|united arab emirates|uae|u.a.e.|emirates|the united arab emirates|아랍에미리트|아랍 에미리트|아랍에미리트 연합|아랍에미리트 연합국|阿联酋|阿聯酋|阿拉伯联合酋长国|阿拉伯聯合酋長國|阿拉伯聯合大公國",
        "AF|AFG|afghanistan|islamic republic of afghanistan|아프가니스탄|阿富汗",
        "AG|ATG|antigua and barbuda|antigua|앤티가 바부다|安提瓜和巴布达|安提瓜和巴布達|安地卡及巴布達",
        "AI|AIA|anguilla|앵귈라|安圭拉",
        "AL|ALB|albania|republic of albania|알바니아|阿尔巴尼亚|阿爾巴尼亞",
        "AM|ARM|armenia|republic of armenia|아르메니아|亚美尼亚|亞美尼亞",
        "AO|AGO|angola|republic of angola|앙골라|安哥拉",
        "AQ|ATA|antarctica|남극|남극 대륙|南极洲|南極洲|南极|南極",
        "AR|ARG|argentina|argentine republic|아르헨티나|阿根廷",
        "AS|ASM|american samoa|아메리칸사모아|미국령 사모아|美属萨摩亚|美屬薩摩亞",
        "AT|AUT|austria|republic of austria|오스트리아|奥地利|奧地利",
        "AU|AUS|australia|commonwealth of australia|오스트레일리아|호주|澳大利亚|澳大利亞|澳洲",
        "AW|ABW|aruba|아루바|阿鲁巴|阿魯巴|阿路巴",
        "AX|ALA|åland islands|aland islands|åland|aland|올란드 제도|奥兰群岛|奧蘭群島",
        "AZ|AZE|azerbaijan|republic of azerbaijan|아제르바이잔|阿塞拜疆|亞塞拜然",
        "BA|BIH|bosnia and herzegovina|bosnia-herzegovina|bosnia|보스니아 헤르체고비나|보스니아|波斯尼亚和黑塞哥维那|波斯尼亞和黑塞哥維那|波士尼亞與赫塞哥維納|波士尼亞及赫塞哥維納|波黑",
        "BB|BRB|barbados|바베이도스|巴巴多斯|巴貝多",
        "BD|BGD|bangladesh|people's republic of bangladesh|방글라데시|孟加拉国|孟加拉國|孟加拉",
        "BE|BEL|belgium|kingdom of belgium|벨기에|比利时|比利時",
        "BF|BFA|burkina faso|burkina|부르키나파소|布基纳法索|布基納法索|布吉納法索",
        "BG|BGR|bulgaria|republic of bulgaria|불가리아|保加利亚|保加利亞",
        "BH|BHR|bahrain|kingdom of bahrain|바레인|巴林",
        "BI|BDI|burundi|republic of burundi|부룬디|布隆迪|蒲隆地",
        "BJ|BEN|benin|republic of benin|베냉|贝宁|貝寧|貝南",
        "BL|BLM|saint barthélemy|saint barthelemy|st. barths|생바르텔레미|圣巴泰勒米|聖巴泰勒米|圣巴泰勒米岛|聖巴瑟米",
        "BM|BMU|bermuda|버뮤다|百慕大|百慕達",
        "BN|BRN|brunei darussalam|brunei|브루나이|브루나이 다루살람|文莱|文萊|汶萊|汶莱",
        "BO|BOL|bolivia (plurinational state of)|bolivia|plurinational state of bolivia|bolivia, plurinational state of|볼리비아|玻利维亚|玻利維亞|볼리비아 다국가 연합국|玻利维亚多民族国|玻利維亞多民族國",
        "BQ|BES|bonaire, sint eustatius and saba|bonaire|caribbean netherlands|bonaire, saint eustatius and saba|카리브 네덜란드|보네르|荷兰加勒比区|荷蘭加勒比區|博奈尔|博奈爾",
        "BR|BRA|brazil|federative republic of brazil|brasil|브라질|巴西",
        "BS|BHS|bahamas|the bahamas|commonwealth of the bahamas|바하마|巴哈马|巴哈馬",
        "BT|BTN|bhutan|kingdom of bhutan|부탄|不丹",
        "BV|BVT|bouvet island|부베섬|부베 섬|布韦岛|布韋島|布维岛|布威島",
        "BW|BWA|botswana|republic of botswana|보츠와나|博茨瓦纳|博茨瓦納|波札那",
        "BY|BLR|belarus|republic of belarus|byelorussia|벨라루스|벨로루시|白俄罗斯|白俄羅斯",
        "BZ|BLZ|belize|벨리즈|伯利兹|伯利茲|貝里斯",
        "CA|CAN|canada|캐나다|加拿大",
        "CC|CCK|cocos (keeling) islands|cocos islands|keeling islands|코코스 제도|코코스 킬링 제도|科科斯(基林)群岛|科科斯(基林)群島|科科斯群岛|科科斯群島",
        "CD|COD|congo, democratic republic of the|democratic republic of the congo|democratic republic of congo|congo (the democratic republic of the)|congo, the democratic republic of the|dr congo|dr. congo|drc|congo-kinshasa|congo (kinshasa)|zaire|콩고 민주 공화국|민주콩고|刚果民主共和国|剛果民主共和國|刚果(金)|剛果(金)|民主刚果|民主剛果",
        "CF|CAF|central african republic|the central african republic|중앙아프리카 공화국|중앙아프리카|中非共和国|中非共和國|中非",
        "CG|COG|congo|republic of the congo|republic of congo|the congo|congo-brazzaville|congo (brazzaville)|콩고|콩고 공화국|刚果|剛果|刚果共和国|剛果共和國|刚果(布)|剛果(布)",
        "CH|CHE|switzerland|swiss confederation|스위스|瑞士",
        "CI|CIV|côte d'ivoire|cote d'ivoire|ivory coast|republic of côte d'ivoire|코트디부아르|아이보리코스트|科特迪瓦|象牙海岸",
        "CK|COK|cook islands|the cook islands|쿡 제도|库克群岛|庫克群島",
        "CL|CHL|chile|republic of chile|칠레|智利",
        "CM|CMR|cameroon|republic of cameroon|카메룬|喀麦隆|喀麥隆",
        "CN|CHN|china|people's republic of china|prc|p.r. china|pr china|p.r.c.|mainland china|china mainland|china, people's republic of|중국|중화인민공화국|中国|中國|中华人民共和国|中華人民共和國|中国大陆|中國大陸",
        "CO|COL|colombia|republic of colombia|콜롬비아|哥伦比亚|哥倫比亞",
        "CR|CRI|costa rica|republic of costa rica|코스타리카|哥斯达黎加|哥斯達黎加|哥斯大黎加",
        "CU|CUB|cuba|republic of cuba|쿠바|古巴",
        "CV|CPV|cabo verde|cape verde|republic of cabo verde|카보베르데|佛得角|維德角",
        "CW|CUW|curaçao|curacao|퀴라소|库拉索|庫拉索|古拉索",
        "CX|CXR|christmas island|크리스마스섬|크리스마스 섬|圣诞岛|聖誕島",
        "CY|CYP|cyprus|republic of cyprus|키프로스|사이프러스|塞浦路斯|賽普勒斯",
        "CZ|CZE|czechia|czech republic|the czech republic|체코|체코 공화국|捷克|捷克共和国|捷克共和國",
        "DE|DEU|germany|federal republic of germany|deutschland|독일|독일 연방 공화국|德国|德國|德意志联邦共和国|德意志聯邦共和國",
        "DJ|DJI|djibouti|republic of djibouti|지부티|吉布提|吉布地",
        "DK|DNK|denmark|kingdom of denmark|덴마크|丹麦|丹麥",
        "DM|DMA|dominica|commonwealth of dominica|도미니카 연방|多米尼克|多米尼克国|多米尼克國",
        "DO|DOM|dominican republic|the dominican republic|도미니카 공화국|多米尼加|多米尼加共和国|多米尼加共和國|多明尼加|多明尼加共和國",
        "DZ|DZA|algeria|people's democratic republic of algeria|알제리|阿尔及利亚|阿爾及利亞",
        "EC|ECU|ecuador|republic of ecuador|에콰도르|厄瓜多尔|厄瓜多爾|厄瓜多",
        "EE|EST|estonia|republic of estonia|에스토니아|爱沙尼亚|愛沙尼亞",
        "EG|EGY|egypt|arab republic of egypt|이집트|埃及",
        "EH|ESH|western sahara|서사하라|西撒哈拉",
        "ER|ERI|eritrea|state of eritrea|에리트레아|厄立特里亚|厄立特里亞|厄利垂亞",
        "ES|ESP|spain|kingdom of spain|españa|espana|스페인|에스파냐|西班牙",
        "ET|ETH|ethiopia|federal democratic republic of ethiopia|에티오피아|埃塞俄比亚|埃塞俄比亞|衣索比亞",
        "FI|FIN|finland|republic of finland|suomi|핀란드|芬兰|芬蘭",
        "FJ|FJI|fiji|republic of fiji|피지|斐济|斐濟",
        "FK|FLK|falkland islands (malvinas)|falkland islands|falklands|malvinas|포클랜드 제도|福克兰群岛|福克蘭群島|포클랜드 제도 (말비나스)|福克兰群岛(马尔维纳斯)|福克蘭群島(馬維娜斯)",
        "FM|FSM|micronesia (federated states of)|micronesia|federated states of micronesia|micronesia, federated states of|미크로네시아 연방|미크로네시아|密克罗尼西亚联邦|密克羅尼西亞聯邦|密克罗尼西亚|密克羅尼西亞",
        "FO|FRO|faroe islands|faroes|faeroe islands|페로 제도|法罗群岛|法羅群島",
        "FR|FRA|france|french republic|프랑스|法国|法國",
        "GA|GAB|gabon|gabonese republic|가봉|加蓬|加彭",
        "GB|GBR|united kingdom|united kingdom of great britain and northern ireland|the united kingdom|uk|u.k.|great britain|britain|england|scotland|wales|northern ireland|영국|잉글랜드|英国|英國|大不列颠及北爱尔兰联合王国|大不列顛及北愛爾蘭聯合王國|联合王国|聯合王國",
        "GD|GRD|grenada|그레나다|格林纳达|格林納達|格瑞那達",
        "GE|GEO|georgia|조지아|그루지야|格鲁吉亚|格魯吉亞|喬治亞",
        "GF|GUF|french guiana|프랑스령 기아나|法属圭亚那|法屬圭亞那|法屬蓋亞那",
        "GG|GGY|guernsey|건지|건지섬|根西岛|根西島|根息島",
        "GH|GHA|ghana|republic of ghana|가나|加纳|加納|迦納",
        "GI|GIB|gibraltar|지브롤터|直布罗陀|直布羅陀",
        "GL|GRL|greenland|그린란드|格陵兰|格陵蘭",
        "GM|GMB|gambia|the gambia|republic of the gambia|감비아|冈比亚|岡比亞|甘比亞",
        "GN|GIN|guinea|republic of guinea|기니|几内亚|幾內亞",
        "GP|GLP|guadeloupe|과들루프|瓜德罗普|瓜德羅普|瓜地洛普",
        "GQ|GNQ|equatorial guinea|republic of equatorial guinea|적도 기니|赤道几内亚|赤道幾內亞",
        "GR|GRC|greece|hellenic republic|hellas|그리스|希腊|希臘",
        "GS|SGS|south georgia and the south sandwich islands|south georgia|사우스조지아 사우스샌드위치 제도|南乔治亚和南桑威奇群岛|南喬治亞和南桑威奇群島|南喬治亞及南三明治群島",
        "GT|GTM|guatemala|republic of guatemala|과테말라|危地马拉|危地馬拉|瓜地马拉|瓜地馬拉",
        "GU|GUM|guam|괌|关岛|關島",
        "GW|GNB|guinea-bissau|guinea bissau|republic of guinea-bissau|기니비사우|几内亚比绍|幾內亞比紹|幾內亞比索",
        "GY|GUY|guyana|republic of guyana|가이아나|圭亚那|圭亞那|蓋亞那",
        "HK|HKG|hong kong|hongkong|hong kong sar|hong kong, china|hong kong special administrative region of china|홍콩|香港|中国香港|中國香港|香港特别行政区|香港特別行政區",
        "HM|HMD|heard island and mcdonald islands|heard and mcdonald islands|허드 맥도널드 제도|赫德岛和麦克唐纳群岛|赫德島和麥克唐納群島|赫德島及麥當勞群島",
        "HN|HND|honduras|republic of honduras|온두라스|洪都拉斯|宏都拉斯",
        "HR|HRV|croatia|republic of croatia|hrvatska|크로아티아|克罗地亚|克羅地亞|克羅埃西亞",
        "HT|HTI|haiti|republic of haiti|아이티|海地",
        "HU|HUN|hungary|헝가리|匈牙利",
        "ID|IDN|indonesia|republic of indonesia|인도네시아|印度尼西亚|印度尼西亞|印尼",
        "IE|IRL|ireland|republic of ireland|éire|eire|아일랜드|爱尔兰|愛爾蘭",
        "IL|ISR|israel|state of israel|이스라엘|以色列",
        "IM|IMN|isle of man|맨섬|맨 섬|马恩岛|馬恩島|曼岛|曼島",
        "IN|IND|india|republic of india|bharat|인도|印度",
        "IO|IOT|british indian ocean territory|영국령 인도양 지역|英属印度洋领地|英屬印度洋領地",
        "IQ|IRQ|iraq|republic of iraq|이라크|伊拉克",
        "IR|IRN|iran (islamic republic of)|iran|islamic republic of iran|iran, islamic republic of|persia|이란|이란 이슬람 공화국|伊朗|伊朗伊斯兰共和国|伊朗伊斯蘭共和國",
        "IS|ISL|iceland|아이슬란드|冰岛|冰島",
        "IT|ITA|italy|italian republic|italia|이탈리아|意大利|義大利",
        "JE|JEY|jersey|저지|저지섬|泽西岛|澤西島",
        "JM|JAM|jamaica|자메이카|牙买加|牙買加",
        "JO|JOR|jordan|hashemite kingdom of jordan|요르단|约旦|約旦",
        "JP|JPN|japan|nippon|일본|日本",
        "KE|KEN|kenya|republic of kenya|케냐|肯尼亚|肯尼亞|肯亞",
        "KG|KGZ|kyrgyzstan|kyrgyz republic|kirghizia|키르기스스탄|키르기스|吉尔吉斯斯坦|吉爾吉斯斯坦|吉尔吉斯|吉爾吉斯",
        "KH|KHM|cambodia|kingdom of cambodia|kampuchea|캄보디아|柬埔寨",
        "KI|KIR|kiribati|republic of kiribati|키리바시|基里巴斯|吉里巴斯",
        "KM|COM|comoros|the comoros|union of the comoros|코모로|科摩罗|科摩羅|葛摩",
        "KN|KNA|saint kitts and nevis|saint christopher and nevis|세인트키츠 네비스|圣基茨和尼维斯|聖基茨和尼維斯|聖克里斯多福及尼維斯",
        "KP|PRK|korea (democratic people's republic of)|north korea|dprk|democratic people's republic of korea|korea, democratic people's republic of|korea, north|북한|북조선|조선민주주의인민공화국|朝鲜|朝鮮|北韩|北韓|朝鲜民主主义人民共和国|朝鮮民主主義人民共和國",
        "KR|KOR|korea, republic of|korea|south korea|republic of korea|korea (republic of)|korea (the republic of)|korea, south|rok|한국|대한민국|남한|韩国|韓國|南韩|南韓|大韩民国|大韓民國",
        "KW|KWT|kuwait|state of kuwait|쿠웨이트|科威特",
        "KY|CYM|cayman islands|the cayman islands|케이맨 제도|开曼群岛|開曼群島",
        "KZ|KAZ|kazakhstan|republic of kazakhstan|kazakstan|카자흐스탄|哈萨克斯坦|哈薩克斯坦|哈萨克|哈薩克",
        "LA|LAO|lao people's democratic republic|laos|lao pdr|라오스|라오 인민 민주주의 공화국|老挝|老撾|寮國|老挝人民民主共和国|老撾人民民主共和國|寮人民民主共和國",
        "LB|LBN|lebanon|lebanese republic|레바논|黎巴嫩",
        "LC|LCA|saint lucia|세인트루시아|圣卢西亚|聖盧西亞|聖露西亞|圣路西亚",
        "LI|LIE|liechtenstein|principality of liechtenstein|리히텐슈타인|列支敦士登|列支敦斯登",
        "LK|LKA|sri lanka|democratic socialist republic of sri lanka|ceylon|스리랑카|斯里兰卡|斯里蘭卡",
        "LR|LBR|liberia|republic of liberia|라이베리아|利比里亚|利比里亞|賴比瑞亞",
        "LS|LSO|lesotho|kingdom of lesotho|레소토|莱索托|萊索托|賴索托",
        "LT|LTU|lithuania|republic of lithuania|리투아니아|立陶宛",
        "LU|LUX|luxembourg|grand duchy of luxembourg|룩셈부르크|卢森堡|盧森堡",
        "LV|LVA|latvia|republic of latvia|라트비아|拉脱维亚|拉脫維亞",
        "LY|LBY|libya|state of libya|리비아|利比亚|利比亞",
        "MA|MAR|morocco|kingdom of morocco|모로코|摩洛哥",
        "MC|MCO|monaco|principality of monaco|모나코|摩纳哥|摩納哥",
        "MD|MDA|moldova, republic of|moldova|republic of moldova|moldova (the republic of)|몰도바|몰도바 공화국|摩尔多瓦|摩爾多瓦|摩尔多瓦共和国|摩爾多瓦共和國",
        "ME|MNE|montenegro|몬테네그로|黑山|蒙特內哥羅",
        "MF|MAF|saint martin (french part)|saint martin|collectivity of saint martin|생마르탱|생마르탱 (프랑스령)|法属圣马丁|法屬聖馬丁|圣马丁(法属)|聖馬丁(法屬)",
        "MG|MDG|madagascar|republic of madagascar|마다가스카르|马达加斯加|馬達加斯加",
        "MH|MHL|marshall islands|republic of the marshall islands|마셜 제도|马绍尔群岛|馬紹爾群島",
        "MK|MKD|north macedonia|republic of north macedonia|macedonia|the former yugoslav republic of macedonia|fyrom|북마케도니아|마케도니아|北马其顿|北馬其頓|马其顿|馬其頓",
        "ML|MLI|mali|republic of mali|말리|马里|馬里|馬利",
        "MM|MMR|myanmar|burma|republic of the union of myanmar|미얀마|버마|缅甸|緬甸",
        "MN|MNG|mongolia|몽골|몽골국|蒙古|蒙古国|蒙古國",
        "MO|MAC|macao|macau|macao sar|macau sar|macao, china|macau, china|macao special administrative region of china|마카오|澳门|澳門|中国澳门|中國澳門|澳门特别行政区|澳門特別行政區",
        "MP|MNP|northern mariana islands|commonwealth of the northern mariana islands|북마리아나 제도|北马里亚纳群岛|北馬里亞納群島",
        "MQ|MTQ|martinique|마르티니크|马提尼克|馬提尼克|馬丁尼克",
        "MR|MRT|mauritania|islamic republic of mauritania|모리타니|毛里塔尼亚|毛里塔尼亞|茅利塔尼亞",
        "MS|MSR|montserrat|몬트세랫|蒙特塞拉特|蒙塞拉特岛|蒙塞拉特島",
        "MT|MLT|malta|republic of malta|몰타|马耳他|馬耳他|馬爾他|马尔他",
        "MU|MUS|mauritius|republic of mauritius|모리셔스|毛里求斯|模里西斯",
        "MV|MDV|maldives|republic of maldives|몰디브|马尔代夫|馬爾代夫|馬爾地夫",
        "MW|MWI|malawi|republic of malawi|말라위|马拉维|馬拉維|馬拉威",
        "MX|MEX|mexico|united mexican states|méxico|멕시코|墨西哥",
        "MY|MYS|malaysia|말레이시아|马来西亚|馬來西亞",
        "MZ|MOZ|mozambique|republic of mozambique|모잠비크|莫桑比克|莫三比克",
        "NA|NAM|namibia|republic of namibia|나미비아|纳米比亚|納米比亞",
        "NC|NCL|new caledonia|뉴칼레도니아|누벨칼레도니|新喀里多尼亚|新喀里多尼亞",
        "NE|NER|niger|the niger|republic of the niger|니제르|尼日尔|尼日爾|尼日",
        "NF|NFK|norfolk island|노퍽섬|노퍽 섬|诺福克岛|諾福克島",
        "NG|NGA|nigeria|federal republic of nigeria|나이지리아|尼日利亚|尼日利亞|奈及利亞",
        "NI|NIC|nicaragua|republic of nicaragua|니카라과|尼加拉瓜",
        "NL|NLD|netherlands|the netherlands|netherlands (kingdom of the)|kingdom of the netherlands|holland|nederland|네덜란드|홀란드|荷兰|荷蘭",
        "NO|NOR|norway|kingdom of norway|norge|노르웨이|挪威",
        "NP|NPL|nepal|federal democratic republic of nepal|네팔|尼泊尔|尼泊爾",
        "NR|NRU|nauru|republic of nauru|나우루|瑙鲁|瑙魯|諾魯",
        "NU|NIU|niue|니우에|纽埃|紐埃",
        "NZ|NZL|new zealand|aotearoa|뉴질랜드|新西兰|新西蘭|紐西蘭",
        "OM|OMN|oman|sultanate of oman|오만|阿曼",
        "PA|PAN|panama|republic of panama|파나마|巴拿马|巴拿馬",
        "PE|PER|peru|republic of peru|페루|秘鲁|秘魯|祕魯",
        "PF|PYF|french polynesia|프랑스령 폴리네시아|法属波利尼西亚|法屬波利尼西亞|法屬玻里尼西亞|法属玻利尼西亚",
        "PG|PNG|papua new guinea|independent state of papua new guinea|파푸아뉴기니|巴布亚新几内亚|巴布亞新幾內亞|巴布亞紐幾內亞",
        "PH|PHL|philippines|the philippines|republic of the philippines|필리핀|菲律宾|菲律賓",
        "PK|PAK|pakistan|islamic republic of pakistan|파키스탄|巴基斯坦",
        "PL|POL|poland|republic of poland|polska|폴란드|波兰|波蘭",
        "PM|SPM|saint pierre and miquelon|생피에르 미클롱|圣皮埃尔和密克隆|聖皮埃爾和密克隆|聖皮耶及密克隆群島",
        "PN|PCN|pitcairn|pitcairn islands|핏케언 제도|皮特凯恩群岛|皮特凱恩群島",
        "PR|PRI|puerto rico|푸에르토리코|波多黎各",
        "PS|PSE|palestine, state of|palestine|state of palestine|palestinian territories|occupied palestinian territory|팔레스타인|巴勒斯坦|巴勒斯坦国|巴勒斯坦國",
        "PT|PRT|portugal|portuguese republic|포르투갈|葡萄牙",
        "PW|PLW|palau|republic of palau|팔라우|帕劳|帕勞|帛琉",
        "PY|PRY|paraguay|republic of paraguay|파라과이|巴拉圭",
        "QA|QAT|qatar|state of qatar|카타르|卡塔尔|卡塔爾|卡達",
        "RE|REU|réunion|reunion|레위니옹|留尼汪|留尼旺|留尼汪岛|留尼旺島",
        "RO|ROU|romania|루마니아|罗马尼亚|羅馬尼亞",
        "RS|SRB|serbia|republic of serbia|세르비아|塞尔维亚|塞爾維亞",
        "RU|RUS|russian federation|russia|러시아|러시아 연방|俄罗斯|俄羅斯|俄罗斯联邦|俄羅斯聯邦",
        "RW|RWA|rwanda|republic of rwanda|르완다|卢旺达|盧旺達|盧安達",
        "SA|SAU|saudi arabia|kingdom of saudi arabia|ksa|saudi|사우디아라비아|사우디|沙特阿拉伯|沙特|沙烏地阿拉伯|沙地阿拉伯",
        "SB|SLB|solomon islands|솔로몬 제도|所罗门群岛|所羅門群島|索羅門群島",
        "SC|SYC|seychelles|republic of seychelles|세이셸|塞舌尔|塞舌爾|塞席爾",
        "SD|SDN|sudan|the sudan|republic of the sudan|수단|苏丹|蘇丹",
        "SE|SWE|sweden|kingdom of sweden|sverige|스웨덴|瑞典",
        "SG|SGP|singapore|republic of singapore|싱가포르|싱가폴|新加坡",
        "SH|SHN|saint helena, ascension and tristan da cunha|saint helena|세인트헬레나|세인트헬레나 어센션 트리스탄다쿠냐|圣赫勒拿|聖赫勒拿|聖赫倫那",
        "SI|SVN|slovenia|republic of slovenia|슬로베니아|斯洛文尼亚|斯洛文尼亞|斯洛維尼亞",
        "SJ|SJM|svalbard and jan mayen|svalbard|스발바르 얀마옌|스발바르 얀마옌 제도|斯瓦尔巴和扬马延|斯瓦爾巴和揚馬延",
        "SK|SVK|slovakia|slovak republic|슬로바키아|斯洛伐克",
        "SL|SLE|sierra leone|republic of sierra leone|시에라리온|塞拉利昂|獅子山",
        "SM|SMR|san marino|republic of san marino|산마리노|圣马力诺|聖馬力諾|聖馬利諾",
        "SN|SEN|senegal|republic of senegal|세네갈|塞内加尔|塞內加爾",
        "SO|SOM|somalia|federal republic of somalia|소말리아|索马里|索馬里|索馬利亞",
        "SR|SUR|suriname|surinam|republic of suriname|수리남|苏里南|蘇里南|蘇利南",
        "SS|SSD|south sudan|republic of south sudan|남수단|南苏丹|南蘇丹",
        "ST|STP|sao tome and principe|são tomé and príncipe|democratic republic of sao tome and principe|상투메 프린시페|圣多美和普林西比|聖多美和普林西比|聖多美普林西比|聖多美及普林西比",
        "SV|SLV|el salvador|republic of el salvador|엘살바도르|萨尔瓦多|薩爾瓦多",
        "SX|SXM|sint maarten (dutch part)|sint maarten|신트마르턴|신트마르턴 (네덜란드령)|荷属圣马丁|荷屬聖馬丁|圣马丁(荷属)|聖馬丁(荷屬)",
        "SY|SYR|syrian arab republic|syria|시리아|시리아 아랍 공화국|叙利亚|敘利亞|敍利亞|阿拉伯叙利亚共和国|敘利亞阿拉伯共和國",
        "SZ|SWZ|eswatini|kingdom of eswatini|swaziland|에스와티니|스와질란드|斯威士兰|斯威士蘭|史瓦帝尼|史瓦濟蘭",
        "TC|TCA|turks and caicos islands|turks and caicos|터크스 케이커스 제도|特克斯和凯科斯群岛|特克斯和凱科斯群島|土克凱可群島",
        "TD|TCD|chad|republic of chad|차드|乍得|查德",
        "TF|ATF|french southern territories|french southern and antarctic lands|프랑스령 남방 및 남극 지역|프랑스령 남부와 남극 지역|法属南部领地|法屬南部領地",
        "TG|TGO|togo|togolese republic|토고|多哥",
        "TH|THA|thailand|kingdom of thailand|siam|태국|타이|泰国|泰國",
        "TJ|TJK|tajikistan|republic of tajikistan|타지키스탄|塔吉克斯坦|塔吉克",
        "TK|TKL|tokelau|토켈라우|托克劳|托克勞",
        "TL|TLS|timor-leste|timor leste|east timor|democratic republic of timor-leste|동티모르|东帝汶|東帝汶",
        "TM|TKM|turkmenistan|투르크메니스탄|土库曼斯坦|土庫曼斯坦|土庫曼",
        "TN|TUN|tunisia|republic of tunisia|튀니지|突尼斯|突尼西亞",
        "TO|TON|tonga|kingdom of tonga|통가|汤加|湯加|東加",
        "TR|TUR|türkiye|turkiye|turkey|republic of türkiye|republic of turkey|튀르키예|터키|土耳其",
        "TT|TTO|trinidad and tobago|republic of trinidad and tobago|trinidad|트리니다드 토바고|特立尼达和多巴哥|特立尼達和多巴哥|千里達及托巴哥|特里尼达和多巴哥",
        "TV|TUV|tuvalu|투발루|图瓦卢|圖瓦盧|吐瓦魯",
        "TW|TWN|taiwan|taiwan, province of china|taiwan (province of china)|taiwan, china|republic of china|roc|chinese taipei|대만|타이완|중화민국|台湾|台灣|臺灣|中华民国|中華民國|中国台湾|中國台灣|中國臺灣|中国台湾省|中國台灣省|中國臺灣省",
        "TZ|TZA|tanzania, united republic of|tanzania|united republic of tanzania|탄자니아|坦桑尼亚|坦桑尼亞|坦尚尼亞|탄자니아 연방 공화국|坦桑尼亚联合共和国|坦桑尼亞聯合共和國|坦尚尼亞聯合共和國",
        "UA|UKR|ukraine|우크라이나|乌克兰|烏克蘭",
        "UG|UGA|uganda|republic of uganda|우간다|乌干达|烏干達",
        "UM|UMI|united states minor outlying islands|us minor outlying islands|u.s. minor outlying islands|미국령 군소 제도|美国本土外小岛屿|美國本土外小島嶼|美屬邊疆群島",
        "US|USA|united states of america|united states|the united states|the united states of america|america|u.s.|u.s.a.|미국|미합중국|美国|美國|美利坚合众国|美利堅合眾國",
        "UY|URY|uruguay|oriental republic of uruguay|우루과이|乌拉圭|烏拉圭",
        "UZ|UZB|uzbekistan|republic of uzbekistan|우즈베키스탄|乌兹别克斯坦|烏茲別克斯坦|烏茲別克",
        "VA|VAT|holy see|holy see (vatican city state)|vatican|vatican city|vatican city state|바티칸|바티칸 시국|교황청|梵蒂冈|梵蒂岡|教廷|바티칸 시티|梵蒂冈城国|梵蒂岡城國",
        "VC|VCT|saint vincent and the grenadines|saint vincent|세인트빈센트 그레나딘|圣文森特和格林纳丁斯|聖文森特和格林納丁斯|聖文森及格瑞那丁|聖文森及格瑞納丁",
        "VE|VEN|venezuela (bolivarian republic of)|venezuela|bolivarian republic of venezuela|venezuela, bolivarian republic of|베네수엘라|委内瑞拉|委內瑞拉|베네수엘라 볼리바르 공화국|委内瑞拉玻利瓦尔共和国|委內瑞拉玻利瓦爾共和國",
        "VG|VGB|virgin islands (british)|british virgin islands|virgin islands, british|영국령 버진아일랜드|영국령 버진 제도|英属维尔京群岛|英屬維爾京群島|英屬維京群島",
        "VI|VIR|virgin islands (u.s.)|us virgin islands|u.s. virgin islands|united states virgin islands|virgin islands, u.s.|미국령 버진아일랜드|미국령 버진 제도|美属维尔京群岛|美屬維爾京群島|美屬維京群島",
        "VN|VNM|viet nam|vietnam|socialist republic of viet nam|socialist republic of vietnam|베트남|월남|越南|越南社会主义共和国|越南社會主義共和國",
        "VU|VUT|vanuatu|republic of vanuatu|바누아투|瓦努阿图|瓦努阿圖|萬那杜",
        "WF|WLF|wallis and futuna|wallis and futuna islands|월리스 푸투나|왈리스 퓌튀나|瓦利斯和富图纳|瓦利斯和富圖納|沃里斯及伏塔那群島",
        "WS|WSM|samoa|independent state of samoa|western samoa|사모아|萨摩亚|薩摩亞",
        "YE|YEM|yemen|republic of yemen|예멘|예맨|也门|也門|葉門",
        "YT|MYT|mayotte|마요트|马约特|馬約特",
        "ZA|ZAF|south africa|republic of south africa|남아프리카 공화국|남아공|남아프리카|南非|南非共和国|南非共和國",
        "ZM|ZMB|zambia|republic of zambia|잠비아|赞比亚|贊比亞|尚比亞",
        "ZW|ZWE|zimbabwe|republic of zimbabwe|짐바브웨|津巴布韦|津巴布韋|辛巴威",
    ]
}

private extension String {
    /// Foundation-free `replacingOccurrences(of:with:)` (used only while building the index).
    func countryTableReplacing(_ target: String, with replacement: String) -> String {
        let chars = Array(self)
        let pattern = Array(target)
        guard !pattern.isEmpty, chars.count >= pattern.count else { return self }
        var result = ""
        var i = 0
        while i < chars.count {
            if i + pattern.count <= chars.count, chars[i..<(i + pattern.count)].elementsEqual(pattern) {
                result += replacement
                i += pattern.count
            } else {
                result.append(chars[i])
                i += 1
            }
        }
        return result
    }
}
