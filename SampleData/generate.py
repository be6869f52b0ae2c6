#!/usr/bin/env python3
"""Seeded, deterministic sample-data generator for `outcomes`.

Models the follow-up of a Korean green-industry delegation at CIEPEC (China
International Environmental Protection Exhibition & Conference, Beijing, early
June) plus a Tianjin partner-city programme a few days later, editions
2019 and 2021-2026 (no 2020 edition). All names are invented.

Writes, next to this script (or under --out):
  sectors.csv, fx_rates.csv,
  ciepec-2026/consultations-<year>.csv, ciepec-2026/contracts-<year>.csv,
  README.md (including the list of deliberately bad rows with their line numbers).

Standard library only. Determinism: only Random.random() is used (its sequence
is guaranteed stable across Python versions for an integer seed); all money is
integer arithmetic; no set iteration. Same seed -> byte-identical files.

Usage: python3 SampleData/generate.py [--seed N] [--out DIR]
"""

import argparse
import csv
import datetime as dt
import io
import os
import random
import unicodedata

DEFAULT_SEED = 20260602
EDITIONS = [2019, 2021, 2022, 2023, 2024, 2025, 2026]
LEADS_PER_EDITION = {2019: 38, 2021: 31, 2022: 36, 2023: 52, 2024: 61, 2025: 66, 2026: 58}
COMPANIES_PER_EDITION = {2019: 8, 2021: 7, 2022: 9, 2023: 11, 2024: 13, 2025: 14, 2026: 14}
P_CONTRACT = {2019: 0.17, 2021: 0.17, 2022: 0.17, 2023: 0.17, 2024: 0.17, 2025: 0.15, 2026: 0.10}
P_MOU = 0.10
P_LOI = 0.03
AS_OF = dt.date(2026, 12, 18)          # no contract is dated after this
FX_FIRST = dt.date(2018, 12, 31)
FX_LAST = dt.date(2026, 12, 28)
SUBDIR = "ciepec-2026"

CONS_HEADER = ["consultation_id", "date", "event", "city", "company", "buyer",
               "buyer_country", "sector", "amount", "currency", "status"]
CONT_HEADER = ["contract_id", "consultation_id", "date", "company", "buyer", "type",
               "amount", "currency", "sector"]

# --------------------------------------------------------------------------
# Taxonomy: (code, name_en, name_ko, parent, keywords)
# --------------------------------------------------------------------------
SECTORS = [
    ("HYD", "Hydrogen", "수소", "", "수소|hydrogen|氢|氢能|수소에너지"),
    ("HYD-PRD", "Hydrogen production", "수소 생산", "HYD",
     "수소 생산|수소생산|수전해|그린수소|hydrogen production|green hydrogen|electrolysis|electrolyzer|制氢|电解水|电解槽|绿氢"),
    ("HYD-STO", "Hydrogen storage", "수소 저장", "HYD",
     "수소 저장|수소저장|저장용기|충전소|hydrogen storage|hydrogen tank|refuelling station|储氢|储运|加氢站"),
    ("HYD-PUR", "Hydrogen purification", "수소 정제", "HYD",
     "수소 정제|수소정제|고순도 수소|hydrogen purification|pressure swing adsorption|氢气纯化|提纯|变压吸附"),
    ("BAT", "Battery recycling", "배터리 재활용", "", "배터리|battery|batteries|电池|锂电"),
    ("BAT-WST", "Waste battery recycling", "폐배터리 재활용", "BAT",
     "폐배터리|폐전지|블랙매스|waste battery|spent battery|black mass|废旧电池|废电池|黑粉"),
    ("BAT-EV", "EV battery recycling", "전기차 배터리 재활용", "BAT",
     "전기차 배터리|전기차배터리|사용후 배터리|ev battery|traction battery|动力电池|退役电池|梯次利用"),
    ("SOL", "Solar recycling", "태양광 재활용", "", "태양광|solar|光伏|太阳能"),
    ("SOL-PNL", "Solar panel recycling", "태양광 패널 재활용", "SOL",
     "폐패널|태양광 패널|태양광패널|solar panel|pv module|废旧光伏组件|光伏组件|组件回收"),
    ("SOL-MAT", "PV material recovery", "태양광 소재 회수", "SOL",
     "실리콘 회수|은 회수|소재 회수|silicon recovery|silver recovery|material recovery|硅料回收|银回收|材料回收"),
    ("WAT", "Water", "물산업", "", "물산업|수자원|water|水务|水资源"),
    ("WAT-TRT", "Water treatment", "수처리", "WAT",
     "수처리|폐수|하수처리|정수처리|water treatment|wastewater|desalination|水处理|污水|废水|海水淡化"),
    ("WAT-SMT", "Smart water management", "스마트 물관리", "WAT",
     "물관리|스마트 물관리|누수 탐지|smart water|leak detection|water management|智慧水务|管网漏损"),
    ("AIR", "Air quality", "대기환경", "", "대기|미세먼지|air quality|air pollution|大气|空气"),
    ("AIR-DST", "Dust and particulate control", "집진·미세먼지 저감", "AIR",
     "집진|먼지 저감|미세먼지 저감|dust collector|particulate|bag filter|除尘|颗粒物"),
    ("AIR-VOC", "VOC and odour control", "VOC·악취 저감", "AIR",
     "voc|vocs|악취|탈취|odor|odour|挥发性有机物|恶臭"),
    ("MON", "Environmental monitoring", "환경 모니터링", "", "모니터링|monitoring|측정|监测|环境监测"),
    ("MON-AIR", "Air quality monitoring", "대기 측정", "MON",
     "대기 측정|대기질 측정|미세먼지 측정|air quality monitoring|air monitoring|stack monitoring|空气质量监测|大气监测"),
    ("MON-WAT", "Water quality monitoring", "수질 측정", "MON",
     "수질|수질 측정|water quality|water quality monitoring|水质|水质监测"),
]

# Free-text sector cells and the code the taxonomy rule must map each to (self-checked).
FREE_TEXT = {
    "HYD-PRD": ["PEM 수전해 시스템", "그린수소 생산 플랜트", "碱性电解水制氢设备", "Electrolyzer stack supply"],
    "HYD-STO": ["수소 저장용기", "수소충전소 저장 설비", "Type IV hydrogen tank", "储氢瓶及加氢站设备"],
    "HYD-PUR": ["고순도 수소 정제 장치", "氢气纯化装置", "PSA hydrogen purification unit"],
    "BAT-WST": ["폐배터리 재활용 설비", "블랙매스 습식제련", "废旧电池回收处理线", "Spent battery recycling line"],
    "BAT-EV": ["전기차 사용후 배터리 재사용", "退役动力电池梯次利用", "EV battery dismantling line"],
    "SOL-PNL": ["폐태양광 패널 재활용", "废旧光伏组件回收线", "Solar panel dismantling"],
    "SOL-MAT": ["태양광 셀 실리콘 회수", "光伏硅料回收", "Silver recovery from PV cells"],
    "WAT-TRT": ["산업 폐수 처리 설비", "污水处理厂提标改造", "Wastewater treatment package"],
    "WAT-SMT": ["스마트 물관리 플랫폼", "智慧水务平台", "Leak detection system"],
    "AIR-DST": ["백필터 집진기", "工业除尘设备", "Bag filter dust collector"],
    "AIR-VOC": ["VOC 저감 장치", "恶臭治理设备", "Odour control system"],
    "MON-AIR": ["미세먼지 측정 센서", "大气监测网格化系统", "Air quality monitoring station"],
    "MON-WAT": ["수질 측정 자동화", "水质监测仪", "Water quality sensor"],
}
GROUP_FREE_TEXT = {"HYD": "수소 관련 협력", "BAT": "배터리 순환경제", "SOL": "光伏回收合作",
                   "WAT": "Water sector cooperation", "AIR": "대기 개선 사업", "MON": "环境监测合作"}
UNMATCHED_TEXT = ["기타", "종합 상담", "General inquiry", "其他合作"]

# --------------------------------------------------------------------------
# Korean exhibitors: (canonical, [spellings], weights, [sector codes])
# All spellings of a company share one key after the contract's legal-form rule.
# --------------------------------------------------------------------------
COMPANIES = [
    ("한국수소", ["(주)한국수소", "한국수소 주식회사", "㈜한국수소"], [55, 30, 15], ["HYD-PRD"]),
    ("에이치투뱅크", ["(주)에이치투뱅크", "주식회사 에이치투뱅크", "에이치투뱅크(주)"], [50, 30, 20], ["HYD-STO"]),
    ("퓨어하이젠", ["퓨어하이젠 주식회사", "(주)퓨어하이젠", "㈜ 퓨어하이젠"], [50, 35, 15], ["HYD-PUR"]),
    ("동해그린수소", ["(주)동해그린수소", "동해그린수소(주)"], [65, 35], ["HYD-PRD", "HYD-STO"]),
    ("케이리사이클", ["(주)케이리사이클", "케이리사이클 주식회사", "㈜케이리사이클"], [55, 30, 15], ["BAT-WST"]),
    ("이브이사이클", ["이브이사이클(주)", "주식회사 이브이사이클"], [60, 40], ["BAT-EV"]),
    ("한빛자원", ["한빛자원(주)", "(주)한빛자원", "한빛자원 주식회사"], [45, 35, 20], ["BAT-WST", "BAT-EV"]),
    ("썬리젠", ["(주)썬리젠", "썬리젠 주식회사"], [70, 30], ["SOL-PNL"]),
    ("솔라서큘러", ["솔라서큘러 주식회사", "(주)솔라서큘러", "㈜솔라서큘러"], [50, 30, 20], ["SOL-MAT"]),
    ("청수이앤씨", ["(주)청수이앤씨", "청수이앤씨(주)", "주식회사 청수이앤씨"], [50, 30, 20], ["WAT-TRT"]),
    ("아쿠아브레인", ["(주)아쿠아브레인", "아쿠아브레인 주식회사"], [60, 40], ["WAT-SMT"]),
    ("맑은숨", ["(주)맑은숨", "맑은숨 주식회사", "㈜맑은숨"], [55, 30, 15], ["AIR-DST"]),
    ("에코에어텍", ["에코에어텍(주)", "(주)에코에어텍"], [60, 40], ["AIR-VOC"]),
    ("센서웨이", ["(주)센서웨이", "센서웨이 주식회사", "㈜센서웨이"], [50, 35, 15], ["MON-AIR", "MON-WAT"]),
]

# --------------------------------------------------------------------------
# Buyers: (name, country ISO, interest groups, regional flag for the Tianjin programme)
# --------------------------------------------------------------------------
BUYERS = [
    ("北京绿源环保科技有限公司", "CN", ["WAT", "AIR"], False),
    ("北京清能氢源科技有限公司", "CN", ["HYD"], False),
    ("北京中环蓝天环境工程有限公司", "CN", ["AIR", "MON"], False),
    ("北京碧泉水务科技有限公司", "CN", ["WAT"], False),
    ("北京华氢动力科技有限公司", "CN", ["HYD"], False),
    ("北京京城再生资源回收有限公司", "CN", ["BAT", "SOL"], False),
    ("北京蓝测环境监测技术有限公司", "CN", ["MON"], False),
    ("北京恒清大气治理有限公司", "CN", ["AIR"], False),
    ("北京国环测控研究院", "CN", ["MON"], False),
    ("中环绿链（北京）供应链管理有限公司", "CN", ["BAT", "SOL"], False),
    ("天津滨海氢能产业发展有限公司", "CN", ["HYD"], True),
    ("天津津南绿色循环科技有限公司", "CN", ["BAT", "SOL"], True),
    ("天津海河水务工程有限公司", "CN", ["WAT"], True),
    ("天津港湾环保设备有限公司", "CN", ["AIR", "WAT"], True),
    ("天津新源动力电池回收有限公司", "CN", ["BAT"], True),
    ("天津津测环境科技有限公司", "CN", ["MON"], True),
    ("河北雄安绿智环境科技有限公司", "CN", ["WAT", "MON"], True),
    ("河北冀东氢能装备有限公司", "CN", ["HYD"], True),
    ("唐山曹妃甸再生资源有限公司", "CN", ["BAT", "SOL"], True),
    ("石家庄蓝天环保设备有限公司", "CN", ["AIR"], True),
    ("保定光伏组件回收科技有限公司", "CN", ["SOL"], True),
    ("廊坊清源水处理设备有限公司", "CN", ["WAT"], True),
    ("山东潍坊氢动科技有限公司", "CN", ["HYD"], False),
    ("青岛海蓝环境工程有限公司", "CN", ["WAT", "AIR"], False),
    ("济南泉城环境监测有限公司", "CN", ["MON"], False),
    ("江苏常州锂循环科技有限公司", "CN", ["BAT"], False),
    ("苏州绿光新能源科技有限公司", "CN", ["SOL"], False),
    ("无锡太湖水环境治理有限公司", "CN", ["WAT"], False),
    ("南京紫金环境检测技术有限公司", "CN", ["MON"], False),
    ("上海申氢能源科技有限公司", "CN", ["HYD"], False),
    ("上海浦江环保科技股份有限公司", "CN", ["AIR", "WAT"], False),
    ("浙江杭州净气环境科技有限公司", "CN", ["AIR"], False),
    ("宁波甬能电池材料回收有限公司", "CN", ["BAT"], False),
    ("广东佛山氢能装备有限公司", "CN", ["HYD"], False),
    ("深圳鹏城新能源回收有限公司", "CN", ["BAT", "SOL"], False),
    ("广州珠江水务科技有限公司", "CN", ["WAT"], False),
    ("内蒙古鄂尔多斯绿氢科技有限公司", "CN", ["HYD"], False),
    ("内蒙古包头光伏循环产业有限公司", "CN", ["SOL"], False),
    ("山西太原煤化氢能有限公司", "CN", ["HYD"], False),
    ("陕西西安秦川环境监测有限公司", "CN", ["MON"], False),
    ("四川成都天府水环境有限公司", "CN", ["WAT"], False),
    ("湖北武汉光谷环保科技有限公司", "CN", ["AIR", "MON"], False),
    ("河南郑州中原再生资源有限公司", "CN", ["BAT"], False),
    ("辽宁大连海清环境工程有限公司", "CN", ["WAT", "AIR"], False),
    ("吉林长春北方电池回收有限公司", "CN", ["BAT"], False),
    ("安徽合肥绿能光伏科技有限公司", "CN", ["SOL"], False),
    ("福建厦门蓝海环保有限公司", "CN", ["WAT"], False),
    ("甘肃兰州西部氢能有限公司", "CN", ["HYD"], False),
    ("Beijing Qingyun Environmental Technology Co., Ltd.", "CN", ["AIR"], False),
    ("Tianjin Haixin Hydrogen Energy Co., Ltd.", "CN", ["HYD"], True),
    ("Shanghai Huanke Water Technology Co., Ltd.", "CN", ["WAT"], False),
    ("Hebei Jingjin Recycling Technology Co., Ltd.", "CN", ["BAT", "SOL"], True),
    ("Shenzhen GreenCycle Battery Technology Limited", "CN", ["BAT"], False),
    ('Jiangsu "Blue Sky" Environmental Monitoring Co., Ltd.', "CN", ["MON"], False),
    ("Hanoi Green Environment JSC", "VN", ["WAT", "AIR"], False),
    ("Saigon Water Technology Joint Stock Company", "VN", ["WAT"], False),
    ("Ulaanbaatar Clean Air LLC", "MN", ["AIR", "MON"], False),
    ("Erdenet Eco Monitoring LLC", "MN", ["MON"], False),
    ("Almaty Su Arnasy LLP", "KZ", ["WAT"], False),
    ("KazGreen Energy LLP", "KZ", ["HYD", "SOL"], False),
]
# Buyers met outside the programme (only in unattributable contracts).
OUTSIDE_BUYERS = [
    ("杭州绿能贸易有限公司", "CN"),
    ("Qingdao Bluewave Trading Co., Ltd.", "CN"),
]
COUNTRY_SPELLINGS = {
    "CN": (["CN", "China", "中国"], [60, 25, 15]),
    "VN": (["VN", "Vietnam", "베트남"], [40, 40, 20]),
    "MN": (["MN", "Mongolia", "몽골"], [40, 40, 20]),
    "KZ": (["KZ", "Kazakhstan", "카자흐스탄"], [40, 40, 20]),
}
# Nominal conversion used only to size amounts (integer arithmetic): units per 1 USD.
KRW_PER_USD = 1350
CNY_PER_USD_TENTHS = 71          # 7.1
KRW_PER_CNY = 190


# --------------------------------------------------------------------------
# Deterministic helpers built on Random.random() only
# --------------------------------------------------------------------------
class Rng:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self):
        return self.r.random()

    def chance(self, p):
        return self.u() < p

    def int(self, a, b):
        """Uniform integer in [a, b]."""
        return a + min(int(self.u() * (b - a + 1)), b - a)

    def choice(self, seq):
        return seq[self.int(0, len(seq) - 1)]

    def wchoice(self, items, weights):
        total = sum(weights)
        x = self.u() * total
        acc = 0
        for item, w in zip(items, weights):
            acc += w
            if x < acc:
                return item
        return items[-1]

    def shuffle(self, seq):
        seq = list(seq)
        for i in range(len(seq) - 1, 0, -1):
            j = self.int(0, i)
            seq[i], seq[j] = seq[j], seq[i]
        return seq

    def sample(self, seq, k):
        return self.shuffle(seq)[:k]

    def normal(self):
        """Approximately standard normal (Irwin-Hall, 12 uniforms): no libm needed."""
        return sum(self.u() for _ in range(12)) - 6.0


def nice(x, rng):
    """Round a positive integer to 2 (sometimes 3) significant digits."""
    digits = 3 if rng.chance(0.3) else 2
    n = len(str(x))
    if n <= digits:
        return x
    q = 10 ** (n - digits)
    return (x + q // 2) // q * q


def fmt_cents(cents):
    return "%d.%02d" % (cents // 100, cents % 100)


def to_currency(usd, cur, rng):
    """Size an amount given in whole USD as a plain decimal string in `cur`."""
    if cur == "KRW":
        return str(nice(usd * KRW_PER_USD, rng))
    if cur == "CNY":
        v = nice(usd * CNY_PER_USD_TENTHS // 10, rng)
        return str(v)
    return str(nice(usd, rng))


def weekday_shift(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def norm(s):
    return unicodedata.normalize("NFKC", s).casefold().strip()


def map_sector(text):
    """The contract's taxonomy rule (section 1.4 + decisions), used as a self-check."""
    t = norm(text)
    for code, en, ko, parent, kw in SECTORS:
        cands = [code, en, ko] + kw.split("|")
        if any(norm(c) == t for c in cands if c):
            return code
    best, best_len = None, 0
    for code, en, ko, parent, kw in SECTORS:
        for k in kw.split("|"):
            k = norm(k)
            if k and k in t and len(k) > best_len:
                best, best_len = code, len(k)
    return best


def self_check_taxonomy():
    for code, texts in FREE_TEXT.items():
        for t in texts:
            got = map_sector(t)
            assert got == code, "free text %r maps to %r, expected %r" % (t, got, code)
    for code, t in GROUP_FREE_TEXT.items():
        assert map_sector(t) == code, (t, map_sector(t))
    for t in UNMATCHED_TEXT:
        assert map_sector(t) is None, (t, map_sector(t))
    for code, en, ko, parent, kw in SECTORS:
        assert map_sector(code) == code and map_sector(ko) == code and map_sector(en) == code


# --------------------------------------------------------------------------
# FX rates
# --------------------------------------------------------------------------
# Anchor paths (date, usd_per_unit) loosely following 2019-2026; random noise around them.
KRW_ANCHORS = [((2018, 12, 31), 0.000893), ((2019, 8, 1), 0.000826), ((2020, 3, 20), 0.000805),
               ((2021, 1, 4), 0.000899), ((2021, 12, 1), 0.000845), ((2022, 10, 24), 0.000702),
               ((2023, 7, 1), 0.000778), ((2024, 4, 15), 0.000725), ((2024, 12, 30), 0.000703),
               ((2025, 7, 1), 0.000735), ((2026, 12, 28), 0.000722)]
CNY_ANCHORS = [((2018, 12, 31), 0.1455), ((2019, 9, 1), 0.1400), ((2020, 5, 25), 0.1398),
               ((2021, 3, 1), 0.1546), ((2022, 3, 1), 0.1580), ((2022, 11, 1), 0.1372),
               ((2023, 9, 1), 0.1368), ((2024, 7, 1), 0.1376), ((2025, 4, 10), 0.1362),
               ((2025, 12, 1), 0.1408), ((2026, 12, 28), 0.1421)]


def anchor_value(anchors, d):
    pts = [(dt.date(*a), v) for a, v in anchors]
    for (d0, v0), (d1, v1) in zip(pts, pts[1:]):
        if d0 <= d <= d1:
            f = (d - d0).days / (d1 - d0).days
            return v0 + (v1 - v0) * f
    return pts[-1][1]


def gen_fx(rng):
    rows = []
    specs = [("KRW", KRW_ANCHORS, 0.000700, 0.000900, 0.0000045),
             ("CNY", CNY_ANCHORS, 0.1350, 0.1550, 0.00055)]
    series = {}
    for cur, anchors, lo, hi, sigma in specs:
        noise = 0.0
        vals = []
        d = FX_FIRST
        while d <= FX_LAST:
            noise = 0.85 * noise + sigma * rng.normal()
            v = anchor_value(anchors, d) + noise
            v = min(max(v, lo * 1.002), hi * 0.998)
            units = int(v * 1e8 + 0.5)           # 8 decimals
            vals.append((d, units))
            d += dt.timedelta(days=7)
        series[cur] = vals
    d_list = [d for d, _ in series["KRW"]]
    for i, d in enumerate(d_list):
        for cur in ("KRW", "CNY"):
            units = series[cur][i][1]
            rows.append([d.isoformat(), cur, "%d.%08d" % (units // 10 ** 8, units % 10 ** 8)])
    return rows


# --------------------------------------------------------------------------
# Leads and contracts
# --------------------------------------------------------------------------
def edition_days(year):
    d = dt.date(year, 6, 1)
    while d.weekday() != 1:                     # first Tuesday of June
        d += dt.timedelta(days=1)
    beijing = [d + dt.timedelta(days=i) for i in range(4)]            # Tue-Fri
    tianjin = [d + dt.timedelta(days=7), d + dt.timedelta(days=8)]    # next Tue-Wed
    return beijing, tianjin


def group_of(code):
    return code.split("-")[0]


def sector_cell(code, rng):
    x = rng.u()
    if x < 0.30:
        return code
    if x < 0.55:
        return dict((s[0], s[2]) for s in SECTORS)[code]
    if x < 0.65:
        return dict((s[0], s[1]) for s in SECTORS)[code]
    if x < 0.95:
        return rng.choice(FREE_TEXT[code])
    if x < 0.975:
        return rng.choice([group_of(code), GROUP_FREE_TEXT[group_of(code)]])
    return rng.choice(UNMATCHED_TEXT)


def buyer_spelling(bi, rng):
    name = BUYERS[bi][0]
    if name.endswith("股份有限公司"):
        return name
    if name.endswith("有限公司") and rng.chance(0.08):
        return name[:-4]                          # same key without the legal form
    if name.endswith("Co., Ltd.") and rng.chance(0.12):
        return name[:-len("Co., Ltd.")].upper() + "CO.,LTD"
    return name


def company_spelling(ci, rng):
    _, spellings, weights, _ = COMPANIES[ci]
    return rng.wchoice(spellings, weights)


def country_cell(iso, rng):
    if iso == "CN" and rng.chance(0.04):
        return ""
    spellings, weights = COUNTRY_SPELLINGS[iso]
    return rng.wchoice(spellings, weights)


def gen_leads(rng):
    leads_by_year = {}
    history = {}            # company index -> list of buyer indices met before
    for year in EDITIONS:
        beijing, tianjin = edition_days(year)
        participants = sorted(rng.sample(list(range(len(COMPANIES))), COMPANIES_PER_EDITION[year]))
        leads = []
        for _ in range(LEADS_PER_EDITION[year]):
            ci = rng.choice(participants)
            code = rng.choice(COMPANIES[ci][3])
            grp = group_of(code)
            in_tianjin = rng.chance(0.25)
            if in_tianjin:
                date = rng.wchoice(tianjin, [60, 40])
                pool = [i for i, b in enumerate(BUYERS) if b[3] and grp in b[2]]
                if not pool or rng.chance(0.15):
                    pool = [i for i, b in enumerate(BUYERS) if b[3]]
            else:
                date = rng.wchoice(beijing, [30, 30, 25, 15])
                pool = [i for i, b in enumerate(BUYERS) if grp in b[2]]
                if rng.chance(0.15):
                    pool = list(range(len(BUYERS)))
            if history.get(ci) and rng.chance(0.2):
                bi = rng.choice(history[ci])
            else:
                bi = rng.choice(pool)
            history.setdefault(ci, [])
            if bi not in history[ci]:
                history[ci].append(bi)
            cur = rng.wchoice(["KRW", "CNY", "USD"], [75, 15, 10])
            tier = rng.wchoice([(2, 15), (15, 50), (50, 150), (150, 400)], [40, 35, 20, 5])
            usd = nice(rng.int(*tier) * 10000, rng)     # 20k-4M USD, skewed low
            amount = "" if rng.chance(0.04) else to_currency(usd, cur, rng)
            event = ("Tianjin Green Partnership %d" % year) if in_tianjin else ("CIEPEC %d Beijing" % year)
            city = "Tianjin" if in_tianjin else "Beijing"
            leads.append({
                "year": year, "date": date, "ci": ci, "bi": bi, "code": code,
                "event": "" if rng.chance(0.07) else event,
                "city": "" if rng.chance(0.03) else city,
                "company": company_spelling(ci, rng), "buyer": buyer_spelling(bi, rng),
                "country": country_cell(BUYERS[bi][1], rng),
                "sector": sector_cell(code, rng), "amount": amount, "currency": cur,
                "usd": usd, "status": None, "bad": None, "deals": [],
            })
        # stable sort by date keeps the random order within a day
        leads.sort(key=lambda l: l["date"])
        for n, lead in enumerate(leads, 1):
            lead["id"] = "C%d-%04d" % (year, n)
        leads_by_year[year] = leads
    return leads_by_year


def contract_amount(lead, rng, factor_range=(4, 13)):
    """Contract amount as (amount string, currency)."""
    cur = lead["currency"] if rng.chance(0.7) else rng.wchoice(["KRW", "USD", "CNY"], [40, 40, 20])
    usd = lead["usd"] * rng.int(*factor_range) // 10
    if cur == "CNY" and rng.chance(0.4):
        # converted from a KRW quote: cents, not round
        krw = nice(usd * KRW_PER_USD, rng) + rng.int(1, 99) * 10000
        return fmt_cents(krw * 100 // KRW_PER_CNY), cur
    return to_currency(max(usd, 5000), cur, rng), cur


def gen_deals(leads_by_year, rng):
    deals = []
    for year in EDITIONS:
        for lead in leads_by_year[year]:
            if lead["bad"]:
                continue
            mou_lag = None
            if rng.chance(P_MOU):
                mou_lag = rng.int(0, 3) if rng.chance(0.55) else rng.int(10, 120)
                amount = "" if rng.chance(0.5) else contract_amount(lead, rng, (5, 20))[0]
                deals.append(make_deal(lead, "MOU", mou_lag, amount, lead["currency"], rng))
            if rng.chance(P_CONTRACT[year]):
                base = mou_lag if mou_lag is not None else 0
                lag = base + rng.wchoice([rng.int(20, 60), rng.int(60, 300), rng.int(300, 420)], [15, 65, 20])
                amount, cur = contract_amount(lead, rng)
                deals.append(make_deal(lead, "contract", lag, amount, cur, rng))
            elif rng.chance(P_LOI):
                amount, cur = contract_amount(lead, rng, (5, 15))
                deals.append(make_deal(lead, "LOI", rng.int(7, 90), "" if rng.chance(0.5) else amount, cur, rng))
    return [d for d in deals if d["date"] <= AS_OF]


def make_deal(lead, kind, lag, amount, cur, rng):
    date = weekday_shift(lead["date"] + dt.timedelta(days=lag))
    lag = (date - lead["date"]).days
    link = lead["id"]
    if lag <= 350 and rng.chance(0.35):
        link = ""                                        # to be attributed by company + buyer
    sector = ""
    if rng.chance(0.12):
        sector = rng.choice([lead["code"], dict((s[0], s[2]) for s in SECTORS)[lead["code"]]])
    deal = {"lead": lead, "type": kind, "date": date, "date_text": date.isoformat(),
            "link": link, "company": company_spelling(lead["ci"], rng),
            "buyer": buyer_spelling(lead["bi"], rng), "amount": amount, "currency": cur,
            "sector": sector, "bad": None}
    lead["deals"].append(deal)
    return deal


def set_statuses(leads_by_year, rng):
    for year in EDITIONS:
        for lead in leads_by_year[year]:
            types = [d["type"] for d in lead["deals"]]
            if "contract" in types:
                st = rng.wchoice(["contracted", "negotiating", ""], [80, 10, 10])
            elif "MOU" in types:
                st = rng.wchoice(["mou", "negotiating", "follow_up"], [75, 15, 10])
            elif year == 2026:
                st = rng.wchoice(["consulted", "follow_up", "negotiating", "dropped", ""], [35, 30, 12, 8, 15])
            else:
                st = rng.wchoice(["consulted", "follow_up", "negotiating", "dropped", ""], [30, 22, 10, 23, 15])
            lead["status"] = st


# --------------------------------------------------------------------------
# Deliberately bad rows
# --------------------------------------------------------------------------
def pick_clean(leads, rng, taken):
    """A lead with an amount, no bad flag, not already used for a bad row."""
    pool = [l for l in leads if not l["bad"] and l["amount"] and l["id"] not in taken]
    lead = pool[rng.int(len(pool) // 4, 3 * len(pool) // 4)]
    taken.append(lead["id"])
    return lead


def mark_bad_leads(leads_by_year, rng):
    """Flag leads that will be corrupted; done before contracts so none link to them."""
    taken = []
    l = pick_clean(leads_by_year[2021], rng, taken)
    l["bad"] = ("amount", "12만x", "amount `12만x` (magnitude followed by garbage)", "bad_money")
    l = pick_clean(leads_by_year[2022], rng, taken)
    l["bad"] = ("status", "pending", "status `pending` (not in the enum)", "bad_enum")
    l = pick_clean(leads_by_year[2023], rng, taken)
    l["bad"] = ("company", "", "company cell empty", "missing_required")
    l = pick_clean(leads_by_year[2025], rng, taken)
    l["bad"] = ("currency", "XYZ", "currency `XYZ` (not ISO 4217)", "unknown_currency")
    return taken


def lead_row(lead):
    return [lead["id"], lead["date"].isoformat(), lead["event"], lead["city"], lead["company"],
            lead["buyer"], lead["country"], lead["sector"], lead["amount"], lead["currency"],
            lead["status"]]


def deal_row(deal):
    return [deal["id"], deal["link"], deal["date_text"], deal["company"], deal["buyer"],
            deal["type"], deal["amount"], deal["currency"], deal["sector"]]


def build_files(rng):
    self_check_taxonomy()
    files = {}          # relative path -> (header, [items]); item = ("row", cells, bad) | ("blank",)

    files["sectors.csv"] = (["code", "name_en", "name_ko", "parent", "keywords"],
                            [("row", list(s), None) for s in SECTORS])
    files["fx_rates.csv"] = (["date", "currency", "usd_per_unit"],
                             [("row", r, None) for r in gen_fx(rng)])

    leads_by_year = gen_leads(rng)
    taken = mark_bad_leads(leads_by_year, rng)
    deals = gen_deals(leads_by_year, rng)
    set_statuses(leads_by_year, rng)
    all_ids = [l["id"] for y in EDITIONS for l in leads_by_year[y]]

    # --- consultations files
    for year in EDITIONS:
        items = []
        for lead in leads_by_year[year]:
            cells = lead_row(lead)
            bad = None
            if lead["bad"]:
                col, val, what, reason = lead["bad"]
                cells[CONS_HEADER.index(col)] = val
                bad = (what, reason, col, val)
            items.append(("row", cells, bad))
        if year == 2019:
            # exact copy of a row, a few lines further down (exported twice)
            src = pick_clean(leads_by_year[2019], rng, taken)
            pos = [i for i, it in enumerate(items) if it[1][0] == src["id"]][0]
            items.insert(pos + 3, ("row", list(items[pos][1]),
                                   ("exact copy of the row of %s (line %%d)" % src["id"],
                                    "duplicate_row", "consultation_id", src["id"])))
        if year == 2024:
            # an id reused later with other content (different buyer, amount, date)
            src = pick_clean(leads_by_year[2024], rng, taken)
            other_bi = [i for i, b in enumerate(BUYERS) if b[1] == "CN" and i != src["bi"]]
            bi = rng.choice(other_bi)
            beijing, tianjin = edition_days(2024)
            cells = lead_row(src)
            cells[1] = tianjin[1].isoformat()
            cells[2] = "Tianjin Green Partnership 2024"
            cells[3] = "Tianjin"
            cells[5] = BUYERS[bi][0]
            cells[6] = "CN"
            cells[8] = "450000000"
            cells[9] = "KRW"
            cells[10] = "follow_up"
            items.append(("row", cells, ("id %s reused with other content (first at line %%d)" % src["id"],
                                         "duplicate_id", "consultation_id", src["id"])))
        if year == 2025:
            items.insert(len(items) // 2, ("blank",))
        files["%s/consultations-%d.csv" % (SUBDIR, year)] = (CONS_HEADER, items)

    # --- extra contract rows: unattributable and bad
    pairs = [(l["ci"], l["bi"]) for y in EDITIONS for l in leads_by_year[y]]
    extras = []

    def outside(ci, buyer, date, kind, amount, cur, link="", bad=None):
        extras.append({"lead": None, "type": kind, "date": date, "date_text": date.isoformat(),
                       "link": link, "company": company_spelling(ci, rng), "buyer": buyer,
                       "amount": amount, "currency": cur, "sector": "", "bad": bad})

    # unattributable: pairs that never met at the programme
    unpaired = [(ci, bi) for ci in range(len(COMPANIES)) for bi in range(len(BUYERS))
                if (ci, bi) not in pairs and BUYERS[bi][1] == "CN"
                and any(group_of(c) in BUYERS[bi][2] for c in COMPANIES[ci][3])]
    for date, cur, amt in [(dt.date(2022, 9, 14), "KRW", "380000000"),
                           (dt.date(2024, 11, 5), "USD", "215000"),
                           (dt.date(2025, 3, 20), "CNY", "1860000")]:
        ci, bi = rng.choice(unpaired)
        outside(ci, BUYERS[bi][0], date, "contract", amt, cur)
    outside(rng.int(0, len(COMPANIES) - 1), OUTSIDE_BUYERS[0][0], dt.date(2026, 4, 8), "contract", "2400000", "CNY")
    outside(rng.int(0, len(COMPANIES) - 1), OUTSIDE_BUYERS[1][0], dt.date(2023, 10, 16), "LOI", "", "USD")
    # a link to a lead id that does not exist (typo), pair never met -> no attribution
    missing_id = "C2023-0999"
    assert missing_id not in all_ids
    ci, bi = rng.choice(unpaired)
    outside(ci, BUYERS[bi][0], dt.date(2023, 12, 4), "contract", "520000000", "KRW", link=missing_id)

    # bad: dated before the first KRW rate
    ci = [i for i, c in enumerate(COMPANIES) if c[0] == "한빛자원"][0]
    outside(ci, "唐山曹妃甸再生资源有限公司", dt.date(2018, 6, 1), "contract", "85000000", "KRW",
            bad=("dated 2018-06-01 in KRW, before the first KRW rate (2018-12-31)", "no_fx_rate",
                 "currency", "KRW"))
    extras[-1]["file_year"] = 2019
    # bad: negative amount (a cancellation keyed as a negative contract)
    src = [l for l in leads_by_year[2023] if not l["bad"] and l["amount"] and l["currency"] == "KRW"][5]
    d = make_deal(src, "contract", 98, "-" + src["amount"], "KRW", rng)
    d["link"] = src["id"]
    d["bad"] = ("amount `-%s` (negative)" % src["amount"], "negative_amount", "amount", d["amount"])
    src["deals"].remove(d)
    extras.append(d)
    # bad: impossible date, for a 2025 lead
    src = [l for l in leads_by_year[2025] if not l["bad"] and l["amount"]][12]
    d = make_deal(src, "contract", 0, src["amount"], src["currency"], rng)
    src["deals"].remove(d)
    d["date"] = dt.date(2026, 2, 27)
    d["date_text"] = "2026-02-30"
    d["link"] = src["id"]
    d["bad"] = ("date `2026-02-30` (impossible date)", "bad_date", "date", "2026-02-30")
    extras.append(d)

    by_file = {y: [] for y in EDITIONS}
    for d in deals + extras:
        y = d.get("file_year", d["date"].year)
        if y == 2020:
            y = 2019          # no 2020 edition: the 2019 tracker stayed open until 2021
        by_file[y].append(d)
    for year in EDITIONS:
        ds = by_file[year]
        ds.sort(key=lambda d: d["date"])
        items = []
        for n, d in enumerate(ds, 1):
            d["id"] = "CT%d-%03d" % (year, n)
            bad = None
            if d["bad"]:
                what, reason, col, val = d["bad"]
                bad = (what, reason, col, val)
            items.append(("row", deal_row(d), bad))
        files["%s/contracts-%d.csv" % (SUBDIR, year)] = (CONT_HEADER, items)
    return files, leads_by_year, deals, extras


def render(header, items):
    """CSV text and the bad-row list with 1-based physical line numbers (header = 1)."""
    sio = io.StringIO()
    w = csv.writer(sio, lineterminator="\n")
    w.writerow(header)
    line = 1
    bads = []
    first_line_of_id = {}
    blank_lines = []
    rows = 0
    for it in items:
        line += 1
        if it[0] == "blank":
            sio.write("\n")
            blank_lines.append(line)
            continue
        cells = it[1]
        assert not any("\n" in c or "\r" in c for c in cells)
        w.writerow(cells)
        rows += 1
        first_line_of_id.setdefault(cells[0], line)
        if it[2]:
            bads.append((line, it[2]))
    out = []
    for line, (what, reason, col, val) in bads:
        if "%d" in what:
            what = what % first_line_of_id[val]
        out.append((line, what, reason, col))
    return sio.getvalue(), out, blank_lines, rows


def write_readme(path, summary, bad_rows, blanks, seed):
    lines = []
    lines.append("# SampleData\n")
    lines.append(
        "A seeded, invented sample modeled on the follow-up of a Korea–China green-industry "
        "delegation: 14 Korean green-tech exhibitors (hydrogen production, storage and purification; "
        "waste and EV battery recycling; solar-panel recycling and PV material recovery; water "
        "treatment and smart water management; dust and VOC/odour control; air and water monitoring) "
        "meeting about 60 buyers (mostly Chinese, written in Chinese or pinyin/English, a few from "
        "Vietnam, Mongolia and Kazakhstan) at CIEPEC in Beijing (first Tuesday–Friday of June) and a "
        "Tianjin partner-city programme the following Tuesday–Wednesday, editions 2019 and 2021–2026 "
        "(no 2020 edition). `sectors.csv` is a two-level taxonomy (6 groups, 13 sectors, keywords in "
        "Korean, English and Chinese); `fx_rates.csv` has weekly KRW and CNY rates (Mondays "
        "2018-12-31 … 2026-12-28, seeded random walk around a plausible path); "
        "`ciepec-2026/consultations-<year>.csv` holds the one-on-one consultations (leads) of each "
        "edition and `ciepec-2026/contracts-<year>.csv` the contracts, MOUs and LOIs signed in that "
        "calendar year (contracts signed in 2020 are in the 2019 file; a contract often sits in a later "
        "year's file than its lead). Realistic mess that is *not* an error: each company appears in "
        "2–3 spellings with the same key (`(주)한국수소`, `한국수소 주식회사`, `㈜한국수소`), some "
        "buyers without their `有限公司` or as `…CO.,LTD`, buyer_country as `CN`/`China`/`中国` (or "
        "empty), sector cells as a code, a Korean or English name, free text containing a keyword, a "
        "group, or text that matches nothing (`기타`, `종합 상담`, `General inquiry`, `其他合作` → "
        "unclassified), some empty event/city/status cells, some empty lead amounts (amount_missing) "
        "and MOU/LOI amounts, a buyer name with embedded quotes and commas (RFC 4180 quoting), about a "
        "third of the contracts with an empty consultation_id (attributed by company + buyer), a few "
        "contracts with buyers never met at the programme (unattributable), and one contract whose "
        "consultation_id `C2023-0999` names no lead (falls back to company + buyer, then none). "
        "The deliberately bad rows are listed below (line = 1-based physical line, header = line 1).\n")
    lines.append("| file | line | what is wrong | expected reject (column) |")
    lines.append("|---|---|---|---|")
    for f, line, what, reason, col in bad_rows:
        lines.append("| `%s` | %d | %s | `%s` (%s) |" % (f, line, what, reason, col))
    for f, line in blanks:
        lines.append("| `%s` | %d | blank line | none: skipped, not read (manifest counts it as blank) |" % (f, line))
    read = sum(n for f, n in summary if "consultations-" in f or "contracts-" in f)
    dup = sum(1 for b in bad_rows if b[3] == "duplicate_row")
    rej = len(bad_rows) - dup
    lines.append("")
    lines.append("Expected summary counts over consultations and contracts: rows_read %d, rows_accepted %d, "
                 "rows_rejected %d, rows_duplicate %d. No contract is dated after %s; fx_rates.csv and "
                 "sectors.csv have no bad rows.\n" % (read, read - rej - dup, rej, dup, AS_OF.isoformat()))
    lines.append("Files and data rows (records after the header, blank lines excluded):\n")
    lines.append("| file | rows |")
    lines.append("|---|---|")
    for f, n in summary:
        lines.append("| `%s` | %d |" % (f, n))
    lines.append("")
    lines.append("Regenerate (deterministic, seed %d, standard library only; byte-identical output):\n" % seed)
    lines.append("```\npython3 SampleData/generate.py\n```\n")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    rng = Rng(args.seed)
    files, leads_by_year, deals, extras = build_files(rng)

    os.makedirs(os.path.join(args.out, SUBDIR), exist_ok=True)
    summary, bad_rows, blanks = [], [], []
    for rel in sorted(files):
        header, items = files[rel]
        text, bads, blank_lines, rows = render(header, items)
        with open(os.path.join(args.out, rel), "wb") as fh:
            fh.write(text.encode("utf-8"))
        summary.append((rel, rows))
        for line, what, reason, col in bads:
            bad_rows.append((rel, line, what, reason, col))
        for line in blank_lines:
            blanks.append((rel, line))
    write_readme(os.path.join(args.out, "README.md"), summary, bad_rows, blanks, args.seed)

    for rel, n in summary:
        print("%-40s %5d rows" % (rel, n))
    n_leads = sum(n for r, n in summary if "consultations-" in r)
    n_deals = sum(n for r, n in summary if "contracts-" in r)
    print("consultation rows %d, contract rows %d" % (n_leads, n_deals))
    kinds = {}
    for d in deals + extras:
        kinds[d["type"]] = kinds.get(d["type"], 0) + 1
    print("contract rows by type: %s" % ", ".join("%s %d" % (k, kinds[k]) for k in sorted(kinds)))
    for f, line, what, reason, col in bad_rows:
        print("BAD %s:%d %s -> %s (%s)" % (f, line, what, reason, col))
    for f, line in blanks:
        print("BLANK %s:%d" % (f, line))


if __name__ == "__main__":
    main()
