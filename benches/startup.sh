#!/usr/bin/env bash
# Start-up benchmark for `esign check`, side by side in one hyperfine run with
# /bin/true (the floor: starting a process at all) and `openssl x509 -checkend`
# on a real certificate (what an IT desk would script otherwise).
#
#   benches/startup.sh            # needs hyperfine and openssl (apt-get install hyperfine openssl)
#
# Prints hyperfine's table and the ratios of the medians; writes the raw numbers
# to target/bench/startup.json.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine openssl python3; do
  command -v "$tool" >/dev/null || { echo "benches/startup.sh: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
cargo build --release --quiet
out=target/bench
mkdir -p "$out"
if [ ! -f "$out/cert.pem" ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$out/key.pem" \
    -out "$out/cert.pem" -days 365 -utf8 -subj "/C=TR/CN=Ayşe Yılmaz" 2>/dev/null
fi
esign="$PWD/target/release/esign"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A clean environment: no user rules file, the embedded default is parsed as in real use.
export HOME="$home" XDG_CONFIG_HOME="$home/.config"
hyperfine -N --warmup 50 --runs "${RUNS:-1000}" --export-json "$out/startup.json" \
  -n '/bin/true' '/bin/true' \
  -n 'esign check' "$esign check --expiry 2025-06-01 --today 2025-01-01 --quiet" \
  -n 'openssl x509 -checkend' "openssl x509 -checkend 2592000 -noout -in $out/cert.pem"
python3 - "$out/startup.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
t, e, o = r["/bin/true"], r["esign check"], r["openssl x509 -checkend"]
print(f"\nmedians: /bin/true {t*1e3:.2f} ms, esign check {e*1e3:.2f} ms, openssl {o*1e3:.2f} ms")
print(f"esign / true    = {e/t:.2f}x   (goal: at most 2x)")
print(f"openssl / esign = {o/e:.1f}x   (goal: at least 15x)")
PY
# Instructions, not seconds: callgrind's count is the same run after run on a noisy machine.
if command -v valgrind >/dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$out/startup.callgrind" \
    "$esign" check --expiry 2025-06-01 --today 2025-01-01 --quiet 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/instructions (callgrind): \1   (goal: at most 1000000)/p'
else
  echo "benches/startup.sh: valgrind not installed: no instruction count (apt-get install valgrind)" >&2
fi
