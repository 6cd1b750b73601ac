# shellcheck shell=bash
# Shared paths, pinned versions and small helpers for scripts/services/*.sh and lib/*.sh.
# Sourced, never run directly.
# The variables below are used by the scripts that source this file:
# shellcheck disable=SC2034
#
# Everything is derived from this file's location so the scripts work from any clone path.

SERVICES_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$SERVICES_SCRIPT_DIR/../.." && pwd)"

# Build/install caches (kept between runs) and runtime state (one set of running services).
CACHE_DIR="$REPO_ROOT/.cache"
VENV_DIR="$CACHE_DIR/venv"
OPENSEARCH_CACHE="$CACHE_DIR/opensearch"
STATE_DIR="$REPO_ROOT/.services"
LOG_DIR="$STATE_DIR/logs"
TLS_DIR="$STATE_DIR/tls"

# Versions pinned for the local tier. Change them here only.
MOTO_REQUIREMENT="moto[server]==5.2.5"
OPENSEARCH_VERSION="2.19.6"

LOOPBACK="127.0.0.1"

log() { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root (directly when we are root, through sudo otherwise).
as_root() {
  if is_root; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run initdb/postgres as root, so as root we switch to the
# 'postgres' system user; as an ordinary user we run the binaries directly.
# From / because the caller's directory may be unreadable for 'postgres'.
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Directory holding initdb/pg_ctl/postgres. Debian keeps them off PATH under
# /usr/lib/postgresql/<major>/bin; prefer the newest major there, else PATH.
pg_bin_dir() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    printf '%s\n' "$dir"
    return 0
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  return 1
}

# Read a one-line state file, or print nothing.
read_state() {
  if [ -f "$1" ]; then head -n 1 "$1"; fi
}

# A random token usable as a password (hex only: safe in URLs and config files).
random_token() {
  openssl rand -hex 24
}
