# shellcheck shell=bash
# The services' daemons, tracked by pidfile: is one alive, stop one, freeze or thaw one.
# Sourced by services.sh after common.sh.

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

# Send signal $1 to the process in pidfile $3 (service name $2, cmdline marker $4).
# STOP freezes it (it holds connections and never answers), CONT thaws it.
signal_pidfile() {
  local signal="$1" name="$2" pidfile="$3" marker="$4"
  pid_alive "$pidfile" "$marker" || die "$name is not running"
  kill "-$signal" "$(head -n 1 "$pidfile")"
  log "$name: sent SIG$signal"
}
