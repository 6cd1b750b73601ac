#!/usr/bin/env bash
# Local services for tier-3 tests: PostgreSQL (TLS), Redis (TLS + AUTH), an embedded
# OpenSearch node and moto (AWS APIs), all on 127.0.0.1, all as private processes
# whose state lives under .services/ (gitignored).
#
#   bash scripts/services/services.sh up      # start what is not running, wait until ready
#   bash scripts/services/services.sh down    # stop everything, wipe runtime data
#   bash scripts/services/services.sh status  # exit 0 only when all four answer
#   bash scripts/services/services.sh stop redis|opensearch|moto
#   bash scripts/services/services.sh start redis|opensearch|moto
#                                             # take one service away and bring it back at the
#                                             # same address (degradation tests); up must have run
#   bash scripts/services/services.sh pause redis|opensearch|moto
#   bash scripts/services/services.sh resume redis|opensearch|moto
#                                             # freeze one service (SIGSTOP): it accepts
#                                             # connections and never answers (deadline tests)
#
# up writes .services/connection.json (read by test/support/services.ts) and
# .services/env.sh (source it in a shell). Run scripts/services/install.sh first.
#
# Optional environment: LOCAL_PG_PORT, LOCAL_REDIS_PORT, LOCAL_OPENSEARCH_PORT,
# LOCAL_MOTO_PORT (preferred ports, used when free), LOCAL_SERVICES_TIMEOUT (seconds
# to wait for each service, default 120), OPENSEARCH_HEAP (default 512m).
set -euo pipefail

# The shared helpers, then one file per service, then the settings they add up to.
# shellcheck source-path=SCRIPTDIR
LIB="$(dirname "${BASH_SOURCE[0]}")/lib"
# shellcheck source=lib/common.sh
source "$LIB/common.sh"
# shellcheck source=lib/ports.sh
source "$LIB/ports.sh"
# shellcheck source=lib/processes.sh
source "$LIB/processes.sh"
# shellcheck source=lib/wait.sh
source "$LIB/wait.sh"
# shellcheck source=lib/tls.sh
source "$LIB/tls.sh"
# shellcheck source=lib/postgres.sh
source "$LIB/postgres.sh"
# shellcheck source=lib/redis.sh
source "$LIB/redis.sh"
# shellcheck source=lib/opensearch.sh
source "$LIB/opensearch.sh"
# shellcheck source=lib/moto.sh
source "$LIB/moto.sh"
# shellcheck source=lib/settings.sh
source "$LIB/settings.sh"

require_tools() {
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL binaries not found: run bash scripts/services/install.sh"
  local tool
  for tool in redis-server redis-cli openssl curl python3 java; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: run bash scripts/services/install.sh"
  done
  [ -x "$VENV_DIR/bin/moto_server" ] || die "moto not installed in .cache/venv: run bash scripts/services/install.sh"
  [ -d "$OPENSEARCH_CACHE/lib" ] || die "embedded OpenSearch not built: run bash scripts/services/install.sh"
}

# The commands. Each service file defines start_/stop_ (and, for the stoppable ones, wait_
# and process_) functions named after its service.
do_up() {
  require_tools
  mkdir -p "$STATE_DIR" "$LOG_DIR"
  local began
  began=$(date +%s)
  rm -f "$CONNECTION_JSON"
  ensure_tls
  # Start the slow ones first and let them boot while PostgreSQL runs initdb.
  start_opensearch
  start_moto
  start_redis
  start_postgres
  wait_redis
  wait_moto
  wait_opensearch
  write_settings
  log "all services ready in $(( $(date +%s) - began ))s; settings in .services/connection.json and .services/env.sh"
  log "  postgres   $LOOPBACK:$(pg_port)  db=$PG_DATABASE user=$PG_APP_USER (TLS, CA .services/tls/ca.crt)"
  log "  redis      $LOOPBACK:$(redis_port)  (TLS + AUTH)"
  log "  opensearch http://$LOOPBACK:$(os_port)"
  log "  moto       http://$LOOPBACK:$(moto_port)"
}

do_down() {
  rm -f "$CONNECTION_JSON" "$ENV_SH"
  stop_moto
  stop_opensearch
  stop_redis
  if PG_BIN="$(pg_bin_dir)"; then
    stop_postgres
  fi
  log "all services stopped"
}

do_status() {
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL binaries not found"
  local failed=0
  report() {
    if "$2" >/dev/null 2>&1; then
      log "$(printf '%-10s' "$1") up      $3"
    else
      log "$(printf '%-10s' "$1") DOWN"
      failed=1
    fi
  }
  report postgres pg_ready "$LOOPBACK:$(pg_port)"
  report redis redis_ready "$LOOPBACK:$(redis_port)"
  report opensearch os_ready "http://$LOOPBACK:$(os_port)"
  report moto moto_ready "http://$LOOPBACK:$(moto_port)"
  return "$failed"
}

# Stop one service, keeping its port (and data and password) for `start`.
do_stop() {
  local pidfile marker
  IFS=$'\t' read -r pidfile marker <<<"$("process_$1")"
  # A frozen process cannot act on SIGTERM: thaw it first.
  if pid_alive "$pidfile" "$marker"; then
    kill -CONT "$(head -n 1 "$pidfile")" 2>/dev/null || true
  fi
  stop_pidfile "$1" "$pidfile" "$marker"
}

# Freeze or thaw one service's process: a frozen service holds connections and never answers.
do_pause() { signal_service STOP "$1"; }
do_resume() { signal_service CONT "$1"; }

signal_service() {
  local pidfile marker
  IFS=$'\t' read -r pidfile marker <<<"$("process_$2")"
  signal_pidfile "$1" "$2" "$pidfile" "$marker"
}

# Start one service stopped by `stop`, at the address connection.json gives, and wait until ready.
do_start() {
  require_tools
  [ -f "$CONNECTION_JSON" ] || die "no .services/connection.json: run up first"
  KEEP_ADDRESS=1
  "start_$1"
  "wait_$1"
  log "$1 ready at the same address"
}

main() {
  local command="${1:-}" service="${2:-}"
  case "$command" in
    up | down | status) ;;
    stop | start | pause | resume)
      case "$service" in
        redis | opensearch | moto) ;;
        *) die "usage: $0 $command redis|opensearch|moto" ;;
      esac
      ;;
    *) die "usage: $0 up|down|status|stop|start|pause|resume <service>" ;;
  esac
  mkdir -p "$STATE_DIR"
  # One command at a time (e.g. two test runs starting together).
  exec 9>"$STATE_DIR/.lock"
  flock -w 300 9 || die "another services.sh is still running (lock .services/.lock)"
  "do_$command" "$service"
}

pg_resolve_paths
main "$@"
