# shellcheck shell=bash
# .services/connection.json for test/support/services.ts and .services/env.sh for shells,
# written by settings.py (Python's json/shlex keep paths with odd characters valid).
# Sourced by services.sh after the service files.

CONNECTION_JSON="$STATE_DIR/connection.json"
ENV_SH="$STATE_DIR/env.sh"

write_settings() {
  local tmp="$CONNECTION_JSON.tmp"
  PG_PORT="$(pg_port)" PG_PASSWORD="$(read_state "$PG_DIR/app-password")" \
  REDIS_PORT="$(redis_port)" REDIS_PASSWORD="$(read_state "$REDIS_DIR/password")" \
  OS_PORT="$(os_port)" MOTO_PORT="$(moto_port)" \
  HOST="$LOOPBACK" CA_FILE="$CA_CRT" PG_DATABASE="$PG_DATABASE" PG_USER="$PG_APP_USER" \
  MOTO_REGION="$MOTO_REGION" OS_VERSION="$OPENSEARCH_VERSION" \
  ENV_SH="$ENV_SH" \
  python3 "$SERVICES_SCRIPT_DIR/lib/settings.py" "$tmp"
  chmod 600 "$tmp" "$ENV_SH"
  mv "$tmp" "$CONNECTION_JSON"
}
