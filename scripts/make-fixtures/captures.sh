#!/usr/bin/env bash
# Regenerates test/fixtures/captures/ from real SIP traffic between two network namespaces.
#
# Needs (Debian): sip-tester (sipp), kamailio (siptrace module for HEP), tcpdump, tshark,
# dumpcap, editcap, mergecap, gzip, node, python3 (a HEP sink), iproute2; run as root.
#
# Layout: namespace A (the caller, 192.0.2.1 / 2001:db8::1) and namespace B (the callee or the
# Kamailio gateway, 192.0.2.2 / 2001:db8::2) joined by a veth pair; tcpdump runs in A. Every
# process is bounded by `timeout`, one call per SIPp run (-m 1). Takes about 30 seconds.
#
# What no tool here can write is made from these real captures by pcap-edit.mjs (VLAN tags,
# IP-in-IP, raw IP, a record cut in half, non-capture junk) — only headers change, never SIP
# bytes. HEP copies are unwrapped and checked against the plain packets seen on the wire.
# capture-truth.mjs then writes expected.json from tshark's view of every file.
#
#   scripts/make-fixtures/captures.sh             # writes into test/fixtures/captures/
#   KEEP_WORK=1 scripts/make-fixtures/captures.sh   # keeps the scratch directory
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
OUT="$ROOT/test/fixtures/captures"
start_work captures
BOUND=20   # seconds: hard limit for any one SIPp or Kamailio process
NSA="sl-cap-a-$$"
NSB="sl-cap-b-$$"
A4=192.0.2.1 B4=192.0.2.2 A6=2001:db8::1 B6=2001:db8::2

# Background jobs use `ip netns exec` directly (not these functions), so that $! is the process
# itself (ip execs timeout, which passes signals on) and a kill reaches it.
in_a() { ip netns exec "$NSA" "$@"; }
in_b() { ip netns exec "$NSB" "$@"; }

on_exit() {
  ip netns del "$NSA" 2>/dev/null || true
  ip netns del "$NSB" 2>/dev/null || true
}

# ---- network -------------------------------------------------------------------------------
ip netns add "$NSA"
ip netns add "$NSB"
ip link add va netns "$NSA" type veth peer name vb netns "$NSB"
for ns in "$NSA" "$NSB"; do ip -n "$ns" link set lo up; done
ip -n "$NSA" addr add "$A4/24" dev va
ip -n "$NSB" addr add "$B4/24" dev vb
ip -n "$NSA" link set va up
ip -n "$NSB" link set vb up
add_ipv6() {
  ip -n "$NSA" addr replace "$A6/64" dev va nodad
  ip -n "$NSB" addr replace "$B6/64" dev vb nodad
}
add_ipv6

# Below 1280 bytes the kernel turns IPv6 off on the link and drops its addresses: add them back.
set_mtu() {
  ip -n "$NSA" link set va mtu "$1"
  ip -n "$NSB" link set vb mtu "$1"
  if [ "$1" -ge 1280 ]; then add_ipv6; fi
}

# Wait (bounded) until something in namespace B listens on PROTO ($1: u|t) port $2.
wait_listen_b() { wait_listen "$1" "sport = :$2" "$NSB"; }

# ---- captures ------------------------------------------------------------------------------
# cap_start NAME [tcpdump options...]: tcpdump in namespace A, written to $WORK/NAME.pcap.
CAP_PIDS=""
cap_start() {
  local name="$1"; shift
  ip netns exec "$NSA" timeout 120 tcpdump -n -U --immediate-mode -w "$WORK/$name.pcap" "$@" 2>"$WORK/$name.tcpdump.err" &
  local pid=$!
  started "$pid"; CAP_PIDS="$CAP_PIDS $pid"
  wait_says "$WORK/$name.tcpdump.err" "listening on" && return 0
  echo "tcpdump for $name did not start" >&2; cat "$WORK/$name.tcpdump.err" >&2; return 1
}
cap_stop() {
  sleep 0.5
  local pid
  for pid in $CAP_PIDS; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in $CAP_PIDS; do wait "$pid" 2>/dev/null || true; done
  CAP_PIDS=""
}

# ---- SIPp ----------------------------------------------------------------------------------
# Transport and addresses of the next runs: set by `use udp4|tcp4|udp6`.
use() {
  case "$1" in
    udp4) T=u1; LOCAL=$A4; REMOTE=$B4; LISTEN=u ;;
    tcp4) T=t1; LOCAL=$A4; REMOTE=$B4; LISTEN=t ;;
    udp6) T=u1; LOCAL=$A6; REMOTE="[$B6]"; LISTEN=u ;;
  esac
  REMOTE_BIND=${REMOTE#[}; REMOTE_BIND=${REMOTE_BIND%]}
}

# sipp_pair NAME UAC UAS PORT [UAS options...] -- [UAC options...]
# The callee listens in B on PORT, the caller in A on PORT+10. Call-ID "NAME-1@sip-lens".
sipp_pair() {
  local name="$1" uac="$2" uas="$3" port="$4"; shift 4
  split_pair_args "$@"
  say "$name"
  ip netns exec "$NSB" timeout "$BOUND" sipp -sf "$(scenario "$uas")" -t "$T" -i "$REMOTE_BIND" -p "$port" -m 1 -nostdin -recv_timeout 5000 \
    -trace_err -error_file "$WORK/$name.uas.err" ${UAS_ARGS[@]+"${UAS_ARGS[@]}"} >/dev/null 2>&1 &
  local uas_pid=$!
  started "$uas_pid"
  wait_listen_b "$LISTEN" "$port"
  local rc=0
  in_a timeout "$BOUND" sipp -sf "$SCEN/$uac.xml" -t "$T" -i "$LOCAL" -p "$((port + 10))" -m 1 -nostdin -recv_timeout 5000 \
    -s 5551234 -cid_str "$name-%u@sip-lens" -trace_err -error_file "$WORK/$name.uac.err" \
    ${UAC_ARGS[@]+"${UAC_ARGS[@]}"} "$REMOTE:$port" >/dev/null 2>&1 || rc=$?
  local urc=0
  wait "$uas_pid" || urc=$?
  pair_exits "$name" "$rc" "$urc" warning
}

# sipp_uac NAME UAC PORT [options...]: caller only, against Kamailio in B on PORT.
sipp_uac() {
  local name="$1" uac="$2" port="$3"; shift 3
  say "$name"
  local rc=0
  in_a timeout "$BOUND" sipp -sf "$SCEN/$uac.xml" -t "$T" -i "$LOCAL" -p "$((port + 10))" -m 1 -nostdin -recv_timeout 5000 \
    -cid_str "$name-%u@sip-lens" -trace_err -error_file "$WORK/$name.uac.err" "$@" "$REMOTE:$port" >/dev/null 2>&1 || rc=$?
  [ "$rc" = 0 ] || echo "   warning: $name: caller exit $rc (see $WORK/$name.uac.err)" >&2
}

# Kamailio (kamailio.cfg, the stateless gateway) in B. start_kamailio PORT [-A define...]
start_kamailio() {
  local port="$1"; shift
  mkdir -p "$WORK/kamailio-$port"
  ip netns exec "$NSB" timeout "$BOUND" kamailio -DD -E -f "$HERE/kamailio.cfg" -w "$WORK/kamailio-$port" \
    -A "SIPDUMP_DIR=\"$WORK/kamailio-$port\"" -A "LISTEN=udp:$B4:$port" "$@" >"$WORK/kamailio-$port.out" 2>&1 &
  KAMAILIO_PID=$!
  started "$KAMAILIO_PID"
  wait_listen_b u "$port"
}
stop_kamailio() {
  sleep 0.3   # the last HEP copies leave after the last reply
  kill "$KAMAILIO_PID" 2>/dev/null || true
  wait "$KAMAILIO_PID" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
say "1. UDP over IPv4 (Ethernet), with a 200-byte snap length copy; Kamailio answers 903"
use udp4
cap_start udp -i va
cap_start snaplen-200 -i va -s 200
start_kamailio 5080
sipp_pair  answered-local-bye  uac-answer-local-bye  uas-answer     5060
sipp_pair  answered-remote-bye uac-answer-remote-bye uas-answer-bye 5060
final_pair busy-486      uas-final      5060 486 "Busy Here" 'Reason: Q.850;cause=17;text="User busy"'
sipp_pair  no-answer-cancel    uac-cancel-ringing    uas-cancel-ringing 5060
final_pair not-found-404 uas-final      5060 404 "Not Found" 'Reason: Q.850;cause=1;text="Unallocated (unassigned) number"'
final_pair unavailable-503 uas-final    5060 503 "Service Unavailable" 'Retry-After: 30'
sipp_uac   route-blocked-903 uac-final-9xx 5080 -default_behaviors none -s 0044201234567
sipp_pair  options-200   uac-options    uas-options    5060
# A slow callee: the INVITE and the BYE are each sent twice (SIPp's UDP retransmissions).
sipp_pair  retransmissions uac-answer-local-bye uas-slow-answer 5060
# Any port, not only 5060; the caller gives up after its 5 s wait (a warning here is expected).
sipp_pair  trying-only   uac-trying-only uas-trying-only 5090 -- -default_behaviors none
stop_kamailio
cap_stop

say "2. TCP over IPv4, tcpdump -i any (Linux cooked SLL2)"
use tcp4
cap_start tcp-sll2 -i any
sipp_pair  tcp-answered-local-bye  uac-answer-local-bye  uas-answer     5060
sipp_pair  tcp-answered-remote-bye uac-answer-remote-bye uas-answer-bye 5060
final_pair tcp-busy-486 uas-final 5060 486 "Busy Here" 'Reason: Q.850;cause=17;text="User busy"'
sipp_pair  tcp-no-answer-cancel    uac-cancel-ringing    uas-cancel-ringing 5060
cap_stop

say "3. UDP over IPv6 (Ethernet; tcpdump -i any as Linux cooked SLL v1; dumpcap's own pcapng)"
use udp6
cap_start ipv6 -i va
cap_start ipv6-sll -i any -y LINUX_SLL
ip netns exec "$NSA" timeout 120 dumpcap -q -i va -w "$WORK/ipv6-dumpcap.pcapng" 2>"$WORK/dumpcap.err" &
DUMPCAP=$!; started "$DUMPCAP"
wait_says "$WORK/dumpcap.err" "Capturing on" || true
sipp_pair  v6-answered-remote-bye uac-answer-remote-bye uas-answer-bye 5060
final_pair v6-unavailable-503 uas-final 5060 503 "Service Unavailable" 'Retry-After: 30'
sipp_pair  v6-no-answer-cancel    uac-cancel-ringing    uas-cancel-ringing 5060
sleep 0.5
stop_gently "$DUMPCAP"
cap_stop

say "4. MTU 576: a 2 KB INVITE as IPv4 fragments (UDP) and as TCP segments"
set_mtu 576
use udp4
cap_start ipv4-fragments -i va
sipp_pair frag-udp-big-sdp uac-big-sdp uas-answer 5060
cap_stop
use tcp4
cap_start tcp-segments -i va
sipp_pair frag-tcp-big-sdp uac-big-sdp uas-answer 5060
cap_stop

say "5. MTU 1280: the 2 KB INVITE as IPv6 fragments"
set_mtu 1280
sleep 0.2
use udp6
cap_start ipv6-fragments -i va
sipp_pair frag-v6-big-sdp uac-big-sdp uas-answer 5060
cap_stop
set_mtu 1500

say "6. HEP v2 and v3: Kamailio's siptrace mirrors every message to a collector in A"
use udp4
for v in 2 3; do
  ip netns exec "$NSA" timeout 60 python3 -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('$A4', 9060))
while True: s.recv(65535)" &
  SINK=$!; started "$SINK"
  cap_start "hep$v-wire" -i va
  start_kamailio 5080 -A "HEP_VERSION=$v" -A "HEP_URI=\"sip:$A4:9060\""
  sipp_uac hep$v-answered     uac-answer-local-bye 5080 -s 5551234
  sipp_uac hep$v-busy-486     uac-final            5080 -s 4865551234
  sipp_uac hep$v-route-blocked-903 uac-final-9xx   5080 -default_behaviors none -s 0044201234567
  stop_kamailio
  cap_stop
  kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true
  tcpdump -r "$WORK/hep$v-wire.pcap" -w "$WORK/hep-v$v.pcap" 'udp port 9060' 2>/dev/null
  tcpdump -r "$WORK/hep$v-wire.pcap" -w "$WORK/hep$v-plain.pcap" 'udp and not port 9060' 2>/dev/null
  # The cross-check: every HEP copy is a plain packet seen on the wire, and back.
  node "$HERE/pcap-edit.mjs" hep-unwrap "$WORK/hep-v$v.pcap" "$WORK/hep-v$v.unwrapped.pcap" --check "$WORK/hep$v-plain.pcap"
done

say "7. Conversions and edits of the real captures"
mkdir -p "$OUT"
rm -f "$OUT"/*.pcap "$OUT"/*.pcapng "$OUT"/*.gz "$OUT"/*.bin
for f in udp tcp-sll2 ipv6 ipv6-sll ipv4-fragments tcp-segments ipv6-fragments snaplen-200 hep-v2 hep-v3; do
  cp "$WORK/$f.pcap" "$OUT/$f.pcap"
done
# dumpcap writes pcapng itself (with interface statistics blocks at the end).
cp "$WORK/ipv6-dumpcap.pcapng" "$OUT/ipv6-dumpcap.pcapng"
# HEP v3 copies beside the plain packets they mirror, as captured on the wire.
cp "$WORK/hep3-wire.pcap" "$OUT/hep-v3-with-plain.pcap"
editcap -F pcapng "$WORK/udp.pcap" "$OUT/udp.pcapng"
editcap -F nsecpcap "$WORK/ipv6.pcap" "$OUT/ipv6-nsec.pcap"
# Two interfaces with their own link types (Ethernet, SLL2) and time resolutions (ns, µs).
mergecap -F pcapng -w "$OUT/multi-interface.pcapng" "$OUT/ipv6-nsec.pcap" "$WORK/tcp-sll2.pcap"
gzip -9 -n -c "$WORK/tcp-segments.pcap" >"$OUT/tcp-segments.pcap.gz"
rm "$OUT/tcp-segments.pcap"
gzip -9 -n -c "$OUT/multi-interface.pcapng" >"$OUT/multi-interface.pcapng.gz"
# Two sections, one after the other, as concatenated pcapng files are (frames numbered across both).
editcap -F pcapng "$WORK/tcp-sll2.pcap" "$WORK/tcp-sll2.pcapng"
cat "$OUT/udp.pcapng" "$WORK/tcp-sll2.pcapng" >"$OUT/multi-section.pcapng"
node "$HERE/pcap-edit.mjs" vlan "$WORK/udp.pcap" "$OUT/vlan-8021q.pcap" 0x8100:100
node "$HERE/pcap-edit.mjs" vlan "$WORK/ipv6.pcap" "$OUT/vlan-stacked.pcap" 0x88a8:200,0x8100:100
node "$HERE/pcap-edit.mjs" ipip "$WORK/ipv4-fragments.pcap" "$OUT/ip-in-ip.pcap"
node "$HERE/pcap-edit.mjs" ipip "$WORK/ipv6.pcap" "$OUT/ipv6-in-ipv4.pcap"
node "$HERE/pcap-edit.mjs" ipip "$WORK/udp.pcap" "$OUT/ipv4-in-ipv6.pcap" --outer=6
node "$HERE/pcap-edit.mjs" null "$WORK/ipv6.pcap" "$OUT/loopback-null.pcap"
node "$HERE/pcap-edit.mjs" swap "$WORK/udp.pcap" "$OUT/udp-big-endian.pcap"
# A TCP capture that starts mid-stream: from the second call's INVITE on, after its handshake.
MID_FRAME=$(tshark -r "$WORK/tcp-sll2.pcap" -Y 'sip.Method == "INVITE" && sip.Call-ID contains "answered-remote-bye"' -T fields -e frame.number 2>/dev/null | head -1)
editcap -r "$WORK/tcp-sll2.pcap" "$OUT/tcp-mid-stream.pcap" "$MID_FRAME-999999"
node "$HERE/pcap-edit.mjs" rawip "$WORK/udp.pcap" "$OUT/raw-ip.pcap"
# Cut in the middle of the record that carries the last call's final response.
CUT_FRAME=$(tshark -r "$WORK/udp.pcap" -Y 'sip.Status-Code >= 200 && sip.CSeq.method == "INVITE"' -T fields -e frame.number 2>/dev/null | tail -1)
node "$HERE/pcap-edit.mjs" cut "$WORK/udp.pcap" "$OUT/truncated.pcap" "$CUT_FRAME"
node "$HERE/pcap-edit.mjs" junk "$OUT/not-a-capture.bin" 4096

say "8. Ground truth from tshark"
node "$HERE/capture-truth.mjs" "$OUT" "$WORK"
du -ch "$OUT"/* | tail -1 >&2
say "done: $OUT"
