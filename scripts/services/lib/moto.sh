# shellcheck shell=bash
# moto's server (AWS APIs, all services on one port) on 127.0.0.1, from .cache/venv.
# Sourced by services.sh after common.sh, ports.sh, processes.sh and wait.sh.

MOTO_DIR="$STATE_DIR/moto"
MOTO_PIDFILE="$MOTO_DIR/moto.pid"
MOTO_LOG="$LOG_DIR/moto.log"
# shellcheck disable=SC2034 # read by settings.sh
MOTO_REGION="us-east-1"

moto_port() { read_state "$MOTO_DIR/port"; }

moto_alive() { pid_alive "$MOTO_PIDFILE" moto_server; }

moto_ready() {
  local port
  port="$(moto_port)"
  [ -n "$port" ] && curl -fsS -m 5 -o /dev/null "http://$LOOPBACK:$port/moto-api/data.json"
}

start_moto() {
  if moto_alive && moto_ready; then
    log "moto: already running on http://$LOOPBACK:$(moto_port)"
    return 0
  fi
  stop_pidfile "moto" "$MOTO_PIDFILE" moto_server
  mkdir -p "$MOTO_DIR"
  local port
  port="$(kept_port "$MOTO_DIR/port")" || port="$(claim_port "${LOCAL_MOTO_PORT:-}")"
  printf '%s\n' "$port" >"$MOTO_DIR/port"
  rotate_log "$MOTO_LOG"
  log "moto: starting on http://$LOOPBACK:$port (log: $MOTO_LOG)"
  setsid "$VENV_DIR/bin/moto_server" -H "$LOOPBACK" -p "$port" </dev/null >>"$MOTO_LOG" 2>&1 9>&- &
  printf '%s\n' "$!" >"$MOTO_PIDFILE"
}

stop_moto() {
  stop_pidfile "moto" "$MOTO_PIDFILE" moto_server
  rm -f "$MOTO_DIR/port"
}

wait_moto() { wait_ready "moto" "$MOTO_LOG" moto_ready moto_alive; }

# The pidfile and command-line marker (for stop, pause and resume).
process_moto() { printf '%s\t%s\n' "$MOTO_PIDFILE" moto_server; }
