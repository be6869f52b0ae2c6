#!/usr/bin/env python3
"""Polars peer of `make bench`: summary.csv and sectors.csv of the CLEAN generated set.

    polars_outcomes.py DATA_DIR OUT_DIR [--window 365]

The same computation as duckdb_outcomes.py (see its docstring for the scope and the choices
about the clean set: no rejects or duplicates, name key = lower case without white space and
ASCII punctuation, sector cell = exact code, contract sector = its lead's), written with Polars
expressions:
- row USD = amount × usd_per_unit as Decimal(38,10) (exact for these inputs: integer amounts and
  8-decimal rates), rounded to cents with round(2, mode="half_to_even"); the rate is the latest
  of the currency on or before the row's date (join_asof backward, by currency; USD is 1);
- attribution by consultation_id, else join_asof backward by (company key, buyer key) on
  day × 2^32 + input line (tie on the day: the later line), kept within the window.
"""

import argparse
import os
import sys
import time

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peercommon  # noqa: E402

SHIFT = 1 << 32
TAX = None  # the taxonomy's code and parent columns, read in main
DEC = pl.Decimal(38, 10)
EPOCH = pl.date(1970, 1, 1)


def name_key(col):
    """Name key, exact for the clean set (see duckdb_outcomes.py): lower case, spaces dropped."""
    return pl.col(col).str.to_lowercase().str.replace_all(" ", "", literal=True).alias(col[0] + "key")


def with_usd(frame, fx):
    """Adds `cents`: amount × latest rate on or before the date, half-even to cents."""
    frame = frame.sort("date").join_asof(fx, on="date", by="currency", strategy="backward",
                                          check_sortedness=False)
    rate = pl.when(pl.col("currency") == "USD").then(pl.lit(1).cast(DEC)).otherwise(pl.col("usd_per_unit"))
    return frame.with_columns(
        rate.alias("rate"),
        ((pl.col("amount").cast(DEC) * rate).round(2, mode="half_to_even") * 100).cast(pl.Int64).alias("cents"))


def display_names(leads, contracts, raw):
    """Key → display spelling: the most frequent raw spelling over the leads, then the contracts,
    in input order (tie: the first seen)."""
    key = raw[0] + "key"
    n = leads.height
    spellings = pl.concat([
        leads.lazy().select(pl.col(key).alias("k"), pl.col(raw).alias("raw"), pl.col("ln").cast(pl.Int64).alias("pos")),
        contracts.lazy().select(pl.col(key).alias("k"), pl.col(raw).alias("raw"),
                                (pl.col("ln").cast(pl.Int64) + n).alias("pos"))])
    return (spellings.group_by("k", "raw").agg(pl.len().alias("n"), pl.col("pos").min().alias("first"))
            .sort(["k", "n", "first"], descending=[False, True, False])
            .group_by("k", maintain_order=True).first()
            .select(pl.col("k").alias(key), pl.col("raw").alias(raw + "_display")))


def usd_text(col):
    """Non-negative integer cents → `123.45`."""
    c = pl.col(col)
    return pl.concat_str([(c // 100).cast(pl.String), pl.lit("."), (c % 100).cast(pl.String).str.zfill(2)])


STAGES = ["consulted", "follow_up", "negotiating", "mou", "contracted"]
RANK = {"": 0, "consulted": 0, "follow_up": 1, "negotiating": 2, "mou": 3, "contracted": 4, "dropped": 0}


def write_leads(out, leads, contracts, attributed):
    """leads.csv (section 3), in input order: the lead's cells, its keys and display names, its
    sector and parent codes, its USD value, and what its attributed contracts make of it."""
    is_contract = pl.col("type") == "contract"
    facts = (attributed.lazy().filter(pl.col("lln").is_not_null())
             .group_by("lln").agg(is_contract.sum().alias("n_contracts"),
                                  pl.col("cents").filter(is_contract).sum().alias("contract_cents"),
                                  pl.col("day").filter(is_contract).min().alias("first_day"),
                                  (pl.col("type") == "mou").any().alias("has_mou")))
    status = pl.col("status").fill_null("").str.strip_chars()
    converted = pl.col("n_contracts") > 0
    rank = status.replace_strict(RANK, return_dtype=pl.Int8)
    rank = pl.when(converted).then(4).when(pl.col("has_mou")).then(pl.max_horizontal(rank, pl.lit(3))).otherwise(rank)
    stage = (pl.when((status == "dropped") & ~converted).then(pl.lit("dropped"))
             .otherwise(rank.replace_strict(dict(enumerate(STAGES)), return_dtype=pl.String)))
    # Narrow joins, put beside the wide rows (joining the wide rows gathers every column again).
    per_lead = (leads.lazy().select("ln").join(facts, left_on="ln", right_on="lln", how="left", maintain_order="left")
                .drop("ln").collect())
    companies = display_names(leads, contracts, "company").collect()
    buyers = display_names(leads, contracts, "buyer").collect()
    frame = (pl.concat([leads, per_lead], how="horizontal").lazy()
             .with_columns(pl.col("n_contracts").fill_null(0), pl.col("contract_cents").fill_null(0),
                           pl.col("has_mou").fill_null(False),
                           pl.col("ckey").replace_strict(companies["ckey"], companies["company_display"]).alias("company_display"),
                           pl.col("bkey").replace_strict(buyers["bkey"], buyers["buyer_display"]).alias("buyer_display"),
                           pl.col("code").replace_strict(TAX["code"], TAX["parent"].fill_null(""), default="").alias("parent"))
             .select(pl.col("id").alias("consultation_id"), "date", "event", "city",
                     pl.col("company_display").alias("company"), pl.col("ckey").alias("company_key"),
                     pl.col("buyer_display").alias("buyer"), pl.col("bkey").alias("buyer_key"),
                     pl.col("buyer_country").str.to_uppercase(), pl.col("code").alias("sector_code"),
                     pl.col("parent").fill_null("").alias("parent_code"), "amount", "currency",
                     usd_text("cents").alias("amount_usd"),
                     pl.when(status == "").then(pl.lit("consulted")).otherwise(status).alias("status"),
                     stage.alias("stage_reached"), pl.col("n_contracts").alias("contracts"),
                     usd_text("contract_cents").alias("contract_value_usd"), converted.alias("converted"),
                     (EPOCH + pl.duration(days=pl.col("first_day"))).alias("first_contract_date"),
                     (pl.col("first_day") - pl.col("day")).alias("days_to_contract"),
                     pl.lit("consultations.csv").alias("source_file"), (pl.col("ln") + 2).alias("source_line"))
             .collect())
    frame.write_csv(os.path.join(out, "leads.csv"), line_terminator="\n", null_value="")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--window", type=int, default=365)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()
    path = lambda name: os.path.join(args.data, name)  # noqa: E731

    fx = (pl.scan_csv(path("fx_rates.csv"), schema_overrides={"date": pl.Date, "currency": pl.String,
                                                              "usd_per_unit": pl.String})
          .filter(pl.col("currency") != "USD")
          .with_columns(pl.col("usd_per_unit").cast(DEC))
          .sort("date"))
    taxonomy = pl.read_csv(path("sectors.csv"), infer_schema=False).with_columns(
        pl.coalesce(pl.col("name_en").replace("", None), pl.col("name_ko")).alias("name"),
        pl.col("parent").replace("", None))
    global TAX
    TAX = taxonomy.select("code", "parent")

    lead_cols = {"consultation_id": pl.String, "date": pl.Date, "event": pl.String, "city": pl.String,
                 "company": pl.String, "buyer": pl.String, "buyer_country": pl.String,
                 "sector": pl.String, "amount": pl.String, "currency": pl.String, "status": pl.String}
    # The wide lead rows stay in input order; only the columns the fx join needs are sorted by date.
    wide = (pl.scan_csv(path("consultations.csv"), schema_overrides=lead_cols, infer_schema=False)
            .select(list(lead_cols))
            .with_row_index("ln")
            .with_columns(pl.col("date").cast(pl.Date))
            .collect())
    usd = (with_usd(wide.lazy().select("ln", "date", "amount", "currency"), fx)
           .select("rate", "cents", "ln").sort("ln").collect())
    leads = (pl.concat([wide, usd.drop("ln")], how="horizontal")
             .select("ln", pl.col("consultation_id").alias("id"), "date",
                     (pl.col("date") - EPOCH).dt.total_days().alias("day"),
                     name_key("company"), name_key("buyer"), pl.col("sector").alias("code"),
                     "rate", "cents", "event", "city", "company", "buyer", "buyer_country", "amount",
                     "currency", "status"))

    con_cols = {"contract_id": pl.String, "consultation_id": pl.String, "date": pl.Date,
                "company": pl.String, "buyer": pl.String, "type": pl.String, "amount": pl.String,
                "currency": pl.String, "sector": pl.String}
    contracts = (pl.scan_csv(path("contracts.csv"), schema_overrides=con_cols, infer_schema=False)
                 .select(list(con_cols))
                 .with_row_index("ln")
                 .with_columns(pl.col("date").cast(pl.Date)))
    contracts = (with_usd(contracts, fx)
                 .select("ln", pl.col("consultation_id").alias("lead_id"), "date",
                         (pl.col("date") - EPOCH).dt.total_days().alias("day"),
                         pl.col("type").str.strip_chars().str.to_lowercase().replace("", None)
                         .fill_null("contract").alias("type"),
                         name_key("company"), name_key("buyer"),
                         pl.col("sector").str.strip_chars().replace("", None).alias("own_code"),
                         "rate", "cents", "company", "buyer")
                 .sort("ln")
                 .collect())
    missing = leads["rate"].null_count() + contracts["rate"].null_count()
    if missing:
        sys.exit(f"polars_outcomes: {missing} rows without an fx rate: not the clean set")

    # Attribution: by id, else the latest lead of the same company+buyer within the window.
    by_id = (contracts.lazy().select("ln", "lead_id")
             .join(leads.lazy().select(pl.col("ln").alias("lln"), pl.col("id").alias("lead_id")),
                   on="lead_id", how="inner")
             .select("ln", "lln"))
    lead_ord = (leads.lazy().select(pl.col("ln").alias("lln"), "ckey", "bkey", pl.col("day").alias("lday"),
                                    (pl.col("day") * SHIFT + pl.col("ln").cast(pl.Int64)).alias("ord"))
                .sort("ord"))
    by_pair = (contracts.lazy().join(by_id, on="ln", how="anti")
               .select("ln", "ckey", "bkey", "day", (pl.col("day") * SHIFT + (SHIFT - 1)).alias("ord"))
               .sort("ord")
               .join_asof(lead_ord, on="ord", by=["ckey", "bkey"], strategy="backward",
                          check_sortedness=False)
               .filter(pl.col("lln").is_not_null() & (pl.col("day") - pl.col("lday") <= args.window))
               .select("ln", "lln"))
    links = pl.concat([by_id, by_pair])
    attributed = (contracts.lazy().join(links, on="ln", how="left")
                  .join(leads.lazy().select(pl.col("ln").alias("lln"), pl.col("code").alias("lead_code")),
                        on="lln", how="left")
                  .select("ln", "type", "day", "cents", "lln",
                          pl.coalesce("own_code", "lead_code", pl.lit("unclassified")).alias("code"))
                  .collect())
    first_contract = (attributed.lazy()
                      .filter((pl.col("type") == "contract") & pl.col("lln").is_not_null())
                      .group_by("lln").agg(pl.col("day").min().alias("first_day"))
                      .collect())

    lead_stats = leads.select(pl.len(), pl.col("ckey").n_unique(), pl.col("bkey").n_unique(),
                              pl.col("cents").sum()).row(0)
    is_contract = pl.col("type") == "contract"
    is_mou = pl.col("type") == "mou"
    contract_stats = attributed.select(
        pl.len().alias("n"), is_contract.sum().alias("contracts"),
        pl.col("cents").filter(is_contract).sum().alias("export"),
        is_mou.sum().alias("mous"), pl.col("cents").filter(is_mou).sum().alias("mou"),
        (pl.col("type") == "loi").sum().alias("lois"),
        pl.col("cents").filter(is_contract & pl.col("lln").is_not_null()).sum().alias("attributed"),
        pl.col("cents").filter(is_contract & pl.col("lln").is_null()).sum().alias("unattributed")).row(0)
    days = (first_contract.join(leads.select(pl.col("ln").alias("lln"), "day"), on="lln")
            .select((pl.col("first_day") - pl.col("day")).alias("d")))
    converted = days.height
    median = days["d"].median() if converted else None

    rows_read = lead_stats[0] + contract_stats[0]
    peercommon.write_summary(args.out, {
        "rows_read": rows_read, "rows_accepted": rows_read, "rows_rejected": 0,
        "rows_duplicate": 0, "leads": lead_stats[0], "companies": lead_stats[1],
        "buyers": lead_stats[2], "consultation_value_usd": lead_stats[3] or 0,
        "contracts": contract_stats[1], "export_value_usd": contract_stats[2] or 0,
        "mous": contract_stats[3], "mou_value_usd": contract_stats[4] or 0,
        "lois": contract_stats[5], "converted_leads": converted, "conversion_rate": None,
        "attributed_value_usd": contract_stats[6] or 0,
        "unattributed_value_usd": contract_stats[7] or 0,
        "median_days_to_contract": None if median is None else round(2 * median),
    })

    # Sectors: sector rows by code, group rows by the code's group (distinct counts per group).
    tax = taxonomy.select("code", "parent", pl.col("parent").is_null().alias("is_group"),
                          pl.coalesce("parent", "code").alias("grp"))
    lead_facts = (leads.lazy()
                  .join(first_contract.lazy().select("lln", pl.lit(True).alias("converted")),
                        left_on="ln", right_on="lln", how="left")
                  .join(tax.lazy(), on="code", how="left")
                  .select("code", "grp", pl.col("is_group").fill_null(False), "ckey", "bkey", "cents",
                          pl.col("converted").fill_null(False)))
    lead_aggs = [pl.len().alias("leads"), pl.col("ckey").n_unique().alias("companies"),
                 pl.col("bkey").n_unique().alias("buyers"), pl.col("cents").sum().alias("cv"),
                 pl.col("converted").sum().alias("converted")]
    contract_facts = (attributed.lazy().join(tax.lazy(), on="code", how="left")
                      .select("code", "grp", pl.col("is_group").fill_null(False), "type", "cents"))
    contract_aggs = [(pl.col("type") == "contract").sum().alias("contracts"),
                     pl.col("cents").filter(pl.col("type") == "contract").sum().alias("export"),
                     (pl.col("type") == "mou").sum().alias("mous"),
                     pl.col("cents").filter(pl.col("type") == "mou").sum().alias("mou")]

    def by_level(facts, aggs):
        sector = (facts.filter(~pl.col("is_group")).group_by(pl.col("code").alias("key")).agg(aggs)
                  .with_columns(pl.lit("sector").alias("level")))
        group = (facts.filter(pl.col("grp").is_not_null()).group_by(pl.col("grp").alias("key")).agg(aggs)
                 .with_columns(pl.lit("group").alias("level")))
        return pl.concat([sector, group], how="diagonal")

    lead_agg, contract_agg = pl.collect_all([by_level(lead_facts, lead_aggs),
                                             by_level(contract_facts, contract_aggs)])
    merged = lead_agg.join(contract_agg, on=["level", "key"], how="full", coalesce=True).fill_null(0)
    names = {r["code"]: (r["name"], r["parent"]) for r in taxonomy.iter_rows(named=True)}
    rows = []
    for r in merged.iter_rows(named=True):
        name, parent = names.get(r["key"], ("unclassified", None))
        rows.append({"level": r["level"], "sector_code": r["key"], "sector_name": name,
                     "parent_code": parent if r["level"] == "sector" else "",
                     "leads": r["leads"], "companies": r["companies"], "buyers": r["buyers"],
                     "cv": r["cv"], "contracts": r["contracts"], "export": r["export"],
                     "mous": r["mous"], "mou": r["mou"], "converted": r["converted"]})
    peercommon.write_sectors(args.out, rows, lead_stats[3] or 0)
    write_leads(args.out, leads, contracts, attributed)
    print(f"polars {pl.__version__}: {rows_read} rows in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
