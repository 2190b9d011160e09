#!/usr/bin/env bash
# By-hand check that the fixtures are reproducible: regenerates them with make.sh and then
# text-sources.sh into a scratch folder (test/fixtures/ is left alone) and checks that the
# regenerated traces give the outcomes test/fixtures/expected.json expects, through the built CLI.
# Not run in CI: it needs root, SIPp, Kamailio, ngrep, tshark, tcpdump and baresip, and a few
# minutes. See test/fixtures/README.md.
#
#   scripts/make-fixtures/check.sh          # exit 0: same expected outcomes; 1: differences listed
#   KEEP=1 scripts/make-fixtures/check.sh   # keeps the regenerated fixtures for a look
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FRESH="$(mktemp -d /tmp/sip-lens-regenerated.XXXXXX)"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$FRESH"' EXIT; else echo "regenerated fixtures kept in $FRESH"; fi

(cd "$ROOT" && npm run --silent build >/dev/null)
FIXTURES_OUT="$FRESH" timeout 300 "$HERE/make.sh"
FIXTURES_OUT="$FRESH" timeout 300 "$HERE/text-sources.sh"
node "$HERE/check-regenerated.mjs" "$FRESH"
