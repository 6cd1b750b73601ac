# shellcheck shell=bash
# Redis like ElastiCache with in-transit encryption and an AUTH token, on 127.0.0.1.
# Sourced by services.sh after common.sh, tls.sh, ports.sh, processes.sh and wait.sh.

REDIS_DIR="$STATE_DIR/redis"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
REDIS_LOG="$LOG_DIR/redis.log"

redis_port() { read_state "$REDIS_DIR/port"; }

redis_alive() { pid_alive "$REDIS_PIDFILE" redis-server; }

redis_ready() {
  local port password
  port="$(redis_port)"
  password="$(read_state "$REDIS_DIR/password")"
  [ -n "$port" ] || return 1
  # REDISCLI_AUTH keeps the password off the command line (and out of ps).
  [ "$(REDISCLI_AUTH="$password" redis-cli --tls --cacert "$CA_CRT" -h "$LOOPBACK" -p "$port" PING 2>/dev/null)" = "PONG" ]
}

start_redis() {
  if redis_alive && redis_ready; then
    log "redis: already running on $LOOPBACK:$(redis_port) (TLS)"
    return 0
  fi
  stop_pidfile "Redis" "$REDIS_PIDFILE" redis-server
  ensure_tls
  mkdir -p "$REDIS_DIR"
  local port password
  port="$(kept_port "$REDIS_DIR/port")" || port="$(claim_port "${LOCAL_REDIS_PORT:-}")"
  password="$(kept_value "$REDIS_DIR/password")" || password="$(random_token)"
  printf '%s\n' "$port" >"$REDIS_DIR/port"
  (umask 077 && printf '%s\n' "$password" >"$REDIS_DIR/password")
  # Like ElastiCache with in-transit encryption and an AUTH token: TLS only (port 0
  # disables plain TCP), no client certificates, no persistence. The config file
  # holds the password, so it is private to the owner.
  (
    umask 077
    cat >"$REDIS_DIR/redis.conf" <<EOF
bind $LOOPBACK
port 0
tls-port $port
tls-cert-file "$SERVER_CRT"
tls-key-file "$SERVER_KEY"
tls-ca-cert-file "$CA_CRT"
tls-auth-clients no
requirepass $password
save ""
appendonly no
daemonize no
logfile "$REDIS_LOG"
dir "$REDIS_DIR"
EOF
  )
  rotate_log "$REDIS_LOG"
  log "redis: starting on $LOOPBACK:$port with TLS (log: $REDIS_LOG)"
  setsid redis-server "$REDIS_DIR/redis.conf" </dev/null >>"$REDIS_LOG" 2>&1 9>&- &
  printf '%s\n' "$!" >"$REDIS_PIDFILE"
}

stop_redis() {
  stop_pidfile "Redis" "$REDIS_PIDFILE" redis-server
  rm -f "$REDIS_DIR/port" "$REDIS_DIR/password" "$REDIS_DIR/redis.conf"
}

wait_redis() { wait_ready "Redis" "$REDIS_LOG" redis_ready redis_alive; }

# The pidfile and command-line marker (for stop, pause and resume).
process_redis() { printf '%s\t%s\n' "$REDIS_PIDFILE" redis-server; }
