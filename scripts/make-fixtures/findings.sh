#!/usr/bin/env bash
# Regenerates test/fixtures/findings/: real SIPp traces of the flows the findings stage explains
# (no response, missing ACK, rejected credentials, rejected media, NAT, CANCEL races, session
# timer expiry, big UDP requests, slow setup, vendor causes, early media, hold): the caller's log
# (NAME.log), the callee's (NAME.callee.log) and a packet capture of the same call (NAME.pcap,
# tcpdump on the namespace's loopback, so it holds what the kernel sent back too: the ICMP port
# unreachable answering an INVITE to a port where nothing listens, and the IP fragments of a big
# INVITE sent while the loopback's MTU is 576).
#
# Runs inside a network namespace of its own, with documentation addresses on its loopback:
# the caller is 192.0.2.10, the far side 203.0.113.7, a proxy 198.51.100.20 (RFC 5737). Needs
# root, iproute2, sipp, tcpdump, and kamailio for the loop and spiral through a proxy.
# Every process is bounded (`timeout`, SIPp's -recv_timeout). Takes about three minutes.
#
#   scripts/make-fixtures/findings.sh              # writes into test/fixtures/findings/
#   KEEP_WORK=1 scripts/make-fixtures/findings.sh  # keeps the scratch directory
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="$ROOT/test/fixtures/findings"
start_work findings
NS="sip-lens-findings-$$"
CALLER=192.0.2.10
FAR=203.0.113.7
PROXY=198.51.100.20
BOUND=25

on_exit() {
  [ -n "${CAPTURE_PID:-}" ] && kill -INT "$CAPTURE_PID" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
in_ns() { ip netns exec "$NS" "$@"; }

ip netns add "$NS"
in_ns ip link set lo up
in_ns ip addr add "$CALLER/32" dev lo
in_ns ip addr add "$FAR/32" dev lo
in_ns ip addr add "$PROXY/32" dev lo

# wait_udp ADDRESS:PORT: something in the namespace listens there.
wait_udp() { wait_listen u "src $1" "$NS"; }

# capture NAME: tcpdump on the namespace's loopback into NAME.pcap until capture_stop.
CAPTURE_PID=""
capture() {
  timeout 60 ip netns exec "$NS" tcpdump -i lo --immediate-mode -U -s 0 -w "$WORK/$1.pcap" >"$WORK/$1.tcpdump.out" 2>&1 &
  CAPTURE_PID=$!
  wait_says "$WORK/$1.tcpdump.out" 'listening on' && return 0
  echo "tcpdump did not start for $1" >&2; return 1
}
capture_stop() {
  sleep 1   # the last packets (a retransmitted 200, a late ICMP) reach the capture
  stop_gently "$CAPTURE_PID"
  CAPTURE_PID=""
}

# pair NAME UAC UAS RECV-TIMEOUT-MS [UAS options...] -- [UAC options...]
# The callee listens on $FAR:5060, the caller on $CALLER:5060. Traces: NAME.uac.log, NAME.uas.log.
pair() {
  local name="$1" uac="$2" uas="$3" wait_ms="$4"; shift 4
  split_pair_args "$@"
  say "$name"
  capture "$name"
  timeout "$BOUND" ip netns exec "$NS" sipp -sf "$(scenario "$uas")" -i "$FAR" -p 5060 -m 1 -nostdin -recv_timeout "$wait_ms" \
    -trace_msg -message_file "$WORK/$name.uas.log" -trace_err -error_file "$WORK/$name.uas.err" \
    ${UAS_ARGS[@]+"${UAS_ARGS[@]}"} >/dev/null 2>&1 &
  local uas_pid=$!
  wait_udp "$FAR:5060"
  local rc=0
  timeout "$BOUND" ip netns exec "$NS" sipp -sf "$(scenario "$uac")" -i "$CALLER" -p 5060 -m 1 -nostdin -recv_timeout "$wait_ms" \
    -s 5551234 -cid_str "$name-%u@sip-lens" \
    -trace_msg -message_file "$WORK/$name.uac.log" -trace_err -error_file "$WORK/$name.uac.err" \
    ${UAC_ARGS[@]+"${UAC_ARGS[@]}"} "$FAR:5060" >/dev/null 2>&1 || rc=$?
  local urc=0
  wait "$uas_pid" || urc=$?
  capture_stop
  pair_exits "$name" "$rc" "$urc" note
}

# final NAME CODE REASON EXTRA-HEADER [UAC scenario]: the callee answers CODE with one extra header.
final() {
  local scen="$WORK/uas-final-$2.xml"
  final_scenario uas-final "$2" "$3" "$scen"
  pair "$1" "${5:-uac-final}" "$scen" 5000 -key extra "$4"
}

# Scenario variants, derived from the committed ones so each differs in one thing only.
derive() { local out="$WORK/$1.xml"; shift; sed "$@" >"$out"; echo "$out"; }

# The caller advertises an inside address in its SDP while it sends from a public one.
PRIVATE=$(derive uac-private-sdp -e 's/c=IN IP\[media_ip_type\] \[media_ip\]/c=IN IP4 10.0.0.5/' "$SCEN/uac-answer-local-bye.xml")
# The caller's CANCEL says the call was answered elsewhere (a forked call picked up on another phone).
ELSEWHERE=$(derive uac-cancel-elsewhere -e 's/^\( *\)CSeq: 1 CANCEL$/&\n\1Reason: SIP;cause=200;text="Call completed elsewhere"/' "$SCEN/uac-cancel-ringing.xml")
# Session timer of 8 s with the caller as refresher; the caller never refreshes, and the callee
# ends the session at S - S/3 (RFC 4028 §10) after the answer.
TIMER_UAC=$(derive uac-session-timer -e 's/^\( *\)Subject: sip-lens fixture$/&\n\1Supported: timer\n\1Session-Expires: 8/' "$SCEN/uac-answer-remote-bye.xml")
TIMER_UAS=$(derive uas-session-timer \
  -e 's/^\( *\)Server: SIPp UAS$/&\n\1Require: timer\n\1Session-Expires: 8;refresher=uac/' \
  -e '/<recv request="ACK"\/>/{n;s/<pause milliseconds="300"\/>/<pause milliseconds="5333"\/>/}' \
  -e 's/Reason: Q.850;cause=16;text="Normal call clearing"/Reason: SIP;cause=408;text="Session timer expired"/' \
  "$SCEN/uas-answer-bye.xml")
# Asterisk-style hang-up cause headers on the callee's BYE.
VENDOR=$(derive uas-vendor-bye -e 's/^\( *\)Reason: Q.850;cause=16;text="Normal call clearing"$/&\n\1X-Asterisk-HangupCause: Normal Clearing\n\1X-Asterisk-HangupCauseCode: 16/' "$SCEN/uas-answer-bye.xml")
# 7 s between 100 Trying and 180 Ringing: a slow route lookup behind the callee.
SLOW=$(derive uas-slow-pdd -e '0,/<pause milliseconds="40"\/>/s//<pause milliseconds="7000"\/>/' "$SCEN/uas-answer.xml")
# An INVITE over UDP with a long offer (many codecs, SRTP keys) and a long identity header.
BIG=$(derive uac-big-invite \
  -e 's/m=audio \[media_port\] RTP\/AVP 0 8$/m=audio [media_port] RTP\/AVP 0 8 9 18 3 96 97 98 99 100 101 102 103 104 105/' \
  -e 's/^\( *\)a=rtpmap:8 PCMA\/8000$/&\n\1a=rtpmap:96 opus\/48000\/2\n\1a=fmtp:96 useinbandfec=1;maxplaybackrate=48000;stereo=0;sprop-stereo=0\n\1a=rtpmap:97 AMR-WB\/16000\n\1a=fmtp:97 octet-align=1;mode-change-capability=2;max-red=0\n\1a=rtpmap:98 AMR\/8000\n\1a=fmtp:98 octet-align=1;mode-change-capability=2;max-red=0\n\1a=rtpmap:99 iLBC\/8000\n\1a=fmtp:99 mode=30\n\1a=rtpmap:100 speex\/16000\n\1a=rtpmap:101 telephone-event\/8000\n\1a=fmtp:101 0-16\n\1a=rtpmap:102 G726-32\/8000\n\1a=rtpmap:103 G7221\/16000\n\1a=fmtp:103 bitrate=32000\n\1a=rtpmap:104 G7221\/32000\n\1a=fmtp:104 bitrate=48000\n\1a=rtpmap:105 telephone-event\/48000\n\1a=ptime:20\n\1a=maxptime:150\n\1a=sendrecv/' \
  -e 's/^\( *\)Subject: sip-lens fixture$/&\n\1Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO, REFER, NOTIFY, SUBSCRIBE, MESSAGE\n\1Supported: 100rel, timer, replaces, norefersub, histinfo, path, outbound, gruu\n\1P-Asserted-Identity: "Alice Example, Customer Support Line 3" <sip:+15555550100@carrier.example.net;user=phone>\n\1X-Account-Info: tenant=example-enterprise-customer-0042;site=headquarters-building-a;department=support;cost-centre=4711/' \
  "$SCEN/uac-answer-local-bye.xml")
# An INVITE whose body type the callee does not take.
ODD_BODY=$(derive uac-final-odd-body -e 's/Content-Type: application\/sdp/Content-Type: application\/vnd.sip-lens.private/' "$SCEN/uac-final.xml")

say "findings fixtures in namespace $NS ($CALLER → $FAR)"
# INVITE to a port where nothing listens: retransmitted, nothing comes back (caller's log only).
say "no-response"
capture no-response
timeout "$BOUND" ip netns exec "$NS" sipp -sf "$SCEN/uac-final.xml" -i "$CALLER" -p 5060 -m 1 -nostdin -recv_timeout 5000 \
  -s 5551234 -cid_str "no-response-%u@sip-lens" \
  -trace_msg -message_file "$WORK/no-response.uac.log" -trace_err -error_file "$WORK/no-response.uac.err" \
  "$FAR:5999" >/dev/null 2>&1 || true
capture_stop
# Over TCP: the far end accepts the connection and never answers (a hung SIP service); the
# caller's log runs on past Timer B with a keep-alive OPTIONS.
say "no-response-tcp"
timeout 45 ip netns exec "$NS" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('$FAR', 5070)); s.listen(1)
c, _ = s.accept(); time.sleep(36)
" &
SILENT_PID=$!
capture no-response-tcp
wait_listen t "src $FAR:5070" "$NS" || true
timeout 45 ip netns exec "$NS" sipp -sf "$SCEN/uac-tcp-silent.xml" -t t1 -i "$CALLER" -p 5060 -m 1 -nostdin -recv_timeout 40000 \
  -s 5551234 -cid_str "no-response-tcp-%u@sip-lens" \
  -trace_msg -message_file "$WORK/no-response-tcp.uac.log" -trace_err -error_file "$WORK/no-response-tcp.uac.err" \
  "$FAR:5070" >/dev/null 2>&1 || echo "   note: no-response-tcp: caller exit $?" >&2
kill "$SILENT_PID" 2>/dev/null || true
wait "$SILENT_PID" 2>/dev/null || true
capture_stop
pair ack-missing          uac-no-ack         uas-no-ack          10000 -- -default_behaviors none
pair auth-rejected        uac-auth-reject    uas-auth-reject     5000
final media-rejected-488  488 "Not Acceptable Here" "Warning: 305 $FAR \"Incompatible media format\""
final unsupported-415     415 "Unsupported Media Type" "Accept: application/sdp" "$ODD_BODY"
pair private-media        "$PRIVATE"         uas-answer          5000
pair answered-elsewhere   "$ELSEWHERE"       uas-cancel-ringing  5000
pair cancel-after-answer  uac-cancel-crossed uas-answer-crossed  5000
pair session-expired      "$TIMER_UAC"       "$TIMER_UAS"        15000
# A loopback MTU of 576 makes the kernel send the 1.6 KB INVITE in IP fragments.
in_ns ip link set lo mtu 576
pair udp-too-large        "$BIG"             uas-answer          5000
in_ns ip link set lo mtu 65536
pair slow-setup           uac-answer-local-bye "$SLOW"           15000
pair vendor-cause         uac-answer-remote-bye "$VENDOR"        5000
final retry-after-486     486 "Busy Here" "Retry-After: 120 (in a meeting);duration=3600"
pair early-media          uac-answer-local-bye uas-answer-183    5000
pair hold                 uac-reinvite       uas-reinvite        5000

# Through a Kamailio proxy (kamailio-proxy.cfg): a number it routes back to itself unchanged (a
# loop, ended by Max-Forwards and 483), and one it rewrites before passing it to itself again (a
# spiral, which then reaches the callee). The caller starts with Max-Forwards 6 to keep the loop short.
# Kamailio runs once for each, so the loop's retransmitted 483s between its own hops stay out of
# the spiral's capture.
say "loop and spiral through kamailio"
mkdir -p "$WORK/sipdump"
KAMAILIO_PID=""
proxy_start() {
  timeout "$BOUND" ip netns exec "$NS" kamailio -DD -E -f "$HERE/kamailio-proxy.cfg" -w "$WORK/sipdump" \
    -A "SIPDUMP_DIR=\"$WORK/sipdump\"" -A "LISTEN=udp:$PROXY:5060" -A "CALLEE=\"$FAR:5062\"" >>"$WORK/kamailio.out" 2>&1 &
  KAMAILIO_PID=$!
  wait_udp "$PROXY:5060"
}
proxy_stop() {
  sleep 1.5   # sipdump writes from a timer process ('wait' parameter: 1000 ms)
  kill "$KAMAILIO_PID" 2>/dev/null || true
  wait "$KAMAILIO_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do in_ns ss -Hlun "src $PROXY:5060" | grep -q . || return 0; sleep 0.05; done
}
proxy_start
capture loop
SHORT_MF=$(derive uac-final-short-mf -e 's/Max-Forwards: 70/Max-Forwards: 6/' "$SCEN/uac-final.xml")
timeout "$BOUND" ip netns exec "$NS" sipp -sf "$SHORT_MF" -i "$CALLER" -p 5060 -m 1 -nostdin -recv_timeout 5000 \
  -s 5550000 -cid_str "loop-%u@sip-lens" \
  -trace_msg -message_file "$WORK/loop.uac.log" -trace_err -error_file "$WORK/loop.uac.err" \
  "$PROXY:5060" >/dev/null 2>&1 || echo "   note: loop: caller exit $?" >&2
capture_stop
proxy_stop
sleep 1   # sipdump names its files by the second: the spiral's starts a new one
proxy_start
capture spiral
timeout "$BOUND" ip netns exec "$NS" sipp -sf "$SCEN/uas-answer.xml" -i "$FAR" -p 5062 -m 1 -nostdin -recv_timeout 5000 \
  -trace_msg -message_file "$WORK/spiral.uas.log" -trace_err -error_file "$WORK/spiral.uas.err" >/dev/null 2>&1 &
SPIRAL_UAS=$!
wait_udp "$FAR:5062"
timeout "$BOUND" ip netns exec "$NS" sipp -sf "$SCEN/uac-answer-local-bye.xml" -i "$CALLER" -p 5060 -m 1 -nostdin -recv_timeout 5000 \
  -s 5551234 -cid_str "spiral-%u@sip-lens" \
  -trace_msg -message_file "$WORK/spiral.uac.log" -trace_err -error_file "$WORK/spiral.uac.err" \
  "$PROXY:5060" >/dev/null 2>&1 || echo "   note: spiral: caller exit $?" >&2
wait "$SPIRAL_UAS" || echo "   note: spiral: callee exit $?" >&2
capture_stop
proxy_stop

mkdir -p "$OUT"
cat "$WORK"/sipdump/proxy-*.data >"$OUT/proxy-loop-spiral.data"
for log in "$WORK"/*.uac.log; do
  name="$(basename "$log" .uac.log)"
  cp "$log" "$OUT/$name.log"
  [ -s "$WORK/$name.uas.log" ] && cp "$WORK/$name.uas.log" "$OUT/$name.callee.log"
done
for pcap in "$WORK"/*.pcap; do cp "$pcap" "$OUT/"; done
say "done: $OUT"
