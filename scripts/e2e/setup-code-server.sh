#!/usr/bin/env bash
# setup-code-server.sh DEST — installs code-server (VS Code web + a remote Node extension host) into DEST,
# outside the project's package.json. The e2e runner (scripts/e2e/run.mjs) drives it with Chromium.
#
# Idempotent: a stamp file records code-server version + Node major + arch; when it matches, exit at once.
# Offline-safe except for the npm registry (the only network CI has): the three downloads code-server's
# install would make elsewhere are avoided (see /work/shared/docs/e2e-testing.md, "Recipe" 2):
#   - @vscode/ripgrep fetches rg from api.github.com unless its cache holds a tarball: we pack the system rg;
#   - kerberos and argon2 fall back to building from source (needs libkrb5-dev, g++, make, python3);
#   - node-pty's postinstall runs `npx node-gyp`, cancelled by npm config yes=false: force yes.
# 4.100.3 is the last code-server whose engines.node is 20 (VS Code 1.100.3).
set -euo pipefail

VERSION=4.100.3
DEST=${1:?usage: setup-code-server.sh DEST}
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
STAMP_TEXT="code-server@$VERSION node$NODE_MAJOR $(uname -m)"
STAMP="$DEST/.installed"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] && [ -f "$ENTRY" ]; then
  exit 0
fi

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
for tool in g++ make python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-code-server: missing system packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 2
fi

start=$(date +%s)
echo "setup-code-server: installing $STAMP_TEXT into $DEST (about 90 s on 2 cores)"
# A stamp for another Node major or version: its native modules are unusable, start clean.
rm -rf "$DEST/node_modules" "$DEST/package-lock.json" "$STAMP"
cd "$DEST"
echo '{"name":"code-server-host","private":true}' > package.json

RG_CACHE="$DEST/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE" "$DEST/tmp/rgstage"
cp "$(command -v rg)" "$DEST/tmp/rgstage/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$DEST/tmp/rgstage" rg

# unsafe-perm: code-server's postinstall refuses to run as root without it.
TMPDIR="$DEST/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" > "$DEST/install.log" 2>&1 || {
  echo "setup-code-server: npm install failed; last lines of $DEST/install.log:" >&2
  tail -n 30 "$DEST/install.log" >&2
  exit 1
}
[ -f "$ENTRY" ] || { echo "setup-code-server: $ENTRY missing after install" >&2; exit 1; }
rm -rf "$DEST/tmp"
echo "$STAMP_TEXT" > "$STAMP"
echo "setup-code-server: done in $(( $(date +%s) - start )) s"
