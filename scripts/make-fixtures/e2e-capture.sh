#!/usr/bin/env bash
# Writes test/e2e/workspace/sipp-calls.pcapng: a small packet capture of real SIPp calls on
# loopback, for the editor's end-to-end tests (the capture editor and Open as Text Trace).
#
#   call "answered-1@sip-lens": INVITE → 100 → 180 → 200 → ACK, the caller hangs up (BYE → 200)
#   call "busy-1@sip-lens":     INVITE → 100 → 486 Busy Here (Reason: Q.850 cause 17) → ACK
#
# tcpdump captures on `lo` (pcap), editcap turns it into pcapng. Run as root (capture on lo).
# Every process is bounded in time; everything stays on 127.0.0.1.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="$ROOT/test/e2e/workspace/sipp-calls.pcapng"
start_work e2e-capture
IP=127.0.0.1
PORT=5620   # callees on 5620 and 5622, callers one above each
BOUND=20

# call NAME UAC-SCENARIO UAS-SCENARIO-FILE PORT [UAS options...]
call() {
  local name="$1" uac="$2" uas="$3" port="$4"; shift 4
  timeout "$BOUND" sipp -sf "$uas" -i "$IP" -p "$port" -m 1 -nostdin -recv_timeout 5000 "$@" >/dev/null 2>&1 &
  local uas_pid=$!
  wait_udp "$port"
  timeout "$BOUND" sipp -sf "$SCEN/$uac.xml" -i "$IP" -p "$((port + 1))" -m 1 -nostdin -recv_timeout 5000 \
    -s 5551234 -cid_str "$name-%u@sip-lens" "$IP:$port" >/dev/null 2>&1
  wait "$uas_pid"
}

timeout "$BOUND" tcpdump -i lo -U --immediate-mode -w "$WORK/capture.pcap" "udp and portrange $PORT-$((PORT + 3))" 2>"$WORK/tcpdump.err" &
TCPDUMP_PID=$!
started "$TCPDUMP_PID"
wait_says "$WORK/tcpdump.err" "listening on" || true

call answered uac-answer-local-bye "$SCEN/uas-answer.xml" "$PORT"
# SIPp reads a status line when it loads the scenario: fill in the final response first.
final_scenario uas-final 486 "Busy Here" "$WORK/uas-busy.xml"
call busy uac-final "$WORK/uas-busy.xml" "$((PORT + 2))" -key extra 'Reason: Q.850;cause=17;text="User busy"'

sleep 0.5   # the last ACK is on its way
stop_gently "$TCPDUMP_PID"
editcap -F pcapng "$WORK/capture.pcap" "$OUT"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
tshark -r "$OUT" -Y sip -T fields -e frame.number -e sip.Call-ID -e _ws.col.Info 2>/dev/null || true
