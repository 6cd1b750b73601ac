#!/usr/bin/env bash
# Runs the Python tests (test/glue: the Glue transform on a local SparkSession) in .cache/venv.
# Exit codes are pytest's, except that "no tests collected" (5) is a failure here too: these
# tests are never optional.
set -uo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
# The local SparkSession binds to loopback only.
export SPARK_LOCAL_IP=127.0.0.1
"$REPO_ROOT/.cache/venv/bin/python" -m pytest test/glue -q -p no:cacheprovider "$@"
status=$?
case "$status" in
  0) ;;
  5) echo "[pytest] no Python tests were collected: test/glue must not be empty" >&2 ;;
  *) echo "[pytest] failed with exit code $status" >&2 ;;
esac
exit "$status"
