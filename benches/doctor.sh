#!/usr/bin/env bash
# Time goals of `esign doctor` (issue 12): within 1 s when every layer answers, within
# 10 s when everything hangs. Real parts, as in the tests: a `pcscd -f` with the vpcd
# virtual reader and an AKİS-ATR virtual card, a SoftHSM2 token as the module.
#
#   sudo benches/doctor.sh      # root (pcscd), and the packages scripts/test installs
#
# Cases:
#   answers          every layer answers; no java on PATH (Java runs beside, outside the 1 s)
#   answers+java     the same with the machine's java
#   hangs            pcscd stopped with SIGSTOP, the module hangs in C_Initialize
#                    (tests/shim/flagshim.c, P11SHIM_HANG_INIT), java never returns
# Prints the wall time of each run; RUNS (default 10) runs per case.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "benches/doctor.sh: run as root (it starts pcscd)" >&2; exit 1; }
cargo build --release --quiet
esign="$(realpath "${CARGO_TARGET_DIR:-target}")/release/esign"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# pcscd with one vpcd reader, and the virtual card.
mkdir -p "$work/readers" "$work/tokens" "$work/bin-java-hangs" "$work/bin-empty"
printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x8C90\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x8C90\n' >"$work/readers/vpcd"
pcscd -f -c "$work/readers" >/dev/null 2>&1 & pids+=($!); pcscd_pid=$!
sleep 1
/usr/bin/python3 tests/shim/vicc.py 35984 "3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12 93 31 80 73 B3 A1 80 6B" >/dev/null 2>&1 & pids+=($!)
sleep 1

# A SoftHSM2 token, and the hanging shim.
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" >"$work/softhsm2.conf"
export SOFTHSM2_CONF="$work/softhsm2.conf"
softhsm2-util --init-token --free --label AKIS-TEST --so-pin 12345678 --pin 1234 >/dev/null
cc -shared -fPIC -O2 -I/usr/include/p11-kit-1 -o "$work/libflagshim.so" tests/shim/flagshim.c -ldl
printf '#!/bin/sh\nexec sleep 60\n' >"$work/bin-java-hangs/java"
chmod +x "$work/bin-java-hangs/java"

export HOME="$work" XDG_CONFIG_HOME="$work/.config" ESIGN_BROWSER=/bin/true
time_case() {
  local name=$1; shift
  local times=()
  for _ in $(seq "${RUNS:-10}"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%-14s ms: %s\n' "$name" "${times[*]}"
}
time_case answers env PATH="$work/bin-empty" "$esign" doctor --module /usr/lib/softhsm/libsofthsm2.so
time_case answers+java "$esign" doctor --module /usr/lib/softhsm/libsofthsm2.so
kill -STOP "$pcscd_pid"
RUNS=${HANG_RUNS:-3} time_case hangs env PATH="$work/bin-java-hangs:$PATH" P11SHIM_HANG_INIT=1 \
  "$esign" doctor --module "$work/libflagshim.so"
kill -CONT "$pcscd_pid"
