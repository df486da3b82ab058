#!/usr/bin/env bash
# Benchmark of `esign roster` on a 1,000,000-row staff list, against the floor (reading
# the file: `wc -l`) and the scripts an IT desk would otherwise write: gawk with mktime,
# and Python 3 with csv + datetime. All compute days left per row and write CSV to
# /dev/null. Then the peak memory of esign, from GNU time.
# gawk runs with TZ=UTC: with the system zone, glibc's mktime consults the zone data on
# every call and gawk takes about twice as long; UTC is the fair (faster) baseline.
#
# Needs: hyperfine, gawk, python3, GNU time (/usr/bin/time), a Rust toolchain.
#   sudo apt-get install hyperfine gawk python3 time
# Usage: benches/roster.sh [ROWS]   (default 1000000; files go to a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
TODAY=2026-01-15
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/staff.csv"

cargo build --release --quiet
ESIGN="$PWD/target/release/esign"

# name,expiry plus a few other columns; expiries spread over five years, both date forms.
gawk -v rows="$ROWS" 'BEGIN {
  srand(42)
  print "name,expiry,department,phone,email"
  for (i = 1; i <= rows; i++) {
    t = mktime("2024 01 01 12 00 00") + int(rand() * 5 * 365) * 86400
    d = (i % 4 == 0) ? strftime("%d.%m.%Y", t) : strftime("%Y-%m-%d", t)
    printf "Person %d,%s,Department %d,+90 312 %07d,person%d@example.edu.tr\n", i, d, i % 37, i, i
  }
}' > "$DATA"
echo "input: $ROWS rows, $(du -h "$DATA" | cut -f1)"

cat > "$WORK/days.awk" <<'AWK'
# Days left per row, with mktime; both date forms.
BEGIN { FS = OFS = ","; split(today, t, "-"); now = mktime(t[1] " " t[2] " " t[3] " 00 00 00") }
NR == 1 { print $0, "days_left"; next }
{
  if ($2 ~ /^[0-9][0-9][0-9][0-9]-/) { split($2, d, "-"); y = d[1]; m = d[2]; dd = d[3] }
  else { split($2, d, "."); y = d[3]; m = d[2]; dd = d[1] }
  print $0, int((mktime(y " " m " " dd " 00 00 00") - now) / 86400 + 0.5)
}
AWK

cat > "$WORK/days.py" <<'PY'
# Days left per row, with csv + datetime; both date forms.
import csv, sys
from datetime import date, datetime
today = date.fromisoformat(sys.argv[2])
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    out = csv.writer(sys.stdout)
    out.writerow(next(rows) + ["days_left"])
    for row in rows:
        text = row[1]
        day = date.fromisoformat(text) if "-" in text else datetime.strptime(text, "%d.%m.%Y").date()
        out.writerow(row + [(day - today).days])
PY

# esign exits 1 or 2 (renewal due / expired rows): that is its answer, not a failure.
# -N: no shell between hyperfine and the command (its start-up would be timed too);
# output goes to /dev/null, hyperfine's default.
hyperfine -N --warmup 1 --runs "${RUNS:-10}" --ignore-failure \
  --export-markdown "$WORK/table.md" \
  -n "wc -l" "wc -l $DATA" \
  -n "esign roster --format csv" "$ESIGN roster $DATA --format csv --today $TODAY" \
  -n "gawk (mktime)" "env TZ=UTC gawk -v today=$TODAY -f $WORK/days.awk $DATA" \
  -n "python3 (csv + datetime)" "python3 $WORK/days.py $DATA $TODAY"
echo
cat "$WORK/table.md"
echo
for format in csv json text; do
  /usr/bin/time -v "$ESIGN" roster "$DATA" --format "$format" --today "$TODAY" > /dev/null 2> "$WORK/time.txt" || true
  echo "peak memory, esign roster --format $format: $(grep 'Maximum resident' "$WORK/time.txt" | gawk '{printf "%.1f MiB", $NF / 1024}')"
done
