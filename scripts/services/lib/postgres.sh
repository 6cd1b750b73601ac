# shellcheck shell=bash
# PostgreSQL like RDS with rds.force_ssl=1: a private cluster on 127.0.0.1, TLS and a password
# for the application user, its data under .services/postgres (or a temp dir, see
# pg_choose_location). Sourced by services.sh after common.sh, tls.sh, ports.sh and wait.sh.

PG_DIR="$STATE_DIR/postgres"
# Where the cluster lives: $PG_DIR normally, or a temp dir named in this file when
# the 'postgres' user cannot reach the clone (see pg_choose_location).
PG_RUNTIME_POINTER="$PG_DIR/runtime-dir"
PG_DATA=""  # set by pg_resolve_paths
PG_LOG=""   # set by pg_resolve_paths
PG_DATABASE="platform"
PG_APP_USER="app"
PG_BIN=""  # set by services.sh (require_tools, do_down, do_status) through pg_bin_dir

pg_port() { read_state "$PG_DIR/port"; }

pg_resolve_paths() {
  local runtime
  runtime="$(read_state "$PG_RUNTIME_POINTER")"
  if [ -n "$runtime" ]; then
    PG_DATA="$runtime/data"
    PG_LOG="$runtime/postgres.log"
  else
    PG_DATA="$PG_DIR/data"
    PG_LOG="$LOG_DIR/postgres.log"
  fi
}

# initdb and the server run as 'postgres', which must reach the data dir through
# every parent directory. A clone inside a private directory (mktemp -d is mode 700)
# does not allow that; keep the cluster in a temp dir of its own then.
pg_choose_location() {
  mkdir -p "$PG_DIR" "$LOG_DIR"
  rm -f "$PG_RUNTIME_POINTER"
  if is_root; then
    chown postgres: "$PG_DIR"
    if ! as_pg test -w "$PG_DIR" 2>/dev/null; then
      local runtime
      runtime="$(mktemp -d "${TMPDIR:-/tmp}/local-services-postgres.XXXXXX")"
      chown postgres: "$runtime"
      as_pg test -w "$runtime" || die "user 'postgres' cannot write $PG_DIR nor $runtime"
      printf '%s\n' "$runtime" >"$PG_RUNTIME_POINTER"
      log "postgres: user 'postgres' cannot reach $PG_DIR; using $runtime for its data"
    fi
  fi
  pg_resolve_paths
}

# Remove a temp-dir cluster location, keeping its log next to the others.
pg_forget_location() {
  local runtime
  runtime="$(read_state "$PG_RUNTIME_POINTER")"
  if [ -n "$runtime" ]; then
    if [ -f "$runtime/postgres.log" ]; then
      rm -f "$LOG_DIR/postgres.log"
      cp "$runtime/postgres.log" "$LOG_DIR/postgres.log"
    fi
    rm -rf "$runtime"
  fi
  rm -f "$PG_RUNTIME_POINTER"
  pg_resolve_paths
}

pg_alive() { [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_ready() {
  local port
  port="$(pg_port)"
  [ -n "$port" ] && "$PG_BIN/pg_isready" -q -h "$LOOPBACK" -p "$port" -U postgres -d postgres -t 2
}

pg_init() {
  pg_forget_location
  pg_choose_location
  rotate_log "$LOG_DIR/postgres.log"
  touch "$PG_LOG"
  if is_root; then
    chown postgres: "$PG_LOG"
  fi
  if [ "$PG_LOG" != "$LOG_DIR/postgres.log" ]; then
    ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"
  fi
  rm -rf "$PG_DATA"
  log "postgres: initdb in $PG_DATA"
  # -A trust only for the bootstrap superuser's first connection; pg_hba.conf is
  # rewritten below. --no-sync: throwaway cluster, skip the fsync of every file.
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >>"$PG_LOG" 2>&1 || fail_service "PostgreSQL" "$PG_LOG" "initdb failed"

  install -m 600 "$SERVER_KEY" "$PG_DATA/server.key"
  install -m 644 "$SERVER_CRT" "$PG_DATA/server.crt"
  install -m 644 "$CA_CRT" "$PG_DATA/ca.crt"
  cat >>"$PG_DATA/postgresql.conf" <<'EOF'

# ---- local-services (scripts/services/lib/postgres.sh) ----
listen_addresses = '127.0.0.1'
# TCP only: no Unix socket, so no /var/run permissions and no 107-byte path limit.
unix_socket_directories = ''
# Throwaway test cluster: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'ca.crt'
password_encryption = 'scram-sha-256'
EOF
  # Like RDS with rds.force_ssl=1: the application user must use TLS and a password.
  # The bootstrap superuser 'postgres' (used only by this script) is trusted on loopback.
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# TYPE    DATABASE  USER      ADDRESS        METHOD
host      all       postgres  127.0.0.1/32   trust
hostssl   all       all       127.0.0.1/32   scram-sha-256
hostnossl all       all       127.0.0.1/32   reject
EOF
  if is_root; then
    chown -R postgres: "$PG_DATA"
  fi
}

pg_setup_database() {
  local port="$1" password="$2"
  # Password is hex (random_token), so it needs no quoting beyond psql's :'var'.
  "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -v app_user="$PG_APP_USER" -v app_password="$password" \
    -v db="$PG_DATABASE" -h "$LOOPBACK" -p "$port" -U postgres -d postgres >>"$PG_LOG" 2>&1 <<'EOF' \
    || fail_service "PostgreSQL" "$PG_LOG" "could not create the database and user"
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"app_user";
EOF
}

start_postgres() {
  if pg_alive && pg_ready; then
    log "postgres: already running on $LOOPBACK:$(pg_port)"
    return 0
  fi
  if pg_alive; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate >/dev/null 2>&1 || true
  fi
  ensure_tls
  pg_init
  local port password
  port="$(claim_port "${LOCAL_PG_PORT:-}")"
  password="$(random_token)"
  printf '%s\n' "$port" >"$PG_DIR/port"
  (umask 077 && printf '%s\n' "$password" >"$PG_DIR/app-password")
  log "postgres: starting on $LOOPBACK:$port (log: $PG_LOG)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $port" -w -t "$TIMEOUT" start >/dev/null 9>&- \
    || fail_service "PostgreSQL" "$PG_LOG" "pg_ctl start failed"
  wait_ready "PostgreSQL" "$PG_LOG" pg_ready pg_alive
  pg_setup_database "$port" "$password"
}

stop_postgres() {
  if pg_alive; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 30 >/dev/null \
      || as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w >/dev/null || true
  fi
  rm -rf "$PG_DATA" "$PG_DIR/port" "$PG_DIR/app-password"
  pg_forget_location
}
