# shellcheck shell=bash
# Loopback ports for the local services: free ones for `up`, the recorded ones for `start`.
# Sourced by services.sh after common.sh.

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null
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
