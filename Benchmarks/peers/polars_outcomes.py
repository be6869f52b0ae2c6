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

    lead_cols = {"consultation_id": pl.String, "date": pl.Date, "company": pl.String,
                 "buyer": pl.String, "sector": pl.String, "amount": pl.String, "currency": pl.String}
    leads = (pl.scan_csv(path("consultations.csv"), schema_overrides=lead_cols, infer_schema=False)
             .select(list(lead_cols))
             .with_row_index("ln")
             .with_columns(pl.col("date").cast(pl.Date)))
    leads = (with_usd(leads, fx)
             .select("ln", pl.col("consultation_id").alias("id"), "date",
                     (pl.col("date") - EPOCH).dt.total_days().alias("day"),
                     name_key("company"), name_key("buyer"), pl.col("sector").alias("code"),
                     "rate", "cents")
             .collect())

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
                         "rate", "cents")
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
    print(f"polars {pl.__version__}: {rows_read} rows in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
