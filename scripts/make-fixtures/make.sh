#!/usr/bin/env bash
# Regenerates test/fixtures/ from real SIP traffic on loopback.
#
# Needs (Debian): sip-tester (sipp), kamailio, ngrep, tshark, and optionally sngrep + tmux for
# the sngrep text export; node for reframe.mjs. ngrep and tshark capture on `lo`, so run as
# root (or with capture capabilities).
#
# Everything runs on 127.0.0.1, one call per SIPp run (-m 1), every wait bounded
# (-recv_timeout inside SIPp, `timeout` around every process). Takes about a minute.
#
#   scripts/make-fixtures/make.sh            # writes into test/fixtures/
#   KEEP_WORK=1 scripts/make-fixtures/make.sh  # keeps the scratch directory for inspection
#   FIXTURES_OUT=/tmp/x scripts/make-fixtures/make.sh  # writes elsewhere (check.sh does)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="${FIXTURES_OUT:-$ROOT/test/fixtures}"
start_work fixtures
IP=127.0.0.1
BOUND=20   # seconds: hard limit for any one process

# sipp_pair NAME UAC UAS PORT [UAS options...] -- [UAC options...]
# The callee (UAS) listens on PORT, the caller (UAC) on PORT+1. Traces: $WORK/NAME.uac.log and
# $WORK/NAME.uas.log; Call-ID "NAME-1@sip-lens".
sipp_pair() {
  local name="$1" uac="$2" uas="$3" port="$4"; shift 4
  split_pair_args "$@"
  say "$name"
  timeout "$BOUND" sipp -sf "$(scenario "$uas")" -i "$IP" -p "$port" -m 1 -nostdin -recv_timeout 5000 \
    -trace_msg -message_file "$WORK/$name.uas.log" -trace_err -error_file "$WORK/$name.uas.err" \
    ${UAS_ARGS[@]+"${UAS_ARGS[@]}"} >/dev/null 2>&1 &
  local uas_pid=$!
  wait_udp "$port"
  local rc=0
  timeout "$BOUND" sipp -sf "$SCEN/$uac.xml" -i "$IP" -p "$((port + 1))" -m 1 -nostdin -recv_timeout 5000 \
    -s 5551234 -cid_str "$name-%u@sip-lens" \
    -trace_msg -message_file "$WORK/$name.uac.log" -trace_err -error_file "$WORK/$name.uac.err" \
    ${UAC_ARGS[@]+"${UAC_ARGS[@]}"} "$IP:$port" >/dev/null 2>&1 || rc=$?
  local urc=0
  wait "$uas_pid" || urc=$?
  pair_exits "$name" "$rc" "$urc" warning
}

# sipp_uac NAME UAC PORT [options...]: caller only, against a responder already on PORT.
sipp_uac() {
  local name="$1" uac="$2" port="$3"; shift 3
  say "$name"
  local rc=0
  timeout "$BOUND" sipp -sf "$SCEN/$uac.xml" -i "$IP" -p "$((port + 1))" -m 1 -nostdin -recv_timeout 5000 \
    -cid_str "$name-%u@sip-lens" \
    -trace_msg -message_file "$WORK/$name.uac.log" -trace_err -error_file "$WORK/$name.uac.err" \
    "$@" "$IP:$port" >/dev/null 2>&1 || rc=$?
  [ "$rc" = 0 ] || echo "   warning: $name: caller exit $rc (see $WORK/$name.uac.err)" >&2
}

# The SIPp callers run against the set of callees below; every flow the analysis must classify.
all_sipp_runs() {
  local p="$1"   # first port; each pair uses two
  sipp_pair answered-local-bye   uac-answer-local-bye  uas-answer        $((p + 0))
  sipp_pair answered-remote-bye  uac-answer-remote-bye uas-answer-bye    $((p + 2))
  sipp_pair session-progress-answered uac-answer-local-bye uas-answer-183 $((p + 4))
  final_pair busy-486            uas-final      $((p + 6))  486 "Busy Here" 'Reason: Q.850;cause=17;text="User busy"'
  final_pair busy-everywhere-600 uas-final      $((p + 8))  600 "Busy Everywhere" 'Reason: Q.850;cause=17;text="User busy"'
  final_pair not-found-404       uas-final      $((p + 10)) 404 "Not Found" 'Reason: Q.850;cause=1;text="Unallocated (unassigned) number"'
  final_pair forbidden-403       uas-final      $((p + 12)) 403 "Forbidden" 'Warning: 399 127.0.0.1 "Calling number not allowed"'
  final_pair unavailable-480     uas-ring-final $((p + 14)) 480 "Temporarily Unavailable" 'Reason: Q.850;cause=19;text="No answer from user (user alerted)"'
  final_pair unavailable-503     uas-final      $((p + 16)) 503 "Service Unavailable" 'Retry-After: 30'
  final_pair declined-603        uas-ring-final $((p + 18)) 603 "Decline" 'Reason: Q.850;cause=21;text="Call rejected"'
  final_pair redirect-302        uas-final      $((p + 20)) 302 "Moved Temporarily" 'Contact: <sip:5559876@127.0.0.1:5090>'
  sipp_pair no-answer-cancel     uac-cancel-ringing uas-cancel-ringing $((p + 22))
  sipp_pair cancelled-early      uac-cancel-early   uas-cancel-early   $((p + 24))
  sipp_pair auth-407-answered    uac-auth-invite    uas-auth-invite    $((p + 26))
  # SIPp counts the caller's timed-out wait as a failed call: a warning here is expected.
  sipp_pair trying-only          uac-trying-only    uas-trying-only    $((p + 28)) -- -default_behaviors none
  sipp_pair register-401         uac-register       uas-register       $((p + 30))
  sipp_pair options-200          uac-options        uas-options        $((p + 32))
  sipp_pair reinvite             uac-reinvite       uas-reinvite       $((p + 34))
}

# Kamailio as a loopback gateway (kamailio.cfg). $1 = port, $2 = sipdump folder.
start_kamailio() {
  mkdir -p "$2"
  timeout "$BOUND" kamailio -DD -E -f "$HERE/kamailio.cfg" -w "$2" \
    -A "SIPDUMP_DIR=\"$2\"" -A "LISTEN=udp:$IP:$1" >"$2/kamailio.out" 2>&1 &
  KAMAILIO_PID=$!
  started "$KAMAILIO_PID"
  wait_udp "$1"
}
stop_kamailio() {
  kill "$KAMAILIO_PID" 2>/dev/null || true
  wait "$KAMAILIO_PID" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
say "1. SIPp caller/callee pairs"
all_sipp_runs 5100

say "2. Kamailio gateway (903 Route blocked, stateless answers, sipdump)"
start_kamailio 5300 "$WORK/sipdump"
sipp_uac route-blocked-903 uac-final-9xx        5300 -default_behaviors none -s 0044201234567
sipp_uac gateway-answered  uac-answer-local-bye 5300 -s 5551234
sipp_uac gateway-register  uac-register         5300 -s alice
sipp_uac gateway-options   uac-options          5300 -s gateway
sleep 0.3   # sipdump writes from a timer process ('wait' parameter: 1 ms)
stop_kamailio

say "3. Loopback capture: ngrep (byline, single), tshark pcap"
CAP_FILTER="udp and portrange 5400-5415"
timeout "$BOUND" ngrep -d lo -W byline -t -q -l "" "$CAP_FILTER" >"$WORK/ngrep-byline.txt" 2>/dev/null &
NGREP1=$!; started "$NGREP1"
timeout "$BOUND" ngrep -d lo -W single -t -q -l "" "$CAP_FILTER" >"$WORK/ngrep-single.txt" 2>/dev/null &
NGREP2=$!; started "$NGREP2"
timeout "$BOUND" tshark -i lo -f "$CAP_FILTER" -w "$WORK/capture.pcap" -q 2>"$WORK/tshark.err" &
TSHARK=$!; started "$TSHARK"
wait_says "$WORK/tshark.err" "Capturing on" || true
sleep 0.5   # ngrep prints nothing when it is ready
start_kamailio 5410 "$WORK/sipdump-capture"
sipp_pair cap-answered-local-bye  uac-answer-local-bye  uas-answer     5400
sipp_pair cap-answered-remote-bye uac-answer-remote-bye uas-answer-bye 5402
final_pair cap-busy-486 uas-final 5404 486 "Busy Here" 'Reason: Q.850;cause=17;text="User busy"'
sipp_pair cap-no-answer-cancel    uac-cancel-ringing    uas-cancel-ringing 5406
sipp_pair cap-options-200         uac-options           uas-options    5408
sipp_uac  cap-route-blocked-903   uac-final-9xx 5410 -default_behaviors none -s 0044201234567
stop_kamailio
sleep 0.5
stop_gently "$NGREP1" "$NGREP2" "$TSHARK"

say "4. sngrep text export (driven in tmux)"
SNGREP_TXT="$WORK/sngrep-export.txt"
if command -v sngrep >/dev/null && command -v tmux >/dev/null; then
  "$HERE/sngrep-export.sh" "$WORK/capture.pcap" "$SNGREP_TXT" || echo "   warning: sngrep export failed" >&2
fi

say "5. Re-framing real messages into the formats no tool here writes; copying fixtures"
node "$HERE/reframe.mjs" "$WORK" "$OUT"
say "done: $OUT"
