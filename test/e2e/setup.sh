#!/bin/sh
# Installs what the end-to-end tests need, and nothing that is already there:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's
#     kerberos native module compiles against gssapi.h), ripgrep (see below);
#   - code-server 4.100.3 (VS Code 1.100 server + web workbench, runs on Node 20) in its own
#     tool folder, .tools/code-server, so the extension's own `npm ci` stays small and clean.
# Safe to run again: every step checks first. Set SIP_LENS_TOOLS to put the tool folder elsewhere
# (e.g. a CI cache directory).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CODE_SERVER_VERSION=4.100.3
TOOLS=${SIP_LENS_TOOLS:-$ROOT/.tools}/code-server
WORK_TMP=$ROOT/.e2e/tmp

log() { printf '[e2e setup] %s\n' "$*"; }

# --- Debian packages -----------------------------------------------------------------------
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing="$missing libkrb5-dev"
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  log "apt-get install$missing"
  mkdir -p "$WORK_TMP"
  # dpkg is chatty even with -qq: keep its output in a file and show it only when something fails.
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        $SUDO apt-get install -y -qq --no-install-recommends $missing; } >"$WORK_TMP/apt.log" 2>&1; then
    cat "$WORK_TMP/apt.log" >&2
    exit 1
  fi
else
  log "Debian packages present"
fi

# --- code-server ---------------------------------------------------------------------------
# `code-server --version` prints "4.100.3 <commit> with Code 1.100.3"; on its very first run it may
# log a line about writing a config file first, so pick the version line. XDG_* keep that config
# file inside the work folder instead of the user's home.
installed_version() {
  [ -x "$TOOLS/node_modules/.bin/code-server" ] || return 1
  XDG_CONFIG_HOME="$WORK_TMP/xdg-config" XDG_DATA_HOME="$WORK_TMP/xdg-data" \
    "$TOOLS/node_modules/.bin/code-server" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -n 1
}

if [ "$(installed_version || true)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION present in $TOOLS"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $TOOLS (about a minute)"
mkdir -p "$TOOLS" "$WORK_TMP/vscode-ripgrep-cache-1.15.11"

# @vscode/ripgrep's postinstall downloads rg from GitHub. There is no internet here, so hand it
# Debian's rg through the download cache it checks first.
RG_TARBALL=$WORK_TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
[ -f "$RG_TARBALL" ] || tar czf "$RG_TARBALL" -C "$(dirname "$(command -v rg)")" rg

[ -f "$TOOLS/package.json" ] || printf '{ "name": "sip-lens-code-server", "private": true }\n' > "$TOOLS/package.json"

# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc would block.
cd "$TOOLS"
TMPDIR="$WORK_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"

v=$(installed_version || true)
if [ "$v" != "$CODE_SERVER_VERSION" ]; then
  log "code-server did not install (got '${v:-nothing}')" >&2
  exit 1
fi
log "code-server $v ready"
