#!/usr/bin/env bash
# Makes test/fixtures/b2bua/: the log of a PBX that is a B2BUA, written by real SIPp instances on
# loopback. The PBX is two SIPp twins in 3PCC mode: pbx-in takes the phone's INVITE and tells
# pbx-out (over the twin socket) to place the carrier leg with its own Call-ID; the carrier (SIPp
# uas-final) answers 486, pbx-out reports it back and pbx-in passes 486 on to the phone. The
# PBX's log is its two halves' -trace_msg logs merged by time (reframe-free: every block is
# copied as SIPp wrote it). One fixture per way the legs are linked:
#   heuristic.log          nothing explicit: same caller, same number (00… → +…), 0.x s apart
#   x-call-id.log          the carrier leg carries X-Call-ID: <phone leg's Call-ID>
#   session-id.log         the phone sends an RFC 7989 Session-ID, the PBX copies it
#   p-charging-vector.log  the phone sends a P-Charging-Vector, the PBX copies its icid-value
# and kamailio-topoh.data: Kamailio as an SBC with topoh (mask_callid=1) between a SIPp phone and
# a SIPp callee that answers 486, its sipdump as the log: two Call-IDs, nothing explicit.
# Every process is bounded (timeout, -recv_timeout, -m 1). Run as any user; needs sipp and node.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/test/fixtures/b2bua"
WORK="$(mktemp -d /tmp/sip-lens-b2bua.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
IP=127.0.0.1
BOUND=20
mkdir -p "$OUT"

wait_udp() {
  local i
  for i in $(seq 1 100); do
    if ss -Hlun "sport = :$1" | grep -q .; then return 0; fi
    sleep 0.05
  done
  echo "nothing listening on udp/$1" >&2; return 1
}
wait_tcp() {
  local i
  for i in $(seq 1 100); do
    if ss -Hltn "sport = :$1" | grep -q .; then return 0; fi
    sleep 0.05
  done
  echo "nothing listening on tcp/$1" >&2; return 1
}

# scenario SOURCE DEST LINK: fills in the final and the link header line (or removes it).
scenario() {
  local link="$3"
  if [ -n "$link" ]; then
    sed -e "s|@LINK@|$link|" -e 's/@CODE@/486/g' -e 's/@REASON@/Busy Here/g' "$1" >"$2"
  else
    sed -e '/@LINK@/d' -e 's/@CODE@/486/g' -e 's/@REASON@/Busy Here/g' "$1" >"$2"
  fi
}

# run NAME BASEPORT PHONE_HEADER PBX_HEADER
run() {
  local name="$1" port="$2"
  local phone_port=$((port + 1)) pbx_in=$port pbx_out=$((port + 10)) carrier=$((port + 20)) twin=$((port + 30))
  local w="$WORK/$name"
  mkdir -p "$w"
  scenario "$HERE/b2bua/phone.xml" "$w/phone.xml" "$3"
  scenario "$HERE/b2bua/pbx-in.xml" "$w/pbx-in.xml" ""
  scenario "$HERE/b2bua/pbx-out.xml" "$w/pbx-out.xml" "$4"
  sed -e 's/\[code\]/486/' -e 's/\[reason\]/Busy Here/' "$HERE/scenarios/uas-final.xml" >"$w/carrier.xml"
  echo "== $name" >&2
  timeout "$BOUND" sipp -sf "$w/carrier.xml" -i $IP -p $carrier -m 1 -nostdin -recv_timeout 5000 \
    -key extra 'Reason: Q.850;cause=17;text="User busy"' >/dev/null 2>&1 &
  local carrier_pid=$!
  timeout "$BOUND" sipp -sf "$w/pbx-out.xml" -i $IP -p $pbx_out -m 1 -nostdin -recv_timeout 5000 \
    -3pcc $IP:$twin -trace_msg -message_file "$w/out.log" $IP:$carrier >/dev/null 2>&1 &
  local out_pid=$!
  wait_udp $carrier
  wait_tcp $twin
  timeout "$BOUND" sipp -sf "$w/pbx-in.xml" -i $IP -p $pbx_in -m 1 -nostdin -recv_timeout 5000 \
    -3pcc $IP:$twin -trace_msg -message_file "$w/in.log" >/dev/null 2>&1 &
  local in_pid=$!
  wait_udp $pbx_in
  timeout "$BOUND" sipp -sf "$w/phone.xml" -i $IP -p $phone_port -m 1 -nostdin -recv_timeout 5000 \
    -s 004930123456 -cid_str "$name-phone-%u@192.0.2.1" $IP:$pbx_in >/dev/null 2>&1 || echo "   phone exit $?" >&2
  wait "$in_pid" || echo "   pbx-in exit $?" >&2
  wait "$out_pid" || echo "   pbx-out exit $?" >&2
  wait "$carrier_pid" || echo "   carrier exit $?" >&2
  node "$HERE/b2bua/merge-sipp.mjs" "$w/in.log" "$w/out.log" >"$OUT/$name.log"
}

run heuristic 5600 "" ""
run x-call-id 5700 "" "X-Call-ID: [\$incall]"
run session-id 5800 "Session-ID: 5f7a2b0c9d3e4a1b8c6d7e8f90a1b2c3;remote=00000000000000000000000000000000" \
  "Session-ID: [\$sid];remote=00000000000000000000000000000000"
run p-charging-vector 5900 "P-Charging-Vector: icid-value=pbx-icid-7f3a91;icid-generated-at=127.0.0.1" \
  "P-Charging-Vector: icid-value=[\$icid];orig-ioi=pbx.invalid"
# Kamailio with topology hiding: sipdump writes the log.
echo "== kamailio-topoh" >&2
mkdir -p "$WORK/sipdump"
sed -e 's/\[code\]/486/' -e 's/\[reason\]/Busy Here/' "$HERE/scenarios/uas-final.xml" >"$WORK/callee.xml"
timeout "$BOUND" kamailio -DD -E -f "$HERE/b2bua/kamailio-topoh.cfg" -w "$WORK/sipdump" \
  -A "SIPDUMP_DIR=\"$WORK/sipdump\"" -A "LISTEN=udp:$IP:5650" -A "CALLEE=\"sip:$IP:5660\"" >"$WORK/kamailio.out" 2>&1 &
kamailio_pid=$!
timeout "$BOUND" sipp -sf "$WORK/callee.xml" -i $IP -p 5660 -m 1 -nostdin -recv_timeout 5000 \
  -key extra 'Reason: Q.850;cause=17;text="User busy"' >/dev/null 2>&1 &
callee_pid=$!
wait_udp 5650
wait_udp 5660
timeout "$BOUND" sipp -sf "$HERE/scenarios/uac-final.xml" -i $IP -p 5651 -m 1 -nostdin -recv_timeout 5000 \
  -s 004930123456 -cid_str "kamailio-topoh-%u@192.0.2.1" $IP:5650 >/dev/null 2>&1 || echo "   phone exit $?" >&2
wait "$callee_pid" || echo "   callee exit $?" >&2
sleep 1.5   # sipdump writes its file every second (wait 1000)
kill "$kamailio_pid" 2>/dev/null || true
wait "$kamailio_pid" 2>/dev/null || true
cat "$WORK"/sipdump/*.data >"$OUT/kamailio-topoh.data"

echo "wrote $OUT" >&2
