#!/usr/bin/env python3
"""Independent reference implementation of the `outcomes` data contract.

Reads consultation logs, contract logs, FX rates and a sector taxonomy, and writes the ten CSV
outputs of shared/CONTRACT.md sections 2-3 (summary, sectors, companies, events, countries,
monthly, funnel, leads, contracts, rejects), following section 4 and the choices in README.md.
Standard library only; money is Decimal and integer cents, never float.

Scope (what the Swift tool does and this script does not): no manifest.json, no xlsx/html; an
input file is decoded as UTF-8 (BOM stripped), else CP949 as a whole, so there is no per-record
encoding_error. Everything else in the contract is implemented.

Usage:
  python3 outcomes_ref.py --consultations F [F...] --contracts F [F...] --fx-rates F \
      --sectors F --currency KRW --event "EVENT" --window 365 --base DIR --out OUTDIR
"""

import argparse
import bisect
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from fractions import Fraction

# ---------------------------------------------------------------------------------------------
# Vocabulary of the contract

LEAD_COLUMNS = ["consultation_id", "date", "event", "city", "company", "buyer", "buyer_country",
                "sector", "amount", "currency", "status"]
CONTRACT_COLUMNS = ["contract_id", "consultation_id", "date", "company", "buyer", "type",
                    "amount", "currency", "sector"]
LEAD_REQUIRED = ["consultation_id", "date", "company", "buyer", "sector", "amount"]
CONTRACT_REQUIRED = ["contract_id", "date", "company", "buyer"]

# Aliases of a column apply in both tables (section 4); `id` means the table's own id.
ALIASES = {
    "consultation_id": ["lead_id", "상담번호", "상담id", "编号"],
    "contract_id": ["계약번호", "合同编号"],
    "date": ["consultation_date", "상담일", "상담일자", "日期", "signed_date", "contract_date",
             "계약일", "체결일", "签约日期"],
    "event": ["exhibition", "program", "행사명", "展会"],
    "city": ["venue", "도시", "城市"],
    "company": ["exhibitor", "참가기업", "기업명", "업체명", "企业"],
    "buyer": ["buyer_name", "바이어", "바이어명", "采购商", "买家"],
    "buyer_country": ["country", "국가", "国家"],
    "sector": ["industry", "분야", "산업분야", "行业"],
    "amount": ["consultation_amount", "상담액", "상담금액", "金额", "contract_amount", "계약액",
               "계약금액"],
    "currency": ["통화", "币种"],
    "status": ["stage", "상태", "状态"],
    "type": ["contract_type", "구분", "유형"],
}

STAGES = ["consulted", "follow_up", "negotiating", "mou", "contracted"]
STATUS_ALIASES = {s: s for s in STAGES + ["dropped"]}
STATUS_ALIASES.update({"상담": "consulted", "후속상담": "follow_up", "협상중": "negotiating",
                       "mou체결": "mou", "계약": "contracted", "중단": "dropped"})
TYPE_ALIASES = {"contract": "contract", "mou": "mou", "loi": "loi", "계약": "contract",
                "수출계약": "contract", "업무협약": "mou"}

ISO_4217 = set("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY
TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD
XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWL""".split())

# Currency marks (1.5), compared case-insensitively. `¥` alone means CNY.
MARKS = {"us$": "USD", "usd": "USD", "$": "USD", "krw": "KRW", "₩": "KRW", "원": "KRW",
         "cny": "CNY", "rmb": "CNY", "元": "CNY", "¥": "CNY", "eur": "EUR", "€": "EUR"}
MARKS_LONGEST_FIRST = sorted(MARKS, key=len, reverse=True)

ISO_3166_ALPHA2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())
COUNTRY_NAMES = {
    "china": "CN", "中国": "CN", "중국": "CN",
    "vietnam": "VN", "베트남": "VN", "越南": "VN",
    "united states": "US", "usa": "US", "미국": "US", "美国": "US",
    "japan": "JP", "일본": "JP", "日本": "JP",
    "mongolia": "MN", "몽골": "MN", "kazakhstan": "KZ", "카자흐스탄": "KZ", "prc": "CN",
    "korea": "KR", "south korea": "KR", "한국": "KR", "韩国": "KR",
}

CJK_LEGAL_FORMS = sorted(["(주)", "주식회사", "(유)", "유한회사", "유한책임회사", "합자회사",
                          "합명회사", "有限公司", "股份有限公司", "有限责任公司", "有限責任公司"],
                         key=len, reverse=True)
LATIN_LEGAL_FORMS = re.compile(r"(?<!\w)(?:co|ltd|inc|corp|limited|llc)\.?(?!\w)")


# ---------------------------------------------------------------------------------------------
# Small helpers

def nfkc(text):
    return unicodedata.normalize("NFKC", text)


def fold(text):
    """NFKC, case-fold and trim: the normalization of headers, enums, sectors, countries."""
    return nfkc(text).casefold().strip()


def utf8_key(text):
    return text.encode("utf-8")


@dataclass
class Reject:
    file: str
    line: int
    column: str
    value: str
    reason: str
    message: str

    def sort_key(self):
        return (utf8_key(self.file), self.line, utf8_key(self.column), self.reason)


class FatalInputError(Exception):
    """A problem that stops the run (exit 2): missing required column, unreadable file."""


# ---------------------------------------------------------------------------------------------
# CSV reading: RFC 4180 records with the physical line each starts on

def decode_file(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp949")
        except UnicodeDecodeError as err:
            raise FatalInputError(f"{path}: neither UTF-8 nor CP949 ({err})")


def detect_delimiter(text):
    """Counts , TAB ; outside quotes on the header line; ties go comma, tab, semicolon."""
    counts = {",": 0, "\t": 0, ";": 0}
    in_quotes = False
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "\r\n":
            break
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    return max([",", "\t", ";"], key=lambda d: counts[d])  # max keeps the first of equals


def split_records(text, delim):
    """Yields (start_line, fields) per record; fields is None for an unterminated quote.

    A quote opens a quoted field only at the start of a field; elsewhere it is literal.
    CRLF and CR inside quotes become LF.
    """
    i, n, line = 0, len(text), 1
    while i < n:
        start, fields, buf = line, [], []
        in_quotes, at_start = False, True
        while True:
            if i >= n:
                if in_quotes:
                    yield start, None
                else:
                    fields.append("".join(buf))
                    yield start, fields
                return
            ch = text[i]
            if in_quotes:
                if ch == '"' and text[i + 1:i + 2] == '"':
                    buf.append('"')
                    i += 2
                elif ch == '"':
                    in_quotes = False
                    i += 1
                elif ch in "\r\n":
                    i += 2 if text[i:i + 2] == "\r\n" else 1
                    buf.append("\n")
                    line += 1
                else:
                    buf.append(ch)
                    i += 1
                continue
            if ch == '"' and at_start:
                in_quotes, at_start = True, False
                i += 1
            elif ch == delim:
                fields.append("".join(buf))
                buf, at_start = [], True
                i += 1
            elif ch in "\r\n":
                i += 2 if text[i:i + 2] == "\r\n" else 1
                line += 1
                fields.append("".join(buf))
                yield start, fields
                break
            else:
                buf.append(ch)
                at_start = False
                i += 1


def column_map(header, columns, own_id):
    """Maps canonical column -> field index; the first header naming a column wins."""
    lookup = {fold(col): col for col in columns}
    for col in columns:
        for name in ALIASES.get(col, []) + (["id"] if col == own_id else []):
            lookup.setdefault(fold(name), col)
    positions = {}
    for idx, name in enumerate(header):
        col = lookup.get(fold(name))
        if col is not None and col not in positions:
            positions[col] = idx
    return positions


@dataclass
class Table:
    path: str      # relative to --base, '/' separated
    positions: dict
    records: list  # (line, {canonical: trimmed cell}) for well-formed records
    rejects: list  # malformed_row rejects


def read_table(path, rel, columns, required, own_id):
    text = decode_file(path)
    delim = detect_delimiter(text)
    records = list(split_records(text, delim))
    if not records or records[0][1] is None:
        raise FatalInputError(f"{rel}: no header row")
    header = [h.strip() for h in records[0][1]]
    while header and header[-1] == "":
        header.pop()
    positions = column_map(header, columns, own_id)
    missing = [c for c in required if c not in positions]
    if missing:
        raise FatalInputError(f"{rel}: missing required column(s) {', '.join(missing)}")
    width = len(header)
    table = Table(rel, positions, [], [])
    for line, fields in records[1:]:
        if fields is None:
            table.rejects.append(Reject(rel, line, "", "", "malformed_row", "unterminated quote"))
            continue
        cells = [f.strip() for f in fields]
        if all(c == "" for c in cells):
            continue  # blank line or Excel's ,,,, : not read
        if len(cells) < width or any(c != "" for c in cells[width:]):
            table.rejects.append(Reject(rel, line, "", "", "malformed_row",
                                        f"expected {width} fields, found {len(cells)}"))
            continue
        table.records.append((line, {c: cells[i] for c, i in positions.items()}))
    return table


# ---------------------------------------------------------------------------------------------
# Value parsing: dates, money, currencies, enums, countries, names

DATE_FORMS = [
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})()\.\s*(\d{1,2})\.\s*(\d{1,2})\.?"),
    re.compile(r"(\d{4})()(\d{2})(\d{2})"),
    re.compile(r"(\d{4})\s*년()\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"),
    re.compile(r"(\d{4})\s*年()\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
]
# A time after the date (README): `10:00`, `0:00:00.000`, `3:00 PM`, `오후 3:00:00` (also 오전, 上午,
# 下午, AM, PM first), after spaces or a T, with an optional zone (Z, +09:00, -0500).
TIME_SUFFIX = re.compile(r"(?:[ T]+(?:(?:오전|오후|上午|下午|AM|PM|am|pm) *)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"
                         r"(?: ?(?:AM|PM)| (?:am|pm))?(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_date(text):
    """Returns a date or None for anything not in the 1.5 forms or impossible."""
    for form in DATE_FORMS:
        m = form.match(text)
        if m and TIME_SUFFIX.fullmatch(text, m.end()):
            try:
                return date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
            except ValueError:
                return None
    return None


class MoneyError(Exception):
    def __init__(self, reason):
        self.reason = reason


PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?"                          # 1200000.5
                          r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"            # 1,200,000.5
                          r"|\d{1,3}(?:[\u2009\u202f]\d{3})+(?:\.\d+)?")  # thin spaces
LATIN_MAGNITUDE = {"k": Decimal(10) ** 3, "m": Decimal(10) ** 6, "b": Decimal(10) ** 9}
# 萬 and 億 (traditional forms, which CP949 has and 万 is not in) read as 万 and 亿 (README).
CJK_UNITS = {"천": 3, "千": 3, "만": 4, "万": 4, "억": 8, "亿": 8, "萬": 4, "億": 8}
# Grouped numbers first, so `5,400만` is read whole (`\d+` alone stopped at the comma).
_CJK_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u2009\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
CJK_TOKEN = re.compile(r"\s*(" + _CJK_NUMBER + r")?\s*([천千만万억亿萬億])?")


def parse_number(text):
    if not PLAIN_NUMBER.fullmatch(text):
        raise MoneyError("bad_money")
    return Decimal(re.sub(r"[,\u2009\u202f]", "", text))


def strip_marks(text):
    """Removes one currency mark at the start and/or end; returns (rest, currency or None)."""
    found = []
    for mark in MARKS_LONGEST_FIRST:
        if text[:len(mark)].casefold() == mark:
            found.append(MARKS[mark])
            text = text[len(mark):].strip()
            break
    for mark in MARKS_LONGEST_FIRST:
        if len(text) > len(mark) and text[-len(mark):].casefold() == mark:
            found.append(MARKS[mark])
            text = text[:-len(mark)].strip()
            break
    if len(set(found)) > 1:
        raise MoneyError("bad_money")
    return text, (found[0] if found else None)


def parse_cjk(text):
    """`1억 2천만` style: 천 within a 만/억 group, groups strictly decreasing."""
    total, group, last_big, pos = Decimal(0), Decimal(0), 99, 0
    small_used = False
    while pos < len(text):
        m = CJK_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise MoneyError("bad_money")
        pos = m.end()
        num = parse_number(m.group(1)) if m.group(1) else None
        unit = m.group(2)
        if unit is None:  # a plain number is allowed only last, in units of one
            if pos != len(text):
                raise MoneyError("bad_money")
            group += num
            continue
        power = CJK_UNITS[unit]
        if power == 3:
            if small_used:
                raise MoneyError("bad_money")
            group += (num if num is not None else 1) * 1000
            small_used = True
        else:
            if power >= last_big:
                raise MoneyError("bad_money")
            value = group + (num if num is not None else (0 if group else 1))
            total += value * Decimal(10) ** power
            group, last_big, small_used = Decimal(0), power, False
    return total + group


def parse_money(text):
    """Returns (amount, mark currency or None); raises MoneyError(bad_money|negative_amount)."""
    text = nfkc(text)
    negative = text.startswith("-") or text.startswith("\u2212")
    body = text[1:].strip() if negative else text
    body, mark = strip_marks(body)
    if not body:
        raise MoneyError("bad_money")
    if any(u in body for u in CJK_UNITS):
        if re.search(r"[kKmMbB]", body):
            raise MoneyError("bad_money")
        amount = parse_cjk(body)
    else:
        m = re.fullmatch(r"(.*?)\s*([kKmMbB])?", body)
        amount = parse_number(m.group(1))
        if m.group(2):
            amount *= LATIN_MAGNITUDE[m.group(2).lower()]
    if negative and amount != 0:
        raise MoneyError("negative_amount")
    return amount, mark


def resolve_currency(text):
    """Currency column cell -> ISO code; None when not a currency."""
    code = nfkc(text).strip()
    if code.upper() in ISO_4217:
        return code.upper()
    return MARKS.get(code.casefold())


def parse_enum(text, aliases):
    return aliases.get(re.sub(r"[ \-]", "_", fold(text)))


def parse_country(text):
    folded = fold(text)
    if folded.upper() in ISO_3166_ALPHA2:
        return folded.upper()
    return COUNTRY_NAMES.get(folded, "")


def name_key(text):
    """NFKC, case-fold, drop legal forms, drop Unicode categories P, Z, C."""
    s = nfkc(text).casefold()
    for form in CJK_LEGAL_FORMS:
        s = s.replace(form, " ")
    s = LATIN_LEGAL_FORMS.sub(" ", s)
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PZC")


def fmt_amount(d):
    """The parsed amount as a plain decimal, trailing zeros dropped."""
    if d == 0:
        return "0"
    return format(d.normalize(), "f")


def fmt_cents(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def fmt_fixed(value, places):
    """An exact Fraction rounded half-even to `places` decimals."""
    scaled = round(Fraction(value) * 10 ** places)  # Fraction rounds half to even
    sign = "-" if scaled < 0 else ""
    scaled = abs(scaled)
    whole, frac = divmod(scaled, 10 ** places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def fmt_ratio(num, den):
    return "" if den == 0 else fmt_fixed(Fraction(num, den), 4)


# ---------------------------------------------------------------------------------------------
# Reference tables: taxonomy and FX

@dataclass
class Sector:
    index: int
    code: str
    name_en: str
    name_ko: str
    parent: str
    keywords: list

    @property
    def name(self):
        return self.name_en or self.name_ko


class Taxonomy:
    UNCLASSIFIED = "unclassified"

    def __init__(self, rows):
        self.rows = rows
        self.by_code = {r.code: r for r in rows}
        self.exact = {}
        for r in rows:
            for value in [r.code, r.name_en, r.name_ko] + r.keywords:
                if fold(value):
                    self.exact.setdefault(fold(value), r)

    def classify(self, text):
        t = fold(text)
        if t in self.exact:
            return self.exact[t].code
        best = None
        for r in self.rows:
            for kw in r.keywords:
                k = fold(kw)
                if k and k in t and (best is None or len(k) > best[0]):
                    best = (len(k), r)
        return best[1].code if best else self.UNCLASSIFIED

    def parent_of(self, code):
        r = self.by_code.get(code)
        return r.parent if r else ""

    def is_group(self, code):
        r = self.by_code.get(code)
        return r is not None and r.parent == ""


def load_taxonomy(path, rel, rejects):
    text = decode_file(path)
    records = list(split_records(text, detect_delimiter(text)))
    header = [h.strip() for h in records[0][1]]
    pos = column_map(header, ["code", "name_en", "name_ko", "parent", "keywords"], None)
    if "code" not in pos:
        raise FatalInputError(f"{rel}: missing required column code")
    candidates, seen = [], {}
    for line, fields in records[1:]:
        if fields is None:
            rejects.append(Reject(rel, line, "", "", "malformed_row", "unterminated quote"))
            continue
        cells = [f.strip() for f in fields]
        if all(c == "" for c in cells):
            continue
        get = lambda c: cells[pos[c]] if c in pos and pos[c] < len(cells) else ""
        row = (get("code"), get("name_en"), get("name_ko"), get("parent"), get("keywords"))
        if not row[0]:
            rejects.append(Reject(rel, line, "code", "", "bad_taxonomy_row", "code is empty"))
        elif row[0] in seen:
            if seen[row[0]] != row:
                rejects.append(Reject(rel, line, "code", row[0], "bad_taxonomy_row",
                                      "code repeated with different content"))
        else:
            seen[row[0]] = row
            candidates.append((line, row))
    groups = {row[0] for _, row in candidates if row[3] == ""}
    sectors = []
    for line, (code, en, ko, parent, kws) in candidates:
        if parent and parent not in groups:
            rejects.append(Reject(rel, line, "parent", parent, "bad_taxonomy_row",
                                  "parent is not a group"))
            continue
        keywords = [k.strip() for k in kws.split("|") if k.strip()]
        sectors.append(Sector(len(sectors), code, en, ko, parent, keywords))
    return Taxonomy(sectors)


class FXTable:
    def __init__(self):
        self.rates = {}  # currency -> sorted [(date, Decimal)]

    def rate(self, currency, day):
        """Latest rate on or before `day`; USD is 1; None when there is none."""
        if currency == "USD":
            return Decimal(1)
        series = self.rates.get(currency, [])
        i = bisect.bisect_right(series, (day, Decimal("Infinity")))
        return series[i - 1][1] if i else None


def load_fx(path, rel, rejects):
    text = decode_file(path)
    records = list(split_records(text, detect_delimiter(text)))
    header = [h.strip() for h in records[0][1]]
    pos = column_map(header, ["date", "currency", "usd_per_unit"], None)
    for col in ["date", "currency", "usd_per_unit"]:
        if col not in pos:
            raise FatalInputError(f"{rel}: missing required column {col}")
    fx, seen = FXTable(), {}
    for line, fields in records[1:]:
        if fields is None:
            rejects.append(Reject(rel, line, "", "", "malformed_row", "unterminated quote"))
            continue
        cells = [f.strip() for f in fields]
        if all(c == "" for c in cells):
            continue
        get = lambda c: cells[pos[c]] if pos[c] < len(cells) else ""
        day, cur = parse_date(get("date")), resolve_currency(get("currency"))
        rate_text = get("usd_per_unit")
        rate = Decimal(rate_text) if re.fullmatch(r"\d+(?:\.\d+)?", rate_text) else None
        bad = []
        if day is None:
            bad.append(("date", get("date"), "not a valid date"))
        if cur is None:
            bad.append(("currency", get("currency"), "unknown currency"))
        if rate is None or rate <= 0:
            bad.append(("usd_per_unit", rate_text, "not a positive plain decimal"))
        for col, value, msg in bad:
            rejects.append(Reject(rel, line, col, value, "bad_fx_rate", msg))
        if bad or cur == "USD":
            continue
        if (day, cur) in seen:
            if seen[(day, cur)] != rate:
                rejects.append(Reject(rel, line, "usd_per_unit", rate_text, "duplicate_id",
                                      f"another rate for {cur} on {day.isoformat()}"))
            continue
        seen[(day, cur)] = rate
        fx.rates.setdefault(cur, []).append((day, rate))
    for series in fx.rates.values():
        series.sort()
    return fx


# ---------------------------------------------------------------------------------------------
# Row validation: leads and contracts

@dataclass
class Lead:
    id: str
    date: date
    event: str
    city: str
    company_raw: str
    company_key: str
    buyer_raw: str
    buyer_key: str
    country: str
    sector_code: str
    amount: object       # Decimal or None (amount_missing)
    currency: str
    cents: int
    status: str
    file: str
    line: int
    order: int = 0
    contracts: list = field(default_factory=list)  # attributed, all types


@dataclass
class Contract:
    id: str
    link: str            # consultation_id cell, NFKC-trimmed
    date: date
    company_raw: str
    company_key: str
    buyer_raw: str
    buyer_key: str
    type: str
    amount: object       # Decimal or None
    currency: str
    cents: object        # int or None
    sector_text: str
    file: str
    line: int
    lead: object = None
    attribution: str = "none"
    sector_code: str = ""


class RowCheck:
    """Collects the problems of one row; each column is checked on its own."""

    def __init__(self, rel, line, cells):
        self.rel, self.line, self.cells, self.problems = rel, line, cells, []

    def cell(self, col):
        return self.cells.get(col, "")

    def fail(self, col, reason, message, value=None):
        self.problems.append(Reject(self.rel, self.line, col, self.cell(col) if value is None
                                    else value, reason, message))

    def required(self, col):
        if self.cell(col) == "":
            self.fail(col, "missing_required", f"{col} is required")
            return False
        return True

    def date(self, col="date"):
        if not self.required(col):
            return None
        day = parse_date(self.cell(col))
        if day is None:
            self.fail(col, "bad_date", "not a valid date")
        return day

    def name(self, col):
        if not self.required(col):
            return None
        key = name_key(self.cell(col))
        if not key:
            self.fail(col, "missing_required", f"{col} has no name left after legal forms "
                                               "and punctuation")
            return None
        return key

    def money(self, day, ctx):
        """Returns (amount or None, currency, cents or None); problems go to self.problems."""
        amount = mark = None
        amount_ok = True
        if self.cell("amount") != "":
            try:
                amount, mark = parse_money(self.cell("amount"))
            except MoneyError as err:
                amount_ok = False
                self.fail("amount", err.reason, "amount is negative"
                          if err.reason == "negative_amount" else "not a valid amount")
        column_cur, currency_ok = None, True
        if self.cell("currency") != "":
            column_cur = resolve_currency(self.cell("currency"))
            if column_cur is None:
                currency_ok = False
                self.fail("currency", "unknown_currency", "not a known currency")
        if not (amount_ok and currency_ok) or day is None:
            # currency_conflict and no_fx_rate need a good date, amount and currency
            return amount, column_cur or mark or ctx.currency, None
        if mark and column_cur and mark != column_cur and not (
                mark == "CNY" and column_cur == "JPY" and "¥" in nfkc(self.cell("amount"))):
            self.fail("currency", "currency_conflict",
                      f"amount is marked {mark} but the currency column says {column_cur}")
            return amount, column_cur, None
        currency = column_cur or mark or ctx.currency
        if amount is None:
            return None, currency, None
        rate = ctx.fx.rate(currency, day)
        if rate is None:
            self.fail("currency", "no_fx_rate",
                      f"no {currency} rate on or before {day.isoformat()}")
            return amount, currency, None
        with localcontext() as dc:
            dc.prec = 80
            cents = int((amount * rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
        return amount, currency, cents


def check_lead(rel, line, cells, ctx):
    rc = RowCheck(rel, line, cells)
    rc.required("consultation_id")
    day = rc.date()
    company_key, buyer_key = rc.name("company"), rc.name("buyer")
    rc.required("sector")
    amount, currency, cents = rc.money(day, ctx)
    status = "consulted"
    if rc.cell("status") != "":
        status = parse_enum(rc.cell("status"), STATUS_ALIASES)
        if status is None:
            rc.fail("status", "bad_enum", "unknown status")
    if rc.problems:
        return None, rc.problems
    return Lead(rc.cell("consultation_id"), day, rc.cell("event") or ctx.event, rc.cell("city"),
                rc.cell("company"), company_key, rc.cell("buyer"), buyer_key,
                parse_country(rc.cell("buyer_country")), ctx.taxonomy.classify(rc.cell("sector")),
                amount, currency, cents or 0, status, rel, line), []


def check_contract(rel, line, cells, ctx):
    rc = RowCheck(rel, line, cells)
    rc.required("contract_id")
    day = rc.date()
    company_key, buyer_key = rc.name("company"), rc.name("buyer")
    kind = "contract"
    if rc.cell("type") != "":
        kind = parse_enum(rc.cell("type"), TYPE_ALIASES)
        if kind is None:
            rc.fail("type", "bad_enum", "unknown contract type")
    if kind == "contract" and rc.cell("amount") == "":
        rc.fail("amount", "missing_required", "amount is required for type contract")
    amount, currency, cents = rc.money(day, ctx)
    if rc.problems:
        return None, rc.problems
    return Contract(rc.cell("contract_id"), nfkc(rc.cell("consultation_id")).strip(), day,
                    rc.cell("company"), company_key, rc.cell("buyer"), buyer_key, kind, amount,
                    currency, cents, rc.cell("sector"), rel, line), []


def ingest(tables, columns, id_col, check, ctx, counts):
    """Validates rows in input order; only accepted rows claim ids."""
    accepted, rejects, claimed = [], [], {}
    for table in tables:
        rejects.extend(table.rejects)
        counts["read"] += len(table.records) + len(table.rejects)
        counts["rejected"] += len(table.rejects)
        for line, cells in table.records:
            row, problems = check(table.path, line, cells, ctx)
            if problems:
                rejects.extend(problems)
                counts["rejected"] += 1
                continue
            rid = nfkc(cells.get(id_col, "")).strip()
            identity = tuple(cells.get(c, "") for c in columns)
            if rid in claimed:
                first_identity, first_line = claimed[rid]
                if identity == first_identity:
                    counts["duplicate"] += 1
                else:
                    rejects.append(Reject(
                        table.path, line, id_col, cells[id_col], "duplicate_id",
                        f"id already used at line {first_line} with other content"))
                    counts["rejected"] += 1
                continue
            claimed[rid] = (identity, line)
            counts["accepted"] += 1
            accepted.append(row)
    return accepted, rejects


# ---------------------------------------------------------------------------------------------
# Aggregation: display names, attribution, per-lead results

def display_names(pairs):
    """pairs: (key, raw spelling) in order -> {key: most frequent spelling, first seen on ties}."""
    counts, first = {}, {}
    for i, (key, raw) in enumerate(pairs):
        counts.setdefault(key, {})
        counts[key][raw] = counts[key].get(raw, 0) + 1
        first.setdefault((key, raw), i)
    return {k: min(c, key=lambda raw: (-c[raw], first[(k, raw)])) for k, c in counts.items()}


def attribute(leads, contracts, window, taxonomy):
    by_id = {nfkc(l.id).strip(): l for l in leads}
    by_pair = {}
    for l in leads:
        by_pair.setdefault((l.company_key, l.buyer_key), []).append(l)
    for c in contracts:
        lead = by_id.get(c.link) if c.link else None
        if lead is not None:
            c.lead, c.attribution = lead, "id"
        else:
            best = None
            for l in by_pair.get((c.company_key, c.buyer_key), []):
                if 0 <= (c.date - l.date).days <= window:
                    if best is None or (l.date, l.order) > (best.date, best.order):
                        best = l
            if best is not None:
                c.lead, c.attribution = best, "company_buyer"
        if c.lead is not None:
            c.lead.contracts.append(c)
        if c.sector_text:
            c.sector_code = taxonomy.classify(c.sector_text)
        elif c.lead is not None:
            c.sector_code = c.lead.sector_code
        else:
            c.sector_code = Taxonomy.UNCLASSIFIED


@dataclass
class LeadResult:
    deals: list           # attributed type-contract contracts
    has_mou: bool
    highest: int          # index into STAGES
    dropped: bool

    @property
    def converted(self):
        return bool(self.deals)

    @property
    def first_date(self):
        return min(c.date for c in self.deals) if self.deals else None

    @property
    def stage_reached(self):
        return "dropped" if self.dropped else STAGES[self.highest]


def lead_result(lead):
    deals = [c for c in lead.contracts if c.type == "contract"]
    has_mou = any(c.type == "mou" for c in lead.contracts)
    highest = 0 if lead.status == "dropped" else STAGES.index(lead.status)
    if has_mou:
        highest = max(highest, STAGES.index("mou"))
    if deals:
        highest = STAGES.index("contracted")
    return LeadResult(deals, has_mou, highest, lead.status == "dropped" and not deals)


# ---------------------------------------------------------------------------------------------
# Metrics and breakdowns

BREAKDOWN_COLUMNS = ["leads", "companies", "buyers", "consultation_value_usd", "contracts",
                     "export_value_usd", "mous", "mou_value_usd", "converted_leads",
                     "conversion_rate", "share_of_consultation_value"]


class Agg:
    def __init__(self):
        self.leads = self.value = self.contracts = self.export = 0
        self.mous = self.mou_value = self.converted = 0
        self.companies, self.buyers = set(), set()

    def add_lead(self, lead, result):
        self.leads += 1
        self.companies.add(lead.company_key)
        self.buyers.add(lead.buyer_key)
        self.value += lead.cents
        self.converted += result.converted

    def add_contract(self, c):
        if c.type == "contract":
            self.contracts += 1
            self.export += c.cents
        elif c.type == "mou":
            self.mous += 1
            self.mou_value += c.cents or 0

    def cells(self, total_value):
        return [self.leads, len(self.companies), len(self.buyers), fmt_cents(self.value),
                self.contracts, fmt_cents(self.export), self.mous, fmt_cents(self.mou_value),
                self.converted, fmt_ratio(self.converted, self.leads),
                fmt_ratio(self.value, total_value)]


def group_by(leads, results, contracts, lead_keys, contract_keys):
    """lead_keys / contract_keys return the list of keys a row counts under."""
    aggs = {}
    for lead in leads:
        for k in lead_keys(lead):
            aggs.setdefault(k, Agg()).add_lead(lead, results[id(lead)])
    for c in contracts:
        for k in contract_keys(c):
            aggs.setdefault(k, Agg()).add_contract(c)
    return aggs


def by_value_then_key(aggs, key_bytes):
    return sorted(aggs.items(), key=lambda kv: (-kv[1].value, key_bytes(kv[0])))


def sector_keys(taxonomy, code):
    """The rows a sector code counts under: ('sector'|'group', code)."""
    if code != Taxonomy.UNCLASSIFIED and taxonomy.is_group(code):
        return [("group", code)]
    keys = [("sector", code)]
    parent = taxonomy.parent_of(code)
    if parent:
        keys.append(("group", parent))
    return keys


def summary_rows(counts, leads, results, contracts):
    deals = [c for c in contracts if c.type == "contract"]
    mous = [c for c in contracts if c.type == "mou"]
    converted = [l for l in leads if results[id(l)].converted]
    days = sorted((results[id(l)].first_date - l.date).days for l in converted)
    if not days:
        median = ""
    elif len(days) % 2:
        median = fmt_fixed(Fraction(days[len(days) // 2]), 1)
    else:
        median = fmt_fixed(Fraction(days[len(days) // 2 - 1] + days[len(days) // 2], 2), 1)
    attributed = sum(c.cents for c in deals if c.lead is not None)
    return [
        ("rows_read", counts["read"]), ("rows_accepted", counts["accepted"]),
        ("rows_rejected", counts["rejected"]), ("rows_duplicate", counts["duplicate"]),
        ("leads", len(leads)),
        ("companies", len({l.company_key for l in leads})),
        ("buyers", len({l.buyer_key for l in leads})),
        ("consultation_value_usd", fmt_cents(sum(l.cents for l in leads))),
        ("contracts", len(deals)), ("export_value_usd", fmt_cents(sum(c.cents for c in deals))),
        ("mous", len(mous)), ("mou_value_usd", fmt_cents(sum(c.cents or 0 for c in mous))),
        ("lois", sum(1 for c in contracts if c.type == "loi")),
        ("converted_leads", len(converted)),
        ("conversion_rate", fmt_ratio(len(converted), len(leads))),
        ("attributed_value_usd", fmt_cents(attributed)),
        ("unattributed_value_usd", fmt_cents(sum(c.cents for c in deals) - attributed)),
        ("median_days_to_contract", median),
    ]


# ---------------------------------------------------------------------------------------------
# Output

def csv_field(value):
    s = str(value)
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in [header] + rows:
            f.write(",".join(csv_field(v) for v in row) + "\n")


def write_outputs(out, ctx, counts, leads, contracts, rejects):
    os.makedirs(out, exist_ok=True)
    tax = ctx.taxonomy
    results = {id(l): lead_result(l) for l in leads}
    companies = display_names([(l.company_key, l.company_raw) for l in leads] +
                              [(c.company_key, c.company_raw) for c in contracts])
    buyers = display_names([(l.buyer_key, l.buyer_raw) for l in leads] +
                           [(c.buyer_key, c.buyer_raw) for c in contracts])
    total = sum(l.cents for l in leads)

    write_csv(os.path.join(out, "summary.csv"), ["metric", "value"],
              [list(r) for r in summary_rows(counts, leads, results, contracts)])

    aggs = group_by(leads, results, contracts, lambda l: sector_keys(tax, l.sector_code),
                    lambda c: sector_keys(tax, c.sector_code))
    rows = []
    for (level, code), agg in sorted(aggs.items(), key=lambda kv: (
            -kv[1].value, utf8_key(kv[0][1]), 0 if kv[0][0] == "group" else 1)):
        sector = tax.by_code.get(code)
        name = sector.name if sector else Taxonomy.UNCLASSIFIED
        rows.append([level, code, name, sector.parent if sector else ""] + agg.cells(total))
    write_csv(os.path.join(out, "sectors.csv"),
              ["level", "sector_code", "sector_name", "parent_code"] + BREAKDOWN_COLUMNS, rows)

    aggs = group_by(leads, results, contracts, lambda l: [l.company_key], lambda c: [c.company_key])
    write_csv(os.path.join(out, "companies.csv"), ["company_key", "company"] + BREAKDOWN_COLUMNS,
              [[k, companies[k]] + a.cells(total) for k, a in by_value_then_key(aggs, utf8_key)])

    aggs = group_by(leads, results, contracts, lambda l: [l.event],
                    lambda c: [c.lead.event if c.lead else ""])
    write_csv(os.path.join(out, "events.csv"), ["event"] + BREAKDOWN_COLUMNS,
              [[k] + a.cells(total) for k, a in by_value_then_key(aggs, utf8_key)])

    aggs = group_by(leads, results, contracts, lambda l: [l.country],
                    lambda c: [c.lead.country if c.lead else ""])
    write_csv(os.path.join(out, "countries.csv"), ["buyer_country"] + BREAKDOWN_COLUMNS,
              [[k] + a.cells(total) for k, a in by_value_then_key(aggs, utf8_key)])

    aggs = group_by(leads, results, contracts, lambda l: [l.date.isoformat()[:7]],
                    lambda c: [c.date.isoformat()[:7]])
    write_csv(os.path.join(out, "monthly.csv"), ["month"] + BREAKDOWN_COLUMNS,
              [[k] + a.cells(total) for k, a in sorted(aggs.items())])

    funnel = []
    for i, stage in enumerate(STAGES):
        n = sum(1 for l in leads if results[id(l)].highest >= i)
        funnel.append([stage, n, fmt_ratio(n, len(leads))])
    n = sum(1 for l in leads if results[id(l)].dropped)
    funnel.append(["dropped", n, fmt_ratio(n, len(leads))])
    write_csv(os.path.join(out, "funnel.csv"), ["stage", "leads", "share_of_leads"], funnel)

    rows = []
    for l in leads:
        r = results[id(l)]
        first = r.first_date
        rows.append([l.id, l.date.isoformat(), l.event, l.city, companies[l.company_key],
                     l.company_key, buyers[l.buyer_key], l.buyer_key, l.country, l.sector_code,
                     tax.parent_of(l.sector_code),
                     "" if l.amount is None else fmt_amount(l.amount), l.currency,
                     fmt_cents(l.cents), l.status, r.stage_reached, len(r.deals),
                     fmt_cents(sum(c.cents for c in r.deals)), "true" if r.converted else "false",
                     first.isoformat() if first else "",
                     (first - l.date).days if first else "", l.file, l.line])
    write_csv(os.path.join(out, "leads.csv"),
              ["consultation_id", "date", "event", "city", "company", "company_key", "buyer",
               "buyer_key", "buyer_country", "sector_code", "parent_code", "amount", "currency",
               "amount_usd", "status", "stage_reached", "contracts", "contract_value_usd",
               "converted", "first_contract_date", "days_to_contract", "source_file",
               "source_line"], rows)

    rows = [[c.id, c.type, c.date.isoformat(), companies[c.company_key], c.company_key,
             buyers[c.buyer_key], c.buyer_key, c.sector_code,
             "" if c.amount is None else fmt_amount(c.amount), c.currency,
             "" if c.cents is None else fmt_cents(c.cents), c.lead.id if c.lead else "",
             c.attribution, c.file, c.line] for c in contracts]
    write_csv(os.path.join(out, "contracts.csv"),
              ["contract_id", "type", "date", "company", "company_key", "buyer", "buyer_key",
               "sector_code", "amount", "currency", "amount_usd", "consultation_id", "attribution",
               "source_file", "source_line"], rows)

    write_csv(os.path.join(out, "rejects.csv"),
              ["file", "line", "column", "value", "reason", "message"],
              [[r.file, r.line, r.column, r.value, r.reason, r.message]
               for r in sorted(rejects, key=Reject.sort_key)])


# ---------------------------------------------------------------------------------------------
# Wiring

@dataclass
class Context:
    currency: str
    event: str
    window: int
    taxonomy: Taxonomy
    fx: FXTable


def relative(path, base):
    return os.path.relpath(path, base).replace(os.sep, "/")


def run(args):
    rejects = []
    taxonomy = load_taxonomy(args.sectors, relative(args.sectors, args.base), rejects)
    fx = load_fx(args.fx_rates, relative(args.fx_rates, args.base), rejects)
    ctx = Context(args.currency.upper(), args.event, args.window, taxonomy, fx)

    def tables(paths, columns, required, own_id):
        rels = sorted(((relative(p, args.base), p) for p in paths), key=lambda t: utf8_key(t[0]))
        return [read_table(p, rel, columns, required, own_id) for rel, p in rels]

    counts = {"read": 0, "accepted": 0, "rejected": 0, "duplicate": 0}
    leads, bad = ingest(tables(args.consultations, LEAD_COLUMNS, LEAD_REQUIRED, "consultation_id"),
                        LEAD_COLUMNS, "consultation_id", check_lead, ctx, counts)
    rejects += bad
    for i, lead in enumerate(leads):
        lead.order = i
    contracts, bad = ingest(tables(args.contracts, CONTRACT_COLUMNS, CONTRACT_REQUIRED,
                                   "contract_id"),
                            CONTRACT_COLUMNS, "contract_id", check_contract, ctx, counts)
    rejects += bad
    attribute(leads, contracts, ctx.window, taxonomy)
    write_outputs(args.out, ctx, counts, leads, contracts, rejects)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--consultations", nargs="+", required=True)
    p.add_argument("--contracts", nargs="+", required=True)
    p.add_argument("--fx-rates", required=True)
    p.add_argument("--sectors", required=True)
    p.add_argument("--currency", default="KRW")
    p.add_argument("--event", default="")
    p.add_argument("--window", type=int, default=365)
    p.add_argument("--base", default=".")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    try:
        run(args)
    except FatalInputError as err:
        print(f"outcomes_ref: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
