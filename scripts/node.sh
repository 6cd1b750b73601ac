#!/usr/bin/env bash
# Puts the project's Node.js major (the Lambda runtime's, nodejs24.x) first on PATH.
# When the machine's `node` is another major, the matching `node-linux-<arch>` package is fetched
# from the npm registry once into .cache/node/ and used instead, so the program, the tests and
# the serialized-Lambda tier all run on the runtime's Node whatever the machine has.
#   source scripts/node.sh           # then `node`, `npm` and `npx` run on Node 24
#   bash scripts/node.sh ARGS...     # runs `node ARGS...` on Node 24
project_node_major=24
project_node_version=24.22.3 # pinned so every machine and CI run the same build

project_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

project_node_ensure() {
  local current
  current="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
  if [ "$current" = "$project_node_major" ]; then
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "scripts/node.sh: no node-linux package for $(uname -m); install Node.js $project_node_major" >&2; return 1 ;;
  esac
  local home="$project_node_dir/.cache/node/v$project_node_version-linux-$arch"
  if [ ! -x "$home/bin/node" ]; then
    if ! command -v npm >/dev/null; then
      echo "scripts/node.sh: Node.js $project_node_major is needed and npm is missing to fetch it" >&2
      return 1
    fi
    echo "Fetching Node.js $project_node_version (npm package node-linux-$arch) into .cache/node/..." >&2
    local staging
    staging="$(mktemp -d)"
    (cd "$staging" && npm pack "node-linux-$arch@$project_node_version" --silent >/dev/null &&
      tar xzf node-linux-*.tgz package/bin/node) || { rm -rf "$staging"; return 1; }
    mkdir -p "$home/bin"
    mv "$staging/package/bin/node" "$home/bin/node.partial"
    mv "$home/bin/node.partial" "$home/bin/node" # atomic, so a parallel run never sees half a binary
    rm -rf "$staging"
  fi
  # npm and npx are scripts run by the first `node` on PATH, so they follow.
  export PATH="$home/bin:$PATH"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  project_node_ensure
  exec node "$@"
fi
project_node_ensure
