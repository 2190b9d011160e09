# Shared by the fixture scripts (sourced, not run): scratch folder and clean-up, bounded waits,
# background processes, SIPp scenario files. The sourcing script sets HERE (its own folder) and
# `set -euo pipefail` first.
#
# Clean-up on exit kills every process listed in STARTED_PIDS, runs the script's own `on_exit`
# function when it has one (deleting network namespaces), then removes $WORK unless KEEP_WORK is set.

ROOT="$(cd "$HERE/../.." && pwd)"
SCEN="$HERE/scenarios"
STARTED_PIDS=""

say() { printf '== %s\n' "$*" >&2; }

# start_work NAME: makes the scratch folder $WORK (/tmp/sip-lens-NAME.XXXXXX) and sets the exit trap.
start_work() {
  WORK="$(mktemp -d "/tmp/sip-lens-$1.XXXXXX")"
  trap fixtures_cleanup EXIT
}
fixtures_cleanup() {
  local pid
  for pid in $STARTED_PIDS; do kill "$pid" 2>/dev/null || true; done
  if declare -F on_exit >/dev/null; then on_exit; fi
  if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "scratch kept in $WORK" >&2; fi
}

# started PID: lists a background process for the clean-up.
started() { STARTED_PIDS="$STARTED_PIDS $1"; }

# stop_gently PID...: SIGINT (a capture tool then writes out what it has) and wait for each.
stop_gently() {
  kill -INT "$@" 2>/dev/null || true
  wait "$@" 2>/dev/null || true
}

# wait_listen PROTO FILTER [NETNS]: waits (at most 5 s) until ss shows a socket listening on
# PROTO (u: UDP, t: TCP) that matches the ss FILTER, inside NETNS when given.
wait_listen() {
  local proto="$1" filter="$2" ns="${3:-}" i
  for i in $(seq 1 100); do
    if ${ns:+ip netns exec "$ns"} ss -Hl"$proto"n "$filter" | grep -q .; then return 0; fi
    sleep 0.05
  done
  echo "nothing listening on $proto: $filter${ns:+ in $ns}" >&2; return 1
}
# wait_udp PORT: something on this machine's loopback listens on UDP PORT.
wait_udp() { wait_listen u "sport = :$1"; }

# wait_says FILE TEXT: waits (at most 5 s) until FILE contains TEXT — how tcpdump, tshark and
# dumpcap tell on stderr that they capture. Returns 1 if they never do.
wait_says() {
  local i
  for i in $(seq 1 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}

# scenario NAME-OR-PATH: a committed scenario by name, or a path as given.
scenario() { case "$1" in */*) echo "$1" ;; *) echo "$SCEN/$1.xml" ;; esac; }

# final_scenario SCENARIO CODE REASON OUT: SIPp reads the status line of a response when it loads
# the scenario, so [code] and [reason] are filled in here, into OUT.
final_scenario() {
  sed -e "s/\[code\]/$2/" -e "s/\[reason\]/$3/" "$(scenario "$1")" >"$4"
}

# final_pair NAME UAS-SCENARIO PORT CODE REASON EXTRA-HEADER: a uac-final caller against a callee
# that answers CODE REASON with the extra header (through -key), run by the script's own sipp_pair.
final_pair() {
  local scen="$WORK/$2-$4.xml"
  final_scenario "$2" "$4" "$5" "$scen"
  sipp_pair "$1" uac-final "$scen" "$3" -key extra "$6"
}

# split_pair_args [UAS options...] -- [UAC options...]: into the arrays UAS_ARGS and UAC_ARGS.
split_pair_args() {
  UAS_ARGS=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do UAS_ARGS+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  UAC_ARGS=("$@")
}

# pair_exits NAME CALLER-EXIT CALLEE-EXIT WORD: tells when either side of a SIPp pair failed.
pair_exits() {
  if [ "$2" != 0 ] || [ "$3" != 0 ]; then
    echo "   $4: $1: caller exit $2, callee exit $3 (see $WORK/$1.*.err)" >&2
  fi
}
