# shellcheck shell=bash
# One local CA signs one server certificate (SAN IP:127.0.0.1 and DNS:localhost) that
# PostgreSQL and Redis both present, so clients verify against .services/tls/ca.crt
# exactly as pipelines verify RDS/ElastiCache against the AWS CA bundle.
# Sourced by services.sh after common.sh.

CA_CRT="$TLS_DIR/ca.crt"
CA_KEY="$TLS_DIR/ca.key"
SERVER_CRT="$TLS_DIR/server.crt"
SERVER_KEY="$TLS_DIR/server.key"

# Make the CA and the server certificate unless valid ones (for another day at least) exist.
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
