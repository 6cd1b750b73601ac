#!/usr/bin/env bash
# Install the Python test tools (glue/requirements-dev.txt: pyspark, pytest, sqlfluff) into the
# project venv .cache/venv (the one scripts/services/install.sh creates for moto). Idempotent: a
# stamp holding the requirements file's hash skips the install when nothing changed. The pyspark
# sdist builds a ~0.6 GB wheel on first install; pip's cache keeps it for later runs.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV_DIR="$REPO_ROOT/.cache/venv"
REQUIREMENTS="$REPO_ROOT/glue/requirements-dev.txt"

log() { printf '[python] %s\n' "$*"; }

command -v python3 >/dev/null 2>&1 || { log "python3 is missing (scripts/services/install.sh installs it)"; exit 1; }
mkdir -p "$REPO_ROOT/.cache"
if [ ! -x "$VENV_DIR/bin/python" ]; then
  log "creating Python venv at .cache/venv"
  python3 -m venv "$VENV_DIR"
fi

stamp="$VENV_DIR/.python-tools-requirements"
wanted="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  log "pyspark, pytest, sqlfluff already in .cache/venv"
  exit 0
fi
log "installing glue/requirements-dev.txt into .cache/venv"
"$VENV_DIR/bin/python" -m pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
printf '%s\n' "$wanted" >"$stamp"
