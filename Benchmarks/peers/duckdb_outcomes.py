#!/usr/bin/env python3
"""DuckDB peer of `make bench`: summary.csv, sectors.csv and leads.csv of the CLEAN generated set.

    duckdb_outcomes.py DATA_DIR OUT_DIR [--window 365] [--threads N]

Computes with SQL what `outcomes run` computes for these two files (CONTRACT.md section 2), so
the benchmark compares the same work, and `make bench` checks the bytes are equal:
- row USD = amount × usd_per_unit (latest rate of the currency on or before the row's date: ASOF
  JOIN; USD is 1) in DECIMAL(38,10) × DECIMAL(38,10) = DECIMAL(38,20) arithmetic, rounded to
  cents half-even by hand (DuckDB's ROUND on DECIMAL rounds half away from zero); sums are sums
  of integer cents;
- attribution: by consultation_id naming a lead; else the latest lead with the same company key
  and buyer key dated on or before the contract (ASOF JOIN on day × 2^32 + input line, so a tie on
  the day goes to the later line), kept when 0 ≤ contract date − lead date ≤ window;
- converted leads, median days to the first attributed contract, sectors with their groups.

Scope: only what the clean set (bench-generate … clean) needs. Its files have canonical
headers, UTF-8, plain decimal amounts, ISO dates and a currency on every row, and no bad or
duplicate rows: rows_accepted = rows_read, rows_rejected = rows_duplicate = 0 (a row without an
fx rate would stop this script rather than be rejected). Names are `그린테크123` and
`Buyer 123 Environmental Technology`: letters, digits and single spaces, one spelling per name,
no legal forms, no punctuation. So the contract's name key (NFKC, case-fold, drop legal forms,
punctuation and white space) is implemented as lower-casing and dropping spaces, which is exact
for this data (and not for names with legal forms or punctuation). The sector cell is
always an exact taxonomy code, so sectors map by a plain join on code; a contract's sector cell
is empty, so it takes its attributed lead's sector, else `unclassified`.
"""

import argparse
import os
import sys
import time

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peercommon  # noqa: E402

KEY = "replace(lower({0}), ' ', '')"  # exact for the clean set's names (see above)
SHIFT = 4294967296  # 2^32: ordinal = day × 2^32 + input line


def display_names(raw, key):
    """SQL: key → display spelling, the most frequent raw spelling over the leads, then the
    contracts, in input order (tie: the first seen)."""
    return f"""
        SELECT k, raw AS display FROM (
            SELECT k, raw, count(*) AS n, min(pos) AS first FROM (
                SELECT {key} AS k, {raw} AS raw, ln AS pos FROM leads
                UNION ALL
                SELECT {key}, {raw}, ln + (SELECT count(*) FROM leads) FROM contracts)
            GROUP BY k, raw)
        QUALIFY row_number() OVER (PARTITION BY k ORDER BY n DESC, first) = 1"""


def write_leads(con, path):
    """leads.csv (section 3), in input order: the lead's cells, its keys and display names, its
    sector and parent codes, its USD value, and what its attributed contracts make of it.
    Empty cells are NULLs (DuckDB writes an empty string as `""`)."""
    usd = "(({0}) // 100)::VARCHAR || '.' || lpad((({0}) % 100)::VARCHAR, 2, '0')"
    status = "nullif(trim(l.status), '')"
    rank = (f"CASE {status} WHEN 'follow_up' THEN 1 WHEN 'negotiating' THEN 2 WHEN 'mou' THEN 3 "
            f"WHEN 'contracted' THEN 4 ELSE 0 END")
    con.execute(f"""
        COPY (
            WITH facts AS (
                SELECT lln, count(*) FILTER (WHERE type = 'contract') AS n,
                       coalesce(sum(cents) FILTER (WHERE type = 'contract'), 0) AS value,
                       min(day) FILTER (WHERE type = 'contract') AS first_day,
                       bool_or(type = 'mou') AS has_mou
                FROM attributed WHERE lln IS NOT NULL GROUP BY lln),
            companies AS ({display_names("company", "ckey")}),
            buyers AS ({display_names("buyer", "bkey")})
            SELECT l.id AS consultation_id, l.date, l.event, l.city, cd.display AS company,
                   l.ckey AS company_key, bd.display AS buyer, l.bkey AS buyer_key,
                   upper(l.buyer_country) AS buyer_country, l.code AS sector_code, t.parent AS parent_code,
                   l.amount, l.currency, {usd.format("l.cents")} AS amount_usd,
                   coalesce({status}, 'consulted') AS status,
                   CASE WHEN {status} = 'dropped' AND coalesce(f.n, 0) = 0 THEN 'dropped'
                        ELSE ['consulted', 'follow_up', 'negotiating', 'mou', 'contracted'][1 +
                             CASE WHEN coalesce(f.n, 0) > 0 THEN 4
                                  WHEN coalesce(f.has_mou, false) THEN greatest({rank}, 3)
                                  ELSE {rank} END] END AS stage_reached,
                   coalesce(f.n, 0) AS contracts, {usd.format("coalesce(f.value, 0)")} AS contract_value_usd,
                   coalesce(f.n, 0) > 0 AS converted,
                   DATE '1970-01-01' + CAST(f.first_day AS INTEGER) AS first_contract_date,
                   f.first_day - l.day AS days_to_contract,
                   'consultations.csv' AS source_file, l.ln + 2 AS source_line
            FROM leads l
            LEFT JOIN facts f ON f.lln = l.ln
            LEFT JOIN companies cd ON cd.k = l.ckey
            LEFT JOIN buyers bd ON bd.k = l.bkey
            LEFT JOIN taxonomy t ON t.code = l.code
            ORDER BY l.ln
        ) TO '{path.replace("'", "''")}' (HEADER, DELIMITER ',')""")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--window", type=int, default=365)
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    path = lambda name: os.path.join(args.data, name).replace("'", "''")  # noqa: E731

    con.execute(f"""
        CREATE MACRO half_even_cents(x) AS (
            CAST(floor(x * 100) AS BIGINT) + CASE
                WHEN x * 100 - floor(x * 100) > 0.5 THEN 1
                WHEN x * 100 - floor(x * 100) < 0.5 THEN 0
                ELSE CAST(floor(x * 100) AS BIGINT) % 2 END)""")
    con.execute(f"""
        CREATE TABLE fx AS
        SELECT currency, date, usd_per_unit
        FROM read_csv('{path("fx_rates.csv")}', header = true,
                      types = {{'date': 'DATE', 'currency': 'VARCHAR', 'usd_per_unit': 'DECIMAL(38,10)'}})
        WHERE currency <> 'USD'""")
    con.execute(f"""
        CREATE TABLE taxonomy AS
        SELECT code, coalesce(nullif(name_en, ''), name_ko) AS name, nullif(parent, '') AS parent
        FROM read_csv('{path("sectors.csv")}', header = true, all_varchar = true)""")

    # Leads: input order is the table's rowid (insertion order is preserved).
    con.execute(f"""
        CREATE TABLE lead_raw AS
        SELECT consultation_id, date, event, city, company, buyer, buyer_country, sector, amount, currency, status
        FROM read_csv('{path("consultations.csv")}', header = true,
                      types = {{'consultation_id': 'VARCHAR', 'date': 'DATE', 'event': 'VARCHAR', 'city': 'VARCHAR',
                               'company': 'VARCHAR', 'buyer': 'VARCHAR', 'buyer_country': 'VARCHAR',
                               'sector': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR',
                               'status': 'VARCHAR'}})""")
    con.execute(f"""
        CREATE TABLE leads AS
        SELECT l.ln, l.consultation_id AS id, l.date, (l.date - DATE '1970-01-01') AS day,
               {KEY.format('l.company')} AS ckey, {KEY.format('l.buyer')} AS bkey,
               l.sector AS code,
               CASE WHEN l.currency = 'USD' THEN CAST(1 AS DECIMAL(38,10)) ELSE f.usd_per_unit END AS rate,
               half_even_cents(CAST(l.amount AS DECIMAL(38,10)) * rate) AS cents,
               l.event, l.city, l.company, l.buyer, l.buyer_country, l.amount, l.currency, l.status
        FROM (SELECT rowid AS ln, * FROM lead_raw) l
        ASOF LEFT JOIN fx f ON l.currency = f.currency AND l.date >= f.date""")

    con.execute(f"""
        CREATE TABLE con_raw AS
        SELECT contract_id, consultation_id, date, company, buyer, type, amount, currency, sector
        FROM read_csv('{path("contracts.csv")}', header = true,
                      types = {{'contract_id': 'VARCHAR', 'consultation_id': 'VARCHAR', 'date': 'DATE',
                               'company': 'VARCHAR', 'buyer': 'VARCHAR', 'type': 'VARCHAR',
                               'amount': 'DECIMAL(38,10)', 'currency': 'VARCHAR', 'sector': 'VARCHAR'}})""")
    con.execute(f"""
        CREATE TABLE contracts AS
        SELECT c.ln, c.consultation_id AS lead_id, c.date, (c.date - DATE '1970-01-01') AS day,
               coalesce(nullif(lower(trim(c.type)), ''), 'contract') AS type,
               {KEY.format('c.company')} AS ckey, {KEY.format('c.buyer')} AS bkey,
               nullif(trim(c.sector), '') AS own_code,
               CASE WHEN c.currency = 'USD' THEN CAST(1 AS DECIMAL(38,10)) ELSE f.usd_per_unit END AS rate,
               half_even_cents(c.amount * rate) AS cents, c.company, c.buyer
        FROM (SELECT rowid AS ln, * FROM con_raw) c
        ASOF LEFT JOIN fx f ON c.currency = f.currency AND c.date >= f.date""")
    missing = con.execute("""
        SELECT (SELECT count(*) FROM leads WHERE rate IS NULL)
             + (SELECT count(*) FROM contracts WHERE rate IS NULL)
    """).fetchone()[0]
    if missing:
        sys.exit(f"duckdb_outcomes: {missing} rows without an fx rate: not the clean set")

    # Attribution: by id, else the latest lead of the same company+buyer within the window.
    con.execute(f"""
        CREATE TABLE attributed AS
        WITH by_id AS (
            SELECT c.ln AS cln, l.ln AS lln FROM contracts c JOIN leads l ON c.lead_id = l.id),
        rest AS (
            SELECT c.ln, c.ckey, c.bkey, c.day, c.day * {SHIFT} + {SHIFT - 1} AS ord
            FROM contracts c ANTI JOIN by_id ON c.ln = by_id.cln),
        by_pair AS (
            SELECT r.ln AS cln, l.ln AS lln
            FROM rest r
            ASOF JOIN (SELECT ln, ckey, bkey, day, day * {SHIFT} + ln AS ord FROM leads) l
              ON r.ckey = l.ckey AND r.bkey = l.bkey AND r.ord >= l.ord
            WHERE r.day - l.day <= {args.window})
        SELECT c.ln, c.type, c.day, c.cents, a.lln,
               coalesce(c.own_code, l.code, 'unclassified') AS code
        FROM contracts c
        LEFT JOIN (SELECT * FROM by_id UNION ALL SELECT * FROM by_pair) a ON c.ln = a.cln
        LEFT JOIN leads l ON l.ln = a.lln""")
    con.execute("""
        CREATE TABLE first_contract AS
        SELECT lln, min(day) AS first_day FROM attributed
        WHERE type = 'contract' AND lln IS NOT NULL GROUP BY lln""")

    lead_stats = con.execute("""
        SELECT count(*), count(DISTINCT ckey), count(DISTINCT bkey), coalesce(sum(cents), 0)
        FROM leads""").fetchone()
    contract_stats = con.execute("""
        SELECT count(*),
               count(*) FILTER (WHERE type = 'contract'),
               coalesce(sum(cents) FILTER (WHERE type = 'contract'), 0),
               count(*) FILTER (WHERE type = 'mou'),
               coalesce(sum(cents) FILTER (WHERE type = 'mou'), 0),
               count(*) FILTER (WHERE type = 'loi'),
               coalesce(sum(cents) FILTER (WHERE type = 'contract' AND lln IS NOT NULL), 0),
               coalesce(sum(cents) FILTER (WHERE type = 'contract' AND lln IS NULL), 0)
        FROM attributed""").fetchone()
    converted, median = con.execute("""
        SELECT count(*), median(f.first_day - l.day)
        FROM first_contract f JOIN leads l ON l.ln = f.lln""").fetchone()

    rows_read = lead_stats[0] + contract_stats[0]
    peercommon.write_summary(args.out, {
        "rows_read": rows_read, "rows_accepted": rows_read, "rows_rejected": 0,
        "rows_duplicate": 0, "leads": lead_stats[0], "companies": lead_stats[1],
        "buyers": lead_stats[2], "consultation_value_usd": lead_stats[3],
        "contracts": contract_stats[1], "export_value_usd": contract_stats[2],
        "mous": contract_stats[3], "mou_value_usd": contract_stats[4], "lois": contract_stats[5],
        "converted_leads": converted, "conversion_rate": None,
        "attributed_value_usd": contract_stats[6], "unattributed_value_usd": contract_stats[7],
        # median of integers is an integer or a half: 2 × median is exact
        "median_days_to_contract": None if median is None else round(2 * median),
    })

    # Sectors: one pass per table over GROUPING SETS (sector code, group code).
    sector_rows = con.execute("""
        WITH lead_facts AS (
            SELECT l.code, CASE WHEN t.code IS NULL THEN NULL ELSE coalesce(t.parent, t.code) END AS grp,
                   t.parent IS NULL AND t.code IS NOT NULL AS is_group,
                   l.ckey, l.bkey, l.cents, f.lln IS NOT NULL AS converted
            FROM leads l LEFT JOIN taxonomy t ON t.code = l.code
            LEFT JOIN first_contract f ON f.lln = l.ln),
        lead_agg AS (
            SELECT CASE WHEN grouping(grp) = 0 THEN 'group' ELSE 'sector' END AS level,
                   coalesce(grp, code) AS key,
                   count(*) AS leads, count(DISTINCT ckey) AS companies, count(DISTINCT bkey) AS buyers,
                   sum(cents) AS cv, count(*) FILTER (WHERE converted) AS converted
            FROM lead_facts
            GROUP BY GROUPING SETS ((code, is_group), (grp))
            HAVING (grouping(grp) = 0 AND grp IS NOT NULL) OR (grouping(code) = 0 AND NOT coalesce(is_group, false))),
        contract_facts AS (
            SELECT a.code, CASE WHEN t.code IS NULL THEN NULL ELSE coalesce(t.parent, t.code) END AS grp,
                   t.parent IS NULL AND t.code IS NOT NULL AS is_group, a.type, a.cents
            FROM attributed a LEFT JOIN taxonomy t ON t.code = a.code),
        contract_agg AS (
            SELECT CASE WHEN grouping(grp) = 0 THEN 'group' ELSE 'sector' END AS level,
                   coalesce(grp, code) AS key,
                   count(*) FILTER (WHERE type = 'contract') AS contracts,
                   coalesce(sum(cents) FILTER (WHERE type = 'contract'), 0) AS export,
                   count(*) FILTER (WHERE type = 'mou') AS mous,
                   coalesce(sum(cents) FILTER (WHERE type = 'mou'), 0) AS mou
            FROM contract_facts
            GROUP BY GROUPING SETS ((code, is_group), (grp))
            HAVING (grouping(grp) = 0 AND grp IS NOT NULL) OR (grouping(code) = 0 AND NOT coalesce(is_group, false)))
        SELECT coalesce(l.level, c.level), coalesce(l.key, c.key),
               coalesce(l.leads, 0), coalesce(l.companies, 0), coalesce(l.buyers, 0), coalesce(l.cv, 0),
               coalesce(c.contracts, 0), coalesce(c.export, 0), coalesce(c.mous, 0), coalesce(c.mou, 0),
               coalesce(l.converted, 0)
        FROM lead_agg l FULL OUTER JOIN contract_agg c ON l.level = c.level AND l.key = c.key""").fetchall()
    taxonomy = {code: (name, parent) for code, name, parent in
                con.execute("SELECT code, name, parent FROM taxonomy").fetchall()}
    rows = []
    for level, key, leads, companies, buyers, cv, contracts, export, mous, mou, conv in sector_rows:
        name, parent = taxonomy.get(key, ("unclassified", None))
        rows.append({"level": level, "sector_code": key, "sector_name": name,
                     "parent_code": parent if level == "sector" else "",
                     "leads": leads, "companies": companies, "buyers": buyers, "cv": cv,
                     "contracts": contracts, "export": export, "mous": mous, "mou": mou,
                     "converted": conv})
    peercommon.write_sectors(args.out, rows, lead_stats[3])
    write_leads(con, os.path.join(args.out, "leads.csv"))
    print(f"duckdb {duckdb.__version__}: {rows_read} rows in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
