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

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TIMEOUT="${LOCAL_SERVICES_TIMEOUT:-120}"

PG_DIR="$STATE_DIR/postgres"
# Where the cluster lives: $PG_DIR normally, or a temp dir named in this file when
# the 'postgres' user cannot reach the clone (see pg_choose_location).
PG_RUNTIME_POINTER="$PG_DIR/runtime-dir"
PG_DATA=""  # set by pg_resolve_paths
PG_LOG=""   # set by pg_resolve_paths
PG_DATABASE="platform"
PG_APP_USER="app"

REDIS_DIR="$STATE_DIR/redis"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
REDIS_LOG="$LOG_DIR/redis.log"

OS_DIR="$STATE_DIR/opensearch"
OS_PIDFILE="$OS_DIR/opensearch.pid"
OS_LOG="$LOG_DIR/opensearch.log"
OS_MAIN_CLASS="local.services.EmbeddedOpenSearch"

MOTO_DIR="$STATE_DIR/moto"
MOTO_PIDFILE="$MOTO_DIR/moto.pid"
MOTO_LOG="$LOG_DIR/moto.log"
MOTO_REGION="us-east-1"

CONNECTION_JSON="$STATE_DIR/connection.json"
ENV_SH="$STATE_DIR/env.sh"

CA_CRT="$TLS_DIR/ca.crt"
CA_KEY="$TLS_DIR/ca.key"
SERVER_CRT="$TLS_DIR/server.crt"
SERVER_KEY="$TLS_DIR/server.key"

PG_BIN=""  # set by require_tools

require_tools() {
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL binaries not found: run bash scripts/services/install.sh"
  local tool
  for tool in redis-server redis-cli openssl curl python3 java; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: run bash scripts/services/install.sh"
  done
  [ -x "$VENV_DIR/bin/moto_server" ] || die "moto not installed in .cache/venv: run bash scripts/services/install.sh"
  [ -d "$OPENSEARCH_CACHE/lib" ] || die "embedded OpenSearch not built: run bash scripts/services/install.sh"
}

# ============================================================================ ports
# A free port that no other service of ours has been given. Every chosen port is
# written to a .services/<service>/*port file before the next one is chosen, and a
# service may bind its port only seconds later, so check those files too.
claim_port() {
  local preferred="${1:-}" candidate taken _
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    candidate="$(free_port "$preferred")"
    preferred=""
    taken="$(cat "$STATE_DIR"/*/*port 2>/dev/null || true)"
    if ! grep -qx "$candidate" <<<"$taken"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  die "could not find a free port on $LOOPBACK"
}

# ============================================================================ same address
# `start <service>` brings back a service stopped by `stop <service>` where connection.json says
# it is: same port, same Redis password, same OpenSearch data. `up` always starts afresh.
KEEP_ADDRESS=0

# The port recorded in file $1, when restarting at the same address and the port is free.
kept_port() {
  local port
  [ "$KEEP_ADDRESS" = 1 ] || return 1
  port="$(read_state "$1")"
  [ -n "$port" ] && ! port_in_use "$port" && printf '%s\n' "$port"
}

# The value recorded in file $1, when restarting at the same address.
kept_value() {
  local value
  [ "$KEEP_ADDRESS" = 1 ] || return 1
  value="$(read_state "$1")"
  [ -n "$value" ] && printf '%s\n' "$value"
}

# ============================================================================ TLS
# One local CA signs one server certificate (SAN IP:127.0.0.1 and DNS:localhost) that
# PostgreSQL and Redis both present, so clients verify against .services/tls/ca.crt
# exactly as pipelines verify RDS/ElastiCache against the AWS CA bundle.
ensure_tls() {
  mkdir -p "$TLS_DIR"
  if [ -f "$CA_CRT" ] && [ -f "$SERVER_CRT" ] && [ -f "$SERVER_KEY" ] \
    && openssl x509 -checkend 86400 -noout -in "$SERVER_CRT" >/dev/null 2>&1 \
    && openssl verify -CAfile "$CA_CRT" "$SERVER_CRT" >/dev/null 2>&1; then
    return 0
  fi
  log "creating a local CA and a server certificate for 127.0.0.1 in .services/tls"
  (
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
      -keyout "$CA_KEY" -out "$CA_CRT" -subj "/CN=data-platform local services CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
      -CA "$CA_CRT" -CAkey "$CA_KEY" \
      -keyout "$SERVER_KEY" -out "$SERVER_CRT" -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -addext "basicConstraints=critical,CA:FALSE" \
      -addext "extendedKeyUsage=serverAuth" 2>/dev/null
  )
  chmod 644 "$CA_CRT" "$SERVER_CRT"
}

# ============================================================================ waiting
# wait_ready NAME LOGFILE READY_FN ALIVE_FN: poll READY_FN until it succeeds; fail fast
# when ALIVE_FN says the process died, fail after $TIMEOUT seconds otherwise.
wait_ready() {
  local name="$1" logfile="$2" ready_fn="$3" alive_fn="$4" deadline
  deadline=$(( $(date +%s) + TIMEOUT ))
  until "$ready_fn" >/dev/null 2>&1; do
    if ! "$alive_fn"; then
      fail_service "$name" "$logfile" "the process exited during startup"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail_service "$name" "$logfile" "not ready after ${TIMEOUT}s"
    fi
    sleep 0.5
  done
}

# Keep the previous run's log as <log>.prev so each log starts with this run.
rotate_log() {
  if [ -s "$1" ]; then mv -f "$1" "$1.prev"; fi
}

# Print a clear error naming the service and its log, stop everything, exit non-zero.
fail_service() {
  local name="$1" logfile="$2" why="$3"
  {
    printf '\n[services] ERROR: %s failed to start: %s\n' "$name" "$why"
    printf '[services] log: %s (last lines below)\n' "$logfile"
    tail -n 25 "$logfile" 2>/dev/null | sed 's/^/    | /' || true
    printf '[services] stopping the other services so nothing is left half-running\n'
  } >&2
  do_down >&2 || true
  exit 1
}

# ============================================================================ PostgreSQL
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

# ---- local-services (scripts/services/services.sh) ----
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

# ============================================================================ Redis
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

# ============================================================================ OpenSearch
os_port() { read_state "$OS_DIR/port"; }

os_alive() { pid_alive "$OS_PIDFILE" "$OS_MAIN_CLASS"; }

os_ready() {
  local port
  port="$(os_port)"
  # 200 once the cluster is yellow or green; 408 while it is still red.
  [ -n "$port" ] && curl -fsS -m 5 -o /dev/null \
    "http://$LOOPBACK:$port/_cluster/health?wait_for_status=yellow&timeout=1s"
}

start_opensearch() {
  if os_alive && os_ready; then
    log "opensearch: already running on http://$LOOPBACK:$(os_port)"
    return 0
  fi
  stop_pidfile "OpenSearch" "$OS_PIDFILE" "$OS_MAIN_CLASS"
  if [ "$KEEP_ADDRESS" != 1 ]; then
    rm -rf "${OS_DIR:?}/home"
  fi
  mkdir -p "$OS_DIR/home/tmp"
  local http_port transport_port java
  http_port="$(kept_port "$OS_DIR/port")" || http_port="$(claim_port "${LOCAL_OPENSEARCH_PORT:-}")"
  printf '%s\n' "$http_port" >"$OS_DIR/port"
  transport_port="$(kept_port "$OS_DIR/transport-port")" || transport_port="$(claim_port)"
  printf '%s\n' "$transport_port" >"$OS_DIR/transport-port"
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  rotate_log "$OS_LOG"
  log "opensearch: starting on http://$LOOPBACK:$http_port (log: $OS_LOG)"
  # setsid: own session, so a Ctrl-C in the terminal that ran up.sh does not kill it.
  setsid "$java" \
    -Xms"${OPENSEARCH_HEAP:-512m}" -Xmx"${OPENSEARCH_HEAP:-512m}" \
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djava.io.tmpdir="$OS_DIR/home/tmp" \
    -Djava.awt.headless=true -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
    -cp "$OPENSEARCH_CACHE/classes:$OPENSEARCH_CACHE/lib/*" \
    "$OS_MAIN_CLASS" "$OS_DIR/home" "$http_port" "$transport_port" \
    </dev/null >>"$OS_LOG" 2>&1 9>&- &
  printf '%s\n' "$!" >"$OS_PIDFILE"
}

stop_opensearch() {
  stop_pidfile "OpenSearch" "$OS_PIDFILE" "$OS_MAIN_CLASS"
  rm -rf "${OS_DIR:?}/home" "$OS_DIR/port" "$OS_DIR/transport-port"
}

# ============================================================================ moto
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

# ============================================================================ settings
# connection.json for test/support/services.ts, env.sh for shells. Written through
# Python's json/shlex so paths with odd characters stay valid.
write_settings() {
  local tmp="$CONNECTION_JSON.tmp"
  PG_PORT="$(pg_port)" PG_PASSWORD="$(read_state "$PG_DIR/app-password")" \
  REDIS_PORT="$(redis_port)" REDIS_PASSWORD="$(read_state "$REDIS_DIR/password")" \
  OS_PORT="$(os_port)" MOTO_PORT="$(moto_port)" \
  HOST="$LOOPBACK" CA_FILE="$CA_CRT" PG_DATABASE="$PG_DATABASE" PG_USER="$PG_APP_USER" \
  MOTO_REGION="$MOTO_REGION" OS_VERSION="$OPENSEARCH_VERSION" \
  ENV_SH="$ENV_SH" \
  python3 - "$tmp" <<'EOF'
import json, os, shlex, sys

e = os.environ
host, ca = e["HOST"], e["CA_FILE"]
settings = {
    "postgres": {
        "host": host,
        "port": int(e["PG_PORT"]),
        "database": e["PG_DATABASE"],
        "user": e["PG_USER"],
        "password": e["PG_PASSWORD"],
        "caFile": ca,
    },
    "redis": {
        "host": host,
        "port": int(e["REDIS_PORT"]),
        "password": e["REDIS_PASSWORD"],
        "caFile": ca,
        "url": f"rediss://default:{e['REDIS_PASSWORD']}@{host}:{e['REDIS_PORT']}",
    },
    "opensearch": {
        "node": f"http://{host}:{e['OS_PORT']}",
        "version": e["OS_VERSION"],
    },
    "moto": {
        "endpoint": f"http://{host}:{e['MOTO_PORT']}",
        "region": e["MOTO_REGION"],
        "accessKeyId": "testing",
        "secretAccessKey": "testing",
    },
}
with open(sys.argv[1], "w") as f:
    json.dump(settings, f, indent=2)
    f.write("\n")

pg, rd, os_, mo = settings["postgres"], settings["redis"], settings["opensearch"], settings["moto"]
env = {
    # libpq (psql, pg_dump, ...) reads these directly.
    "PGHOST": pg["host"], "PGPORT": str(pg["port"]), "PGDATABASE": pg["database"],
    "PGUSER": pg["user"], "PGPASSWORD": pg["password"],
    "PGSSLMODE": "verify-full", "PGSSLROOTCERT": ca,
    "REDIS_URL": rd["url"], "REDIS_HOST": rd["host"], "REDIS_PORT": str(rd["port"]),
    "REDISCLI_AUTH": rd["password"], "REDIS_CA_FILE": ca,
    "OPENSEARCH_URL": os_["node"],
    # AWS SDKs and the AWS CLI honour AWS_ENDPOINT_URL.
    "AWS_ENDPOINT_URL": mo["endpoint"], "AWS_REGION": mo["region"],
    "AWS_DEFAULT_REGION": mo["region"], "AWS_ACCESS_KEY_ID": mo["accessKeyId"],
    "AWS_SECRET_ACCESS_KEY": mo["secretAccessKey"],
    "LOCAL_SERVICES_CA_FILE": ca,
}
with open(e["ENV_SH"], "w") as f:
    f.write("# Generated by scripts/services/services.sh up; source it: . .services/env.sh\n")
    for k, v in env.items():
        f.write(f"export {k}={shlex.quote(v)}\n")
EOF
  chmod 600 "$tmp" "$ENV_SH"
  mv "$tmp" "$CONNECTION_JSON"
}

# ============================================================================ commands
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
  wait_ready "Redis" "$REDIS_LOG" redis_ready redis_alive
  wait_ready "moto" "$MOTO_LOG" moto_ready moto_alive
  wait_ready "OpenSearch" "$OS_LOG" os_ready os_alive
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
  IFS=$'\t' read -r pidfile marker <<<"$(service_process "$1")"
  # A frozen process cannot act on SIGTERM: thaw it first.
  if pid_alive "$pidfile" "$marker"; then
    kill -CONT "$(head -n 1 "$pidfile")" 2>/dev/null || true
  fi
  stop_pidfile "$1" "$pidfile" "$marker"
}

# The pidfile and command-line marker of one service (for stop, pause and resume).
service_process() {
  case "$1" in
    redis) printf '%s\t%s\n' "$REDIS_PIDFILE" redis-server ;;
    opensearch) printf '%s\t%s\n' "$OS_PIDFILE" "$OS_MAIN_CLASS" ;;
    moto) printf '%s\t%s\n' "$MOTO_PIDFILE" moto_server ;;
  esac
}

# Freeze or thaw one service's process: a frozen service holds connections and never answers.
signal_service() {
  local signal="$1" service="$2" pidfile marker
  IFS=$'\t' read -r pidfile marker <<<"$(service_process "$service")"
  pid_alive "$pidfile" "$marker" || die "$service is not running"
  kill "-$signal" "$(head -n 1 "$pidfile")"
  log "$service: sent SIG$signal"
}

do_pause() { signal_service STOP "$1"; }
do_resume() { signal_service CONT "$1"; }

# Start one service stopped by `stop`, at the address connection.json gives, and wait until ready.
do_start() {
  require_tools
  [ -f "$CONNECTION_JSON" ] || die "no .services/connection.json: run up first"
  KEEP_ADDRESS=1
  case "$1" in
    redis)
      start_redis
      wait_ready "Redis" "$REDIS_LOG" redis_ready redis_alive
      ;;
    opensearch)
      start_opensearch
      wait_ready "OpenSearch" "$OS_LOG" os_ready os_alive
      ;;
    moto)
      start_moto
      wait_ready "moto" "$MOTO_LOG" moto_ready moto_alive
      ;;
  esac
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
