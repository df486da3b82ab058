#!/usr/bin/env bash
# Benchmark of `esign roster`, side by side in one run (benches/measure.py interleaves
# the commands round after round and reports medians of CPU time, wall time and the
# peak memory of each), on the floor's input: `name,expiry` with ISO dates.
#
# - the floor: /work/shared/bench/floor (or $FLOOR_DIR), a single-purpose program
#   writing the same bytes as `--format csv`, one thread: the anchor;
# - esign in every output mode at 1 M rows, and `--format csv` at 10 M rows;
# - `wc -l` (reading the file at all), gawk and Python computing days left, and
#   DuckDB writing the same CSV bytes when its Python package is installed.
#
# Needs: gawk, python3, a Rust toolchain; DuckDB optional (pip install duckdb).
# Usage: benches/roster.sh [ROWS] (default 1000000); ROUNDS=N (default 7);
#        BIG=0 skips the 10x run.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
ROUNDS=${ROUNDS:-7}
TODAY=2026-01-15
FLOOR_DIR=${FLOOR_DIR:-/work/shared/bench/floor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
ESIGN="${CARGO_TARGET_DIR:-$PWD/target}/release/esign"
FLOOR=$("$FLOOR_DIR/run.sh" --build)

. benches/lib.sh
DATA="$WORK/staff.csv"
make_roster "$ROWS" > "$DATA"
echo "input: $ROWS rows, $(du -h "$DATA" | cut -f1)"

# Same bytes as the floor, or the comparison means nothing.
cmp <("$FLOOR" "$DATA" "$TODAY" 1 || true) <("$ESIGN" roster "$DATA" --format csv --today "$TODAY" || true) \
  && echo "esign --format csv writes the floor's bytes"

cat > "$WORK/days.awk" <<'AWK'
BEGIN { FS = OFS = ","; split(today, t, "-"); now = mktime(t[1] " " t[2] " " t[3] " 00 00 00") }
NR == 1 { print $0, "days_left"; next }
{ split($2, d, "-"); print $0, int((mktime(d[1] " " d[2] " " d[3] " 00 00 00") - now) / 86400 + 0.5) }
AWK
cat > "$WORK/days.py" <<'PY'
import csv, sys
from datetime import date
today = date.fromisoformat(sys.argv[2])
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(next(rows) + ["days_left"])
    for row in rows:
        out.writerow(row + [(date.fromisoformat(row[1]) - today).days])
PY
cat > "$WORK/duck.py" <<'PY'
# The same columns and bytes as `esign roster --format csv`, in DuckDB SQL.
import sys, duckdb
path, today, out = sys.argv[1], sys.argv[2], sys.argv[3]
duckdb.sql(f"""
COPY (
  SELECT name, strftime(expiry, '%Y-%m-%d') AS expiry,
    CASE WHEN DATE '{today}' > expiry THEN 'expired'
         WHEN DATE '{today}' >= CAST(expiry - INTERVAL 1 MONTH AS DATE) THEN 'renewal-due'
         ELSE 'valid' END AS state,
    expiry - DATE '{today}' AS days_left,
    strftime(CAST(expiry - INTERVAL 1 MONTH AS DATE), '%Y-%m-%d') AS window_opens,
    NULL AS payer, NULL AS error
  FROM read_csv('{path}', header = true, columns = {{'name': 'VARCHAR', 'expiry': 'DATE'}})
) TO '{out}' (HEADER, DELIMITER ',')
""")
PY
DUCK=()
if python3 -c 'import duckdb' 2>/dev/null; then
  python3 "$WORK/duck.py" "$DATA" "$TODAY" "$WORK/duck.csv"
  if cmp -s "$WORK/duck.csv" <("$FLOOR" "$DATA" "$TODAY" 1 || true); then
    echo "DuckDB writes the same bytes"
  else
    echo "DuckDB: same columns, bytes differ (first difference below)"
    cmp "$WORK/duck.csv" <("$FLOOR" "$DATA" "$TODAY" 1 || true) | head -1 || true
  fi
  DUCK=("duckdb (same columns)=python3 $WORK/duck.py $DATA $TODAY /dev/null")
fi

R="$ESIGN roster $DATA --today $TODAY"
echo
echo "## $ROWS rows"
python3 benches/measure.py "$ROUNDS" \
  "floor (1 thread)=$FLOOR $DATA $TODAY 1" \
  "esign --format csv=$R --format csv" \
  "esign --quiet=$R --quiet" \
  "esign --format json=$R --format json" \
  "esign --format text=$R --format text" \
  "esign --by-month=$R --by-month" \
  "esign --ics - (2 events a row)=$R --ics -" \
  "wc -l=wc -l $DATA" \
  "gawk (days left only)=env TZ=UTC gawk -v today=$TODAY -f $WORK/days.awk $DATA" \
  "python3 csv (days left only)=python3 $WORK/days.py $DATA $TODAY" \
  "${DUCK[@]}"

if [ "${BIG:-1}" != 0 ]; then
  BIGDATA="$WORK/staff10.csv"
  make_roster $((ROWS * 10)) > "$BIGDATA"
  rm -f "$WORK/duck.csv"
  echo
  echo "## $((ROWS * 10)) rows, $(du -h "$BIGDATA" | cut -f1)"
  python3 benches/measure.py "$(( (ROUNDS + 1) / 2 ))" \
    "floor (1 thread)=$FLOOR $BIGDATA $TODAY 1" \
    "esign --format csv=$ESIGN roster $BIGDATA --format csv --today $TODAY"
fi
