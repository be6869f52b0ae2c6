#!/usr/bin/env python3
"""Builds SampleData/messy-2025/: the 2025 edition of the sample as Korean agency staff would
export it from Excel, with the same content as its canonical twin.

Reads  SampleData/ciepec-2026/consultations-2025.csv and contracts-2025.csv (canonical form).
Writes SampleData/messy-2025/
  consultations-a.csv  CP949, CRLF, title row + empty row above the header (header_row: 3),
                       Korean headers in another column order, two trailing empty columns,
                       dates `2025. 6. 3.` / `2025년 6월 3일`, amounts in Korean money words
                       (`12억원`, `￦1억 5천만`, `4,100만원`, `350万元`), Korean statuses and
                       countries, other legal-form spellings of the companies.
  consultations-b.txt  UTF-8 with BOM, TAB-separated, LF, English alias headers in another order,
                       dates `2025/06/03` / `20250603`, amounts `USD 1.2M` (USD, exact) or
                       `1,200,000`, statuses `Follow up`, `NEGOTIATING`, ...
  contracts.csv        UTF-8, CRLF, Chinese headers (plus the Korean 상담번호 / 유형 aliases),
                       amounts `186万元`, `￦6억8천만`, `US$110,000`, types 계약/수출계약/MOU/업무협약/LOI.

Every row keeps its id and its meaning: the same amount in the same currency, the same date,
status, country, company key and buyer key (CONTRACT 1.6), the same sector code, so that
`outcomes` gives the same summary.csv for Pipelines/messy-2025.yaml as for
Pipelines/canonical-2025.yaml. The one deliberately bad row of the 2025 files (C2025-0045,
currency `XYZ`) stays bad for the same reason (unknown_currency).

CP949 cannot encode simplified Chinese (环, 绿, 电, 氢, ...) and most buyers are written in it,
so a row goes to the CP949 file only when every cell can be written in CP949 once its country
and (if needed) its sector are written in Korean; every other row goes to consultations-b.txt.
Rows keep their canonical order inside each file. The canonical file's blank line is kept as
Excel writes one (`,,,,`) in consultations-a.csv.

Every cell written is checked against an independent reading of the contract's formats (money,
date, name key, sector mapping, enums): the script fails rather than write a cell that means
something else.

Standard library only; deterministic (seed 20250603, only Random.random() is used).
Usage: python3 SampleData/make_messy.py [--seed N]
"""

import argparse
import csv
import io
import os
import random
import re
import unicodedata
from decimal import Decimal

DEFAULT_SEED = 20250603
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "ciepec-2026")
OUT = os.path.join(HERE, "messy-2025")

# --------------------------------------------------------------------------
# An independent reading of the contract (sections 1.5, 1.6, 1.4, 4) used to check each cell.
# --------------------------------------------------------------------------
MARKS = [("us$", "USD"), ("usd", "USD"), ("krw", "KRW"), ("cny", "CNY"), ("rmb", "CNY"),
         ("eur", "EUR"), ("$", "USD"), ("₩", "KRW"), ("원", "KRW"), ("¥", "CNY"),
         ("元", "CNY"), ("€", "EUR")]
CJK_UNITS = {"천": 3, "千": 3, "만": 4, "万": 4, "억": 8, "亿": 8}
LATIN_MAG = {"k": 3, "m": 6, "b": 9}


def _number(s):
    """Digits with `,` thousands separators grouped by three and an optional decimal part."""
    if not s or s[0] in ".," or s[-1] in ".,":
        raise ValueError(s)
    whole, _, frac = s.partition(".")
    if frac and not frac.isdigit():
        raise ValueError(s)
    groups = whole.split(",")
    if not all(g.isdigit() for g in groups):
        raise ValueError(s)
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError(s)
    return Decimal("".join(groups) + ("." + frac if frac else ""))


def parse_money(cell):
    """(amount, mark currency or None) for a money cell; raises ValueError when unparsable."""
    s = unicodedata.normalize("NFKC", cell).strip()  # NFKC: ￦ -> ₩, （ -> (
    found = []
    changed = True
    while changed:
        changed = False
        for text, code in MARKS:
            if s.lower().startswith(text):
                found.append(code); s = s[len(text):].strip(); changed = True; break
            if s.lower().endswith(text):
                found.append(code); s = s[:-len(text)].strip(); changed = True; break
    if len(set(found)) > 1:
        raise ValueError("two marks")
    if any(ch in CJK_UNITS for ch in s):
        total, group, last_big, has_thousand = Decimal(0), Decimal(0), 99, False
        toks = s.replace(" ", "")
        num = ""
        for ch in toks:
            if ch in CJK_UNITS:
                unit = CJK_UNITS[ch]
                n = _number(num) if num else None
                num = ""
                if unit == 3:
                    if has_thousand or last_big <= 3:
                        raise ValueError("order")
                    group += (n if n is not None else 1) * 1000
                    has_thousand = True
                else:
                    if unit >= last_big:
                        raise ValueError("order")
                    if n is not None:
                        group += n
                    elif group == 0:
                        group = Decimal(1)
                    total += group * (10 ** unit)
                    group, has_thousand, last_big = Decimal(0), False, unit
            else:
                num += ch
        if num:
            group += _number(num)
        value = total + group
    else:
        exp = 0
        if s and s[-1].lower() in LATIN_MAG:
            exp = LATIN_MAG[s[-1].lower()]
            s = s[:-1].strip()
        value = _number(s) * (10 ** exp)
    return value, (found[0] if found else None)


def parse_date(cell):
    """(y, m, d) for the contract's date forms (no time part is written here)."""
    s = cell.strip()
    if len(s) == 8 and s.isdigit():
        return int(s[:4]), int(s[4:6]), int(s[6:])
    m = (re.fullmatch(r"(\d{4})([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?(?: \d{1,2}:\d{2}(?::\d{2})?)?", s)
         or re.fullmatch(r"(\d{4})(년)\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?", s)
         or re.fullmatch(r"(\d{4})(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?", s))
    if not m:
        raise ValueError(cell)
    return int(m.group(1)), int(m.group(3)), int(m.group(4))


CJK_FORMS = sorted(["股份有限公司", "有限责任公司", "有限責任公司", "유한책임회사", "주식회사",
                    "유한회사", "합자회사", "합명회사", "有限公司", "(주)", "(유)"], key=len, reverse=True)
LATIN_FORMS = {"co", "ltd", "inc", "corp", "limited", "llc"}


def name_key(raw):
    s = unicodedata.normalize("NFKC", raw).casefold()
    for form in CJK_FORMS:
        s = s.replace(form, " ")
    out, word = [], []

    def flush():
        if word and "".join(word) not in LATIN_FORMS:
            out.extend(word)
        word.clear()
    for ch in s:
        cat = unicodedata.category(ch)
        if cat[0] in "LMN":
            word.append(ch)
            continue
        flush()
        if cat[0] not in "PZC":
            out.append(ch)
    flush()
    return "".join(out)


def fold(s):
    return unicodedata.normalize("NFKC", s).casefold().strip()


class Taxonomy:
    def __init__(self, path):
        with open(path, encoding="utf-8", newline="") as f:
            self.rows = list(csv.DictReader(f))
        self.exact, self.keywords = {}, []
        for i, r in enumerate(self.rows):
            kws = [k for k in r["keywords"].split("|") if k]
            for t in [r["code"], r["name_en"], r["name_ko"]] + kws:
                self.exact.setdefault(fold(t), i)
            for k in kws:
                self.keywords.append((fold(k), i))
        self.keywords.sort(key=lambda kr: (-len(kr[0]), kr[1]))

    def code(self, raw):
        key = fold(raw)
        if key in self.exact:
            return self.rows[self.exact[key]]["code"]
        for k, i in self.keywords:
            if k in key:
                return self.rows[i]["code"]
        return "unclassified"

    def name_ko(self, code):
        return next(r["name_ko"] for r in self.rows if r["code"] == code)


STATUS = {"consulted": "consulted", "follow_up": "follow_up", "negotiating": "negotiating",
          "mou": "mou", "contracted": "contracted", "dropped": "dropped", "상담": "consulted",
          "후속상담": "follow_up", "협상중": "negotiating", "mou체결": "mou", "계약": "contracted",
          "중단": "dropped"}
CTYPE = {"contract": "contract", "mou": "mou", "loi": "loi", "계약": "contract",
         "수출계약": "contract", "업무협약": "mou"}


def enum(table, cell):
    return table[unicodedata.normalize("NFKC", cell).casefold().strip().replace(" ", "_").replace("-", "_")]


COUNTRY = {"cn": "CN", "china": "CN", "中国": "CN", "중국": "CN", "prc": "CN", "vietnam": "VN",
           "베트남": "VN", "몽골": "MN", "mongolia": "MN", "카자흐스탄": "KZ", "kazakhstan": "KZ"}


def country(cell):
    return COUNTRY[cell.strip().casefold()] if cell.strip() else ""


def cp949_ok(*cells):
    try:
        for c in cells:
            c.encode("cp949")
        return True
    except UnicodeEncodeError:
        return False


# --------------------------------------------------------------------------
# Messy writers
# --------------------------------------------------------------------------
class Mess:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def chance(self, p):
        return self.rng.random() < p

    # Company: the same key under another legal-form spelling.
    def company(self, raw, cp949):
        base = raw
        for form in ("주식회사", "(주)", "㈜", "（주）"):
            base = base.replace(form, "")
        base = base.strip()
        forms = ["(주){}", "{}(주)", "㈜{}", "{} 주식회사", "주식회사 {}", "(주) {}", "{} ㈜", "（주）{}"]
        for _ in range(20):
            new = self.pick(forms).format(base)
            if new != raw:
                break
        assert name_key(new) == name_key(raw), (raw, new)
        assert not cp949 or cp949_ok(new)
        return new

    # Buyer: Latin names sometimes in capitals (case-folding keeps the key).
    def buyer(self, raw):
        new = raw.upper() if raw.isascii() and self.chance(0.4) else raw
        assert name_key(new) == name_key(raw), (raw, new)
        return new

    def krw_words(self, n):
        """Exact Korean money words for n won (no mark), or None."""
        eok, rest = divmod(n, 10 ** 8)
        man, unit = divmod(rest, 10 ** 4)
        if unit:
            return None
        options = []
        if eok and not man:
            options.append(f"{eok}억")
        if eok and man:
            options.append(f"{eok}억 {self.man_words(man)}만")
            options.append(f"{eok}억{self.man_words(man)}만")
            if rest % 10 ** 6 == 0:
                options.append(f"{Decimal(n).scaleb(-8).normalize():f}억")
        if not eok and man:
            options.append(f"{man:,}만")
            options.append(f"{self.man_words(man)}만")
        return self.pick(options) if options else None

    def man_words(self, man):
        thousand, rest = divmod(man, 1000)
        if not thousand:
            return f"{rest}"
        return f"{thousand}천" + (f"{rest}" if rest else "")

    def cny_words(self, n):
        wan, rest = divmod(n, 10 ** 4)
        if rest == 0:
            return f"{wan}万"
        if n % 100 == 0 and wan:
            return f"{Decimal(n).scaleb(-4).normalize():f}万"
        return None


def check_money(cell, cur_cell, amount, currency, default="KRW"):
    """The cell pair means `amount` in `currency` (canonical), or both are empty."""
    if amount == "":
        assert cell == "", cell
        return
    value, mark = parse_money(cell)
    col = {"": None, "원": "KRW", "krw": "KRW", "rmb": "CNY", "$": "USD"}.get(
        cur_cell.casefold(), cur_cell.upper() or None)
    if mark and col:
        assert mark == col, (cell, cur_cell)
    resolved = mark or col or default
    assert value == Decimal(amount), (cell, amount)
    assert resolved == currency, (cell, cur_cell, currency)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path, text, encoding):
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    mess = Mess(args.seed)
    tax = Taxonomy(os.path.join(HERE, "sectors.csv"))
    leads = read_csv(os.path.join(SRC, "consultations-2025.csv"))
    contracts = read_csv(os.path.join(SRC, "contracts-2025.csv"))
    # The canonical file's blank line: after which lead does it sit?
    with open(os.path.join(SRC, "consultations-2025.csv"), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    blank_after = None
    for i, line in enumerate(lines[1:-1], start=1):
        if line == "" and i > 1:
            blank_after = lines[i - 1].split(",")[0]
    os.makedirs(OUT, exist_ok=True)

    ko_country = {"CN": "중국", "VN": "베트남", "MN": "몽골", "KZ": "카자흐스탄"}
    en_country = {"CN": ["China", "CN", "PRC", "China"], "VN": ["Vietnam"], "MN": ["Mongolia"],
                  "KZ": ["Kazakhstan"]}
    ko_status = {"consulted": "상담", "follow_up": "후속상담", "negotiating": "협상중",
                 "mou": "MOU체결", "contracted": "계약", "dropped": "중단"}
    en_status = {"consulted": ["Consulted", "consulted"], "follow_up": ["Follow up", "follow-up", "FOLLOW_UP"],
                 "negotiating": ["NEGOTIATING", "Negotiating"], "mou": ["MOU", "mou"],
                 "contracted": ["Contracted", "CONTRACTED"], "dropped": ["Dropped", "DROPPED"]}

    # ---------------- consultations-a.csv (CP949) ----------------
    a_header = ["상담일자", "상담번호", "참가기업", "바이어명", "국가", "산업분야", "상담금액", "통화",
                "상태", "행사명", "도시"]
    a_rows, b_rows = [], []
    for r in leads:
        code = country(r["buyer_country"])
        sector = r["sector"]
        if not cp949_ok(sector):
            mapped = tax.code(sector)
            sector = tax.name_ko(mapped) if mapped != "unclassified" else "기타"
            assert tax.code(sector) == mapped
        if cp949_ok(r["consultation_id"], r["event"], r["city"], r["buyer"], sector) and r["currency"] != "XYZ":
            a_rows.append((r, code, sector))
        else:
            b_rows.append((r, code))

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    width = len(a_header) + 2
    w.writerow(["2025 CIEPEC 상담일지"] + [""] * (width - 1))
    w.writerow([""] * width)
    w.writerow(a_header + ["", ""])
    order = {r["consultation_id"]: i for i, r in enumerate(leads)}
    before = [r for r, _, _ in a_rows if blank_after and order[r["consultation_id"]] <= order[blank_after]]
    last_before_blank = before[-1] if before else None
    for r, code, sector in a_rows:
        y, m, d = (int(x) for x in r["date"].split("-"))
        date = mess.pick([f"{y}. {m}. {d}.", f"{y}년 {m}월 {d}일"])
        assert parse_date(date) == (y, m, d)
        amount, cur = r["amount"], r["currency"]
        amt_cell, cur_cell = "", cur
        if amount:
            n = int(amount)
            if cur == "KRW":
                words = mess.krw_words(n)
                if words is None:
                    amt_cell, cur_cell = f"{n:,}", mess.pick(["KRW", ""])
                else:
                    style = mess.pick(["suffix", "suffix", "prefix", "bare"])
                    if style == "suffix":
                        amt_cell, cur_cell = words + "원", mess.pick(["", "", "KRW", "원"])
                    elif style == "prefix":
                        amt_cell, cur_cell = "￦" + words, mess.pick(["", "KRW"])
                    else:
                        amt_cell, cur_cell = words, "KRW"
            elif cur == "CNY":
                words = mess.cny_words(n)
                amt_cell = words + "元" if words else f"{n:,}"
                cur_cell = "CNY"
            elif cur == "USD":
                amt_cell = mess.pick([f"US${n:,}", f"${n:,}", f"{n:,}"])
                cur_cell = "USD"
            else:
                amt_cell = f"{n:,}"
        check_money(amt_cell, cur_cell, amount, cur)
        status = ko_status[r["status"]] if r["status"] else ""
        assert (enum(STATUS, status) if status else "") == r["status"]
        ctry = ko_country[code] if code else ""
        assert country(ctry) == code
        company = mess.company(r["company"], cp949=True)
        buyer = mess.buyer(r["buyer"])
        w.writerow([date, r["consultation_id"], company, buyer, ctry, sector, amt_cell, cur_cell,
                    status, r["event"], r["city"], "", ""])
        # The canonical file's blank line, where it falls among these rows (Excel writes `,,,,`).
        if r is last_before_blank:
            w.writerow([""] * width)
    text = out.getvalue()
    write(os.path.join(OUT, "consultations-a.csv"), text, "cp949")

    # ---------------- consultations-b.txt (UTF-8 BOM, TAB) ----------------
    b_header = ["stage", "id", "exhibitor", "buyer_name", "consultation_date", "country",
                "industry", "consultation_amount", "currency", "exhibition", "venue"]
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(b_header)
    for r, code in b_rows:
        y, m, d = (int(x) for x in r["date"].split("-"))
        date = mess.pick([f"{y}/{m:02d}/{d:02d}", f"{y}{m:02d}{d:02d}"])
        assert parse_date(date) == (y, m, d)
        amount, cur = r["amount"], r["currency"]
        amt_cell, cur_cell = "", cur
        if amount:
            n = int(amount)
            if cur == "USD":
                mags = [(f"{Decimal(n).scaleb(-6).normalize():f}M", n % 10 ** 4 == 0),
                        (f"{Decimal(n).scaleb(-3).normalize():f}K", n % 10 ** 3 == 0)]
                exact = [t for t, ok in mags if ok]
                if exact:
                    amt_cell, cur_cell = "USD " + mess.pick(exact), mess.pick(["USD", ""])
                else:
                    amt_cell = f"{n:,}"
            elif cur == "KRW":
                amt_cell, cur_cell = f"{n:,}", mess.pick(["KRW", "KRW", "krw", ""])
            elif cur == "CNY":
                amt_cell, cur_cell = f"{n:,}", mess.pick(["CNY", "RMB"])
            else:
                amt_cell = f"{n:,}"
        elif cur == "CNY":
            cur_cell = "RMB"
        if cur != "XYZ":
            check_money(amt_cell, cur_cell, amount, cur)
        status = mess.pick(en_status[r["status"]]) if r["status"] else ""
        assert (enum(STATUS, status) if status else "") == r["status"]
        ctry = mess.pick(en_country[code]) if code else ""
        assert country(ctry) == code
        cells = {"stage": status, "id": r["consultation_id"],
                 "exhibitor": mess.company(r["company"], cp949=False), "buyer_name": mess.buyer(r["buyer"]),
                 "consultation_date": date, "country": ctry, "industry": r["sector"],
                 "consultation_amount": amt_cell, "currency": cur_cell, "exhibition": r["event"],
                 "venue": r["city"]}
        w.writerow([cells[h] for h in b_header])
    write(os.path.join(OUT, "consultations-b.txt"), "\ufeff" + out.getvalue(), "utf-8")

    # ---------------- contracts.csv (UTF-8, CRLF, Chinese headers) ----------------
    c_header = ["合同编号", "签约日期", "企业", "采购商", "유형", "金额", "币种", "상담번호", "行业"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(c_header)
    ctype = {"contract": ["계약", "수출계약"], "mou": ["MOU", "업무협약"], "loi": ["LOI"]}
    for r in contracts:
        y, m, d = (int(x) for x in r["date"].split("-"))
        date = mess.pick([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}년 {m}월 {d}일"])
        assert parse_date(date) == (y, m, d)
        amount, cur = r["amount"], r["currency"]
        amt_cell, cur_cell = "", cur
        if amount:
            n = int(amount)
            if cur == "KRW":
                words = mess.krw_words(n)
                if words:
                    amt_cell, cur_cell = mess.pick([("₩" + words, ""), (words + "원", "KRW"), ("₩" + words, "KRW")])
                else:
                    amt_cell = f"{n:,}"
            elif cur == "CNY":
                words = mess.cny_words(n)
                amt_cell, cur_cell = (words + "元", mess.pick(["CNY", "RMB", ""])) if words else (f"{n:,}", "CNY")
            elif cur == "USD":
                opts = [(f"US${n:,}", ""), (f"${n:,}", "USD"), (f"USD {n:,}", "USD")]
                if n % 1000 == 0:
                    opts.append((f"USD {n // 1000}K", ""))
                amt_cell, cur_cell = mess.pick(opts)
        check_money(amt_cell, cur_cell, amount, cur)
        typ = mess.pick(ctype[r["type"].casefold()])
        assert enum(CTYPE, typ) == r["type"].casefold()
        sector = r["sector"]
        assert not sector or tax.code(sector) == tax.code(r["sector"])
        w.writerow([r["contract_id"], date, mess.company(r["company"], cp949=False), mess.buyer(r["buyer"]),
                    typ, amt_cell, cur_cell, r["consultation_id"], sector])
    write(os.path.join(OUT, "contracts.csv"), out.getvalue(), "utf-8")

    print(f"messy-2025: consultations-a.csv {len(a_rows)} rows (CP949), "
          f"consultations-b.txt {len(b_rows)} rows (UTF-8 BOM, tab), contracts.csv {len(contracts)} rows")


if __name__ == "__main__":
    main()
