#!/usr/bin/env bash
# Shorthand for: bash scripts/services/services.sh status (see that file).
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/services.sh" status "$@"
