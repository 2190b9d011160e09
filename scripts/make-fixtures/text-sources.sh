#!/usr/bin/env bash
# Makes the fixtures of the text sources that real tools here write, then frames the rest:
#  - Wireshark packet-details text: SIPp calls on loopback captured by tcpdump, printed by
#    `tshark -V` and by `tshark -P -O sip -x -t ad` (summary line, SIP tree, hex dump);
#  - baresip's SIP trace (`baresip -s`) calling SIPp callees;
# and then runs text-sources.mjs, which re-frames real SIPp messages (from test/fixtures/sipp)
# into the shapes no tool here writes (Cisco, pjsip applications, linphone, drachtio, Ribbon, Asterisk
# full logs, quoted and event-socket sofia traces) and adds every expectation to expected.json.
#
# Loopback only, one call per SIPp run, every process bounded by `timeout`. Run as root (capture).
#   scripts/make-fixtures/text-sources.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="${FIXTURES_OUT:-$ROOT/test/fixtures}"
start_work text
IP=127.0.0.1
BOUND=20
# final_uas CODE REASON: a copy of uas-final.xml with its status filled in; prints its path.
final_uas() {
  local f="$WORK/uas-final-$1.xml"
  final_scenario uas-final "$1" "$2" "$f"
  echo "$f"
}
# callee SCENARIO PORT NAME [args…]: a SIPp callee in the background, tracing to NAME.uas.log.
callee() {
  local scen="$1" port="$2" name="$3"; shift 3
  timeout "$BOUND" sipp -sf "$(scenario "$scen")" -i "$IP" -p "$port" -m 1 -nostdin -recv_timeout 5000 \
    -trace_msg -message_file "$WORK/$name.uas.log" "$@" >/dev/null 2>&1 &
  CALLEE=$!
  started "$CALLEE"
  wait_udp "$port"
}
caller() {
  local scen="$1" port="$2" name="$3"; shift 3
  timeout "$BOUND" sipp -sf "$SCEN/$scen.xml" -i "$IP" -p "$((port + 1))" -m 1 -nostdin -recv_timeout 5000 \
    -s 5551234 -cid_str "$name-%u@sip-lens" -trace_msg -message_file "$WORK/$name.uac.log" "$@" "$IP:$port" >/dev/null 2>&1 || true
  wait "$CALLEE" 2>/dev/null || true
}

say "1. SIPp calls captured on loopback"
timeout "$BOUND" tcpdump -i lo -U -w "$WORK/capture.pcap" "udp and portrange 5600-5609" >/dev/null 2>"$WORK/tcpdump.err" &
TCPDUMP=$!
started "$TCPDUMP"
wait_says "$WORK/tcpdump.err" "listening on" || true
callee uas-answer-bye 5600 ws-answered-remote-bye
caller uac-answer-remote-bye 5600 ws-answered-remote-bye
callee "$(final_uas 486 'Busy Here')" 5602 ws-busy-486 -key extra 'Reason: Q.850;cause=17;text="User busy"'
caller uac-final 5602 ws-busy-486
callee uas-cancel-ringing 5604 ws-no-answer-cancel
caller uac-cancel-ringing 5604 ws-no-answer-cancel
callee uas-answer 5606 ws-answered-local-bye
caller uac-answer-local-bye 5606 ws-answered-local-bye
sleep 0.5
stop_gently "$TCPDUMP"
tshark -r "$WORK/capture.pcap" -V >"$WORK/tshark-V.txt" 2>/dev/null
tshark -r "$WORK/capture.pcap" -P -O sip -x -t ad >"$WORK/tshark-O-sip.txt" 2>/dev/null
# The capture's own record of when each message went by, for the expected times.
tshark -r "$WORK/capture.pcap" -T fields -E separator='|' -e frame.time_epoch -e sip.Call-ID -e sip.Method \
  -e sip.Status-Code -e sip.CSeq.method >"$WORK/capture-times.txt" 2>/dev/null

say "2. baresip calling SIPp callees"
BARESIP_CONF="$WORK/baresip"
cp -r "$HERE/baresip" "$BARESIP_CONF"
baresip_call() {
  local scen="$1" port="$2" name="$3"; shift 3
  callee "$scen" "$port" "$name" "$@"
  timeout "$BOUND" baresip -f "$BARESIP_CONF" -s -t 3 -e "/dial sip:bob@$IP:$port" </dev/null >"$WORK/$name.baresip.log" 2>&1 || true
  wait "$CALLEE" 2>/dev/null || true
}
baresip_call uas-answer-bye 5610 baresip-answered-remote-bye
baresip_call "$(final_uas 486 'Busy Here')" 5612 baresip-busy-486 -key extra 'Reason: Q.850;cause=17;text="User busy"'

say "3. Framing and expectations"
node "$HERE/text-sources.mjs" "$WORK" "$OUT"
