#!/usr/bin/env bash
# sngrep saves a text export only from its UI, so drive it in a detached tmux session:
# open the pcap, F2 (Save), type the file name, move to the ".txt" format, select it, Save.
# Usage: sngrep-export.sh CAPTURE.pcap OUT.txt     (bounded: gives up after ~10 s)
set -euo pipefail
pcap="$(realpath "$1")"; out="$(realpath -m "$2")"
dir="$(dirname "$out")"; base="$(basename "$out" .txt)"
session="sip-lens-sngrep-$$"
mkdir -p "$dir"; rm -f "$out"
tmux new-session -d -s "$session" -x 200 -y 50 "cd '$dir' && timeout 20 sngrep -I '$pcap'"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
step() { tmux send-keys -t "$session" "$@"; sleep 0.3; }
# wait for the call list
for i in $(seq 1 50); do tmux capture-pane -p -t "$session" 2>/dev/null | grep -q "Dialogs:" && break; sleep 0.1; done
step F2
step -l "$base"
# Filename -> all/selected/filtered dialogs -> .pcap (SIP) -> .txt
for i in 1 2 3 4 5; do step Tab; done
step Space
step Tab
step Enter
for i in $(seq 1 50); do [ -s "$out" ] && break; sleep 0.1; done
[ -s "$out" ]
