#!/usr/bin/env bash
# Every test, as CI runs it: Debian packages, build, type check, lint (publint + attw),
# unit/property/integration tests including the slow property runs, on this machine's Node;
# then the portable packages' tests once more on Node 24 from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 ONSHIKIT_SLOW=1

bash scripts/setup-test-env.sh

echo "== build, typecheck, lint (node $(node --version))"
pnpm exec turbo run build typecheck lint --output-logs=errors-only
echo "== tests (node $(node --version))"
# One package at a time: the PC/SC suites share the machine's single pcscd socket.
pnpm exec turbo run test --concurrency=1 --output-logs=full

if [ "${ONSHIKIT_SKIP_NODE24:-0}" != "1" ]; then
  bash scripts/test-node24.sh
fi
