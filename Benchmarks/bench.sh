#!/usr/bin/env bash
# make bench: figures, not tests. Times, in one run, each tool 3 times per dataset size under
# /usr/bin/time -v (wall clock and peak RSS) and writes the medians to bench/results.md:
#   libcsv floor t1/t2     .build/csvfloor: libcsv parse with empty callbacks (the floor)
#   libcsv floor messy t2  the same on the messy set's files (the floor of the messy ingest)
#   outcomes clean t1/t2   outcomes run on the clean set, --threads 1 / 2
#   outcomes messy t1/t2   outcomes run on the messy set (CP949, Korean headers, money words…)
#   output disk floor      .build/diskfloor: as many bytes as one clean run's outputs, written
#                          as outcomes writes leads.csv (8 MiB O_DIRECT blocks, fsync) beside them
#   duckdb, polars         Benchmarks/peers/*_outcomes.py: summary.csv, sectors.csv and leads.csv of
#                          the clean set, checked byte for byte against outcomes' own (else MISMATCH)
# Environment: BENCH_SIZES (lead counts, default "1000000 5000000"), BENCH_RUNS (default 3),
# BENCH_SEED (default 42), BENCH_PIP (default "duckdb polars"), SWIFT (default swift).
# Data is generated once into bench/data/<mode>-<size>/ (git-ignored) and reused while its stamp
# (size, mode, seed, sha256 of Benchmarks/Generate/main.swift) matches.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"1000000 5000000"}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-42}
PIP_PACKAGES=${BENCH_PIP:-"duckdb polars"}
SWIFT=${SWIFT:-swift}
DATA=bench/data
RESULTS=bench/results.md
VENV=Benchmarks/.venv
FLOOR=.build/csvfloor
DISKFLOOR=.build/diskfloor
OUTCOMES=.build/release/outcomes
GENERATE=.build/release/bench-generate

log() { printf '%s\n' "$*" >&2; }

# --- build --------------------------------------------------------------------------------
# One product per call: `swift build --product A --product B` builds only the last one.
log "== building release (outcomes, bench-generate)"
"$SWIFT" build -c release --product outcomes
"$SWIFT" build -c release --product bench-generate
if [ ! -x "$FLOOR" ] || [ Benchmarks/floor/csvfloor.c -nt "$FLOOR" ]; then
  mkdir -p .build
  cc -O2 -o "$FLOOR" Benchmarks/floor/csvfloor.c -lcsv -lpthread
fi
if [ ! -x "$DISKFLOOR" ] || [ Benchmarks/floor/diskfloor.c -nt "$DISKFLOOR" ]; then
  cc -O2 -o "$DISKFLOOR" Benchmarks/floor/diskfloor.c
fi

# --- peers' venv ----------------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import duckdb, polars' 2>/dev/null; then
  log "== creating $VENV with: $PIP_PACKAGES"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install --quiet $PIP_PACKAGES
fi
PY="$VENV/bin/python"

# --- data ---------------------------------------------------------------------------------
label() {  # 1000000 → 1M, 250000 → 250K
  local n=$1
  if (( n % 1000000 == 0 )); then echo "$((n / 1000000))M"
  elif (( n % 1000 == 0 )); then echo "$((n / 1000))K"
  else echo "$n"; fi
}
gen_sha=$(sha256sum Benchmarks/Generate/main.swift | cut -c1-16)
ensure_data() {  # n mode → prints the directory
  local n=$1 mode=$2 dir
  dir="$DATA/$mode-$(label "$n")"
  local stamp="n=$n mode=$mode seed=$SEED generator=$gen_sha"
  if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
    log "== generating $dir ($stamp)"
    rm -rf "$dir.tmp"
    mkdir -p "$DATA"
    "$GENERATE" "$n" "$dir.tmp" "$mode" "$SEED" >&2
    printf '%s' "$stamp" > "$dir.tmp/.stamp"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"  # swapped in whole: a half-written set is never used
  fi
  echo "$dir"
}
csv_bytes() { cat "$1"/*.csv | wc -c; }

# --- measuring ----------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/outcomes-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RAW="$WORK/raw.tsv"
printf 'size\ttool\trun\tseconds\trss_kb\tbytes\tstatus\tingest_seconds\tstages\n' > "$RAW"

# measure TOOL SIZE RUN BYTES CMD... : runs CMD under /usr/bin/time -v; sets RC, SECONDS_, RSS_KB.
measure() {
  local tool=$1 size=$2 run=$3 bytes=$4
  shift 4
  RC=0
  /usr/bin/time -v -o "$WORK/time" "$@" > "$WORK/stdout" 2> "$WORK/stderr" || RC=$?
  SECONDS_=$(awk -F': ' '/Elapsed \(wall clock\) time/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/time")
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time")
  if [ "$RC" -ne 0 ]; then
    log "   $tool $size run $run FAILED (exit $RC):"
    tail -n 5 "$WORK/stderr" | sed 's/^/     /' >&2
  fi
}
record() {  # tool size run bytes status [ingest_seconds [stages]]
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$1" "$3" "$SECONDS_" "$RSS_KB" "$4" "$5" "${6:-}" "${7:-}" >> "$RAW"
  printf '   %-20s %-4s run %s  %8ss  %6s MiB  %s\n' "$1" "$2" "$3" "$SECONDS_" "$((RSS_KB / 1024))" "$5" >&2
}
# From an outcomes manifest: "INGEST<TAB>STAGES", INGEST = seconds of ingest + normalize (every
# stage but aggregate, export and hash_finish: the manifest's wait for the inputs' sha256, hashed
# beside the run at idle priority), STAGES = name=seconds,… of every stage.
stage_seconds() {
  python3 - "$1/manifest.json" <<'PY'
import json, sys
try:
    stages = json.load(open(sys.argv[1]))["stage_seconds"]
    later = {"aggregate", "format", "export", "write", "publish", "report", "hash_finish"}
    ingest = sum(float(v) for k, v in stages.items() if k not in later)
    print(f"{ingest:.3f}\t" + ",".join(f"{k}={float(v):.3f}" for k, v in stages.items()))
except Exception:
    print("\t")
PY
}
# same_outputs REF DIR: byte-equal summary.csv, sectors.csv and leads.csv, else says where they differ.
same_outputs() {
  local ref=$1 dir=$2 ok=0 f
  for f in summary.csv sectors.csv leads.csv; do
    if ! cmp -s "$ref/$f" "$dir/$f"; then
      ok=1
      log "   MISMATCH in $f (< outcomes, > $dir):"
      if [ "$f" = leads.csv ]; then
        cmp "$ref/$f" "$dir/$f" 2>&1 | head -n 2 | sed 's/^/     /' >&2 || true
      else
        diff "$ref/$f" "$dir/$f" 2>&1 | head -n 40 | sed 's/^/     /' >&2 || true
      fi
    fi
  done
  return $ok
}

PEER_VERSIONS=$("$PY" -c 'import duckdb, polars; print(f"duckdb {duckdb.__version__}, polars {polars.__version__}")')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
  size=$(label "$n")
  clean=$(ensure_data "$n" clean)
  messy=$(ensure_data "$n" messy)
  clean_bytes=$(csv_bytes "$clean")
  messy_bytes=$(csv_bytes "$messy")
  ref="$WORK/ref-$size"
  out_bytes=""  # what one clean run publishes, for the output disk floor
  cat "$clean"/*.csv "$messy"/*.csv > /dev/null  # warm the page cache for every tool alike
  log "== $size leads: clean $clean_bytes bytes, messy $messy_bytes bytes, $RUNS run(s)"
  for run in $(seq 1 "$RUNS"); do
    for t in 1 2; do
      measure "libcsv floor t$t" "$size" "$run" "$clean_bytes" "$FLOOR" -t "$t" "$clean"/*.csv
      record "libcsv floor t$t" "$size" "$run" "$clean_bytes" "$([ $RC -eq 0 ] && echo ok || echo "FAILED($RC)")"
    done
    # The messy set's own bytes through libcsv: the floor its ingest is judged against.
    measure "libcsv floor messy t2" "$size" "$run" "$messy_bytes" "$FLOOR" -t 2 "$messy"/*.csv
    record "libcsv floor messy t2" "$size" "$run" "$messy_bytes" "$([ $RC -eq 0 ] && echo ok || echo "FAILED($RC)")"
    for mode in clean messy; do
      dir=$clean bytes=$clean_bytes
      [ "$mode" = messy ] && dir=$messy bytes=$messy_bytes
      for t in 1 2; do
        out="$WORK/out-$mode-$size-t$t-$run"
        measure "outcomes $mode t$t" "$size" "$run" "$bytes" \
          "$OUTCOMES" run "$dir/pipeline.yaml" --threads "$t" --output "$out" --force
        status=ok stages=$'\t'
        if [ $RC -ne 0 ]; then
          status="FAILED($RC)"
        else
          stages=$(stage_seconds "$out")
          if [ "$mode" = clean ]; then
            [ -n "$out_bytes" ] || out_bytes=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
            if [ ! -d "$ref" ]; then
              mkdir -p "$ref" && cp "$out/summary.csv" "$out/sectors.csv" "$out/leads.csv" "$ref/"
            elif ! same_outputs "$ref" "$out"; then
              status=MISMATCH  # outcomes must write the same bytes for every thread count
            fi
          fi
        fi
        rm -rf "$out"
        record "outcomes $mode t$t" "$size" "$run" "$bytes" "$status" "${stages%%$'\t'*}" "${stages#*$'\t'}"
      done
    done
    # The disk under the outputs: how long it takes for a run's bytes at the least.
    if [ -n "$out_bytes" ]; then
      measure "output disk floor" "$size" "$run" "$out_bytes" "$DISKFLOOR" "$out_bytes" "$WORK"
      record "output disk floor" "$size" "$run" "$out_bytes" "$([ $RC -eq 0 ] && echo ok || echo "FAILED($RC)")"
    fi
    for peer in duckdb polars; do
      out="$WORK/out-$peer-$size-$run"
      measure "$peer" "$size" "$run" "$clean_bytes" "$PY" "Benchmarks/peers/${peer}_outcomes.py" "$clean" "$out"
      status=ok
      if [ $RC -ne 0 ]; then status="FAILED($RC)"
      elif [ ! -d "$ref" ]; then status="unchecked"; log "   $peer: no outcomes output to check against"
      elif ! same_outputs "$ref" "$out"; then status=MISMATCH
      fi
      rm -rf "$out"
      record "$peer" "$size" "$run" "$clean_bytes" "$status"
    done
  done
done

cp "$RAW" "$DATA/last-raw.tsv"
mkdir -p "$(dirname "$RESULTS")"
python3 Benchmarks/report.py "$RAW" "$RESULTS" \
  --runs "$RUNS" --sizes "$SIZES" --peers "$PEER_VERSIONS" --load "$LOAD_BEFORE $(cut -d' ' -f1-3 /proc/loadavg)" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- Sources 2>/dev/null || echo '+dirty Sources')"
