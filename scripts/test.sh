#!/usr/bin/env bash
# Every test, as CI runs it: Debian packages, build, type check, lint (publint + attw),
# unit/property/integration/browser tests including the slow property runs on this machine's
# Node, the portable packages once more on Node 24, the docs (troubleshooting page up to date,
# typedoc with warnings as errors) and the consumer test (pack, npm-install the tarballs outside
# the workspace, type-check, and run the doctor and the desk checks on Node 20, 22 and 24).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 ONSHIKIT_SLOW=1
started=$(date +%s)
step() { echo; echo "== $1 ($(( $(date +%s) - started )) s)"; }

bash scripts/setup-test-env.sh

# `pnpm install` on a machine without libpcsclite-dev skips the optional PC/SC native binding
# (so the demo installs anywhere); the headers are there now, so build it for the PC/SC tests.
if ! node -e "require('./packages/reader-pcsc/node_modules/@pokusew/pcsclite')" >/dev/null 2>&1; then
  echo "building the PC/SC native binding (@pokusew/pcsclite)"
  pnpm rebuild -r @pokusew/pcsclite
fi

# Biome checks formatting and lint rules (biome.json); check-boundaries the package direction,
# browser-safe imports and declared dependencies (scripts/boundaries/policy.ts), with its own tests.
step "format and lint (Biome), package boundaries"
pnpm exec biome ci --error-on-warnings .
pnpm exec tsx scripts/check-boundaries.ts
pnpm run test:scripts

step "tests (node $(node --version))"
# Before any build, on purpose: tests read the workspace packages from their sources (vitest.shared.ts
# aliases, tsconfig paths for child processes), so turbo's `test` task has no `^build` edge; a test
# that needs a build output says so (examples/forms/turbo.json). One package at a time: the PC/SC
# suites share the machine's single pcscd socket.
pnpm exec turbo run test --concurrency=1 --output-logs=full

step "build, typecheck, lint (node $(node --version))"
pnpm exec turbo run build typecheck lint --output-logs=errors-only
# Every import in every built dist/ is declared by its package (no inlined workspace package).
pnpm exec tsx scripts/check-dist-imports.ts

if [ "${ONSHIKIT_SKIP_NODE24:-0}" != "1" ]; then
  step "tests on Node 24"
  bash scripts/test-node24.sh
fi

step "docs"
pnpm exec tsx --tsconfig tsconfig.base.json scripts/troubleshooting.ts --check
pnpm exec tsx --tsconfig tsconfig.base.json scripts/check-citations.ts
pnpm exec typedoc --logLevel Warn

step "consumer test: the packed tarballs installed with npm, on Node ${ONSHIKIT_CONSUMER_NODES:-20 22 24}"
bash scripts/consumer-test.sh

step "all tests passed"
