# shellcheck shell=bash
# Shared paths and helpers for scripts/services/*.sh. Sourced, never run directly.
# The variables below are used by the scripts that source this file:
# shellcheck disable=SC2034
#
# Everything is derived from this file's location so the scripts work from any clone path.

SERVICES_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
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

# A TCP port on 127.0.0.1 that nothing listens on right now. Honors a preferred
# port (first argument) when it is free; otherwise asks the kernel for one.
free_port() {
  local preferred="${1:-}"
  if [ -n "$preferred" ] && ! port_in_use "$preferred"; then
    printf '%s\n' "$preferred"
    return 0
  fi
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null
}

# True when the PID in file $1 is alive and its command line contains $2
# (guards against acting on a PID that the kernel has since reused).
pid_alive() {
  local pidfile="$1" marker="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker"
}

# True while process $1 exists and has not exited. An exited process whose parent
# has not reaped it yet (a zombie: here PID 1 adopts our daemons and reaps them
# lazily) counts as stopped.
process_running() {
  local state
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != "Z" ]
}

# Stop the process recorded in pidfile $2 (service name $1, cmdline marker $3):
# SIGTERM, wait up to 20 s, then SIGKILL. A missing or stale pidfile is fine.
stop_pidfile() {
  local name="$1" pidfile="$2" marker="$3" pid _
  if ! pid_alive "$pidfile" "$marker"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(head -n 1 "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    process_running "$pid" || break
    sleep 0.2
  done
  if process_running "$pid"; then
    warn "$name did not stop after SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
}

# Poll command "$@" every half second until it succeeds or $1 seconds pass.
wait_for() {
  local timeout="$1" deadline
  shift
  deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      return 1
    fi
    sleep 0.5
  done
}

# Read a one-line state file, or print nothing.
read_state() {
  if [ -f "$1" ]; then head -n 1 "$1"; fi
}

# A random token usable as a password (hex only: safe in URLs and config files).
random_token() {
  openssl rand -hex 24
}
