#!/usr/bin/env bash
# Install everything the local services (scripts/services/up.sh) need, on Debian 12.
#
# Idempotent and cache-friendly: each step checks what is already there and does
# nothing when it is. Safe to run before every test run.
#   - Debian packages: redis-server, openssl, curl, PostgreSQL server binaries,
#     chromium (the sandbox status page's browser test), and (only when missing) a JDK 17+, Maven and python3-venv.
#   - .cache/venv: a Python venv with moto[server] pinned.
#   - .cache/opensearch: the embedded OpenSearch launcher (scripts/services/opensearch)
#     compiled, with its runtime classpath copied to .cache/opensearch/lib.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

started_at=$(date +%s)

# --------------------------------------------------------------------------- apt
java_major() {
  # "openjdk version "17.0.15" ..." -> 17 ; prints 0 when there is no java.
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'
}

missing_packages=()
command -v redis-server >/dev/null 2>&1 || missing_packages+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing_packages+=(redis-tools)
command -v openssl >/dev/null 2>&1 || missing_packages+=(openssl)
command -v curl >/dev/null 2>&1 || missing_packages+=(curl)
command -v runuser >/dev/null 2>&1 || missing_packages+=(util-linux)
# PostgreSQL: server binaries (initdb, pg_ctl, postgres) and, in the same directory
# on Debian, the client tools up.sh uses (psql, pg_isready).
if pg_dir="$(pg_bin_dir)"; then
  [ -x "$pg_dir/psql" ] && [ -x "$pg_dir/pg_isready" ] || missing_packages+=(postgresql-client-15)
else
  missing_packages+=(postgresql-15)
fi
[ "$(java_major)" -ge 17 ] || missing_packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing_packages+=(maven)
command -v python3 >/dev/null 2>&1 || missing_packages+=(python3)
# Headless browser for the sandbox's status-page test (driven through playwright-core).
command -v chromium >/dev/null 2>&1 || missing_packages+=(chromium)
# Debian's python3 ships venv without ensurepip; the python3-venv package adds it.
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing_packages+=(python3-venv)

if [ "${#missing_packages[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing_packages[*]}"
  # Keep the packages' own init scripts from starting system-wide Redis/PostgreSQL
  # instances on 6379/5432: we run private instances instead. policy-rc.d exit 101
  # is Debian's documented "do not start services" switch; only add one temporarily.
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
    policy_added=1
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing_packages[@]}" >/dev/null
  if [ "$policy_added" -eq 1 ]; then
    as_root rm -f /usr/sbin/policy-rc.d
  fi
else
  log "Debian packages: all present"
fi

pg_bin_dir >/dev/null || die "PostgreSQL server binaries (initdb, pg_ctl) not found after install"
if is_root && ! id postgres >/dev/null 2>&1; then
  # The Debian package creates this user; a source build may not have.
  log "creating system user 'postgres' (initdb refuses to run as root)"
  useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
fi

# --------------------------------------------------------------------------- moto
mkdir -p "$CACHE_DIR"
if [ ! -x "$VENV_DIR/bin/python" ]; then
  log "creating Python venv at .cache/venv"
  python3 -m venv "$VENV_DIR"
fi
venv_stamp="$VENV_DIR/.local-services-requirement"
if [ "$(read_state "$venv_stamp")" = "$MOTO_REQUIREMENT" ] && [ -x "$VENV_DIR/bin/moto_server" ]; then
  log "moto: $MOTO_REQUIREMENT already in .cache/venv"
else
  log "moto: installing $MOTO_REQUIREMENT into .cache/venv"
  "$VENV_DIR/bin/python" -m pip install -q --disable-pip-version-check "$MOTO_REQUIREMENT"
  printf '%s\n' "$MOTO_REQUIREMENT" >"$venv_stamp"
fi

# --------------------------------------------------------------------------- OpenSearch
# Rebuild only when the pom or the launcher source changed (hash stamp).
os_src="$SERVICES_SCRIPT_DIR/opensearch"
os_hash="$(cd "$os_src" && find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
os_stamp="$OPENSEARCH_CACHE/.build-stamp"
if [ "$(read_state "$os_stamp")" = "$os_hash" ] && [ -d "$OPENSEARCH_CACHE/lib" ] \
  && [ -f "$OPENSEARCH_CACHE/classes/local/services/EmbeddedOpenSearch.class" ]; then
  log "OpenSearch $OPENSEARCH_VERSION: embedded node already built in .cache/opensearch"
else
  log "OpenSearch $OPENSEARCH_VERSION: building the embedded node (Maven, ~50 MB of jars on first run)"
  # Start from empty output dirs so a version bump leaves no stale jars on the classpath.
  rm -rf "${OPENSEARCH_CACHE:?}/lib" "${OPENSEARCH_CACHE:?}/classes" "${OPENSEARCH_CACHE:?}/build"
  # Maven 3.8 still prints bare colour-reset codes in quiet batch mode: strip them
  # (pipefail keeps mvn's exit status).
  mvn -q -B -f "$os_src/pom.xml" -Dcache.dir="$OPENSEARCH_CACHE" compile dependency:copy-dependencies 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g'
  printf '%s\n' "$os_hash" >"$os_stamp"
fi

log "install done in $(( $(date +%s) - started_at ))s"
