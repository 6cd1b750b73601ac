#!/usr/bin/env bash
# The whole test suite: typecheck, then the four tiers (unit with mocks, policy, functions against
# real local services, serialized Lambdas). Installs and starts the local services it needs and
# stops them at the end. KEEP_SERVICES=1 leaves them running for the next run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node 24 (the Lambda runtime's major) first on PATH, fetched into .cache/ if the machine has another.
source scripts/node.sh

bash scripts/ensure-deps.sh

echo "== typecheck"
npx tsc --noEmit -p .
npx tsc --noEmit -p policy

echo "== local services"
bash scripts/services/install.sh
bash scripts/python/install.sh
if [ "${KEEP_SERVICES:-0}" != "1" ]; then
  trap 'bash scripts/services/down.sh' EXIT
fi
bash scripts/services/up.sh

echo "== glue transform (pytest, local SparkSession)"
bash scripts/python/pytest.sh

echo "== tests"
npx mocha 'test/unit/**/*.test.ts' 'test/policy/**/*.test.ts' 'test/services/**/*.test.ts' 'test/functions/**/*.test.ts' 'test/lambdas/**/*.test.ts' "$@"
