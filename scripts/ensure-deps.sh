#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json,
# so that `npm run plan` and `npm test` work on a fresh clone without a separate install step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node.sh

stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing npm dependencies (npm ci)..." >&2
  # Install scripts stay off: the only ones in the tree download Pulumi plugins, which the
  # program does not need to be tested (the CLI installs plugins itself on a real deploy).
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=warn >&2
fi
