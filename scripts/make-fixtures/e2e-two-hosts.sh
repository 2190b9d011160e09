#!/usr/bin/env bash
# Writes test/e2e/workspace/two-hosts.ngrep.txt: ngrep's byline capture of one answered call
# between two loopback hosts, caller 127.0.0.5 and callee 127.0.0.9, where the callee hangs up.
# An address-only trace with two distinct hosts, for the sipLens.localAddresses end-to-end test
# (the main fixtures all run on 127.0.0.1, where only ports tell the sides apart).
#
# Needs sipp and ngrep; ngrep captures on `lo`, so run as root. Every process is bounded in time.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="$ROOT/test/e2e/workspace/two-hosts.ngrep.txt"
start_work two-hosts
CALLER=127.0.0.5 CALLEE=127.0.0.9 PORT=5460

timeout 20 ngrep -d lo -W byline -t -q -l "" "udp and port $PORT" >"$WORK/ngrep.txt" 2>/dev/null &
NGREP=$!
started "$NGREP"
sleep 1   # ngrep prints nothing when it is ready
timeout 20 sipp -sf "$SCEN/uas-answer-bye.xml" -i "$CALLEE" -p "$PORT" -m 1 -nostdin -recv_timeout 5000 >/dev/null 2>&1 &
UAS=$!
wait_udp "$PORT" || true
timeout 20 sipp -sf "$SCEN/uac-answer-remote-bye.xml" -i "$CALLER" -p "$PORT" -m 1 -nostdin -recv_timeout 5000 \
  -s 5551234 -cid_str "two-hosts-%u@sip-lens" "$CALLEE:$PORT" >/dev/null 2>&1
wait "$UAS"
sleep 0.5
stop_gently "$NGREP"
cp "$WORK/ngrep.txt" "$OUT"
echo "wrote $OUT ($(grep -c '^U ' "$OUT") packets)"
