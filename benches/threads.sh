#!/usr/bin/env bash
# Would two threads pay on this machine? (issue 11's stretch goal: wall time at most 0.6x
# the single-threaded run on an idle 2-core machine.) Measured without writing the
# threaded reader first: the best any in-process split could do is two esign processes
# each reading half the roster at once, with no merging at all. Beside them, the floor
# with 1 and 2 threads (/work/shared/bench/floor, or $FLOOR_DIR).
#
#   benches/threads.sh [ROWS]    default 4000000; ROUNDS=N (default 7)
#
# Needs gawk, python3 and a Rust toolchain. Run it on an idle machine: a second busy core
# is exactly what it measures.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-4000000}
ROUNDS=${ROUNDS:-7}
TODAY=2026-01-15
FLOOR_DIR=${FLOOR_DIR:-/work/shared/bench/floor}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
ESIGN="${CARGO_TARGET_DIR:-$PWD/target}/release/esign"
FLOOR=$("$FLOOR_DIR/run.sh" --build)

. benches/lib.sh
make_roster "$ROWS" > "$WORK/all.csv"
half=$((ROWS / 2))
{ head -n 1 "$WORK/all.csv"; sed -n "2,$((half + 1))p" "$WORK/all.csv"; } > "$WORK/a.csv"
{ head -n 1 "$WORK/all.csv"; sed -n "$((half + 2)),\$p" "$WORK/all.csv"; } > "$WORK/b.csv"
echo "input: $ROWS rows, $(du -h "$WORK/all.csv" | cut -f1); halves of $half rows"

cat > "$WORK/halves.sh" <<SH
"$ESIGN" roster "$WORK/a.csv" --format csv --today $TODAY > /dev/null &
"$ESIGN" roster "$WORK/b.csv" --format csv --today $TODAY > /dev/null
wait
SH

python3 benches/measure.py "$ROUNDS" \
  "esign --format csv, whole file=$ESIGN roster $WORK/all.csv --format csv --today $TODAY" \
  "esign --format csv, two halves at once=sh $WORK/halves.sh" \
  "floor, 1 thread=$FLOOR $WORK/all.csv $TODAY 1" \
  "floor, 2 threads=$FLOOR $WORK/all.csv $TODAY 2"
