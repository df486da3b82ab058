#!/usr/bin/env bash
# Benchmark of `esign roster` on a workbook: 100,000 rows of .xlsx (name, duty, a date
# cell), against calamine alone reading the same sheet (examples/calamine_read.rs). The
# goal (issue 13): esign within 3x of the baseline. Medians by benches/measure.py.
#
# Needs: python3 with openpyxl (pip install openpyxl), a Rust toolchain.
# Usage: benches/xlsx.sh [ROWS] (default 100000); ROUNDS=N (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-100000}
ROUNDS=${ROUNDS:-7}
TODAY=2026-01-15
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet --bin esign --example calamine_read
TARGET="${CARGO_TARGET_DIR:-$PWD/target}/release"
ESIGN="$TARGET/esign"
BASELINE="$TARGET/examples/calamine_read"

python3 - "$ROWS" "$WORK/staff.xlsx" <<'PY'
import datetime, random, sys
import openpyxl
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(42)
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Sayfa1")
ws.append(["Ad Soyad", "Görev", "Bitiş Tarihi"])
start = datetime.date(2024, 1, 1)
duties = ["Dekan", "Bölüm Başkanı", "", "Şube Müdürü", ""]
for i in range(rows):
    ws.append([f"Personel {i}", duties[i % 5], start + datetime.timedelta(days=random.randrange(5 * 365))])
wb.save(path)
PY
echo "input: $ROWS rows, $(du -h "$WORK/staff.xlsx" | cut -f1)"

python3 benches/measure.py "$ROUNDS" \
  "calamine alone=$BASELINE $WORK/staff.xlsx" \
  "esign roster --format csv=$ESIGN roster $WORK/staff.xlsx --format csv --today $TODAY" \
  "esign roster --format json=$ESIGN roster $WORK/staff.xlsx --format json --today $TODAY" \
  "esign roster (summary, -q)=$ESIGN roster $WORK/staff.xlsx -q --today $TODAY"
