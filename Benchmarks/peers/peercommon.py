"""Shared output formatting of the benchmark peers (duckdb_outcomes.py, polars_outcomes.py).

The engines do all the per-row work (reading, fx as-of join, cents, attribution, grouping);
this module only formats the ~60 aggregated numbers they return into summary.csv and
sectors.csv exactly as the contract (section 2) writes them: USD with 2 decimals from integer
cents, rates and shares with 4 decimals rounded half-even from exact integer ratios, median
days with 1 decimal, LF line ends, quoting only where needed.
"""

import csv
import os

SUMMARY_ORDER = ["rows_read", "rows_accepted", "rows_rejected", "rows_duplicate", "leads",
                 "companies", "buyers", "consultation_value_usd", "contracts", "export_value_usd",
                 "mous", "mou_value_usd", "lois", "converted_leads", "conversion_rate",
                 "attributed_value_usd", "unattributed_value_usd", "median_days_to_contract"]
MONEY = {"consultation_value_usd", "export_value_usd", "mou_value_usd", "attributed_value_usd",
         "unattributed_value_usd"}

SECTOR_COLUMNS = ["level", "sector_code", "sector_name", "parent_code", "leads", "companies",
                  "buyers", "consultation_value_usd", "contracts", "export_value_usd", "mous",
                  "mou_value_usd", "converted_leads", "conversion_rate",
                  "share_of_consultation_value"]


def usd(cents):
    """Integer cents → `123.45` (exact; cents are never negative here)."""
    cents = int(cents or 0)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def ratio(num, den, places=4):
    """num/den rounded half-even to `places` decimals from exact integers; '' when den is 0."""
    num, den = int(num or 0), int(den or 0)
    if den == 0:
        return ""
    q, r = divmod(num * 10 ** places, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return f"{q // 10 ** places}.{q % 10 ** places:0{places}d}"


def median_days(values):
    """Median of integer day counts, mean of the two middle values when even, 1 decimal."""
    if not values:
        return ""
    v = sorted(int(x) for x in values)
    n = len(v)
    twice = 2 * v[n // 2] if n % 2 else v[n // 2 - 1] + v[n // 2]  # 2 × median, an integer
    sign = "-" if twice < 0 else ""
    twice = abs(twice)
    return f"{sign}{twice // 2}.{5 if twice % 2 else 0}"


def median_from_twice(twice):
    """1-decimal text of a median given as 2 × median (an integer), '' when None."""
    if twice is None:
        return ""
    twice = int(twice)
    sign = "-" if twice < 0 else ""
    twice = abs(twice)
    return f"{sign}{twice // 2}.{5 if twice % 2 else 0}"


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def write_summary(out_dir, m):
    """m: metric → integer (cents for money) or preformatted text for median/conversion."""
    rows = []
    for key in SUMMARY_ORDER:
        value = m[key]
        if key in MONEY:
            value = usd(value)
        elif key == "conversion_rate":
            value = ratio(m["converted_leads"], m["leads"])
        elif key == "median_days_to_contract":
            value = median_from_twice(value)
        else:
            value = str(int(value))
        rows.append([key, value])
    write_csv(os.path.join(out_dir, "summary.csv"), ["metric", "value"], rows)


def write_sectors(out_dir, rows, total_cents):
    """rows: dicts with level, sector_code, sector_name, parent_code, leads, companies, buyers,
    cv (cents), contracts, export (cents), mous, mou (cents), converted."""
    def sort_key(r):
        return (-int(r["cv"]), r["sector_code"].encode("utf-8"), 0 if r["level"] == "group" else 1)

    out = []
    for r in sorted(rows, key=sort_key):
        out.append([r["level"], r["sector_code"], r["sector_name"], r["parent_code"] or "",
                    int(r["leads"]), int(r["companies"]), int(r["buyers"]), usd(r["cv"]),
                    int(r["contracts"]), usd(r["export"]), int(r["mous"]), usd(r["mou"]),
                    int(r["converted"]), ratio(r["converted"], r["leads"]),
                    ratio(r["cv"], total_cents)])
    write_csv(os.path.join(out_dir, "sectors.csv"), SECTOR_COLUMNS, out)
