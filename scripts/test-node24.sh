#!/usr/bin/env bash
# Runs the tests of the packages without native add-ons on Node 24 taken from the npm
# registry's `node` package (native add-ons are compiled for the machine's Node ABI).
set -euo pipefail
cd "$(dirname "$0")/.."
PORTABLE=(apdu mynumber portal-forms eligibility reader-ble)
filters=()
for p in "${PORTABLE[@]}"; do [ -d "packages/$p" ] && filters+=("--filter=@onshikit/$p"); done
echo "== tests on Node 24: ${PORTABLE[*]}"
npx -y -p node@24 -c "node --version && pnpm exec turbo run test --concurrency=1 --output-logs=errors-only ${filters[*]}"
