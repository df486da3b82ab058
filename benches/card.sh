#!/usr/bin/env bash
# `esign card` against `pkcs11-tool -O` (OpenSC's listing of a token's objects), side by
# side in one hyperfine run, on the same SoftHSM2 token holding one certificate: the goal
# of issue 11 is that esign stays at least 1.5x faster.
#
#   benches/card.sh            # RUNS (default 300) runs each, after 30 warm-up runs
#
# Needs: softhsm2, opensc (pkcs11-tool), openssl, hyperfine, python3 (the packages
# scripts/test installs, plus hyperfine). No root: no pcscd, the module is loaded directly.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in softhsm2-util pkcs11-tool openssl hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "benches/card.sh: $tool is missing (apt-get install softhsm2 opensc openssl hyperfine)" >&2; exit 1; }
done
module=${MODULE:-/usr/lib/softhsm/libsofthsm2.so}
[ -e "$module" ] || { echo "benches/card.sh: no SoftHSM2 module at $module (set MODULE)" >&2; exit 1; }

cargo build --release --quiet
esign="$(realpath "${CARGO_TARGET_DIR:-target}")/release/esign"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The token, as the card tests make it: initialised, one certificate as a public object.
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n' \
  "$work/tokens" >"$work/softhsm2.conf"
export SOFTHSM2_CONF="$work/softhsm2.conf"
softhsm2-util --init-token --free --label AKIS-TEST --so-pin 12345678 --pin 1234 >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 365 -subj "/CN=Test Kisi/serialNumber=TCKN12345678901" 2>/dev/null
openssl x509 -in "$work/cert.pem" -outform DER -out "$work/cert.der"
pkcs11-tool --module "$module" --token-label AKIS-TEST --login --pin 1234 \
  --write-object "$work/cert.der" --type cert --id 01 --label imza >/dev/null 2>&1

# Both must see the certificate, or the comparison means nothing.
"$esign" card --module "$module" --json | grep -q '"state"' \
  || { echo "benches/card.sh: esign card did not read the token" >&2; exit 1; }
pkcs11-tool --module "$module" -O 2>/dev/null | grep -q "Certificate Object" \
  || { echo "benches/card.sh: pkcs11-tool -O did not list the certificate" >&2; exit 1; }

export HOME="$work" XDG_CONFIG_HOME="$work/.config"
hyperfine -N --warmup 30 --runs "${RUNS:-300}" --export-json "$work/card.json" \
  -n "esign card" "$esign card --module $module --quiet" \
  -n "pkcs11-tool -O" "pkcs11-tool --module $module -O"
python3 - "$work/card.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
e, p = r["esign card"]["median"], r["pkcs11-tool -O"]["median"]
print(f"medians: esign card {e * 1000:.2f} ms, pkcs11-tool -O {p * 1000:.2f} ms")
print(f"pkcs11-tool / esign = {p / e:.2f}x   (goal: at least 1.5x)")
PY
