#!/usr/bin/env python3
"""Turns the raw measurements of Benchmarks/bench.sh into the results table and the targets.

    report.py RAW.tsv RESULTS.md --runs N --sizes "1000000 5000000" [--peers TEXT] [--load TEXT]
              [--commit TEXT]

RAW.tsv has one line per run: size, tool, run, seconds, rss_kb, bytes, status, ingest_seconds,
stages (name=seconds,… from an outcomes manifest).
Per tool and size: seconds = median of the runs, peak RSS = the largest of the runs, status =
MISMATCH or FAILED if any run was. Prints the markdown and writes it to RESULTS.md.
Standard library only (runs on the system python3).
"""

import argparse
import csv
import os
import platform
import statistics
import time

TOOLS = ["libcsv floor t1", "libcsv floor t2", "libcsv floor messy t2", "output disk floor", "outcomes clean t1", "outcomes clean t2",
         "outcomes ingest+normalize t2", "outcomes messy t1", "outcomes messy t2",
         "outcomes ingest+normalize messy t2", "duckdb", "polars"]
# Rows judged against the messy set's own floor (the others against the clean set's).
MESSY = {"libcsv floor messy t2", "outcomes messy t1", "outcomes messy t2", "outcomes ingest+normalize messy t2"}
PEERS = ["duckdb", "polars"]
# Rows whose bytes are written, not read: no ratio to the peers or to the parse floor.
WRITTEN = {"output disk floor"}
TARGET_SIZE = "5M"


def label(n):
    n = int(n)
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1000 == 0:
        return f"{n // 1000}K"
    return str(n)


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load(raw):
    runs = {}
    with open(raw) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            runs.setdefault((r["size"], r["tool"]), []).append(r)
    rows = {}
    for (size, tool), rs in runs.items():
        good = [r for r in rs if not r["status"].startswith("FAILED")]
        bad = sorted({r["status"] for r in rs if r["status"] != "ok"})
        status = bad[0] if bad else "ok"
        if any(s == "MISMATCH" for s in bad):
            status = "MISMATCH"
        rows[(size, tool)] = {
            "seconds": statistics.median(float(r["seconds"]) for r in good) if good else None,
            "rss_kb": max(int(r["rss_kb"] or 0) for r in good) if good else None,
            "bytes": int(rs[0]["bytes"]),
            "status": status,
            "runs": len(rs),
            "stages": stage_medians(good),
        }
        if tool in ("outcomes clean t2", "outcomes messy t2"):
            ingest = [float(r["ingest_seconds"]) for r in good if r["ingest_seconds"]]
            if ingest:
                name = "outcomes ingest+normalize t2" if tool == "outcomes clean t2" else "outcomes ingest+normalize messy t2"
                rows[(size, name)] = {
                    "seconds": statistics.median(ingest), "rss_kb": None,
                    "bytes": int(rs[0]["bytes"]), "status": status, "runs": len(ingest)}
    return rows


def stage_medians(runs):
    """Median seconds per manifest stage over the runs, in the manifest's order."""
    per = {}
    for r in runs:
        for item in filter(None, (r.get("stages") or "").split(",")):
            name, _, value = item.partition("=")
            per.setdefault(name, []).append(float(value))
    return {name: statistics.median(v) for name, v in per.items()}


def mbps(row):
    return row["bytes"] / 1e6 / row["seconds"] if row and row.get("seconds") else None


def fmt(x, spec):
    return "—" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("results")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="1000000 5000000")
    ap.add_argument("--peers", default="")
    ap.add_argument("--load", default="")
    ap.add_argument("--commit", default="")
    args = ap.parse_args()
    rows = load(args.raw)
    sizes = [label(n) for n in args.sizes.split()]

    def get(size, tool):
        return rows.get((size, tool))

    out = []
    out.append("# make bench results")
    out.append("")
    out.append(f"- {time.strftime('%Y-%m-%d %H:%M %Z')}, commit {args.commit or '?'}; "
               f"{os.cpu_count()} cores ({cpu_model()}), "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM")
    out.append(f"- sizes {', '.join(sizes)} leads; median of {args.runs} run(s) per row; {args.peers}")
    if args.load:
        la = args.load.split()
        out.append(f"- load average before: {' '.join(la[:3])}, after: {' '.join(la[3:6])} "
                   "(other work on the machine makes every figure slower and noisier)")
    out.append("")
    out.append("| tool | size | seconds | MB/s | peak RSS (MiB) | × faster peer | × floor t2 | check |")
    out.append("|---|---|---:|---:|---:|---:|---:|---|")
    for size in sizes:
        peer_secs = [get(size, p)["seconds"] for p in PEERS if get(size, p) and get(size, p)["seconds"]]
        fastest_peer = min(peer_secs) if peer_secs else None
        for tool in TOOLS:
            r = get(size, tool)
            if not r:
                continue
            floor_rate = mbps(get(size, "libcsv floor messy t2" if tool in MESSY else "libcsv floor t2"))
            rate = mbps(r)
            vs_peer = r["seconds"] / fastest_peer if r["seconds"] and fastest_peer and tool not in WRITTEN else None
            vs_floor = floor_rate / rate if rate and floor_rate and tool not in WRITTEN else None
            rss = r["rss_kb"] / 1024 if r["rss_kb"] else None
            out.append(f"| {tool} | {size} | {fmt(r['seconds'], '.2f')} | {fmt(rate, '.1f')} | "
                       f"{fmt(rss, '.0f')} | {fmt(vs_peer, '.2f')} | {fmt(vs_floor, '.2f')} | {r['status']} |")
    out.append("")
    out.append("MB/s = input CSV bytes (10^6) / seconds; the clean set's bytes for the floor, the peers "
               "and `outcomes clean`, the messy set's for `libcsv floor messy` and `outcomes messy`. "
               "× floor t2 = the 2-thread floor's MB/s / the row's MB/s, the messy rows against the "
               "floor on the messy files (so, seconds / floor seconds). "
               "`output disk floor` writes as many bytes as one clean `outcomes run` publishes (its MB/s "
               "are of those bytes) with 8 MiB O_DIRECT writes and an fsync, beside the bench's outputs: "
               "outcomes fsyncs every output before publishing it, so no run can finish its writing faster "
               "(the peers' scripts do not fsync). "
               "`outcomes ingest+normalize t2` is the clean t2 run's ingest and normalize stages "
               "(manifest stage_seconds without aggregate, format and hash_finish, the manifest waiting for the inputs' sha256), `… messy t2` the messy run's. check: the peers' "
               "summary.csv, sectors.csv and leads.csv byte-equal to outcomes' (clean set), and outcomes' own "
               "equal across thread counts and runs.")
    out.append("")

    stage_rows = [(size, tool, get(size, tool)["stages"]) for size in sizes for tool in TOOLS
                  if get(size, tool) and get(size, tool).get("stages")]
    if stage_rows:
        names = []
        for _, _, st in stage_rows:
            names += [n for n in st if n not in names]
        out.append("outcomes stage seconds (manifest `stage_seconds`, median of the runs):")
        out.append("")
        out.append("| tool | size | " + " | ".join(names) + " | rest of the wall clock |")
        out.append("|---|---|" + "---:|" * (len(names) + 1))
        for size, tool, st in stage_rows:
            rest = get(size, tool)["seconds"] - sum(st.values()) if get(size, tool)["seconds"] else None
            out.append(f"| {tool} | {size} | " + " | ".join(fmt(st.get(n), ".2f") for n in names)
                       + f" | {fmt(rest, '.2f')} |")
        out.append("")

    # Targets, judged at 5M when it was measured, else at the largest size (and said so).
    tsize = TARGET_SIZE if TARGET_SIZE in sizes else (sizes[-1] if sizes else None)
    note = "" if tsize == TARGET_SIZE else f" (measured at {tsize}; the target is at {TARGET_SIZE})"
    targets = []

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    c2, c1 = get(tsize, "outcomes clean t2"), get(tsize, "outcomes clean t1")
    peer = [get(tsize, p)["seconds"] for p in PEERS if get(tsize, p) and get(tsize, p)["seconds"]]
    if c2 and c2["seconds"] and peer:
        x = c2["seconds"] / min(peer)
        targets.append((verdict(x <= 0.5), f"{tsize} clean `outcomes run` (t2) wall ≤ 0.5 × the faster of "
                        f"DuckDB and Polars: {c2['seconds']:.2f} s vs {min(peer):.2f} s = {x:.2f}×{note}"))
    else:
        targets.append(("n/a", "outcomes vs peers: not measured"))
    def floor_target(ingest_tool, floor_tool, share, what, missing):
        ing, fl = get(tsize, ingest_tool), get(tsize, floor_tool)
        if ing and fl and mbps(ing) and mbps(fl):
            x = mbps(ing) / mbps(fl)
            targets.append((verdict(x >= share), f"ingest+normalize throughput ≥ {100 * share:.0f}% of the 2-thread "
                            f"libcsv floor ({what}): {mbps(ing):.1f} vs {mbps(fl):.1f} MB/s = {100 * x:.0f}%{note}"))
        else:
            targets.append(("n/a", missing))

    floor_target("outcomes ingest+normalize t2", "libcsv floor t2", 0.5, "clean",
                 "ingest+normalize vs floor: not measured (no stage_seconds in the manifest?)")
    floor_target("outcomes ingest+normalize messy t2", "libcsv floor messy t2", 0.3, "messy, both on the messy files",
                 "messy ingest+normalize vs floor: not measured")
    disk = get(tsize, "output disk floor")
    disk_note = (f" (the outputs' disk floor: {disk['seconds']:.2f} s, {mbps(disk):.0f} MB/s)"
                 if disk and disk["seconds"] else "")
    for mode in ("clean", "messy"):
        a, b = get(tsize, f"outcomes {mode} t1"), get(tsize, f"outcomes {mode} t2")
        if a and b and a["seconds"] and b["seconds"]:
            x = a["seconds"] / b["seconds"]
            # The t2 run writes nothing before its aggregation ends (leads.csv needs every
            # attribution): its stages before the writing (all but hash_finish, which the
            # manifest's writer waits for) plus the disk floor is what it would take were the
            # writing disk-bound throughout (the floor is measured minutes apart: a figure, not a bound).
            bound = ""
            stages = b.get("stages") or {}
            if disk and disk["seconds"] and stages:
                before = sum(v for k, v in stages.items() if k != "hash_finish")
                bound = (f"; t2 writing at the floor's pace after its {before:.2f} s of stages would give "
                         f"{a['seconds']:.2f} / ({before:.2f} + {disk['seconds']:.2f}) = "
                         f"{a['seconds'] / (before + disk['seconds']):.2f}×")
            targets.append((verdict(x >= 1.7), f"--threads 2 ≥ 1.7× faster than --threads 1 ({mode}): "
                            f"{a['seconds']:.2f} s / {b['seconds']:.2f} s = {x:.2f}×{disk_note[:-1] + bound + ')' if disk_note else ''}{note}"))
    big, small = get("5M", "outcomes clean t2"), get("1M", "outcomes clean t2")
    if big and small and big["seconds"] and small["seconds"]:
        x = big["seconds"] / small["seconds"]
        targets.append((verdict(x <= 5.5), f"5M/1M time ratio ≤ 5.5 (clean t2): {big['seconds']:.2f} s / "
                        f"{small['seconds']:.2f} s = {x:.2f}"))
    else:
        targets.append(("n/a", "5M/1M time ratio ≤ 5.5: needs both sizes"))
    rss = [(r["rss_kb"], t) for t in TOOLS if t.startswith("outcomes") and (r := get(tsize, t)) and r["rss_kb"]]
    if rss:
        kb, tool = max(rss)
        targets.append((verdict(kb <= 1024 * 1024), f"peak RSS ≤ 1 GiB at {TARGET_SIZE}: largest "
                        f"{kb / 1024:.0f} MiB ({tool}){note}"))
    checks = [(k, r["status"]) for k, r in rows.items() if k[1] in PEERS or k[1].startswith("outcomes clean")]
    bad = sorted(f"{t} {s}: {st}" for (s, t), st in checks if st != "ok")
    targets.append((verdict(not bad) if checks else "n/a",
                    "peers' summary.csv, sectors.csv and leads.csv equal outcomes' byte for byte"
                    + (f" — {'; '.join(bad)}" if bad else "")))

    out.append("## Targets (2-core machine)")
    out.append("")
    for v, text in targets:
        out.append(f"- **{v}** {text}")
    out.append("")
    text = "\n".join(out)
    print(text)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
