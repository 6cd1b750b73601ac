# shellcheck shell=bash
# Waiting for a service to answer, and failing clearly when it does not.
# Sourced by services.sh after common.sh; fail_service calls services.sh's do_down.

TIMEOUT="${LOCAL_SERVICES_TIMEOUT:-120}"

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
