# shellcheck shell=bash
# An embedded OpenSearch node (built into .cache/opensearch by install.sh) on 127.0.0.1.
# Sourced by services.sh after common.sh, ports.sh, processes.sh and wait.sh.

OS_DIR="$STATE_DIR/opensearch"
OS_PIDFILE="$OS_DIR/opensearch.pid"
OS_LOG="$LOG_DIR/opensearch.log"
OS_MAIN_CLASS="local.services.EmbeddedOpenSearch"

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

wait_opensearch() { wait_ready "OpenSearch" "$OS_LOG" os_ready os_alive; }

# The pidfile and command-line marker (for stop, pause and resume).
process_opensearch() { printf '%s\t%s\n' "$OS_PIDFILE" "$OS_MAIN_CLASS"; }
