#!/usr/bin/env bash
# make faults: hostile inputs on the release build, with peak memory, outside the test suite.
# Each case must end with a clear one-line error or rejects, never a crash.
set -uo pipefail
bin=${1:-.build/release/outcomes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r SampleData/ciepec-2026 "$work/in" && cp SampleData/fx_rates.csv SampleData/sectors.csv "$work/in/"
printf 'name: faults\ninputs:\n  consultations: [in/consultations*.csv]\n  contracts: [in/contracts*.csv]\n  fx_rates: in/fx_rates.csv\n  sectors: in/sectors.csv\noutput: out\n' > "$work/p.yaml"
header='consultation_id,date,event,city,company,buyer,buyer_country,sector,amount,currency,status'
case_run() {
  local name=$1
  /usr/bin/time -f "%e s, peak RSS %M KB" -o "$work/time" "$bin" run "$work/p.yaml" --force > /dev/null 2> "$work/err"
  local rc=$?
  printf '%-28s exit %d, %s, stderr: %s\n' "$name" "$rc" "$(cat "$work/time")" "$(head -c 160 "$work/err" | tr '\n' ' ')"
  [ $rc -ge 128 ] && { echo "CRASH in $name"; exit 1; }
}
python3 - "$work/in/consultations-2026.csv" "$header" <<'PY'
import sys; open(sys.argv[1], 'w').write(sys.argv[2] + '\nX1,2026-06-02,,,"' + 'a' * (100 << 20) + '",B,CN,HYD,1,KRW,\n')
PY
case_run "100 MiB single field"
python3 -c "import sys; open(sys.argv[1],'w').write(sys.argv[2] + ',x' * 1000000 + '\n')" "$work/in/consultations-2026.csv" "$header"
case_run "10^6 columns"
head -c 1000000 /dev/urandom > "$work/in/consultations-2026.csv"
case_run "binary file"
: > "$work/in/consultations-2026.csv"
case_run "0-byte file"
printf '%s\n' "$header" > "$work/in/consultations-2026.csv"
case_run "header-only file"
printf '%s\nX1,2026-06-02,,,"(주)한국' "$header" > "$work/in/consultations-2026.csv"
case_run "cut mid-quoted-field"
printf '%s\nX1,2026-06-02,,,\xed\x95' "$header" > "$work/in/consultations-2026.csv"
case_run "cut mid-UTF-8 sequence"
echo "faults: no crash"
